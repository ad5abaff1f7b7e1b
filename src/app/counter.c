/*
 * counter.c - collecting accounts, VietQR orders, reconciliation of a
 * bank statement and cash at the counter (see counter.h). Every write
 * is one transaction that checks its actor inside it; orders and
 * outcomes go through app/payment.c, so the event log, the receipts and
 * the aggregates follow them.
 */
#include "app/counter.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/payment.h"
#include "app/tree.h"
#include "core/civil.h"
#include "core/str.h"
#include "store/store.h"
#include "core/strmap.h"

#define HOLDER_MAX 70

/* ---- collecting accounts ----------------------------------------------- */

static enum mc_code account_check(const struct bank_account *a,
				  struct mc_err *err)
{
	char payload[VIETQR_PAYLOAD_MAX];
	struct vietqr q = {a->bin, a->account, 1, NULL};
	enum mc_code rc = vietqr_payload(&q, payload, sizeof(payload), err);
	if (rc)
		return rc;
	size_t n = a->holder ? strlen(a->holder) : 0;
	if (n == 0 || n > HOLDER_MAX)
		return mc_fail(err, MC_ERR_INPUT, "holder",
			       "holder: the account's name, 1 to %d "
			       "characters, is required",
			       HOLDER_MAX);
	for (const char *p = a->holder; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return mc_fail(err, MC_ERR_INPUT, "holder",
				       "holder: unaccented, as the bank shows "
				       "it (character %zu)",
				       (size_t)(p - a->holder) + 1);
	return MC_OK;
}

static enum mc_code account_put_within(struct app *app,
				       const struct actor *actor,
				       const struct bank_account *a,
				       struct mc_err *err)
{
	struct unit u;
	unit_init(&u);
	enum mc_code rc = store_unit_get(app->st, a->unit_code, &u, NULL);
	unit_release(&u);
	if (rc)
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: \"%.60s\" is not known",
			       str_or_empty(a->unit_code));
	if (!(actor->role & ROLE_OPERATOR) &&
	    !((actor->role & ROLE_ADMIN) &&
	      app_in_scope(app, actor->unit, a->unit_code)))
		return mc_fail(err, MC_ERR_FORBIDDEN, "role",
			       "role: a unit's account is set by an "
			       "administrator of the unit or above it");
	struct bank_account row = *a;
	row.updated = app_now(app);
	row.actor = (char *)actor->name;
	return store_bank_account_put(app->st, &row, err);
}

enum mc_code app_bank_account_set(struct app *app, const struct actor *actor,
				  const struct bank_account *a,
				  struct mc_err *err)
{
	enum mc_code rc = account_check(a, err);
	if (rc)
		return rc;
	if ((rc = store_begin(app->st, err)))
		return rc;
	rc = account_put_within(app, actor, a, err);
	return store_finish(app->st, rc, err);
}

enum mc_code app_bank_account_for(struct app *app, const char *unit,
				  struct bank_account *out, struct mc_err *err)
{
	char *code = unit ? strdup(unit) : NULL;
	enum mc_code rc = MC_ERR_NOT_FOUND;
	/* the unit's own, else the nearest ancestor's; at most 8 levels */
	for (int depth = 0; code && depth < 16 && rc == MC_ERR_NOT_FOUND;
	     depth++) {
		rc = store_bank_account_get(app->st, code, out, NULL);
		struct unit u;
		unit_init(&u);
		if (rc == MC_ERR_NOT_FOUND &&
		    store_unit_get(app->st, code, &u, NULL) == MC_OK) {
			free(code);
			code = u.parent ? strdup(u.parent) : NULL;
		} else if (rc == MC_ERR_NOT_FOUND) {
			free(code);
			code = NULL;
		}
		unit_release(&u);
	}
	free(code);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail(err, MC_ERR_RULE, "account",
			       "account: unit %.60s and the units above it "
			       "have no account to collect into (motcua "
			       "payments account set)",
			       str_or_empty(unit));
	return rc ? mc_fail(err, rc, "account", "account: cannot be read")
		  : MC_OK;
}

enum mc_code app_bank_account_each(struct app *app, store_bank_account_fn fn,
				   void *ctx, struct mc_err *err)
{
	bool snap = store_read_begin(app->st);
	enum mc_code rc = store_bank_account_each(app->st, fn, ctx, err);
	store_read_end(app->st, snap);
	return rc;
}

/* ---- VietQR orders ------------------------------------------------------ */

void vietqr_order_release(struct vietqr_order *o)
{
	payment_release(&o->payment);
	bank_account_release(&o->account);
}

static enum mc_code vietqr_within(struct app *app, const struct actor *actor,
				  const char *code, const char *secret,
				  int64_t at, struct vietqr_order *out,
				  struct mc_err *err)
{
	struct payment_order o = {
		.code = code,
		.method = PAY_VIETQR,
		.provider = VIETQR_PROVIDER,
		.expires = MC_NO_TIME,
		.at = at,
		.actor = actor,
		.secret = secret,
	};
	enum mc_code rc =
		app_payment_order_within(app, &o, at, &out->payment, err);
	if (rc)
		return rc;
	rc = app_bank_account_for(app, out->payment.unit_code, &out->account,
				  err);
	if (rc)
		return rc;
	vietqr_dossier_note(out->payment.dossier_code, out->note,
			    sizeof(out->note));
	struct vietqr q = {out->account.bin, out->account.account,
			   out->payment.amount, out->note};
	return vietqr_payload(&q, out->payload, sizeof(out->payload), err);
}

enum mc_code app_vietqr_order(struct app *app, const struct actor *actor,
			      const char *code, const char *secret,
			      struct vietqr_order *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	payment_init(&out->payment);
	bank_account_init(&out->account);
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	rc = vietqr_within(app, actor, code, secret, app_now(app), out, err);
	rc = store_finish(app->st, rc, err);
	if (rc)
		vietqr_order_release(out);
	return rc;
}

/* ---- reconciliation ----------------------------------------------------- */

struct units_by_compact {
	const struct unit_tree *tree;
	struct strmap map; /* compact code -> position in tree */
};

static const char *unit_of(const char *compact, void *ctx)
{
	const struct units_by_compact *u = ctx;
	int64_t i = strmap_get(&u->map, compact, -1);
	return i < 0 ? NULL : u->tree->units[i].code;
}

static enum mc_code units_index(struct app *app, struct units_by_compact *u,
				struct mc_err *err)
{
	strmap_init(&u->map);
	enum mc_code rc = app_units(app, &u->tree, err);
	for (size_t i = 0; !rc && i < u->tree->n; i++) {
		char c[VIETQR_CODE_MAX];
		size_t j = 0;
		for (const char *p = u->tree->units[i].code;
		     *p && j + 1 < sizeof(c); p++)
			if ((*p >= '0' && *p <= '9') ||
			    (*p >= 'A' && *p <= 'Z') ||
			    (*p >= 'a' && *p <= 'z'))
				c[j++] = *p >= 'a' && *p <= 'z' ? *p - 32 : *p;
		c[j] = '\0';
		if (strmap_get(&u->map, c, -1) < 0 &&
		    !strmap_put(&u->map, c, (int64_t)i))
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	return rc;
}

/* A dossier's payments as reconciliation sees them. */
struct dossier_orders {
	const char *key; /* this line's reference */
	int64_t already, pending, pending_amount;
	bool any_paid, visible_checked, visible;
	const char *unit;
	char unit_buf[VIETQR_CODE_MAX];
};

static int look(const struct payment *p, void *ctx)
{
	struct dossier_orders *o = ctx;
	snprintf(o->unit_buf, sizeof(o->unit_buf), "%s",
		 str_or_empty(p->unit_code));
	o->unit = o->unit_buf;
	if (p->method == PAY_VIETQR && p->provider_ref &&
	    strcmp(p->provider_ref, o->key) == 0)
		o->already = p->id;
	if (p->method == PAY_VIETQR && p->status == PAYMENT_PENDING) {
		o->pending = p->id;
		o->pending_amount = p->amount;
	}
	if (p->status == PAYMENT_PAID)
		o->any_paid = true;
	return 0;
}

struct line_ctx {
	struct app *app;
	const struct actor *actor;
	const struct statement_line *line;
	const char *key;
	struct reconcile_line *out;
	char *code; /* VIETQR_CODE_MAX bytes, the caller's: out->code */
	struct mc_err *err;
	enum mc_code rc;
};

static enum reconcile_verdict classify(const struct statement_line *l,
				       const struct dossier_orders *o)
{
	if (o->already)
		return RECONCILE_ALREADY;
	if (o->pending && o->pending_amount == l->amount)
		return RECONCILE_PAID;
	if (o->pending)
		return l->amount < o->pending_amount ? RECONCILE_PARTIAL
						     : RECONCILE_OVER;
	return o->any_paid ? RECONCILE_DOUBLE : RECONCILE_NO_ORDER;
}

/* One dossier code the line names: its orders, if the actor sees it. */
static int try_code(const char *code, void *ctx)
{
	struct line_ctx *c = ctx;
	struct dossier_orders o = {.key = c->key};
	enum mc_code rc =
		store_payment_each(c->app->st, code, look, &o, c->err);
	if (rc) {
		c->rc = rc;
		return 1;
	}
	struct dossier d;
	dossier_init(&d);
	if (!o.unit && store_dossier_get(c->app->st, code, &d, NULL) == MC_OK) {
		snprintf(o.unit_buf, sizeof(o.unit_buf), "%s", d.unit_code);
		o.unit = o.unit_buf;
	}
	dossier_release(&d);
	bool visible =
		o.unit && ((c->actor->role & ROLE_OPERATOR) ||
			   ((c->actor->role & ROLE_STAFF) &&
			    app_in_scope(c->app, c->actor->unit, o.unit)));
	if (!visible)
		return 0; /* unknown here; another code may be */
	snprintf(c->code, VIETQR_CODE_MAX, "%s", code);
	c->out->code = c->code;
	c->out->verdict = classify(c->line, &o);
	c->out->payment_id = o.already ? o.already : o.pending;
	c->out->owed = o.pending ? o.pending_amount : 0;
	return 1;
}

/* The line's identity: the bank's reference, else a digest of what it
 * says and of how many identical lines came before it in the file. */
static void line_key(const struct statement_line *l, struct strmap *seen,
		     char key[48])
{
	if (l->ref) {
		snprintf(key, 48, "ref:%.40s", l->ref);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "%lld|%lld|%s", (long long)l->day,
		    (long long)l->amount, str_or_empty(l->description));
	int64_t k = strmap_get(seen, sb.buf ? sb.buf : "", 0);
	if (sb.buf)
		strmap_put(seen, sb.buf, k + 1);
	strbuf_addf(&sb, "|%lld", (long long)k);
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)sb.buf, sb.len,
			   NULL, 0);
	strbuf_release(&sb);
	strcpy(key, "line:");
	sodium_bin2hex(key + 5, 48 - 5, h, sizeof(h));
}

static enum mc_code settle_line(struct app *app, const struct actor *actor,
				const struct statement_line *l, const char *key,
				struct reconcile_line *r, struct mc_err *err)
{
	int64_t at = app_now(app);
	int64_t paid = civil_time_at(l->day, 0);
	struct payment_outcome o = {
		.id = r->payment_id,
		.status = PAYMENT_PAID,
		.provider = VIETQR_PROVIDER,
		.provider_ref = key,
		.amount = l->amount,
		.paid_at = paid < at ? paid : at,
		.at = at,
		.actor = actor,
	};
	struct mc_err why = {0};
	enum mc_code rc = app_payment_settle(app, &o, NULL, &why);
	if (rc == MC_ERR_CONFLICT) { /* this line paid another order */
		r->verdict = RECONCILE_ALREADY;
		return MC_OK;
	}
	if (rc && err)
		*err = why;
	return rc;
}

static enum mc_code
reconcile_line(struct app *app, const struct actor *actor,
	       struct units_by_compact *units, const struct statement_line *l,
	       struct strmap *seen, struct reconcile_line *r,
	       char code[VIETQR_CODE_MAX], struct mc_err *err)
{
	char key[48];
	line_key(l, seen, key);
	*r = (struct reconcile_line){.line = l, .verdict = RECONCILE_UNMATCHED};
	struct line_ctx c = {.app = app,
			     .actor = actor,
			     .line = l,
			     .key = key,
			     .out = r,
			     .code = code,
			     .err = err};
	bool snap = store_read_begin(app->st);
	vietqr_codes_in(l->description, unit_of, units, try_code, &c);
	store_read_end(app->st, snap);
	if (c.rc)
		return c.rc;
	if (r->verdict == RECONCILE_PAID)
		return settle_line(app, actor, l, key, r, err);
	return MC_OK;
}

enum mc_code app_reconcile(struct app *app, const struct actor *actor,
			   const struct statement *s, reconcile_fn fn,
			   void *ctx, size_t counts[RECONCILE__COUNT],
			   struct mc_err *err)
{
	if (actor->role & ROLE_CITIZEN)
		return mc_fail(err, MC_ERR_FORBIDDEN, "role",
			       "role: a statement is reconciled by staff");
	struct units_by_compact units;
	struct strmap seen;
	strmap_init(&seen);
	enum mc_code rc = units_index(app, &units, err);
	memset(counts, 0, sizeof(size_t) * RECONCILE__COUNT);
	for (size_t i = 0; !rc && i < s->n; i++) {
		struct reconcile_line r;
		char code[VIETQR_CODE_MAX];
		rc = reconcile_line(app, actor, &units, &s->lines[i], &seen, &r,
				    code, err);
		if (rc)
			break;
		counts[r.verdict]++;
		if (fn && fn(&r, ctx))
			break;
	}
	strmap_release(&units.map);
	strmap_release(&seen);
	return rc;
}

/* ---- cash at the counter ------------------------------------------------ */

static enum mc_code cash_within(struct app *app, const struct actor *actor,
				const char *code, int64_t amount, int64_t at,
				struct payment *out, struct mc_err *err)
{
	struct payment_order o = {
		.code = code,
		.method = PAY_CASH,
		.provider = CASH_PROVIDER,
		.expires = MC_NO_TIME,
		.at = at,
		.actor = actor,
	};
	struct payment p;
	payment_init(&p);
	enum mc_code rc = app_payment_order_within(app, &o, at, &p, err);
	if (!rc && p.amount != amount)
		rc = mc_fail(err, MC_ERR_INPUT, "amount",
			     "amount: %lld VND is not what dossier %s owes, "
			     "%lld VND",
			     (long long)amount, code, (long long)p.amount);
	struct payment_outcome paid = {
		.id = p.id,
		.status = PAYMENT_PAID,
		.provider = CASH_PROVIDER,
		.amount = amount,
		.paid_at = at,
		.at = at,
		.actor = actor,
	};
	if (!rc)
		rc = app_payment_settle_within(app, &paid, at, out, err);
	payment_release(&p);
	return rc;
}

enum mc_code app_cash_take(struct app *app, const struct actor *actor,
			   const char *code, int64_t amount,
			   struct payment *out, struct mc_err *err)
{
	if (!(actor->role & (ROLE_CLERK | ROLE_OPERATOR)))
		return mc_fail(err, MC_ERR_FORBIDDEN, "role",
			       "role: cash is taken by the cashier at the "
			       "counter, not by a%s %s",
			       actor->role & ROLE_ADMIN ? "n" : "",
			       str_or_empty(actor_role_name(actor->role)));
	if (amount <= 0)
		return mc_fail(err, MC_ERR_INPUT, "amount",
			       "amount: must be above 0 dong");
	struct payment p;
	payment_init(&p);
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	rc = cash_within(app, actor, code, amount, app_now(app), &p, err);
	rc = store_finish(app->st, rc, err);
	if (!rc && out)
		*out = p;
	else
		payment_release(&p);
	return rc;
}
