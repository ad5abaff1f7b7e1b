/*
 * session.c - the login with its throttle, and the sessions it opens
 * (see account.h). The store keeps only the hash of a session token.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/account.h"
#include "core/str.h"
#include "store/store.h"

void account_token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
			   strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void account_random_hex(char *out, size_t n)
{
	unsigned char b[32];
	if (n > sizeof(b))
		n = sizeof(b);
	randombytes_buf(b, n);
	sodium_bin2hex(out, n * 2 + 1, b, n);
}

static void session_from(struct account_session *s, const struct user *u,
			 const char *csrf)
{
	memset(s, 0, sizeof(*s));
	s->who.id = u->id;
	snprintf(s->who.username, sizeof(s->who.username), "%s",
		 str_or_empty(u->username));
	snprintf(s->who.role, sizeof(s->who.role), "%s", str_or_empty(u->role));
	snprintf(s->who.unit, sizeof(s->who.unit), "%s",
		 str_or_empty(u->unit_code));
	s->who.active = u->active;
	s->who.created_at = u->created_at;
	snprintf(s->csrf, sizeof(s->csrf), "%s", csrf);
}

/* The right password of an active account: its failures go (the
 * address keeps its others, minus this attempt's mark), and the
 * session opens, together or not at all. */
static enum mc_code sign_in(struct app *app, const struct login_request *rq,
			    const struct user *u, const char *ukey,
			    int64_t addr_attempt, struct account_session *out,
			    struct mc_err *err)
{
	char token[65], hash[65], csrf[65];
	account_random_hex(token, 32);
	account_random_hex(csrf, 32);
	account_token_hash(token, hash);
	enum mc_code rc = store_begin(app->st, err);
	if (!rc)
		rc = store_login_forget(app->st, ukey, addr_attempt,
					rq->now - ACCOUNT_THROTTLE_WINDOW, err);
	if (!rc)
		rc = store_session_put(app->st, hash, u->id, csrf,
				       rq->now + rq->seconds, err);
	if ((rc = store_finish(app->st, rc, err)))
		return rc;
	session_from(out, u, csrf);
	memcpy(out->token, token, sizeof(token));
	return MC_OK;
}

enum mc_code account_login(struct app *app, const struct login_request *rq,
			   struct login_result *out, struct mc_err *err)
{
	char ukey[96], akey[96];
	struct login_key keys[2] = {
		{ukey, rq->account_tries, ACCOUNT_BACKOFF_BASE,
		 ACCOUNT_BACKOFF_CAP, 0},
		{akey, rq->address_tries, ACCOUNT_BACKOFF_BASE,
		 ACCOUNT_BACKOFF_CAP, 0},
	};
	memset(out, 0, sizeof(*out));
	out->outcome = LOGIN_WRONG;
	snprintf(ukey, sizeof(ukey), "user:%s", str_or_empty(rq->username));
	snprintf(akey, sizeof(akey), "addr:%s", str_or_empty(rq->address));
	enum mc_code rc =
		store_login_attempt(app->st, keys, 2, rq->now,
				    ACCOUNT_THROTTLE_WINDOW, &out->wait, err);
	if (rc)
		return rc;
	if (out->wait) {
		out->outcome = LOGIN_WAIT;
		return MC_OK;
	}
	struct user u;
	rc = store_user_get(app->st, rq->username, &u, err);
	if (rc && rc != MC_ERR_NOT_FOUND)
		return rc;
	bool usable = !rc && u.active;
	out->verified = true;
	bool right = account_password_ok(
		usable ? u.password_hash : rq->dummy_hash, rq->password);
	enum mc_code done = MC_OK;
	if (usable && right) {
		done = sign_in(app, rq, &u, ukey, keys[1].attempt,
			       &out->session, err);
		if (!done)
			out->outcome = LOGIN_SIGNED_IN;
	}
	if (!rc)
		user_release(&u);
	return done;
}

enum mc_code account_session_get(struct app *app, const char *token,
				 int64_t now, struct account_session *out,
				 struct mc_err *err)
{
	char hash[65], csrf[65];
	struct user u;
	account_token_hash(str_or_empty(token), hash);
	enum mc_code rc = store_session_get(app->st, hash, now, &u, csrf,
					    sizeof(csrf), err);
	if (rc)
		return rc;
	session_from(out, &u, csrf);
	user_release(&u);
	return MC_OK;
}

enum mc_code account_logout(struct app *app, const char *token, int64_t now,
			    struct mc_err *err)
{
	char hash[65];
	account_token_hash(str_or_empty(token), hash);
	return store_session_delete(app->st, hash, now, err);
}
