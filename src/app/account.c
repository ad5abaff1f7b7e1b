/*
 * account.c - staff accounts (see account.h).
 */
#include "app/account.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "app/actor.h"

static enum mc_code check_username(const char *u, struct mc_err *err)
{
	size_t n = u ? strlen(u) : 0;
	if (n == 0 || n > 63 ||
	    strspn(u, "abcdefghijklmnopqrstuvwxyz"
		      "0123456789._-") != n)
		return mc_fail(err, MC_ERR_INPUT, "username",
			       "username: 1-63 of a-z, 0-9, '.', '_', '-'");
	return MC_OK;
}

static enum mc_code hash_password(const char *pw,
				  char out[crypto_pwhash_STRBYTES],
				  struct mc_err *err)
{
	if (!pw || strlen(pw) < ACCOUNT_MIN_PASSWORD)
		return mc_fail(err, MC_ERR_INPUT, "password",
			       "password: at least %d characters",
			       ACCOUNT_MIN_PASSWORD);
	if (crypto_pwhash_str(out, pw, strlen(pw),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return mc_fail(err, MC_ERR_NOMEM, "password",
			       "out of memory while hashing the password");
	return MC_OK;
}

enum mc_code account_add(struct app *app, const char *username,
			 const char *role, const char *unit,
			 const char *password, struct mc_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	enum mc_code rc;
	if ((rc = check_username(username, err)))
		return rc;
	if (!actor_role_bit(role))
		return mc_fail(err, MC_ERR_INPUT, "role",
			       "role: must be admin, leader, officer or clerk");
	if ((rc = hash_password(password, hash, err)))
		return rc;
	struct user u = {
		.username = (char *)username,
		.password_hash = hash,
		.role = (char *)role,
		.unit_code = (char *)unit,
		.active = true,
		.created_at = (int64_t)time(NULL),
	};
	return store_user_add(app->st, &u, err);
}

_Static_assert(ACCOUNT_HASH_SIZE == crypto_pwhash_STRBYTES,
	       "ACCOUNT_HASH_SIZE is crypto_pwhash_STRBYTES");

enum mc_code account_dummy_hash(char out[ACCOUNT_HASH_SIZE], struct mc_err *err)
{
	char pw[33];
	unsigned char b[16];
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(pw, sizeof(pw), b, sizeof(b));
	return hash_password(pw, out, err);
}

bool account_password_ok(const char *hash, const char *password)
{
	return hash && password &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
