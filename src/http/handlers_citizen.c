/*
 * handlers_citizen.c - what citizens send back, and the staff's side of
 * it: a satisfaction rating of a returned dossier (code plus tracking
 * secret, once), feedback (phản ánh kiến nghị) with or without a
 * dossier, the staff's feedback list of their units and its answer.
 *
 * A wrong secret answers like an unknown code (404), as the public
 * lookup does. Feedback outside an account's subtree answers 404 too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/dossier.h"
#include "app/index_http.h"
#include "core/civil.h"
#include "http/http_int.h"

/* The dossier of a code and its secret; false after answering (404 for
 * an unknown code and a wrong secret alike). */
static bool citizen_dossier(struct http_req *r, const char *code,
			    const char *secret, struct dossier *d)
{
	struct mc_err err;
	const struct actor citizen = ACTOR_CITIZEN;
	const struct dossier_read rq = {
		.actor = &citizen, .code = code, .secret = secret};
	bool checked;
	enum mc_code rc = app_dossier_read(r->app, &rq, d, &checked, &err);
	if (checked)
		http_metrics_event(&r->srv->metrics, HTTP_EV_SECRET_CHECK);
	if (rc)
		http_reply_mc(r, &err);
	return rc == MC_OK;
}

/* ---- POST /public/dossiers/{code}/rating --------------------------------- */

void h_rating(struct http_req *r)
{
	static const char *const keys[] = {"secret", "rating", NULL};
	const char *secret, *rating;
	struct dossier d;
	struct mc_err err;
	if (!http_anon_write_ok(r))
		return;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "secret", LIMIT_SECRET, &secret) &&
	    http_need_string(r, o, "rating", LIMIT_WORD, &rating) &&
	    citizen_dossier(r, r->param[0], secret, &d)) {
		if (app_rating_submit(r->app, d.code, rating, "online",
				      (int64_t)time(NULL), &err))
			http_reply_mc(r, &err);
		else
			http_reply_json(r, 201,
					json_pack("{s:s,s:s}", "code", d.code,
						  "rating", rating));
		dossier_release(&d);
	}
	json_decref(o);
}

/* ---- POST /public/feedback ------------------------------------------------
 */

/* PA-{yyMMdd}-{8 hex}: readable over the phone, not guessable. */
static void feedback_id(char out[32])
{
	char hex[17];
	int y, m, d;
	civil_from_days(civil_local_day((int64_t)time(NULL)), &y, &m, &d);
	http_random_hex(hex, 4);
	snprintf(out, 32, "PA-%02d%02d%02d-%s", y % 100, m, d, hex);
}

/* The unit the feedback is about: the dossier's when one is named (the
 * secret proves the sender may speak of it), else the given one. */
static bool feedback_unit(struct http_req *r, json_t *o, char *unit, size_t n,
			  char *dossier, size_t dn)
{
	const char *u, *code, *secret;
	struct dossier d;
	if (!http_opt_string(r, o, "unit", LIMIT_CODE, &u) ||
	    !http_opt_string(r, o, "dossier", LIMIT_DOSSIER_CODE, &code) ||
	    !http_opt_string(r, o, "secret", LIMIT_SECRET, &secret))
		return false;
	dossier[0] = '\0';
	if (code && *code) {
		if (!citizen_dossier(r, code, secret, &d))
			return false;
		snprintf(unit, n, "%s", d.unit_code ? d.unit_code : "");
		snprintf(dossier, dn, "%s", d.code);
		dossier_release(&d);
		return true;
	}
	if (!u || !*u || strlen(u) >= n) {
		http_reply_error(r, 400, "invalid_input", "unit",
				 "unit: is required without a dossier");
		return false;
	}
	snprintf(unit, n, "%s", u);
	return true;
}

void h_feedback_submit(struct http_req *r)
{
	static const char *const keys[] = {"text", "unit", "dossier", "secret",
					   NULL};
	const char *text;
	char unit[64], dossier[64], id[32];
	struct mc_err err;
	if (!http_anon_write_ok(r))
		return;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "text", LIMIT_TEXT, &text) &&
	    feedback_unit(r, o, unit, sizeof(unit), dossier, sizeof(dossier))) {
		feedback_id(id);
		if (app_feedback_submit(r->app, id, unit,
					dossier[0] ? dossier : NULL, text,
					(int64_t)time(NULL), &err))
			http_reply_mc(r, &err);
		else
			http_reply_json(
				r, 201,
				json_pack("{s:s,s:s}", "id", id, "unit", unit));
	}
	json_decref(o);
}

/* ---- staff: GET /feedback, POST /feedback/{id}/answer ---------------------
 */

static int add_feedback(const struct feedback_row *f, void *ctx)
{
	json_array_append_new(
		ctx,
		json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "id", f->id,
			  "unit_code", http_str(f->unit_code), "dossier_code",
			  http_str(f->dossier_code), "text", http_str(f->body),
			  "received_at", http_time(f->received_at),
			  "answered_at", http_time(f->answered_at), "answer",
			  http_str(f->answer), "outcome",
			  http_str(f->outcome)));
	return 0;
}

void h_feedback_list(struct http_req *r)
{
	const char *unit = http_query(r, "unit"), *open = http_query(r, "open"),
		   *limit = http_query(r, "limit");
	struct mc_err err;
	long n = 100;
	struct actor actor = http_actor(r);
	if (!unit)
		unit = r->user.unit;
	if (open && strcmp(open, "0") && strcmp(open, "1")) {
		http_reply_error(r, 400, "invalid_input", "open",
				 "open: is not 0 or 1");
		return;
	}
	if (limit) {
		char *end;
		n = strtol(limit, &end, 10);
		if (!*limit || *end || n < 1 || n > 500) {
			http_reply_error(r, 400, "invalid_input", "limit",
					 "limit: is not 1-500");
			return;
		}
	}
	json_t *rows = json_array();
	const struct feedback_query q = {.actor = &actor,
					 .unit = unit,
					 .open = open && *open == '1',
					 .limit = (int)n};
	if (app_feedback_list(r->app, &q, add_feedback, rows, &err)) {
		json_decref(rows);
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200,
			json_pack("{s:s,s:o}", "unit", unit, "feedback", rows));
}

void h_feedback_answer(struct http_req *r)
{
	static const char *const keys[] = {"answer", "outcome", NULL};
	const char *answer, *outcome;
	struct mc_err err;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (!http_only_fields(r, o, keys) ||
	    !http_need_string(r, o, "answer", LIMIT_TEXT, &answer) ||
	    !http_opt_string(r, o, "outcome", LIMIT_WORD, &outcome)) {
		json_decref(o);
		return;
	}
	struct actor actor = http_actor(r);
	if (app_feedback_answer(r->app, &actor, r->param[0], answer,
				outcome ? outcome : "answered",
				(int64_t)time(NULL), &err))
		http_reply_mc(r, &err);
	else
		http_reply_json(r, 200,
				json_pack("{s:s,s:s}", "id", r->param[0],
					  "answer", answer));
	json_decref(o);
}
