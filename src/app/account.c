/*
 * account.c - staff accounts (see account.h).
 */
#include "app/account.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/actor.h"
#include "core/str.h"
#include "store/store.h"

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

static enum mc_code hash_password(const char *pw, size_t min_length,
				  char out[crypto_pwhash_STRBYTES],
				  struct mc_err *err)
{
	if (!pw || strlen(pw) < min_length)
		return mc_fail(err, MC_ERR_INPUT, "password",
			       "password: at least %zu characters", min_length);
	if (crypto_pwhash_str(out, pw, strlen(pw),
			      crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return mc_fail(err, MC_ERR_NOMEM, "password",
			       "out of memory while hashing the password");
	return MC_OK;
}

static enum mc_code add(struct app *app, const char *username, const char *role,
			const char *unit, const char *password,
			size_t min_length, struct mc_err *err)
{
	char hash[crypto_pwhash_STRBYTES];
	enum mc_code rc;
	if ((rc = check_username(username, err)))
		return rc;
	if (!actor_role_bit(role))
		return mc_fail(err, MC_ERR_INPUT, "role",
			       "role: must be admin, leader, officer or clerk");
	if ((rc = hash_password(password, min_length, hash, err)))
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

enum mc_code account_add(struct app *app, const char *username,
			 const char *role, const char *unit,
			 const char *password, struct mc_err *err)
{
	return add(app, username, role, unit, password, ACCOUNT_MIN_PASSWORD,
		   err);
}

enum mc_code account_add_demo(struct app *app, const char *username,
			      const char *role, const char *unit,
			      const char *password, struct mc_err *err)
{
	return add(app, username, role, unit, password, 1, err);
}

_Static_assert(ACCOUNT_HASH_SIZE == crypto_pwhash_STRBYTES,
	       "ACCOUNT_HASH_SIZE is crypto_pwhash_STRBYTES");

enum mc_code account_dummy_hash(char out[ACCOUNT_HASH_SIZE], struct mc_err *err)
{
	char pw[33];
	unsigned char b[16];
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(pw, sizeof(pw), b, sizeof(b));
	return hash_password(pw, ACCOUNT_MIN_PASSWORD, out, err);
}

bool account_password_ok(const char *hash, const char *password)
{
	return hash && password &&
	       crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

static void account_from(struct account_info *a, const struct user *u)
{
	memset(a, 0, sizeof(*a));
	a->id = u->id;
	snprintf(a->username, sizeof(a->username), "%s",
		 str_or_empty(u->username));
	snprintf(a->role, sizeof(a->role), "%s", str_or_empty(u->role));
	snprintf(a->unit, sizeof(a->unit), "%s", str_or_empty(u->unit_code));
	a->active = u->active;
	a->created_at = u->created_at;
}

enum mc_code account_get(struct app *app, const char *username,
			 struct account_info *out, struct mc_err *err)
{
	struct user u;
	enum mc_code rc = store_user_get(app->st, username, &u, err);
	if (rc)
		return rc;
	account_from(out, &u);
	user_release(&u);
	return MC_OK;
}

struct each_account {
	account_fn fn;
	void *ctx;
};

static int each_user(const struct user *u, void *ctx)
{
	struct each_account *e = ctx;
	struct account_info a;
	account_from(&a, u);
	return e->fn(&a, e->ctx);
}

enum mc_code account_each(struct app *app, account_fn fn, void *ctx,
			  struct mc_err *err)
{
	struct each_account e = {fn, ctx};
	return store_user_each(app->st, each_user, &e, err);
}
