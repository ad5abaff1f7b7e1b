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
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/account.h"
#include "http/http_int.h"

#define SESSION_SECONDS (8 * 3600)
/* failures older than this are forgotten; after an account's or an
 * address's free tries each failure doubles its wait, 30 s to 15 min */
#define THROTTLE_WINDOW (60 * 60)
#define BACKOFF_BASE 30
#define BACKOFF_CAP (15 * 60)

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
	http_reply_retry(r, 429, "too_many_requests", "", wait,
			 "too many failed logins; try again in %lld seconds",
			 (long long)wait);
}

static void start_session(struct http_req *r, const struct user *u)
{
	char token[65], hash[65], cookie[160];
	struct mc_err err;
	int64_t now = (int64_t)time(NULL);
	http_random_hex(token, 32);
	http_token_hash(token, hash);
	http_random_hex(r->user.csrf, 32);
	if (store_session_put(r->app->st, hash, u->id, r->user.csrf,
			      now + SESSION_SECONDS, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	r->user.id = u->id;
	r->user.role = http_role_bit(u->role);
	snprintf(r->user.username, sizeof(r->user.username), "%s", u->username);
	snprintf(r->user.unit, sizeof(r->user.unit), "%s", u->unit_code);
	http_reply_json(r, 200, me_json(&r->user));
	snprintf(cookie, sizeof(cookie),
		 "motcua_session=%s; HttpOnly; SameSite=Strict; Path=/; "
		 "Max-Age=%d",
		 token, SESSION_SECONDS);
	http_add_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
}

/* Record the attempt first (atomically with the throttle's count), then
 * verify: concurrent guesses cannot overtake the count. An unknown or
 * inactive name is verified against the dummy hash, so the answer takes
 * as long as for a known name. */
static void check_login(struct http_req *r, const char *name,
			const char *password)
{
	char ukey[96], akey[96];
	int64_t now = (int64_t)time(NULL), wait;
	const struct http_config *cfg = &r->srv->cfg;
	struct mc_err err;
	struct user u;
	snprintf(ukey, sizeof(ukey), "user:%s", name);
	snprintf(akey, sizeof(akey), "addr:%s", http_client_addr(r));
	struct login_key keys[2] = {
		{ukey, (int)cfg->login_account_tries, BACKOFF_BASE, BACKOFF_CAP,
		 0},
		{akey, (int)cfg->login_address_tries, BACKOFF_BASE, BACKOFF_CAP,
		 0},
	};
	if (store_login_attempt(r->app->st, keys, 2, now, THROTTLE_WINDOW,
				&wait, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	if (wait) {
		throttled(r, wait);
		return;
	}
	bool found = store_user_get(r->app->st, name, &u, NULL) == MC_OK;
	bool usable = found && u.active;
	bool right = http_password_ok(
		r, usable ? u.password_hash : r->srv->dummy_hash, password);
	if (usable && right) {
		/* the attempt was recorded as a failure of both keys: the
		 * account's failures go, the address keeps its others */
		store_login_forget(r->app->st, ukey, keys[1].row,
				   now - THROTTLE_WINDOW, NULL);
		start_session(r, &u);
	} else {
		http_reply_error(r, 401, "unauthorized", "password",
				 "wrong username or password");
	}
	if (found)
		user_release(&u);
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
		char hash[65];
		http_token_hash(token, hash);
		if (store_session_delete(r->app->st, hash, (int64_t)time(NULL),
					 &err)) {
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
