/*
 * payment.c - orders and outcomes of payments of a dossier's fees,
 * exemptions, the list and summary of a dossier's payments, and the
 * lifecycle's gate (see payment.h). Every write is one transaction that
 * checks its actor against the dossier as it is inside it and appends
 * the step to the dossier's event log; a paid order also rewrites the
 * dossier (app_dossier_put, so the aggregates follow) and issues its
 * receipt with the next number of its unit and year.
 */
#include "app/payment.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aggregates/agg.h"
#include "app/obligation.h"
#include "core/civil.h"
#include "core/payment_figures.h"
#include "core/limits.h"
#include "core/str.h"
#include "io/pdf_fee.h"
#include "store/store.h"

/* ---- reading a dossier's payments ------------------------------------- */

struct records {
	struct payment *p;
	size_t n, cap;
	bool oom;
};

static int collect(const struct payment *p, void *ctx)
{
	struct records *r = ctx;
	struct payment *slot = ARRAY_PUSH(r->p, r->n, r->cap);
	if (slot && payment_copy(slot, p))
		return 0;
	if (slot)
		r->n--; /* payment_copy left it released */
	r->oom = true;
	return 1;
}

static void records_release(struct records *r)
{
	for (size_t i = 0; i < r->n; i++)
		payment_release(&r->p[i]);
	free(r->p);
	memset(r, 0, sizeof(*r));
}

static enum mc_code load_records(struct app *app, const char *code,
				 struct records *r, struct mc_err *err)
{
	memset(r, 0, sizeof(*r));
	enum mc_code rc = store_payment_each(app->st, code, collect, r, err);
	if (!rc && r->oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (rc)
		records_release(r);
	return rc;
}

/* Whether a paid (or, with pending, a pending) record covers a line. */
static const struct payment *covered(const struct records *r, const char *fee,
				     bool pending)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct payment *p = &r->p[i];
		if (p->status != PAYMENT_PAID &&
		    !(pending && p->status == PAYMENT_PENDING))
			continue;
		for (size_t j = 0; j < p->n_lines; j++)
			if (strcmp(str_or_empty(p->lines[j].code),
				   str_or_empty(fee)) == 0)
				return p;
	}
	return NULL;
}

/* ---- who may ----------------------------------------------------------- */

static enum mc_code unknown_dossier(const char *code, struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
		       "MaHoSo: dossier \"%s\" is not known",
		       str_or_empty(code));
}

/* Whether secret is dossier code's tracking secret: its BLAKE2b-256
 * against the stored hash, compared in constant time. */
static bool secret_ok(struct app *app, const char *code, const char *secret)
{
	char want[129], got[65];
	unsigned char h[32];
	if (str_empty(secret) || strlen(secret) > 256 ||
	    store_dossier_secret_get(app->st, code, want, sizeof(want), NULL) ||
	    strlen(want) != 64)
		return false;
	crypto_generichash(h, sizeof(h), (const unsigned char *)secret,
			   strlen(secret), NULL, 0);
	sodium_bin2hex(got, sizeof(got), h, sizeof(h));
	return sodium_memcmp(got, want, 64) == 0;
}

/* Staff outside the dossier's units, and a citizen without its secret,
 * are told the dossier is not known, as the lifecycle does. */
static enum mc_code may_see(struct app *app, const struct actor *a,
			    const struct dossier *d, const char *code,
			    const char *secret, struct mc_err *err)
{
	if ((a->role & ROLE_OPERATOR) ||
	    ((a->role & ROLE_CITIZEN) && secret_ok(app, d->code, secret)) ||
	    ((a->role & ROLE_STAFF) &&
	     app_in_scope(app, a->unit, d->unit_code)))
		return MC_OK;
	return unknown_dossier(code, err);
}

static int64_t now_or(int64_t at)
{
	return at == MC_NO_TIME ? (int64_t)time(NULL) : at;
}

static enum mc_code log_step(struct app *app, const struct dossier *d,
			     const struct actor *a, int64_t at,
			     const char *action, const char *note,
			     struct mc_err *err)
{
	struct dossier_event ev = {
		.dossier_code = d->code,
		.at = at,
		.actor = (char *)a->name,
		.unit_code = d->unit_code,
		.old_status = (int)d->status,
		.new_status = (int)d->status,
		.action = (char *)action,
		.note = (char *)note,
		.actor_role = (char *)actor_role_name(a->role),
		.actor_unit = (char *)a->unit,
	};
	return store_event_append(app->st, &ev, err);
}

/* ---- orders ------------------------------------------------------------ */

static enum mc_code orderable(const struct payment_order *o,
			      const struct dossier *d, struct mc_err *err)
{
	if (!payment_method_key(o->method))
		return mc_fail(err, MC_ERR_INPUT, "method",
			       "method: %d is not a payment method",
			       (int)o->method);
	if ((o->actor->role & ROLE_CITIZEN) && o->method == PAY_CASH)
		return mc_fail(err, MC_ERR_FORBIDDEN, "method",
			       "method: cash is taken by the cashier at the "
			       "counter");
	if (str_empty(o->provider))
		return mc_fail(err, MC_ERR_INPUT, "provider",
			       "provider: is required");
	if (limit_check(LIMIT_CODE, "provider", o->provider, err))
		return MC_ERR_INPUT;
	if (!dossier_numbered_here(d->origin))
		return mc_fail(err, MC_ERR_RULE, "MaHoSo",
			       "MaHoSo: dossier %s was imported; its payments "
			       "are the old system's",
			       d->code);
	if (d->status == ST_NOT_ACCEPTED || d->status == ST_WITHDRAWN ||
	    d->status == ST_STOPPED)
		return mc_fail(err, MC_ERR_STATE, "TrangThaiHoSo",
			       "TrangThaiHoSo: dossier %s is %s; nothing is "
			       "paid for it",
			       d->code, dossier_status_name(d->status));
	return MC_OK;
}

/* Expire a pending order: its time is up, or a new order replaces it. */
static enum mc_code expire(struct app *app, const struct dossier *d,
			   struct payment *p, const struct actor *a, int64_t at,
			   const char *why, struct mc_err *err)
{
	p->status = PAYMENT_EXPIRED;
	p->updated = at;
	if (!str_set(&p->note, why))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	char note[160];
	snprintf(note, sizeof(note), "order %lld: %s", (long long)p->id, why);
	enum mc_code rc = store_payment_update(app->st, p, err);
	return rc ? rc : log_step(app, d, a, at, "payment-expired", note, err);
}

/* The lines of d that no paid record covers, into p. */
static enum mc_code owed_lines(struct app *app, const struct dossier *d,
			       const struct records *r, struct payment *p,
			       struct mc_err *err)
{
	/* a dossier waiting for its financial obligation pays that alone */
	enum mc_code rc = app_obligation_owed(app, d, r->p, r->n, p, err);
	if (rc || p->n_lines)
		return rc;
	for (size_t i = 0; i < d->n_fees; i++) {
		const struct dossier_fee *f = &d->fees[i];
		if (f->amount <= 0 || covered(r, f->code, false))
			continue;
		struct payment_line *l =
			ARRAY_PUSH(p->lines, p->n_lines, p->cap_lines);
		if (!l || !str_set(&l->code, f->code) ||
		    !str_set(&l->name, f->name))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		l->amount = f->amount;
		p->amount += f->amount;
	}
	if (!p->amount)
		return mc_fail(err, MC_ERR_STATE, "DanhSachLePhi",
			       "DanhSachLePhi: dossier %s owes nothing",
			       d->code);
	return MC_OK;
}

/* A live pending order to hand back, after expiring the others. */
static enum mc_code sweep_pending(struct app *app, const struct dossier *d,
				  struct records *r,
				  const struct payment_order *o, int64_t at,
				  struct payment **reuse, struct mc_err *err)
{
	*reuse = NULL;
	for (size_t i = 0; i < r->n; i++) {
		struct payment *p = &r->p[i];
		if (p->status != PAYMENT_PENDING)
			continue;
		bool live = p->expires == MC_NO_TIME || p->expires > at;
		bool same = p->method == o->method &&
			    strcmp(str_or_empty(p->provider), o->provider) == 0;
		enum mc_code rc = MC_OK;
		if (live && same && !*reuse)
			*reuse = p;
		else if (!live)
			rc = expire(app, d, p, o->actor, at, "not paid in time",
				    err);
		else
			rc = expire(app, d, p, o->actor, at,
				    "replaced by a new order", err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

enum mc_code app_payment_order_within(struct app *app,
				      const struct payment_order *o, int64_t at,
				      struct payment *out, struct mc_err *err)
{
	struct dossier d;
	dossier_init(&d);
	struct records r = {0};
	enum mc_code rc = store_dossier_get(app->st, o->code, &d, NULL);
	if (rc)
		rc = unknown_dossier(o->code, err);
	if (!rc)
		rc = may_see(app, o->actor, &d, o->code, o->secret, err);
	if (!rc)
		rc = orderable(o, &d, err);
	if (!rc)
		rc = load_records(app, d.code, &r, err);
	struct payment *reuse = NULL;
	if (!rc)
		rc = sweep_pending(app, &d, &r, o, at, &reuse, err);
	if (!rc && reuse) {
		if (!payment_copy(out, reuse))
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		goto done;
	}
	payment_init(out);
	if (!rc)
		rc = owed_lines(app, &d, &r, out, err);
	if (!rc) {
		out->method = o->method;
		out->status = PAYMENT_PENDING;
		out->created = out->updated = at;
		out->expires = o->expires;
		if (!str_set(&out->dossier_code, d.code) ||
		    !str_set(&out->unit_code, d.unit_code) ||
		    !str_set(&out->provider, o->provider) ||
		    !str_set(&out->actor, o->actor->name))
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	if (!rc)
		rc = store_payment_add(app->st, out, err);
	if (!rc) {
		char note[200];
		snprintf(note, sizeof(note), "order %lld: %lld VND, %s (%s)",
			 (long long)out->id, (long long)out->amount,
			 payment_method_key(out->method), out->provider);
		rc = log_step(app, &d, o->actor, at, "payment-order", note,
			      err);
	}
	if (rc)
		payment_release(out);
done:
	records_release(&r);
	dossier_release(&d);
	return rc;
}

enum mc_code app_payment_order(struct app *app, const struct payment_order *o,
			       struct payment *out, struct mc_err *err)
{
	int64_t at = now_or(o->at);
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	struct payment p;
	payment_init(&p);
	rc = app_payment_order_within(app, o, at, &p, err);
	rc = store_finish(app->st, rc, err);
	if (!rc && out)
		*out = p;
	else
		payment_release(&p);
	return rc;
}

/* ---- outcomes ---------------------------------------------------------- */

static enum mc_code settleable(struct app *app, const struct payment_outcome *o,
			       const struct payment *p, struct mc_err *err)
{
	const struct actor *a = o->actor;
	if (a->role & ROLE_CITIZEN)
		return mc_fail(err, MC_ERR_FORBIDDEN, "payment",
			       "payment: only a provider's confirmation "
			       "settles a payment");
	if (!(a->role & ROLE_OPERATOR) &&
	    !((a->role & ROLE_STAFF) &&
	      app_in_scope(app, a->unit, p->unit_code)))
		return mc_fail(err, MC_ERR_NOT_FOUND, "payment",
			       "payment: order %lld is not known",
			       (long long)o->id);
	if (o->provider && strcmp(o->provider, str_or_empty(p->provider)))
		return mc_fail(err, MC_ERR_INPUT, "provider",
			       "provider: order %lld is paid through %s, not "
			       "%.40s",
			       (long long)o->id, p->provider, o->provider);
	if (!payment_status_may_follow(p->status, o->status))
		return mc_fail(err, MC_ERR_STATE, "payment",
			       "payment: order %lld is already %s",
			       (long long)o->id, payment_status_key(p->status));
	if (o->status != PAYMENT_PAID)
		return MC_OK;
	if (o->amount != p->amount)
		return mc_fail(err, MC_ERR_INPUT, "amount",
			       "amount: %lld VND is not the order's %lld VND",
			       (long long)o->amount, (long long)p->amount);
	int64_t paid = o->paid_at;
	if (p->expires != MC_NO_TIME && paid != MC_NO_TIME &&
	    paid > p->expires) {
		char when[CIVIL_BUF];
		return mc_fail(err, MC_ERR_STATE, "expires",
			       "expires: order %lld expired at %s",
			       (long long)o->id,
			       civil_format_local(p->expires, when));
	}
	if (limit_check(LIMIT_CODE, "provider_ref", o->provider_ref, err))
		return MC_ERR_INPUT;
	return MC_OK;
}

/* The payment figures follow its status (a paid one counts on its paid
 * day, a refund takes it back), in the same transaction. */
static enum mc_code count_payment(struct app *app, const struct payment *old,
				  const struct payment *p,
				  const char *procedure, struct mc_err *err)
{
	struct agg *a = agg_of(app->st);
	if (!a)
		return MC_OK;
	enum mc_code rc = agg_payment_note(a, old, procedure, -1, err);
	return rc ? rc : agg_payment_note(a, p, procedure, +1, err);
}

static enum mc_code issue_receipt(struct app *app, const struct payment *p,
				  int64_t at, struct mc_err *err)
{
	int y, m, d;
	civil_from_days(civil_local_day(at), &y, &m, &d);
	char series[16];
	snprintf(series, sizeof(series), "BL/%02dE", y % 100);
	struct receipt r;
	receipt_init(&r);
	r.payment_id = p->id;
	r.unit_code = p->unit_code;
	r.year = y;
	r.series = series;
	r.issued = at;
	return store_receipt_issue(app->st, &r, err);
}

/* The dossier as its paid records leave it. */
static enum mc_code apply_paid(struct app *app, struct dossier *d,
			       struct mc_err *err)
{
	struct records r;
	enum mc_code rc = load_records(app, d->code, &r, err);
	if (rc)
		return rc;
	payment_apply(d, r.p, r.n);
	records_release(&r);
	return app_dossier_put(app, d, NULL, err);
}

enum mc_code app_payment_settle_within(struct app *app,
				       const struct payment_outcome *o,
				       int64_t at, struct payment *p,
				       struct mc_err *err)
{
	enum mc_code rc = store_payment_get(app->st, o->id, p, err);
	if (rc)
		return rc;
	if ((rc = settleable(app, o, p, err)))
		return rc;
	struct payment before;
	if (!payment_copy(&before, p))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	p->status = o->status;
	p->updated = at;
	if (o->status == PAYMENT_PAID)
		p->paid = o->paid_at == MC_NO_TIME ? at : o->paid_at;
	if ((o->provider_ref && !str_set(&p->provider_ref, o->provider_ref)) ||
	    (o->note && !str_set(&p->note, o->note)))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if ((rc = store_payment_update(app->st, p, err))) {
		payment_release(&before);
		return rc;
	}
	struct dossier d;
	dossier_init(&d);
	rc = store_dossier_get(app->st, p->dossier_code, &d, err);
	if (!rc)
		rc = count_payment(app, &before, p, d.procedure_code, err);
	payment_release(&before);
	if (!rc && (o->status == PAYMENT_PAID || o->status == PAYMENT_REFUNDED))
		rc = apply_paid(app, &d, err);
	/* an obligation's receipt is the state budget's, not a fee's */
	if (!rc && o->status == PAYMENT_PAID && !payment_is_obligation(p))
		rc = issue_receipt(app, p, at, err);
	if (!rc) {
		char action[32], note[240];
		snprintf(action, sizeof(action), "payment-%s",
			 payment_status_key(o->status));
		snprintf(note, sizeof(note), "order %lld: %lld VND, %s%s%s%s%s",
			 (long long)p->id, (long long)p->amount, p->provider,
			 p->provider_ref ? " " : "",
			 str_or_empty(p->provider_ref), o->note ? ": " : "",
			 str_or_empty(o->note));
		rc = log_step(app, &d, o->actor, at, action, note, err);
	}
	if (!rc && o->status == PAYMENT_PAID)
		rc = app_obligation_paid(app, p, at, err);
	dossier_release(&d);
	return rc;
}

enum mc_code app_payment_settle(struct app *app,
				const struct payment_outcome *o,
				struct payment *out, struct mc_err *err)
{
	int64_t at = now_or(o->at);
	if (o->status != PAYMENT_PAID && o->status != PAYMENT_FAILED &&
	    o->status != PAYMENT_EXPIRED && o->status != PAYMENT_REFUNDED)
		return mc_fail(err, MC_ERR_INPUT, "status",
			       "status: an outcome is paid, failed, expired "
			       "or refunded");
	if (o->note && limit_check(LIMIT_NOTE, "note", o->note, err))
		return MC_ERR_INPUT;
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	struct payment p;
	payment_init(&p);
	rc = app_payment_settle_within(app, o, at, &p, err);
	rc = store_finish(app->st, rc, err);
	if (!rc && out)
		*out = p;
	else
		payment_release(&p);
	return rc;
}

/* ---- reading ------------------------------------------------------------ */

static enum mc_code visible(struct app *app, const struct actor *a,
			    const char *code, const char *secret,
			    struct dossier *d, struct mc_err *err)
{
	dossier_init(d);
	if (store_dossier_get(app->st, code, d, NULL) != MC_OK)
		return unknown_dossier(code, err);
	enum mc_code rc = may_see(app, a, d, code, secret, err);
	if (rc)
		dossier_release(d);
	return rc;
}

void payment_statement_release(struct payment_statement *s)
{
	for (size_t i = 0; i < s->n; i++) {
		payment_release(&s->e[i].p);
		receipt_release(&s->e[i].r);
	}
	free(s->e);
	free(s->code);
	memset(s, 0, sizeof(*s));
}

static enum mc_code fill_statement(struct app *app, const struct dossier *d,
				   struct payment_statement *out,
				   struct mc_err *err)
{
	struct records r;
	struct procedure p;
	procedure_init(&p);
	enum mc_code rc = load_records(app, d->code, &r, err);
	if (rc)
		return rc;
	if (!(rc = store_procedure_get(app->st, d->procedure_code, &p, err)))
		out->due = p.fee_due;
	procedure_release(&p);
	out->charged = dossier_fee_total(d);
	out->owed = payment_owed(d, r.p, r.n);
	out->numbered_here = dossier_numbered_here(d->origin);
	if (!str_set(&out->code, d->code))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	for (size_t i = 0; !rc && i < r.n; i++) {
		struct payment_entry *e = ARRAY_PUSH(out->e, out->n, out->cap);
		if (!e) {
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
			break;
		}
		e->p = r.p[i];
		payment_init(&r.p[i]); /* moved */
		receipt_init(&e->r);
		if (e->p.status == PAYMENT_PAID)
			out->paid += e->p.amount;
		if (e->p.status == PAYMENT_PAID ||
		    e->p.status == PAYMENT_REFUNDED) {
			rc = store_receipt_get(app->st, e->p.id, &e->r, err);
			if (rc == MC_ERR_NOT_FOUND)
				rc = MC_OK;
		}
	}
	records_release(&r);
	return rc;
}

enum mc_code app_payment_statement(struct app *app, const struct actor *a,
				   const char *code, const char *secret,
				   struct payment_statement *out,
				   struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	bool snap = store_read_begin(app->st);
	struct dossier d;
	enum mc_code rc = visible(app, a, code, secret, &d, err);
	if (!rc) {
		rc = fill_statement(app, &d, out, err);
		dossier_release(&d);
	}
	store_read_end(app->st, snap);
	if (rc)
		payment_statement_release(out);
	return rc;
}

/* ---- receipts ------------------------------------------------------------ */

static enum mc_code render(struct app *app, const struct dossier *d,
			   const struct payment *p, const struct receipt *r,
			   bool a4, struct strbuf *out, struct mc_err *err)
{
	struct unit u, parent;
	unit_init(&u);
	unit_init(&parent);
	bool named = store_unit_get(app->st, p->unit_code, &u, NULL) == MC_OK;
	bool above = named && u.parent &&
		     store_unit_get(app->st, u.parent, &parent, NULL) == MC_OK;
	struct fee_receipt_input in = {
		.p = p,
		.r = r,
		.d = d,
		.unit_name = named ? u.name : p->unit_code,
		.authority = above ? parent.name : NULL,
		.paper = a4 ? PAPER_A4 : PAPER_A5,
	};
	enum mc_code rc = pdf_fee_receipt(&in, out, err);
	if (named)
		unit_release(&u);
	if (above)
		unit_release(&parent);
	return rc;
}

enum mc_code app_receipt_pdf(struct app *app, const struct actor *a,
			     const char *code, const char *secret, int64_t id,
			     bool a4, struct strbuf *out, struct mc_err *err)
{
	bool snap = store_read_begin(app->st);
	struct dossier d;
	struct payment p;
	struct receipt r;
	payment_init(&p);
	receipt_init(&r);
	enum mc_code rc = visible(app, a, code, secret, &d, err);
	if (rc) {
		store_read_end(app->st, snap);
		return rc;
	}
	rc = store_payment_get(app->st, id, &p, NULL);
	if (rc || strcmp(p.dossier_code, d.code))
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "receipt",
			     "receipt: dossier %s has no order %lld", d.code,
			     (long long)id);
	if (!rc)
		rc = store_receipt_get(app->st, id, &r, err);
	if (!rc)
		rc = render(app, &d, &p, &r, a4, out, err);
	receipt_release(&r);
	payment_release(&p);
	dossier_release(&d);
	store_read_end(app->st, snap);
	return rc;
}

static enum mc_code cancel_within(struct app *app, const struct actor *a,
				  const char *code, int64_t id,
				  const char *reason, struct mc_err *err)
{
	struct dossier d;
	struct payment p;
	struct receipt r;
	int64_t at = (int64_t)time(NULL);
	enum mc_code rc = visible(app, a, code, NULL, &d, err);
	if (rc)
		return rc;
	payment_init(&p);
	receipt_init(&r);
	rc = store_payment_get(app->st, id, &p, err);
	if (!rc && strcmp(p.dossier_code, d.code))
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "payment",
			     "payment: order %lld is not known", (long long)id);
	if (!rc)
		rc = store_receipt_get(app->st, id, &r, err);
	if (!rc)
		rc = store_receipt_cancel(app->st, r.id, at, reason, a->name,
					  err);
	if (!rc) {
		char note[2200];
		snprintf(note, sizeof(note),
			 "receipt %s %07lld of order %lld: %s", r.series,
			 (long long)r.number, (long long)id, reason);
		rc = log_step(app, &d, a, at, "receipt-cancel", note, err);
	}
	receipt_release(&r);
	payment_release(&p);
	dossier_release(&d);
	return rc;
}

enum mc_code app_receipt_cancel(struct app *app, const struct actor *a,
				const char *code, int64_t id,
				const char *reason, struct mc_err *err)
{
	if (!(a->role & (ROLE_STAFF | ROLE_OPERATOR)))
		return mc_fail(err, MC_ERR_FORBIDDEN, "receipt",
			       "receipt: only staff cancel a receipt");
	if (str_empty(reason))
		return mc_fail(err, MC_ERR_INPUT, "reason",
			       "reason: a cancellation needs its reason");
	if (limit_check(LIMIT_NOTE, "reason", reason, err))
		return MC_ERR_INPUT;
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	rc = cancel_within(app, a, code, id, reason, err);
	return store_finish(app->st, rc, err);
}

/* ---- exemption ---------------------------------------------------------- */

static enum mc_code exempt_line(struct dossier *d, const struct records *r,
				const char *fee_code, const char *reason,
				char *note, size_t size, struct mc_err *err)
{
	struct dossier_fee *f = NULL;
	for (size_t i = 0; i < d->n_fees && !f; i++)
		if (strcmp(str_or_empty(d->fees[i].code),
			   str_or_empty(fee_code)) == 0)
			f = &d->fees[i];
	if (!f)
		return mc_fail(err, MC_ERR_NOT_FOUND, "MaPhiLePhi",
			       "MaPhiLePhi: dossier %s has no fee \"%.40s\"",
			       d->code, str_or_empty(fee_code));
	const struct payment *by = covered(r, f->code, true);
	if (f->exempt || f->amount == 0)
		return mc_fail(err, MC_ERR_STATE, "MaPhiLePhi",
			       "MaPhiLePhi: fee %s is charged nothing already",
			       f->code);
	if (by)
		return mc_fail(err, MC_ERR_STATE, "MaPhiLePhi",
			       "MaPhiLePhi: fee %s is in order %lld, which is "
			       "%s",
			       f->code, (long long)by->id,
			       payment_status_key(by->status));
	snprintf(note, size, "%s %lld VND exempted: %s", f->code,
		 (long long)f->amount, reason);
	f->amount = 0;
	if (!str_set(&f->exempt, reason))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

static enum mc_code exempt_within(struct app *app, const struct actor *a,
				  const char *code, const char *fee_code,
				  const char *reason, struct dossier *d,
				  struct mc_err *err)
{
	int64_t at = (int64_t)time(NULL);
	enum mc_code rc = visible(app, a, code, NULL, d, err);
	if (rc)
		return rc;
	struct records r;
	if ((rc = load_records(app, code, &r, err)))
		return rc;
	char note[2200]; /* a reason is at most 2000 bytes (LIMIT_NOTE) */
	rc = exempt_line(d, &r, fee_code, reason, note, sizeof(note), err);
	records_release(&r);
	if (!rc)
		rc = app_dossier_put(app, d, NULL, err);
	if (!rc)
		rc = log_step(app, d, a, at, "fee-exempt", note, err);
	return rc;
}

enum mc_code app_fee_exempt(struct app *app, const struct actor *a,
			    const char *code, const char *fee_code,
			    const char *reason, struct dossier *out,
			    struct mc_err *err)
{
	if (!(a->role & (ROLE_STAFF | ROLE_OPERATOR)))
		return mc_fail(err, MC_ERR_FORBIDDEN, "MaPhiLePhi",
			       "MaPhiLePhi: only staff record an exemption");
	if (str_empty(reason))
		return mc_fail(err, MC_ERR_INPUT, "reason",
			       "reason: an exemption needs its legal reason");
	if (limit_check(LIMIT_NOTE, "reason", reason, err))
		return MC_ERR_INPUT;
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	struct dossier d;
	dossier_init(&d);
	rc = exempt_within(app, a, code, fee_code, reason, &d, err);
	rc = store_finish(app->st, rc, err);
	if (!rc && out)
		*out = d;
	else
		dossier_release(&d);
	return rc;
}

/* ---- the lifecycle's gate ------------------------------------------------ */

enum mc_code app_payment_gate(struct app *app, const struct dossier *d,
			      const struct procedure *p, enum dossier_op op,
			      struct mc_err *err)
{
	bool held = (op == OP_START && p->fee_due == FEE_DUE_PROCESSING) ||
		    (op == OP_RETURN && p->fee_due != FEE_DUE_NONE);
	if (!held || !dossier_numbered_here(d->origin) ||
	    dossier_fee_total(d) == 0)
		return MC_OK;
	struct records r;
	enum mc_code rc = load_records(app, d->code, &r, err);
	if (rc)
		return rc;
	int64_t owed = payment_owed(d, r.p, r.n);
	records_release(&r);
	if (!owed)
		return MC_OK;
	return mc_fail(err, MC_ERR_RULE, "DanhSachLePhi",
		       "DanhSachLePhi: %lld VND of fees are not paid; the "
		       "procedure needs them paid before %s",
		       (long long)owed,
		       op == OP_START ? "processing"
				      : "the result is returned");
}
