/*
 * handlers_public.c - GET /api/v1/public/dossiers/{code}?secret=...: a
 * citizen tracks a dossier with the secret given at filing. A wrong or
 * missing secret answers exactly like an unknown code (404), and an
 * unknown code is compared against a dummy secret like a known one, so
 * neither status, body nor work reveals whether a code exists; staff
 * names are left out.
 */
#include <string.h>

#include "app/dossier.h"
#include "http/http_int.h"

/* The reply is written straight into a strbuf (no jansson tree): this is
 * the busiest route. The text is what json_dumps(JSON_COMPACT) wrote for
 * the same members in the same order. */
static int add_step(const struct dossier_event *ev, void *ctx)
{
	struct strbuf *sb = ctx;
	bool first = sb->len && sb->buf[sb->len - 1] == '[';
	strbuf_puts(sb, first ? "{\"at\":" : ",{\"at\":");
	http_time_add(sb, ev->at);
	strbuf_puts(sb, ",\"action\":");
	http_str_add(sb, ev->action);
	strbuf_puts(sb, ",\"unit_code\":");
	http_str_add(sb, ev->unit_code);
	strbuf_puts(sb, ",\"old_status\":");
	strbuf_add_int(sb, ev->old_status);
	strbuf_puts(sb, ",\"new_status\":");
	strbuf_add_int(sb, ev->new_status);
	strbuf_puts(sb, ",\"note\":");
	http_str_add(sb, ev->note);
	strbuf_add(sb, "}", 1);
	return 0;
}

static void public_head(struct strbuf *sb, const struct dossier *d)
{
	strbuf_puts(sb, "{\"code\":");
	strbuf_json_string(sb, d->code);
	strbuf_puts(sb, ",\"procedure_code\":");
	http_str_add(sb, d->procedure_code);
	strbuf_puts(sb, ",\"procedure_name\":");
	http_str_add(sb, d->procedure_name);
	strbuf_puts(sb, ",\"unit_code\":");
	http_str_add(sb, d->unit_code);
	strbuf_puts(sb, ",\"status\":");
	strbuf_add_int(sb, (int)d->status);
	strbuf_puts(sb, ",\"status_key\":");
	strbuf_json_string(sb, dossier_status_key(d->status));
	strbuf_puts(sb, ",\"status_name\":");
	strbuf_json_string(sb, dossier_status_name(d->status));
	strbuf_puts(sb, ",\"submitted\":");
	http_time_add(sb, d->submitted);
	strbuf_puts(sb, ",\"received\":");
	http_time_add(sb, d->received);
	strbuf_puts(sb, ",\"due\":");
	http_time_add(sb, d->due);
	strbuf_puts(sb, ",\"finished\":");
	http_time_add(sb, d->finished);
	strbuf_puts(sb, ",\"returned\":");
	http_time_add(sb, d->returned);
	/* the results, and for an electronic one the hashes of its file
	 * and signature: what .../results/{file} downloads */
	strbuf_puts(sb, ",\"results\":[");
	for (size_t i = 0; i < d->n_results; i++) {
		const struct dossier_result *res = &d->results[i];
		bool signed_file = res->file && res->signature;
		strbuf_puts(sb, i ? ",{\"name\":" : "{\"name\":");
		http_str_add(sb, res->name);
		strbuf_puts(sb, ",\"number\":");
		http_str_add(sb, res->code);
		strbuf_puts(sb, ",\"file\":");
		http_str_add(sb, signed_file ? res->file : NULL);
		strbuf_puts(sb, ",\"signature\":");
		http_str_add(sb, signed_file ? res->signature : NULL);
		strbuf_puts(sb, ",\"signed_at\":");
		http_time_add(sb, signed_file ? res->signed_at : MC_NO_TIME);
		strbuf_add(sb, "}", 1);
	}
	strbuf_puts(sb, "],\"history\":[");
}

void h_public_dossier(struct http_req *r)
{
	struct dossier d;
	struct mc_err err;
	struct strbuf steps;
	const struct actor citizen = ACTOR_CITIZEN;
	bool checked;
	strbuf_init(&steps);
	strbuf_add(&steps, "[", 1);
	/* an unknown code is checked against a dummy secret: the same
	 * status, body and work as a wrong secret */
	const struct dossier_read rq = {.actor = &citizen,
					.code = r->param[0],
					.secret = http_query(r, "secret"),
					.events = add_step,
					.ctx = &steps};
	enum mc_code rc = app_dossier_read(r->app, &rq, &d, &checked, &err);
	if (checked)
		http_metrics_event(&r->srv->metrics, HTTP_EV_SECRET_CHECK);
	if (rc) {
		strbuf_release(&steps);
		http_reply_mc(r, &err);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	public_head(&sb, &d);
	dossier_release(&d);
	if (steps.oom || !steps.buf)
		sb.oom = true; /* http_reply_strbuf answers 500 */
	else
		strbuf_add(&sb, steps.buf + 1, steps.len - 1);
	strbuf_release(&steps);
	strbuf_add(&sb, "]}", 2);
	http_reply_strbuf(r, 200, &sb);
}

/* A printed form of one's dossier: code and secret, as tracking. */
void h_public_form(struct http_req *r)
{
	struct actor actor = ACTOR_CITIZEN;
	http_form(r, &actor);
}
