/*
 * handlers_verify.c - the public verification of signed results:
 *
 *   POST /api/v1/public/verify {"sha256": hex, "signature": base64}
 *   GET  /api/v1/public/verify?sha256=HEX | ?code=CODE
 *   GET  /api/v1/public/dossiers/{code}/results/{sha256}?secret=S
 *   GET  /api/v1/dossiers/{code}/results/{sha256}      (staff)
 *
 * A page computes the file's SHA-256 in the browser and sends it with
 * the .p7s it was given; the file never leaves the citizen's computer.
 * The answer is the verdict: intact, trusted, why not, who signed
 * (subject, issuer, serial, fingerprint, unit) and when. Bad signature
 * bytes are a 400 naming "signature". No account, no secret: a
 * signature says nothing that its holder cannot read from it already.
 * The GET form asks for the electronic results this system issued: with
 * the file's SHA-256 (a file without its .p7s), or of a dossier by its
 * code; each is checked again, its stored file against its stored
 * signature, and answered with the result's name and number.
 */
#include <sodium.h>
#include <string.h>

#include "app/pki.h"
#include "app/result.h"
#include "http/http_int.h"

json_t *http_verdict_json(const struct app_verdict *a)
{
	const struct pki_verdict *v = &a->v;
	const struct pki_cert_info *c = &v->signer;
	return json_pack(
		"{s:b,s:b,s:s,s:o,s:{s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o}}",
		"intact", v->intact, "trusted", v->trusted, "problem",
		v->problem, "signed_at", http_time(v->signed_at), "signer",
		"subject", c->subject, "issuer", c->issuer, "serial", c->serial,
		"fingerprint", c->fingerprint, "unit_code",
		http_str(c->unit[0] ? c->unit : NULL), "unit_name",
		http_str(a->unit_name[0] ? a->unit_name : NULL), "not_before",
		http_time(c->not_before), "not_after", http_time(c->not_after));
}

/* 64 hex digits into 32 bytes; false after replying 400. */
static bool digest_of(struct http_req *r, const char *hex, unsigned char md[32])
{
	size_t n = 0;
	if (!hex || strlen(hex) != 64 ||
	    sodium_hex2bin(md, 32, hex, 64, NULL, &n, NULL) != 0 || n != 32) {
		http_reply_error(r, 400, "invalid_input", "sha256",
				 "sha256: must be the file's SHA-256 as 64 "
				 "hex digits");
		return false;
	}
	return true;
}

/* The base64 of a DER signature, at most PKI_MAX_SIGNATURE bytes. */
static unsigned char *signature_of(struct http_req *r, const char *b64,
				   size_t *n)
{
	size_t len = b64 ? strlen(b64) : 0;
	if (!len || len > (PKI_MAX_SIGNATURE + 2) / 3 * 4 + 4) {
		http_reply_error(r, 400, "invalid_input", "signature",
				 "signature: must be the .p7s file in base64, "
				 "1 to %d bytes",
				 PKI_MAX_SIGNATURE);
		return NULL;
	}
	unsigned char *sig = malloc(len);
	if (!sig) {
		http_reply_error(r, 500, "internal", "", "out of memory");
		return NULL;
	}
	if (sodium_base642bin(sig, len, b64, len, " \r\n", n, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0) {
		free(sig);
		http_reply_error(r, 400, "invalid_input", "signature",
				 "signature: is not base64");
		return NULL;
	}
	return sig;
}

void h_public_verify(struct http_req *r)
{
	static const char *const keys[] = {"sha256", "signature", NULL};
	json_t *o = http_body_object(r);
	if (!o)
		return;
	unsigned char md[32];
	json_t *h = json_object_get(o, "sha256"),
	       *s = json_object_get(o, "signature");
	unsigned char *sig = NULL;
	size_t n = 0;
	if (http_only_fields(r, o, keys) &&
	    digest_of(r, json_string_value(h), md) &&
	    (sig = signature_of(r, json_string_value(s), &n))) {
		struct app_verdict v;
		struct mc_err err;
		if (app_verify_digest(r->app, md, sig, n, &v, &err))
			http_reply_mc(r, &err);
		else
			http_reply_json(r, 200, http_verdict_json(&v));
	}
	free(sig);
	json_decref(o);
}

static enum mc_code add_held(const struct held_result *h, void *ctx,
			     struct mc_err *err)
{
	json_t *list = ctx, *v = http_verdict_json(h->v);
	const struct dossier_result *res = h->result;
	if (!v ||
	    json_object_set_new(v, "dossier", json_string(h->dossier_code)) ||
	    json_object_set_new(v, "name", http_str(res->name)) ||
	    json_object_set_new(v, "number", http_str(res->code)) ||
	    json_object_set_new(v, "sha256", json_string(res->file)) ||
	    json_object_set_new(v, "signature_sha256",
				json_string(res->signature)) ||
	    json_array_append_new(list, v))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

void h_public_verify_held(struct http_req *r)
{
	const char *sha = http_query(r, "sha256"),
		   *code = http_query(r, "code");
	if (!sha == !code) {
		http_reply_error(r, 400, "invalid_input", "sha256",
				 "sha256: give the file's SHA-256, or code: a "
				 "dossier code (one of the two)");
		return;
	}
	if (code && strlen(code) > 80) {
		http_reply_error(r, 400, "invalid_input", "code",
				 "code: a dossier code of at most 80 bytes");
		return;
	}
	json_t *list = json_array();
	struct mc_err err;
	size_t n = 0;
	if (!list) {
		http_reply_error(r, 500, "internal", "", "out of memory");
	} else if (app_results_held(r->app, code, sha, add_held, list, &n,
				    &err)) {
		json_decref(list);
		http_reply_mc(r, &err);
	} else {
		http_reply_json(r, 200, json_pack("{s:o}", "results", list));
	}
}

/* An electronic result or its .p7s, for the actor (the citizen with the
 * tracking secret: a wrong one answers as an unknown code). */
static void result_file(struct http_req *r, const struct actor *actor)
{
	const struct dossier_read rq = {.actor = actor,
					.code = r->param[0],
					.secret = http_query(r, "secret")};
	struct result_download dl;
	struct mc_err err;
	bool checked = false;
	enum mc_code rc = app_result_download(r->app, &rq, r->param[1], &dl,
					      &checked, &err);
	if (checked)
		http_metrics_event(&r->srv->metrics, HTTP_EV_SECRET_CHECK);
	if (rc)
		http_reply_mc(r, &err);
	else
		http_reply_file(r, dl.type, dl.name, dl.fd, dl.size);
}

void h_public_result(struct http_req *r)
{
	const struct actor citizen = ACTOR_CITIZEN;
	result_file(r, &citizen);
}

void h_dossier_result(struct http_req *r)
{
	struct actor a = http_actor(r);
	result_file(r, &a);
}
