/*
 * session.c - who is asking: the session cookie (its account read by the
 * application, app/session.c), the CSRF token that every state-changing
 * request of a session must repeat in a header, and the account as the
 * application's actor, whose units the application checks.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/http_int.h"

unsigned http_role_bit(const char *role) { return actor_role_bit(role); }

void http_token_hash(const char *token, char out[65])
{
	account_token_hash(token, out);
}

void http_random_hex(char *out, size_t n) { account_random_hex(out, n); }

static void fill_user(struct http_user *hu, const struct account_session *s)
{
	hu->id = s->who.id;
	snprintf(hu->username, sizeof(hu->username), "%s", s->who.username);
	snprintf(hu->unit, sizeof(hu->unit), "%s", s->who.unit);
	hu->role = http_role_bit(s->who.role);
	snprintf(hu->csrf, sizeof(hu->csrf), "%s", s->csrf);
}

enum mc_code http_session_load(struct http_req *r, struct mc_err *err)
{
	const char *token = http_value(r, MHD_COOKIE_KIND, "motcua_session");
	r->signed_in = false;
	if (!token || strlen(token) != 64)
		return MC_OK;
	struct account_session s;
	enum mc_code rc = account_session_get(r->app, token,
					      (int64_t)time(NULL), &s, err);
	if (rc == MC_ERR_NOT_FOUND)
		return MC_OK; /* an ended session is no session */
	if (rc)
		return rc;
	fill_user(&r->user, &s);
	r->signed_in = r->user.role != 0;
	sodium_memzero(&s, sizeof(s));
	return MC_OK;
}

bool http_csrf_ok(struct http_req *r)
{
	const char *h = http_value(r, MHD_HEADER_KIND, "X-CSRF-Token");
	size_t n = strlen(r->user.csrf);
	return h && n && strlen(h) == n &&
	       sodium_memcmp(h, r->user.csrf, n) == 0;
}

struct actor http_actor(const struct http_req *r)
{
	return (struct actor){.role = r->user.role,
			      .name = r->user.username,
			      .unit = r->user.unit,
			      .user_id = r->user.id};
}
