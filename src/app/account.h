/*
 * account.h - staff accounts: creation with an argon2id password hash
 * (libsodium crypto_pwhash_str, interactive limits), the check of a
 * password, the login with its throttle, and the sessions it opens.
 * Accounts belong to the application: `motcua user` and the server's
 * login both use this. The edges see an account as struct account_info
 * and never its password hash.
 */
#ifndef MC_APP_ACCOUNT_H
#define MC_APP_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
/* The same without the password's length: the demonstration accounts
 * (motcua serve --demo-accounts) have "demo", too short for a real one
 * on purpose. */
enum mc_code account_add_demo(struct app *app, const char *username,
			      const char *role, const char *unit,
			      const char *password, struct mc_err *err);
/* A hash of a random password, made as account_add makes hashes: what
 * an unknown user name is checked against. */
enum mc_code account_dummy_hash(char out[ACCOUNT_HASH_SIZE],
				struct mc_err *err);
/* Whether password matches the stored hash (constant-time in sodium). */
bool account_password_ok(const char *hash, const char *password);

/* An account as the edges see it. */
struct account_info {
	int64_t id;
	char username[64];
	char role[16]; /* "admin", "leader", "officer" or "clerk" */
	char unit[64]; /* the root of the units it acts on */
	bool active;
	int64_t created_at;
};

/* MC_ERR_NOT_FOUND naming "username" when there is no such account. */
enum mc_code account_get(struct app *app, const char *username,
			 struct account_info *out, struct mc_err *err);
typedef int (*account_fn)(const struct account_info *a, void *ctx);
/* Every account by name; fn returns non-zero to stop. */
enum mc_code account_each(struct app *app, account_fn fn, void *ctx,
			  struct mc_err *err);

/* ---- sessions and the login (session.c) ------------------------------ */

/* A session: its account and its CSRF token; the token itself (the
 * cookie's value, never stored: the store keeps its hash) only as the
 * login made it. */
struct account_session {
	struct account_info who;
	char token[65];
	char csrf[65];
};

/* The throttle, per account ("user:NAME") and per address ("addr:IP"):
 * each has free tries within ACCOUNT_THROTTLE_WINDOW seconds; past them
 * each failure doubles its wait from its last failure,
 * ACCOUNT_BACKOFF_BASE seconds up to ACCOUNT_BACKOFF_CAP. */
#define ACCOUNT_THROTTLE_WINDOW (60 * 60)
#define ACCOUNT_BACKOFF_BASE 30
#define ACCOUNT_BACKOFF_CAP (15 * 60)

struct login_request {
	const char *username, *password;
	const char *address;    /* the client's, as its throttle key */
	int account_tries;      /* free failures of the account */
	int address_tries;      /* and of the address */
	const char *dummy_hash; /* account_dummy_hash: for unknown names */
	int64_t now;
	int64_t seconds; /* the session's lifetime */
};

enum login_outcome {
	LOGIN_SIGNED_IN, /* session holds the new session */
	LOGIN_WRONG,     /* unknown name, inactive, or wrong password */
	LOGIN_WAIT,      /* throttled: wait seconds; nothing verified */
};
struct login_result {
	enum login_outcome outcome;
	int64_t wait;
	bool verified; /* a password hash was checked (dummy or not) */
	struct account_session session;
};

/* Record the attempt against both keys first (atomically with the
 * throttle's count, so concurrent guesses cannot overtake it), then
 * verify the password, an unknown or inactive name against
 * dummy_hash so that it costs what a known one does; a right password
 * takes back the account's failures and this attempt's mark on the
 * address, and opens the session, in one transaction. Fails closed: on
 * any failure of the store the answer is that failure and nobody is
 * signed in. */
enum mc_code account_login(struct app *app, const struct login_request *rq,
			   struct login_result *out, struct mc_err *err);
/* The active account of a live session `token` at `now`;
 * MC_ERR_NOT_FOUND when there is none (ended, expired, unknown). */
enum mc_code account_session_get(struct app *app, const char *token,
				 int64_t now, struct account_session *out,
				 struct mc_err *err);
/* End session `token` and purge those expired at `now`. */
enum mc_code account_logout(struct app *app, const char *token, int64_t now,
			    struct mc_err *err);

/* BLAKE2b-256 of a token or secret as 64 hex characters: what the store
 * keeps of session tokens and tracking secrets. */
void account_token_hash(const char *token, char out[65]);
/* n random bytes (at most 32) as 2n hex characters and a NUL. */
void account_random_hex(char *out, size_t n);

#endif
