/*
 * obligation.c - notices of land financial obligations, what of them a
 * dossier still owes, and its return to processing once they are paid
 * (see obligation.h).
 */
#include "app/obligation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/limits.h"
#include "core/str.h"
#include "store/store.h"

/* The system itself, for the step a payment causes. */
static const struct actor system_actor = ACTOR_OPERATOR("motcua");

static enum mc_code notice_check(const struct financial_notice *n,
				 struct mc_err *err)
{
	if (str_empty(n->number))
		return mc_fail(err, MC_ERR_INPUT, "number",
			       "number: the notice's number is required");
	if (limit_check(LIMIT_CODE, "number", n->number, err))
		return MC_ERR_INPUT;
	if (n->amount <= 0)
		return mc_fail(err, MC_ERR_INPUT, "amount",
			       "amount: must be above 0 dong");
	if (n->due_day < n->notice_day)
		return mc_fail(err, MC_ERR_INPUT, "due",
			       "due: the payment date is before the notice's");
	return MC_OK;
}

static int keep(const struct payment *p, void *ctx);
struct records {
	struct payment *p;
	size_t n, cap;
	bool oom;
};

static void records_release(struct records *r)
{
	for (size_t i = 0; i < r->n; i++)
		payment_release(&r->p[i]);
	free(r->p);
}

/* A pending order of the dossier's fees would be handed back to the next
 * order: the notice replaces it, so the next one is the obligation's. */
static enum mc_code expire_pending(struct app *app,
				   const struct financial_notice *n, int64_t at,
				   struct mc_err *err)
{
	struct records r = {0};
	enum mc_code rc =
		store_payment_each(app->st, n->dossier_code, keep, &r, err);
	if (!rc && r.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	char why[120];
	snprintf(why, sizeof(why), "replaced by notice %.60s", n->number);
	for (size_t i = 0; !rc && i < r.n; i++) {
		struct payment *p = &r.p[i];
		if (p->status != PAYMENT_PENDING)
			continue;
		p->status = PAYMENT_EXPIRED;
		p->updated = at;
		if (!str_set(&p->note, why))
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		else
			rc = store_payment_update(app->st, p, err);
	}
	records_release(&r);
	return rc;
}

static enum mc_code record_within(struct app *app, const struct actor *actor,
				  struct financial_notice *n, int64_t at,
				  struct dossier *out, struct mc_err *err)
{
	char note[200], day[CIVIL_BUF], due[CIVIL_BUF];
	snprintf(note, sizeof(note),
		 "Thông báo nộp tiền số %.60s ngày %s: %lld đồng, hạn nộp %s",
		 n->number, civil_format_date(n->notice_day, day),
		 (long long)n->amount, civil_format_date(n->due_day, due));
	struct op_request req = {
		.params = {.op = OP_REQUEST_FINANCIAL, .at = at, .note = note},
		.code = n->dossier_code,
		.actor = actor,
	};
	enum mc_code rc = app_lifecycle_within(app, &req, out, err);
	if (!rc)
		rc = expire_pending(app, n, at, err);
	if (rc)
		return rc;
	n->recorded = at;
	char *name = n->actor;
	n->actor = (char *)actor->name;
	rc = store_notice_add(app->st, n, err);
	n->actor = name;
	return rc;
}

enum mc_code app_obligation_record(struct app *app, const struct actor *actor,
				   struct financial_notice *n, int64_t at,
				   struct dossier *out, struct mc_err *err)
{
	enum mc_code rc = notice_check(n, err);
	if (rc)
		return rc;
	if (at == MC_NO_TIME)
		at = app_now(app);
	struct dossier d;
	dossier_init(&d);
	if ((rc = store_begin(app->st, err)))
		return rc;
	rc = record_within(app, actor, n, at, &d, err);
	rc = store_finish(app->st, rc, err);
	if (!rc && out)
		*out = d;
	else
		dossier_release(&d);
	return rc;
}

enum mc_code app_obligation_list(struct app *app, const struct actor *a,
				 const char *code, store_notice_fn fn,
				 void *ctx, struct mc_err *err)
{
	bool snap = store_read_begin(app->st);
	struct dossier d;
	dossier_init(&d);
	enum mc_code rc = store_dossier_get(app->st, code, &d, NULL);
	if (rc || !((a->role & ROLE_OPERATOR) ||
		    ((a->role & ROLE_STAFF) &&
		     app_in_scope(app, a->unit, d.unit_code))))
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
			     "MaHoSo: dossier \"%.60s\" is not known",
			     str_or_empty(code));
	else
		rc = store_notice_each(app->st, code, fn, ctx, err);
	dossier_release(&d);
	store_read_end(app->st, snap);
	return rc;
}

/* Whether a paid record among paid[0..n) has line `code`. */
static bool paid_line(const struct payment *paid, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (paid[i].status == PAYMENT_PAID)
			for (size_t j = 0; j < paid[i].n_lines; j++)
				if (strcmp(str_or_empty(paid[i].lines[j].code),
					   code) == 0)
					return true;
	return false;
}

struct owed {
	const struct payment *paid;
	size_t n;
	struct payment *p; /* lines added here; NULL: only count */
	size_t unpaid, notices;
	bool oom;
};

static int owe(const struct financial_notice *notice, void *ctx)
{
	struct owed *o = ctx;
	char code[80];
	financial_notice_line(notice, code, sizeof(code));
	o->notices++;
	if (paid_line(o->paid, o->n, code))
		return 0;
	o->unpaid++;
	if (!o->p)
		return 0;
	char name[120];
	snprintf(name, sizeof(name), "Nghĩa vụ tài chính (thông báo số %.60s)",
		 notice->number);
	struct payment_line *l =
		ARRAY_PUSH(o->p->lines, o->p->n_lines, o->p->cap_lines);
	if (!l || !str_set(&l->code, code) || !str_set(&l->name, name))
		return o->oom = true;
	l->amount = notice->amount;
	o->p->amount += notice->amount;
	return 0;
}

enum mc_code app_obligation_owed(struct app *app, const struct dossier *d,
				 const struct payment *paid, size_t n,
				 struct payment *p, struct mc_err *err)
{
	struct owed o = {.paid = paid, .n = n, .p = p};
	enum mc_code rc = store_notice_each(app->st, d->code, owe, &o, err);
	if (!rc && o.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return rc;
}

/* The dossier's payments, for what its notices still owe. */
static int keep(const struct payment *p, void *ctx)
{
	struct records *r = ctx;
	struct payment *slot = ARRAY_PUSH(r->p, r->n, r->cap);
	if (slot && payment_copy(slot, p))
		return 0;
	if (slot)
		r->n--;
	return r->oom = true;
}

enum mc_code app_obligation_paid(struct app *app, const struct payment *p,
				 int64_t at, struct mc_err *err)
{
	if (!payment_is_obligation(p))
		return MC_OK;
	struct dossier d;
	dossier_init(&d);
	struct records r = {0};
	enum mc_code rc = store_dossier_get(app->st, p->dossier_code, &d, err);
	if (!rc)
		rc = store_payment_each(app->st, p->dossier_code, keep, &r,
					err);
	if (!rc && r.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	struct owed o = {.paid = r.p, .n = r.n};
	if (!rc && d.status == ST_FINANCIAL)
		rc = store_notice_each(app->st, d.code, owe, &o, err);
	if (!rc && d.status == ST_FINANCIAL && o.notices && !o.unpaid) {
		char note[80];
		snprintf(note, sizeof(note),
			 "nghĩa vụ tài chính đã nộp (order %lld)",
			 (long long)p->id);
		struct op_request req = {
			.params = {.op = OP_FULFIL_FINANCIAL,
				   .at = at,
				   .note = note},
			.code = d.code,
			.actor = &system_actor,
		};
		rc = app_lifecycle_within(app, &req, NULL, err);
	}
	records_release(&r);
	dossier_release(&d);
	return rc;
}
