/*
 * handlers_auth.c - sign in, sign out, who am I. The session token lives
 * only in an HttpOnly, SameSite=Strict cookie (the store keeps its hash);
 * the CSRF token comes back in the JSON for the page to repeat in
 * X-CSRF-Token. Five failed logins for a username or from an address
 * within 15 minutes lock further attempts (429, Retry-After) until the
 * oldest of them is 15 minutes old.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "http/account.h"
#include "http/http_int.h"

#define SESSION_SECONDS (8 * 3600)
#define THROTTLE_WINDOW (15 * 60)
#define THROTTLE_MAX 5

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

/* Seconds until the key may try again, 0 when it may now. */
static int64_t locked_for(struct http_req *r, const char *key, int64_t now)
{
	int n = 0;
	int64_t oldest = MC_NO_TIME;
	if (store_login_failure_count(r->app->st, key, now - THROTTLE_WINDOW,
				      &n, &oldest, NULL) ||
	    n < THROTTLE_MAX || oldest == MC_NO_TIME)
		return 0;
	int64_t wait = oldest + THROTTLE_WINDOW - now;
	return wait > 0 ? wait : 1;
}

static bool throttled(struct http_req *r, const char *ukey, const char *akey,
		      int64_t now)
{
	int64_t a = locked_for(r, ukey, now), b = locked_for(r, akey, now);
	int64_t wait = a > b ? a : b;
	if (!wait)
		return false;
	char secs[24];
	snprintf(secs, sizeof(secs), "%lld", (long long)wait);
	http_reply_error(r, 429, "too_many_requests", "",
			 "too many failed logins; try again in %s seconds",
			 secs);
	http_add_header(r, MHD_HTTP_HEADER_RETRY_AFTER, secs);
	return true;
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

static void check_login(struct http_req *r, const char *name,
			const char *password)
{
	char ukey[96], akey[96];
	int64_t now = (int64_t)time(NULL);
	struct user u;
	snprintf(ukey, sizeof(ukey), "user:%s", name);
	snprintf(akey, sizeof(akey), "addr:%s", http_client_addr(r));
	if (throttled(r, ukey, akey, now))
		return;
	bool found = store_user_get(r->app->st, name, &u, NULL) == MC_OK;
	if (found && u.active &&
	    account_password_ok(u.password_hash, password)) {
		store_login_failure_clear(r->app->st, ukey,
					  now - THROTTLE_WINDOW, NULL);
		start_session(r, &u);
	} else {
		/* deliberately kept although the request fails: the count
		 * is what throttles the next guess */
		store_login_failure_add(r->app->st, ukey, now, NULL);
		store_login_failure_add(r->app->st, akey, now, NULL);
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
	    http_opt_string(r, b, "username", &name) &&
	    http_opt_string(r, b, "password", &password)) {
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
	const char *token = MHD_lookup_connection_value(
		r->conn, MHD_COOKIE_KIND, "motcua_session");
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
