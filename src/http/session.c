/*
 * session.c - who is asking: the session cookie, the CSRF token that
 * every state-changing request of a session must repeat in a header, the
 * unit-subtree scope of an account, and the tokens and hashes behind them.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/http_int.h"

unsigned http_role_bit(const char *role) { return actor_role_bit(role); }

void http_token_hash(const char *token, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
			   strlen(token), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void http_random_hex(char *out, size_t n)
{
	unsigned char b[32];
	if (n > sizeof(b))
		n = sizeof(b);
	randombytes_buf(b, n);
	sodium_bin2hex(out, n * 2 + 1, b, n);
}

static void fill_user(struct http_user *hu, const struct user *u,
		      const char *csrf)
{
	hu->id = u->id;
	snprintf(hu->username, sizeof(hu->username), "%s", u->username);
	snprintf(hu->unit, sizeof(hu->unit), "%s", u->unit_code);
	hu->role = http_role_bit(u->role);
	snprintf(hu->csrf, sizeof(hu->csrf), "%s", csrf);
}

enum mc_code http_session_load(struct http_req *r, struct mc_err *err)
{
	const char *token = http_value(r, MHD_COOKIE_KIND, "motcua_session");
	r->signed_in = false;
	if (!token || strlen(token) != 64)
		return MC_OK;
	char hash[65], csrf[65];
	struct user u;
	http_token_hash(token, hash);
	enum mc_code rc =
		store_session_get(r->app->st, hash, (int64_t)time(NULL), &u,
				  csrf, sizeof(csrf), err);
	if (rc == MC_ERR_NOT_FOUND)
		return MC_OK; /* an ended session is no session */
	if (rc)
		return rc;
	fill_user(&r->user, &u, csrf);
	r->signed_in = r->user.role != 0;
	user_release(&u);
	return MC_OK;
}

bool http_csrf_ok(struct http_req *r)
{
	const char *h = http_value(r, MHD_HEADER_KIND, "X-CSRF-Token");
	size_t n = strlen(r->user.csrf);
	return h && n && strlen(h) == n &&
	       sodium_memcmp(h, r->user.csrf, n) == 0;
}

/* BLAKE2b of nothing anyone holds: what an unknown code is compared
 * against. */
static const char dummy_secret_hash[65] =
	"0000000000000000000000000000000000000000000000000000000000000000";

bool http_secret_ok(struct http_req *r, int64_t dossier_id, const char *secret)
{
	char want[129], got[65];
	/* an unknown dossier reads the secret of id 0 (none), as a known
	 * one reads its own: the same statement, then the same hash */
	bool stored = store_dossier_secret_get(r->app->st, dossier_id, want,
					       sizeof(want), NULL) == MC_OK &&
		      strlen(want) == 64;
	if (!stored)
		memcpy(want, dummy_secret_hash, sizeof(dummy_secret_hash));
	bool given = secret && strlen(secret) <= 256;
	http_token_hash(given ? secret : "", got);
	http_metrics_event(&r->srv->metrics, HTTP_EV_SECRET_CHECK);
	return sodium_memcmp(want, got, 64) == 0 && stored && given &&
	       dossier_id;
}

bool http_password_ok(struct http_req *r, const char *hash,
		      const char *password)
{
	http_metrics_event(&r->srv->metrics, HTTP_EV_PASSWORD_CHECK);
	return account_password_ok(hash, password);
}

bool http_in_scope(struct app *app, const char *root, const char *code)
{
	return app_in_scope(app, root, code);
}

struct actor http_actor(const struct http_req *r)
{
	return (struct actor){.role = r->user.role,
			      .name = r->user.username,
			      .unit = r->user.unit,
			      .user_id = r->user.id};
}
