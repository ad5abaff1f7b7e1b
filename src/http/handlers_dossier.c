/*
 * handlers_dossier.c - the staff side of dossiers: every lifecycle
 * operation, the scoped search, one dossier with its log, and its
 * printed forms as PDF (GET .../forms/{form}, shared with the public
 * route of handlers_public.c: the tracking secret is printed on form 01
 * only when the request carries it and it matches the stored hash).
 *
 * Scope: a dossier handled outside the account's unit subtree answers
 * 404, for reads and writes alike, so its existence is not revealed. A
 * role that may not run an operation gets 403 before anything is read
 * (the router's early answer). Writes are authorized by app_lifecycle
 * alone, inside the operation's transaction: these handlers pass the
 * account as the actor and check nothing themselves.
 *
 * Every write takes an Idempotency-Key header (http_request_key): the
 * same request again with its key answers the first outcome (the same
 * dossier, and a filing's secret, sealed under the key) with
 * Idempotent-Replayed: true; the key on another request is 409.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/dossier.h"
#include "app/form.h"
#include "app/result.h"
#include "core/civil.h"
#include "core/report.h"
#include "core/text.h"
#include "http/http_int.h"
#include "io/filing.h"
#include "io/portal.h"

json_t *http_dossier_summary(const struct dossier *d, int64_t now)
{
	bool overdue = report_dossier_overdue(d, now);
	return json_pack(
		"{s:s,s:o,s:o,s:o,s:i,s:s,s:i,s:s,s:s,s:o,s:o,s:o,"
		"s:o,s:o,s:o,s:o,s:b}",
		"code", d->code ? d->code : "", "procedure_code",
		http_str(d->procedure_code), "procedure_name",
		http_str(d->procedure_name), "unit_code",
		http_str(d->unit_code), "channel", (int)d->channel,
		"channel_name", channel_name(d->channel), "status",
		(int)d->status, "status_key", dossier_status_key(d->status),
		"status_name", dossier_status_name(d->status), "applicant_name",
		http_str(d->applicant_name), "submitted",
		http_time(d->submitted), "received", http_time(d->received),
		"due", http_time(d->due), "finished", http_time(d->finished),
		"returned", http_time(d->returned), "applicant_id",
		http_str(d->applicant_id), "overdue", overdue);
}

/* ---- lifecycle operations ---------------------------------------------- */

struct op_body {
	json_t *json;
	struct dossier_result *results;
	size_t n_results;
};

static void op_body_release(struct op_body *b)
{
	free(b->results);
	json_decref(b->json);
}

static bool parse_decision(struct http_req *r, json_t *o, enum dossier_op *op)
{
	const char *d;
	if (!http_opt_string(r, o, "decision", LIMIT_WORD, &d))
		return false;
	if (d && strcmp(d, "accept") == 0)
		*op = OP_ACCEPT;
	else if (d && strcmp(d, "refuse") == 0)
		*op = OP_REFUSE;
	else if (d && strcmp(d, "supplement") == 0)
		*op = OP_ASK_SUPPLEMENT_AT_RECEPTION;
	else {
		http_reply_error(r, 400, "invalid_input", "decision",
				 "decision: must be accept, refuse or "
				 "supplement");
		return false;
	}
	return true;
}

static bool parse_result(struct http_req *r, json_t *v, size_t i,
			 struct dossier_result *res)
{
	/* file: the SHA-256 of a result file the dossier holds, to be
	 * signed and issued as the electronic result (app/result.h) */
	static const char *const keys[] = {"name", "code", "url", "file"};
	static const enum limit_id limit[] = {LIMIT_COMPONENT, LIMIT_COMPONENT,
					      LIMIT_URL, LIMIT_URL};
	char **dst[] = {&res->name, &res->code, &res->url, &res->file};
	char field[48];
	struct mc_err err;
	if (!json_is_object(v)) {
		http_reply_error(r, 400, "invalid_input", "results",
				 "results[%zu]: must be an object", i);
		return false;
	}
	for (size_t k = 0; k < 4; k++) {
		json_t *s = json_object_get(v, keys[k]);
		snprintf(field, sizeof(field), "results[%zu].%s", i, keys[k]);
		if (s && !json_is_string(s) && !json_is_null(s)) {
			http_reply_error(r, 400, "invalid_input", field,
					 "%s: must be a string", field);
			return false;
		}
		if (limit_check(limit[k], field, json_string_value(s), &err)) {
			http_reply_mc(r, &err);
			return false;
		}
		*dst[k] = (char *)json_string_value(s);
	}
	return true;
}

static bool parse_results(struct http_req *r, json_t *o, struct op_body *b)
{
	json_t *a = json_object_get(o, "results"), *v;
	size_t i;
	if (!a || json_is_null(a))
		return true;
	if (!json_is_array(a) || json_array_size(a) > LIMIT_RESULTS) {
		http_reply_error(r, 400, "invalid_input", "results",
				 "results: must be an array of at most %d",
				 LIMIT_RESULTS);
		return false;
	}
	b->results = calloc(json_array_size(a) + 1, sizeof(*b->results));
	json_array_foreach (a, i, v) {
		if (!parse_result(r, v, i, &b->results[i]))
			return false;
	}
	b->n_results = json_array_size(a);
	return true;
}

/* The body of an operation: note, to, by_post, results, decision. */
static bool parse_op_body(struct http_req *r, struct op_body *b,
			  struct op_request *req)
{
	static const char *const allowed[] = {"note",    "to",       "by_post",
					      "results", "decision", "new_due",
					      NULL};
	const char *new_due = NULL;
	memset(b, 0, sizeof(*b));
	b->json = r->body.len ? http_body_object(r) : json_object();
	if (!b->json || !http_only_fields(r, b->json, allowed) ||
	    !http_opt_string(r, b->json, "note", LIMIT_NOTE,
			     &req->params.note) ||
	    !http_opt_string(r, b->json, "to", LIMIT_CODE,
			     &req->params.to_unit) ||
	    !http_opt_string(r, b->json, "new_due", LIMIT_CODE, &new_due) ||
	    !parse_results(r, b->json, b))
		return false;
	struct mc_err err;
	req->params.new_due = MC_NO_TIME;
	if (new_due &&
	    civil_parse_local(new_due, &req->params.new_due, "new_due", &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	json_t *post = json_object_get(b->json, "by_post");
	if (post && !json_is_boolean(post)) {
		http_reply_error(r, 400, "invalid_input", "by_post",
				 "by_post: must be true or false");
		return false;
	}
	req->params.delivery =
		json_is_true(post) ? DELIVERY_POST : DELIVERY_COUNTER;
	req->params.results = b->results;
	req->params.n_results = b->n_results;
	if (req->params.op == OP_ACCEPT)
		return parse_decision(r, b->json, &req->params.op);
	return true;
}

static void reply_dossier(struct http_req *r, int status,
			  const struct dossier *d, const char *secret,
			  const struct http_key *k)
{
	json_t *o = json_pack("{s:o}", "dossier",
			      http_dossier_summary(d, app_now(r->app)));
	if (secret) {
		json_object_set_new(o, "code", json_string(d->code));
		json_object_set_new(o, "secret", json_string(secret));
	}
	http_reply_json(r, status, o);
	if (k && k->rk.replayed)
		http_add_header(r, "Idempotent-Replayed", "true");
}

/* Whether the body names result files to sign (results[].file). */
static bool signed_results(const struct op_body *b)
{
	for (size_t i = 0; i < b->n_results; i++)
		if (b->results[i].file)
			return true;
	return false;
}

/* finish {"results": [{"name", "code", "file": sha256}]}: every result a
 * file of the dossier, signed and issued (app_finish_signed). */
static void finish_signed(struct http_req *r, struct op_request *req,
			  const struct op_body *b)
{
	struct result_doc docs[LIMIT_RESULTS];
	struct mc_err err;
	struct dossier out;
	for (size_t i = 0; i < b->n_results; i++) {
		const struct dossier_result *res = &b->results[i];
		if (!res->file || res->url) {
			http_reply_error(
				r, 400, "invalid_input", "results",
				"results[%zu].file: give each result's "
				"file to sign, and no url with it",
				i);
			return;
		}
		docs[i] = (struct result_doc){res->name, res->code, -1, NULL,
					      res->file};
	}
	req->params.results = NULL;
	req->params.n_results = 0;
	if (app_finish_signed(r->app, req, docs, b->n_results, &out, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	reply_dossier(r, 200, &out, NULL, NULL);
	dossier_release(&out);
}

void h_dossier_op(struct http_req *r)
{
	const struct http_route *rt = &http_routes[r->route];
	struct op_request req = {0};
	struct op_body b;
	struct dossier out;
	struct mc_err err;
	struct actor actor = http_actor(r);
	req.params.op = (enum dossier_op)rt->op;
	req.params.at = MC_NO_TIME;
	req.code = r->param[0];
	req.actor = &actor;
	struct http_key key;
	if (!http_request_key(r, actor.name, &key))
		return;
	req.key = key.rk.key_hash ? &key.rk : NULL;
	if (parse_op_body(r, &b, &req)) {
		if (signed_results(&b))
			finish_signed(r, &req, &b);
		else if (app_lifecycle(r->app, &req, &out, &err)) {
			http_reply_mc(r, &err);
		} else {
			reply_dossier(r, 200, &out, NULL, &key);
			dossier_release(&out);
		}
	}
	op_body_release(&b);
}

/* ---- new filings -------------------------------------------------------- */

/* Read a new filing given as a JSON object: only what the applicant
 * declares (and, at the counter, what the clerk records); false after
 * answering 400 naming the field. */
static bool parse_filing(struct http_req *r, json_t *f, enum filing_kind kind,
			 struct dossier *filing)
{
	struct mc_err err;
	if (filing_read(f, kind, filing, &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	return true;
}

/* File it; false after answering a refusal. *replayed when the key
 * answered an earlier filing instead. */
static bool file(struct http_req *r, struct op_request *req,
		 const struct dossier *filing, struct http_key *key,
		 bool *replayed)
{
	struct dossier out;
	struct mc_err err;
	char secret[33], hash[65];
	http_random_hex(secret, 16);
	http_token_hash(secret, hash);
	req->filing = filing;
	req->secret_hash = hash;
	req->key = key->rk.key_hash ? &key->rk : NULL;
	if (req->key)
		http_key_seal(key, secret);
	if (filing->unit_code && !r->signed_in)
		snprintf(r->log_unit, sizeof(r->log_unit), "%s",
			 filing->unit_code);
	if (app_lifecycle(r->app, req, &out, &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	*replayed = key->rk.replayed;
	/* a replay gives the first filing's secret back */
	bool has_secret = !*replayed || http_key_unseal(key, secret);
	reply_dossier(r, 201, &out, has_secret ? secret : NULL, key);
	dossier_release(&out);
	return true;
}

enum share { SHARE_NONE, SHARE_TAKEN, SHARE_REFUSED };

/* One of the unit's online filings of the day, taken before filing so
 * that concurrent filings cannot overrun the share; SHARE_REFUSED after
 * answering 429. An unknown unit takes none: the filing is refused by
 * name. The counter (h_counter_filing) takes no share. */
static enum share take_share(struct http_req *r, const char *unit, int64_t day)
{
	struct mc_err err;
	bool known, taken;
	unsigned limit = r->srv->cfg.filings_per_unit;
	if (app_online_share_take(r->app, unit, day, (int)limit, &known, &taken,
				  &err)) {
		http_reply_mc(r, &err);
		return SHARE_REFUSED;
	}
	if (!known)
		return SHARE_NONE;
	if (taken)
		return SHARE_TAKEN;
	http_metrics_event(&r->srv->metrics, HTTP_EV_SHARE_USED);
	r->reason = "unit_share_used";
	http_reply_retry(r, 429, "too_many_requests", "DonViXuLy",
			 civil_time_at(day + 1, 0) - (int64_t)time(NULL),
			 "DonViXuLy: unit %.64s has taken its %u online "
			 "filings of the day; file at its counter or online "
			 "tomorrow",
			 unit, limit);
	return SHARE_REFUSED;
}

void h_register(struct http_req *r)
{
	struct op_request req = {0};
	struct dossier filing;
	const struct actor citizen = ACTOR_CITIZEN;
	req.params.op = OP_REGISTER;
	req.params.at = MC_NO_TIME;
	req.actor = &citizen;
	req.upload_token = http_query(r, "upload"); /* its files, if any */
	dossier_init(&filing);
	if (!http_anon_write_ok(r))
		return;
	int64_t day = civil_local_day((int64_t)time(NULL));
	struct http_key key;
	if (!http_request_key(r, citizen.name, &key))
		return;
	json_t *body = http_body_object(r);
	enum share share = SHARE_REFUSED;
	bool replayed = false;
	if (body && parse_filing(r, body, FILING_ONLINE, &filing))
		share = take_share(r, filing.unit_code, day);
	/* a refusal, or a replay of a filing that took its share before,
	 * gives this one back */
	if (share != SHARE_REFUSED &&
	    (!file(r, &req, &filing, &key, &replayed) || replayed) &&
	    share == SHARE_TAKEN)
		app_online_share_give(r->app, filing.unit_code, day, NULL);
	json_decref(body);
	dossier_release(&filing);
}

static bool counter_filing(struct http_req *r, struct op_body *b,
			   struct op_request *req, struct dossier *filing)
{
	static const char *const allowed[] = {"decision", "note", "filing",
					      NULL};
	memset(b, 0, sizeof(*b));
	if (!(b->json = http_body_object(r)) ||
	    !http_only_fields(r, b->json, allowed) ||
	    !http_opt_string(r, b->json, "note", LIMIT_NOTE,
			     &req->params.note) ||
	    !parse_decision(r, b->json, &req->params.op))
		return false;
	json_t *f = json_object_get(b->json, "filing");
	if (!json_is_object(f)) {
		http_reply_error(r, 400, "invalid_input", "filing",
				 "filing: must be an object in the national "
				 "portal's format");
		return false;
	}
	return parse_filing(r, f, FILING_COUNTER, filing);
}

void h_counter_filing(struct http_req *r)
{
	struct op_request req = {0};
	struct op_body b;
	struct dossier filing;
	struct actor actor = http_actor(r);
	req.params.at = MC_NO_TIME;
	req.actor = &actor;
	struct http_key key;
	bool replayed;
	if (!http_request_key(r, actor.name, &key))
		return;
	dossier_init(&filing);
	if (counter_filing(r, &b, &req, &filing))
		file(r, &req, &filing, &key, &replayed);
	op_body_release(&b);
	dossier_release(&filing);
}

/* ---- reading --------------------------------------------------------------
 */

static int add_event(const struct dossier_event *ev, void *ctx)
{
	json_array_append_new(
		ctx,
		json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:i,s:i,s:o}", "at",
			  http_time(ev->at), "action", http_str(ev->action),
			  "actor", http_str(ev->actor), "actor_role",
			  http_str(ev->actor_role), "actor_unit",
			  http_str(ev->actor_unit), "unit_code",
			  http_str(ev->unit_code), "old_status", ev->old_status,
			  "new_status", ev->new_status, "note",
			  http_str(ev->note)));
	return 0;
}

/* Load a dossier the account may see, with its log into `events` when
 * not NULL; false after answering (404 outside the account's units, as
 * for an unknown code). */
static bool load_scoped(struct http_req *r, const char *code, struct dossier *d,
			json_t *events)
{
	struct mc_err err;
	struct actor actor = http_actor(r);
	const struct dossier_read rq = {.actor = &actor,
					.code = code,
					.events = events ? add_event : NULL,
					.ctx = events};
	if (app_dossier_read(r->app, &rq, d, NULL, &err) == MC_OK)
		return true;
	http_reply_mc(r, &err);
	return false;
}

/* {"kind","name","file","imported_at"} and the anomalies, by kind. */
static void add_provenance(json_t *o, const struct dossier *d)
{
	json_t *origin =
		json_pack("{s:s,s:s}", "kind", dossier_origin_key(d->origin),
			  "name", dossier_origin_name(d->origin));
	if (d->origin == ORIGIN_IMPORT) {
		json_object_set_new(origin, "file", http_str(d->import_file));
		json_object_set_new(origin, "imported_at",
				    http_time(d->imported_at));
	}
	json_object_set_new(o, "origin", origin);
	json_t *list = json_array();
	unsigned set = dossier_anomalies(d);
	const struct dossier_anomaly_kind *kind;
	while ((kind = dossier_anomaly_next(&set, NULL)))
		json_array_append_new(
			list, json_pack("{s:s,s:s,s:s,s:s}", "kind", kind->key,
					"label", kind->label, "nhan",
					kind->nhan, "fields", kind->fields));
	json_object_set_new(o, "anomalies", list);
}

void h_dossier_get(struct http_req *r)
{
	struct dossier d;
	json_t *events = json_array();
	if (!load_scoped(r, r->param[0], &d, events)) {
		json_decref(events);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	portal_dossier_write(&d, &sb);
	json_t *o = http_dossier_summary(&d, app_now(r->app));
	json_object_set_new(o, "portal",
			    json_loads(sb.buf ? sb.buf : "{}", 0, NULL));
	strbuf_release(&sb);
	add_provenance(o, &d);
	json_object_set_new(o, "events", events);
	dossier_release(&d);
	http_reply_json(r, 200, o);
}

/* ---- printed forms (app/form.h) ------------------------------------------ */

/* "01.pdf" (or "01") to a kind; 0 after answering 404. */
static enum form_kind kind_of(struct http_req *r, const char *s)
{
	char num[8];
	size_t n = strcspn(s, ".");
	enum form_kind k = 0;
	if (n < sizeof(num) && (s[n] == '\0' || strcmp(s + n, ".pdf") == 0)) {
		memcpy(num, s, n);
		num[n] = '\0';
		k = form_kind_parse(num);
	}
	if (!k)
		http_reply_error(r, 404, "not_found", "form",
				 "form: give 01.pdf, 02.pdf, 03.pdf, 04.pdf "
				 "or 06.pdf");
	return k;
}

static bool paper_of(struct http_req *r, enum form_paper *out)
{
	const char *s = http_query(r, "paper");
	*out = PAPER_A4;
	if (!s || strcmp(s, "a4") == 0)
		return true;
	if (strcmp(s, "a5") == 0) {
		*out = PAPER_A5;
		return true;
	}
	http_reply_error(r, 400, "invalid_input", "paper",
			 "paper: give a4 or a5");
	return false;
}

/* The public address of this server, for the QR code: --public-url
 * when the server was given one, else as the client reached it,
 * "http://HOST/" when Host is a plain host[:port]. */
static void base_url(struct http_req *r, char *out, size_t n)
{
	if (r->srv->cfg.public_url) {
		snprintf(out, n, "%s", r->srv->cfg.public_url);
		return;
	}
	const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
						       MHD_HTTP_HEADER_HOST);
	out[0] = '\0';
	if (!host || !*host || strlen(host) > 200 ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789.-:[]") != strlen(host))
		return;
	snprintf(out, n, "http://%s/", host);
}

static void reply_form(struct http_req *r, struct form_request *req)
{
	char base[256];
	bool checked = false;
	base_url(r, base, sizeof(base));
	req->base_url = base[0] ? base : NULL;
	req->secret_checked = &checked;
	struct strbuf pdf;
	struct mc_err err;
	strbuf_init(&pdf);
	enum mc_code rc = app_form(r->app, req, &pdf, NULL, &err);
	if (checked)
		http_metrics_event(&r->srv->metrics, HTTP_EV_SECRET_CHECK);
	if (rc) {
		http_reply_mc(r, &err);
	} else {
		char disposition[160];
		snprintf(disposition, sizeof(disposition),
			 "inline; filename=\"mau-%s-%s.pdf\"",
			 form_kind_number(req->kind), req->code);
		http_reply_text(r, 200, "application/pdf", pdf.buf, pdf.len);
		http_add_header(r, "Content-Disposition", disposition);
	}
	strbuf_release(&pdf);
}

/* The part both form routes share: the form and paper of the path and
 * query, the secret, then the PDF. app_form checks the secret against
 * the stored hash (a wrong one, or none from the citizen, answers 404
 * as an unknown code) and the staff's scope. The counter right after
 * filing holds the secret: printed on 01 once it matches. */
void http_form(struct http_req *r, const struct actor *actor)
{
	struct form_request req = {.code = r->param[0], .actor = actor};
	const char *secret = http_query(r, "secret");
	if (!(req.kind = kind_of(r, r->param[1])) || !paper_of(r, &req.paper))
		return;
	req.secret = secret && *secret ? secret : NULL;
	reply_form(r, &req);
}

void h_dossier_form(struct http_req *r)
{
	struct actor actor = http_actor(r);
	http_form(r, &actor);
}
