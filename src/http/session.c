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

bool http_request_key(struct http_req *r, const char *actor, struct http_key *k)
{
	const char *key = http_value(r, MHD_HEADER_KIND, "Idempotency-Key");
	memset(k, 0, sizeof(*k));
	if (!key)
		return true;
	size_t n = strlen(key);
	if (n < 16 || n > 128 ||
	    strspn(key, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789-_") != n) {
		r->reason = "key_malformed";
		http_reply_error(r, 400, "invalid_input", "Idempotency-Key",
				 "Idempotency-Key: give 16-128 letters, "
				 "digits, '-' or '_', new for each submission");
		return false;
	}
	unsigned char h[32];
	crypto_generichash_state st;
	/* the actor's name first: two accounts' keys never meet */
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)actor,
				  strlen(actor) + 1);
	crypto_generichash_update(&st, (const unsigned char *)key, n);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(k->key_hash, sizeof(k->key_hash), h, sizeof(h));
	/* the route and the body: the same key on another request is a
	 * conflict, not a replay */
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)r->method,
				  strlen(r->method) + 1);
	crypto_generichash_update(&st, (const unsigned char *)r->url,
				  strlen(r->url) + 1);
	crypto_generichash_update(&st, (const unsigned char *)r->body.buf,
				  r->body.len);
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(k->body_hash, sizeof(k->body_hash), h, sizeof(h));
	snprintf(k->key, sizeof(k->key), "%s", key);
	k->rk.key_hash = k->key_hash;
	k->rk.body_hash = k->body_hash;
	return true;
}

/* The pad that seals a tracking secret (16 bytes) under a request key:
 * only a client holding the key can have the secret back. */
static void secret_pad(const char *key, unsigned char pad[16])
{
	static const unsigned char ctx[] = "motcua: tracking secret sealed";
	crypto_generichash(pad, 16, (const unsigned char *)key, strlen(key),
			   ctx, sizeof(ctx) - 1);
}

void http_key_seal(struct http_key *k, const char *secret)
{
	unsigned char b[16], pad[16];
	size_t n = 0;
	if (sodium_hex2bin(b, sizeof(b), secret, strlen(secret), NULL, &n,
			   NULL) ||
	    n != sizeof(b))
		return;
	secret_pad(k->key, pad);
	for (size_t i = 0; i < sizeof(b); i++)
		b[i] ^= pad[i];
	sodium_bin2hex(k->sealed, sizeof(k->sealed), b, sizeof(b));
	k->rk.sealed = k->sealed;
}

bool http_key_unseal(const struct http_key *k, char secret[33])
{
	unsigned char b[16], pad[16];
	size_t n = 0;
	const char *s = k->rk.sealed_out;
	if (sodium_hex2bin(b, sizeof(b), s, strlen(s), NULL, &n, NULL) ||
	    n != sizeof(b))
		return false;
	secret_pad(k->key, pad);
	for (size_t i = 0; i < sizeof(b); i++)
		b[i] ^= pad[i];
	sodium_bin2hex(secret, 33, b, sizeof(b));
	return true;
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
