/*
 * handlers_public.c - GET /api/v1/public/dossiers/{code}?secret=...: a
 * citizen tracks a dossier with the secret given at filing. A wrong or
 * missing secret answers exactly like an unknown code (404), so the
 * existence of a code is not revealed; staff names are left out.
 */
#include <sodium.h>
#include <string.h>

#include "http/http_int.h"

static bool secret_ok(struct http_req *r, const struct dossier *d)
{
	const char *secret = http_query(r, "secret");
	char want[129], got[65];
	if (!secret || strlen(secret) > 256 ||
	    store_dossier_secret_get(r->app->st, d->id, want, sizeof(want),
				     NULL))
		return false;
	http_token_hash(secret, got);
	return strlen(want) == 64 && sodium_memcmp(want, got, 64) == 0;
}

static int add_step(const struct dossier_event *ev, void *ctx)
{
	json_array_append_new(
		ctx, json_pack("{s:o,s:o,s:o,s:i,s:i,s:o}", "at",
			       http_time(ev->at), "action", http_str(ev->action),
			       "unit_code", http_str(ev->unit_code),
			       "old_status", ev->old_status, "new_status",
			       ev->new_status, "note", http_str(ev->note)));
	return 0;
}

static json_t *public_json(const struct dossier *d, json_t *history)
{
	return json_pack("{s:s,s:o,s:o,s:o,s:i,s:s,s:s,s:o,s:o,s:o,s:o,s:o,"
			 "s:o}",
			 "code", d->code, "procedure_code",
			 http_str(d->procedure_code), "procedure_name",
			 http_str(d->procedure_name), "unit_code",
			 http_str(d->unit_code), "status", (int)d->status,
			 "status_key", dossier_status_key(d->status),
			 "status_name", dossier_status_name(d->status),
			 "submitted", http_time(d->submitted), "received",
			 http_time(d->received), "due", http_time(d->due),
			 "finished", http_time(d->finished), "returned",
			 http_time(d->returned), "history", history);
}

void h_public_dossier(struct http_req *r)
{
	struct dossier d;
	struct mc_err err;
	enum mc_code rc = store_dossier_get(r->app->st, r->param[0], &d, &err);
	if (rc && rc != MC_ERR_NOT_FOUND) {
		http_reply_mc(r, &err);
		return;
	}
	if (rc || !secret_ok(r, &d)) {
		if (!rc)
			dossier_release(&d);
		http_reply_error(r, 404, "not_found", "code",
				 "no dossier with this code and secret");
		return;
	}
	json_t *history = json_array();
	rc = store_event_each(r->app->st, d.code, add_step, history, &err);
	json_t *o = public_json(&d, history);
	dossier_release(&d);
	if (rc) {
		json_decref(o);
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, o);
}
