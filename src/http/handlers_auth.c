/*
 * handlers_auth.c - sign in, sign out, who am I. The session token lives
 * only in an HttpOnly, SameSite=Strict cookie (the store keeps its hash);
 * the CSRF token comes back in the JSON for the page to repeat in
 * X-CSRF-Token.
 *
 * Throttle: an account and an address each have free tries (5 and 20
 * by default, http_config); past them each failure doubles the key's
 * wait (429, Retry-After), 30 s up to 15 minutes from its last failure,
 * within a window of an hour. An address's failures never lock another
 * account's right password below its own limit, and a right password
 * takes back its own attempt.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/account.h"
#include "http/http_int.h"

#define SESSION_SECONDS (8 * 3600)

static const char *role_name(unsigned bit)
{
	switch (bit) {
	case ROLE_ADMIN: return "admin";
	case ROLE_LEADER: return "leader";
	case ROLE_OFFICER: return "officer";
	case ROLE_CLERK: return "clerk";
	}
	return "?";
}

static json_t *me_json(const struct http_user *u)
{
	return json_pack("{s:{s:s,s:s,s:s},s:s}", "user", "username",
			 u->username, "role", role_name(u->role), "unit",
			 u->unit, "csrf", u->csrf);
}

/* Answer 429 for a login that must wait. */
static void throttled(struct http_req *r, int64_t wait)
{
	http_metrics_event(&r->srv->metrics, HTTP_EV_LOGIN_THROTTLED);
	r->reason = "login_throttled";
	http_reply_retry(r, 429, "too_many_requests", "", wait,
			 "too many failed logins; try again in %lld seconds",
			 (long long)wait);
}

static void start_session(struct http_req *r, const struct account_session *s)
{
	char cookie[160];
	r->user.id = s->who.id;
	r->user.role = http_role_bit(s->who.role);
	snprintf(r->user.username, sizeof(r->user.username), "%s",
		 s->who.username);
	snprintf(r->user.unit, sizeof(r->user.unit), "%s", s->who.unit);
	snprintf(r->user.csrf, sizeof(r->user.csrf), "%s", s->csrf);
	http_reply_json(r, 200, me_json(&r->user));
	snprintf(cookie, sizeof(cookie),
		 "motcua_session=%s; HttpOnly; SameSite=Strict; Path=/; "
		 "Max-Age=%d",
		 s->token, SESSION_SECONDS);
	http_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
}

/* The application records the attempt, verifies and opens the session
 * (account_login); a failure of the store signs nobody in. */
static void check_login(struct http_req *r, const char *name,
			const char *password)
{
	const struct http_config *cfg = &r->srv->cfg;
	const struct login_request rq = {
		.username = name,
		.password = password,
		.address = http_client_addr(r),
		.account_tries = (int)cfg->login_account_tries,
		.address_tries = (int)cfg->login_address_tries,
		.dummy_hash = r->srv->dummy_hash,
		.now = (int64_t)time(NULL),
		.seconds = SESSION_SECONDS,
	};
	struct login_result res;
	struct mc_err err;
	enum mc_code rc = account_login(r->app, &rq, &res, &err);
	if (res.verified)
		http_metrics_event(&r->srv->metrics, HTTP_EV_PASSWORD_CHECK);
	if (rc)
		http_reply_mc(r, &err);
	else if (res.outcome == LOGIN_WAIT)
		throttled(r, res.wait);
	else if (res.outcome == LOGIN_SIGNED_IN)
		start_session(r, &res.session);
	else {
		r->reason = "login_failed";
		http_reply_error(r, 401, "unauthorized", "password",
				 "wrong username or password");
	}
	sodium_memzero(&res, sizeof(res));
}

void h_login(struct http_req *r)
{
	static const char *const allowed[] = {"username", "password", NULL};
	const char *name, *password;
	json_t *b = http_body_object(r);
	if (!b)
		return;
	if (http_only_fields(r, b, allowed) &&
	    http_opt_string(r, b, "username", LIMIT_USERNAME, &name) &&
	    http_opt_string(r, b, "password", LIMIT_PASSWORD, &password)) {
		if (!name || !*name || strlen(name) > 63)
			http_reply_error(r, 400, "invalid_input", "username",
					 "username: is required");
		else if (!password)
			http_reply_error(r, 400, "invalid_input", "password",
					 "password: is required");
		else
			check_login(r, name, password);
	}
	json_decref(b);
}

void h_logout(struct http_req *r)
{
	const char *token = http_value(r, MHD_COOKIE_KIND, "motcua_session");
	struct mc_err err;
	if (r->signed_in && token) {
		if (account_logout(r->app, token, (int64_t)time(NULL), &err)) {
			http_reply_mc(r, &err);
			return;
		}
	}
	http_reply_json(r, 200, json_pack("{s:b}", "signed_in", 0));
	http_add_header(r, MHD_HTTP_HEADER_SET_COOKIE,
			"motcua_session=; HttpOnly; SameSite=Strict; Path=/; "
			"Max-Age=0");
}

void h_me(struct http_req *r)
{
	if (!r->signed_in) {
		http_reply_error(r, 401, "unauthorized", "", "not signed in");
		return;
	}
	http_reply_json(r, 200, me_json(&r->user));
}
