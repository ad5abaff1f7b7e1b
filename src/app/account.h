/*
 * account.h - staff accounts: creation with an argon2id password hash
 * (libsodium crypto_pwhash_str, interactive limits) and the check of a
 * password. Accounts belong to the application: `motcua user` and the
 * server's login both use this.
 */
#ifndef MC_APP_ACCOUNT_H
#define MC_APP_ACCOUNT_H

#include <stdbool.h>

#include "app/app.h"

/* The size of a password hash string (crypto_pwhash_STRBYTES). */
#define ACCOUNT_HASH_SIZE 128

/* Passwords shorter than this are refused. */
#define ACCOUNT_MIN_PASSWORD 8

/* Add an account: username 1-63 of [a-z0-9._-], role admin, leader,
 * officer or clerk, a known unit, the password hashed here. */
enum mc_code account_add(struct app *app, const char *username,
			 const char *role, const char *unit,
			 const char *password, struct mc_err *err);
/* A hash of a random password, made as account_add makes hashes: what
 * an unknown user name is checked against. */
enum mc_code account_dummy_hash(char out[ACCOUNT_HASH_SIZE],
				struct mc_err *err);
/* Whether password matches the stored hash (constant-time in sodium). */
bool account_password_ok(const char *hash, const char *password);

#endif
