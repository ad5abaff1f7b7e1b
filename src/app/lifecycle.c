/*
 * lifecycle.c - lifecycle operations as transactions: load, check the
 * actor (app/actor.h), the state and the rules, apply (core/lifecycle.c),
 * store, log, commit. Any failure rolls back, so the database is exactly
 * as before. The actor is checked here and nowhere else, against the
 * dossier read under the write lock: a transfer that commits first moves
 * the dossier out of an officer's reach before the officer's step reads
 * it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/files.h"
#include "app/filing.h"
#include "app/payment.h"
#include "core/civil.h"
#include "core/str.h"
#include "store/store.h"

static enum mc_code unit_usable(struct app *app, const char *code, int64_t day,
				const char *field, struct mc_err *err)
{
	struct unit u;
	if (str_empty(code))
		return mc_fail_as(err, MC_ERR_INPUT, field, "required",
				  "%s: is required", field);
	/* a store that fails is a failure, never an unknown unit */
	enum mc_code rc = store_unit_get(app->st, code, &u, err);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail_as(err, MC_ERR_NOT_FOUND, field, "unit_unknown",
				  "%s: unit \"%s\" is not known", field, code);
	if (rc)
		return rc;
	if (!unit_valid_on(&u, day)) {
		char buf[CIVIL_BUF];
		rc = mc_fail_as(err, MC_ERR_RULE, field, "unit_closed",
				"%s: unit %s is not in service on %s%s%s",
				field, code, civil_format_date(day, buf),
				u.successor ? "; its successor is " : "",
				str_or_empty(u.successor));
	}
	unit_release(&u);
	return rc;
}

/* A new filing: check it against its procedure and unit, number it. */
static enum mc_code prepare_filing(struct app *app, struct dossier *d,
				   const struct procedure *p,
				   const struct op_request *req,
				   struct mc_err *err)
{
	int64_t day = civil_local_day(req->params.at);
	enum mc_code rc;
	if (!str_empty(d->code))
		return mc_fail(err, MC_ERR_INPUT, "MaHoSo",
			       "MaHoSo: a new filing gets its code from the "
			       "system; leave it out");
	/* numbered here: never a code an import took, nor taken by one */
	d->origin =
		req->params.op == OP_REGISTER ? ORIGIN_ONLINE : ORIGIN_COUNTER;
	free(d->import_file);
	d->import_file = NULL;
	d->imported_at = MC_NO_TIME;
	if (req->params.op == OP_REGISTER)
		d->channel = CHANNEL_ONLINE;
	else if (d->channel == CHANNEL_ONLINE)
		return mc_fail(err, MC_ERR_INPUT, "KenhThucHien",
			       "KenhThucHien: an online filing is registered "
			       "online, then received; use register");
	if ((rc = unit_usable(app, d->unit_code, day, "DonViXuLy", err)) ||
	    (rc = app_filing_offered(app, p, d->unit_code, err)) ||
	    (rc = lifecycle_channel_allowed(p, d->channel, day, err)) ||
	    (rc = app_filing_fees(d, p, err)) ||
	    (rc = app_filing_files(app, d, p, req, err)))
		return rc;
	if (!str_set(&d->procedure_name, p->name) ||
	    !str_set(&d->field_code, p->field_code) ||
	    !str_set(&d->field_name, p->field_name))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	d->status = 0;
	return store_dossier_next_code(app->st, d->unit_code, day, &d->code,
				       err);
}

static enum mc_code load(struct app *app, const struct op_request *req,
			 struct dossier *d, struct mc_err *err)
{
	if (req->code)
		return store_dossier_get(app->st, req->code, d, err);
	if (!req->filing)
		return mc_fail(err, MC_ERR_INPUT, "MaHoSo",
			       "MaHoSo: give a dossier code or a new filing");
	if (!dossier_copy(d, req->filing))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

/* The actor's units must hold the dossier (or the new filing). */
static enum mc_code in_actor_scope(struct app *app, const struct actor *a,
				   const struct dossier *d, bool existing,
				   struct mc_err *err)
{
	bool in = true;
	enum mc_code rc = a->role & ROLE_STAFF
				  ? app_unit_in_scope(app, a->unit,
						      d->unit_code, &in, err)
				  : MC_OK;
	if (rc || in)
		return rc;
	if (existing) /* worded as for an unknown code: existence is not
			 revealed outside one's units */
		return mc_fail_as(err, MC_ERR_NOT_FOUND, "MaHoSo",
				  "dossier_unknown",
				  "MaHoSo: dossier \"%s\" is not known",
				  str_or_empty(d->code));
	return mc_fail_as(err, MC_ERR_FORBIDDEN, "DonViXuLy", "outside_units",
			  "DonViXuLy: unit \"%s\" is outside your units",
			  str_or_empty(d->unit_code));
}

static enum mc_code log_event(struct app *app, const struct dossier *d,
			      const struct op_request *req, int old_status,
			      const char *old_unit, struct mc_err *err)
{
	char note[512];
	const char *text = req->params.note;
	if (req->params.op == OP_TRANSFER) {
		snprintf(note, sizeof(note), "from %s%s%s", old_unit,
			 text ? ": " : "", str_or_empty(text));
		text = note;
	} else if (req->params.op == OP_RESCHEDULE) {
		/* the new date, read back by app/form.c for form 04 */
		char when[CIVIL_BUF];
		snprintf(note, sizeof(note), RESCHEDULE_PREFIX "%s: %s",
			 civil_format_local(req->params.new_due, when),
			 str_or_empty(text));
		text = note;
	}
	struct dossier_event ev = {
		.dossier_code = d->code,
		.at = req->params.at,
		.actor = (char *)req->actor->name,
		.unit_code = d->unit_code,
		.old_status = old_status,
		.new_status = (int)d->status,
		.action = (char *)dossier_op_name(req->params.op),
		.note = (char *)text,
		.actor_role = (char *)actor_role_name(req->actor->role),
		.actor_unit = (char *)req->actor->unit,
	};
	return store_event_append(app->st, &ev, err);
}

static enum mc_code run(struct app *app, const struct op_request *req,
			struct dossier *d, struct mc_err *err)
{
	/* due dates from the calendar as it is now, whoever changed it */
	enum mc_code rc = actor_may_run(req->actor, req->params.op, err);
	if (!rc)
		rc = app_calendar_fresh(app, err);
	if (!rc)
		rc = load(app, req, d, err);
	if (!rc)
		rc = in_actor_scope(app, req->actor, d, req->code != NULL, err);
	if (rc)
		return rc;
	int old_status = req->code ? (int)d->status : 0;
	if ((rc = dossier_op_allowed(req->params.op, old_status, err)))
		return rc;
	struct procedure p;
	rc = store_procedure_get(app->st, d->procedure_code, &p, err);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail_as(err, MC_ERR_NOT_FOUND, "MaTTHC",
				  "procedure_unknown",
				  "MaTTHC: procedure \"%s\" is not known",
			       str_or_empty(d->procedure_code));
	if (rc)
		return rc;
	char old_unit[64];
	snprintf(old_unit, sizeof(old_unit), "%s", str_or_empty(d->unit_code));
	struct office_hours oh;
	if (!req->code)
		rc = prepare_filing(app, d, &p, req, err);
	else /* fees the procedure wants paid before this step */
		rc = app_payment_gate(app, d, &p, req->params.op, err);
	if (!rc && req->params.op == OP_TRANSFER) {
		if (req->params.to_unit &&
		    strcmp(req->params.to_unit, old_unit) == 0)
			rc = mc_fail_as(
				err, MC_ERR_INPUT, "to", "already_there",
				"to: the dossier is already at %s", old_unit);
		else
			rc = unit_usable(app, req->params.to_unit,
					 civil_local_day(req->params.at), "to",
					 err);
	}
	if (!rc)
		rc = app_office_hours(app, d->unit_code, &oh, err);
	struct time_rules tr = {&p, &app->cal, &oh};
	if (!rc)
		rc = lifecycle_mutate(d, &req->params, &tr, err);
	procedure_release(&p);
	if (!rc)
		rc = app_dossier_put(app, d, NULL, err);
	if (!rc && !req->code && req->secret_hash)
		rc = store_dossier_secret_put(app->st, d->code,
					      req->secret_hash, err);
	if (!rc)
		rc = log_event(app, d, req, old_status, old_unit, err);
	if (!rc && !req->code && req->upload_token)
		rc = app_upload_claim(app, req->upload_token, d->code,
				      req->actor, err);
	return rc;
}

/* A request with a key: its first outcome again, or run and keep it. */
static enum mc_code run_keyed(struct app *app, const struct op_request *req,
			      struct dossier *d, struct mc_err *err)
{
	struct request_key *k = req->key;
	struct stored_request s;
	enum mc_code rc = store_request_get(app->st, k->key_hash, &s, err);
	if (rc == MC_OK) {
		if (strcmp(s.body_hash, k->body_hash) != 0)
			return mc_fail_as(err, MC_ERR_CONFLICT,
					  "Idempotency-Key", "key_reused",
					  "Idempotency-Key: this key was used "
					  "for another request; make a new key "
					  "for each submission");
		k->replayed = true;
		snprintf(k->sealed_out, sizeof(k->sealed_out), "%s", s.sealed);
		if ((rc = store_dossier_get(app->st, s.code, d, err)))
			return rc;
		return in_actor_scope(app, req->actor, d, true, err);
	}
	if (rc != MC_ERR_NOT_FOUND)
		return rc;
	if ((rc = app_lifecycle_within(app, req, d, err)))
		return rc;
	struct stored_request keep = {.at = req->params.at};
	snprintf(keep.body_hash, sizeof(keep.body_hash), "%s", k->body_hash);
	snprintf(keep.code, sizeof(keep.code), "%s", d->code);
	snprintf(keep.sealed, sizeof(keep.sealed), "%s",
		 str_or_empty(k->sealed));
	return store_request_put(app->st, k->key_hash, &keep, err);
}

enum mc_code app_lifecycle(struct app *app, const struct op_request *req,
			   struct dossier *out, struct mc_err *err)
{
	struct op_request r = *req;
	int64_t now = (int64_t)time(NULL);
	if (r.params.at == MC_NO_TIME)
		r.params.at = now;
	/* a step may be recorded late, never ahead of time (five minutes
	 * of clock skew between machines are let through) */
	if (r.params.at > now + 300) {
		char buf[CIVIL_BUF];
		return mc_fail(err, MC_ERR_INPUT, "at",
			       "at: %s is in the future",
			       civil_format_local(r.params.at, buf));
	}
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	struct dossier d;
	dossier_init(&d);
	rc = r.key ? run_keyed(app, &r, &d, err)
		   : app_lifecycle_within(app, &r, &d, err);
	rc = store_finish(app->st, rc, err);
	if (!rc && out)
		*out = d;
	else
		dossier_release(&d);
	return rc;
}

enum mc_code app_lifecycle_within(struct app *app, const struct op_request *req,
				  struct dossier *out, struct mc_err *err)
{
	struct dossier d;
	dossier_init(&d);
	enum mc_code rc = run(app, req, &d, err);
	if (!rc && out)
		*out = d;
	else
		dossier_release(&d);
	return rc;
}

/* ---- due dates after a calendar change -------------------------------- */

struct recompute {
	struct app *app;
	const char *actor;
	size_t changed;
	struct dossier *open;
	size_t n, cap;
};

/* Copied out first: the rows cannot be rewritten while being read. */
static int collect_open(const struct dossier *d, void *ctx)
{
	struct recompute *rc = ctx;
	struct dossier *slot = ARRAY_PUSH(rc->open, rc->n, rc->cap);
	return !slot || !dossier_copy(slot, d);
}

static enum mc_code recompute_one(struct recompute *r, struct dossier *d,
				  struct mc_err *err)
{
	struct procedure p;
	struct office_hours oh;
	enum mc_code rc =
		store_procedure_get(r->app->st, d->procedure_code, &p, err);
	if (rc)
		return rc;
	int64_t before = d->due;
	struct time_rules tr = {&p, &r->app->cal, &oh};
	if (!(rc = app_office_hours(r->app, d->unit_code, &oh, err)))
		rc = lifecycle_recompute_due(d, &tr, err);
	procedure_release(&p);
	if (rc || d->due == before)
		return rc;
	r->changed++;
	char a[CIVIL_BUF], b[CIVIL_BUF], note[96];
	snprintf(note, sizeof(note), "due %s -> %s",
		 civil_format_local(before, a), civil_format_local(d->due, b));
	struct dossier_event ev = {
		.dossier_code = d->code,
		.at = (int64_t)time(NULL),
		.actor = (char *)r->actor,
		.unit_code = d->unit_code,
		.old_status = (int)d->status,
		.new_status = (int)d->status,
		.action = "recompute-due",
		.note = note,
	};
	if ((rc = app_dossier_put(r->app, d, NULL, err)))
		return rc;
	return store_event_append(r->app->st, &ev, err);
}

static enum mc_code recompute_all(struct app *app, const char *actor,
				  size_t *changed, struct mc_err *err)
{
	struct recompute r = {.app = app, .actor = actor};
	enum mc_code rc =
		store_open_dossier_each(app->st, collect_open, &r, err);
	for (size_t i = 0; !rc && i < r.n; i++)
		rc = recompute_one(&r, &r.open[i], err);
	for (size_t i = 0; i < r.n; i++)
		dossier_release(&r.open[i]);
	free(r.open);
	if (!rc && changed)
		*changed = r.changed;
	return rc;
}

enum mc_code app_calendar_change(struct app *app,
				 const struct calendar_override *o, bool remove,
				 const char *actor, size_t *changed,
				 struct mc_err *err)
{
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	rc = remove ? store_calendar_delete(app->st, o->day, err)
		    : store_calendar_put(app->st, o, err);
	if (!rc)
		rc = app_reload_calendar(app, err);
	if (!rc)
		rc = recompute_all(app, actor, changed, err);
	if (!rc)
		rc = store_commit(app->st, err);
	if (rc) {
		store_rollback(app->st);
		app_reload_calendar(app, NULL);
	}
	return rc;
}
