/*
 * payment_report.c - the payments report from the aggregates, and the
 * same by reading every paid payment (see payment_report.h).
 */
#include "app/payment_report.h"

#include <stdio.h>
#include <string.h>

#include "aggregates/agg.h"
#include "app/tree.h"
#include "core/civil.h"
#include "core/str.h"
#include "store/store.h"

/* ---- the lines ------------------------------------------------------- */

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

static enum mc_code unit_lines(const struct unit_tree *t, int64_t root,
			       struct pay_table *out, struct mc_err *err)
{
	char own[200];
	snprintf(own, sizeof(own), "%s (trực tiếp)", t->units[root].name);
	if (!pay_table_add(out, t->units[root].code, own))
		return nomem(err);
	for (size_t i = 0; i < t->n; i++)
		if (t->units[i].parent &&
		    strcmp(t->units[i].parent, t->units[root].code) == 0 &&
		    !pay_table_add(out, t->units[i].code, t->units[i].name))
			return nomem(err);
	return MC_OK;
}

static enum mc_code level_lines(struct pay_table *out, struct mc_err *err)
{
	static const char *const names[] = {"Cấp tỉnh", "Cấp huyện", "Cấp xã"};
	for (int l = LEVEL_PROVINCE; l <= LEVEL_COMMUNE; l++) {
		char key[12];
		snprintf(key, sizeof(key), "%d", l);
		if (!pay_table_add(out, key, names[l - 1]))
			return nomem(err);
	}
	return MC_OK;
}

static enum mc_code method_lines(struct pay_table *out, struct mc_err *err)
{
	for (int m = PAY_NATIONAL; m <= PAY_CASH; m++)
		if (!pay_table_add(out, payment_method_key(m),
				   payment_method_name(m)))
			return nomem(err);
	return MC_OK;
}

static enum mc_code begin(struct app *app, const struct pay_query *q,
			  const struct unit_tree **t, int64_t *root,
			  struct pay_table *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	out->period = q->period;
	out->counted = report_counted(q->period, app_now(app), &out->as_of);
	out->by = q->by;
	if (q->period.from > q->period.to)
		return mc_fail(err, MC_ERR_INPUT, "from",
			       "from: the period ends before it begins");
	enum mc_code rc = app_units(app, t, err);
	if (!rc)
		rc = unit_tree_root(*t, q->unit, root, err);
	if (rc)
		return rc;
	const struct unit *u = &(*t)->units[*root];
	if (!str_set(&out->unit, u->code) || !str_set(&out->unit_name, u->name))
		return nomem(err);
	switch (q->by) {
	case PAY_BY_UNIT: return unit_lines(*t, *root, out, err);
	case PAY_BY_LEVEL: return level_lines(out, err);
	case PAY_BY_METHOD: return method_lines(out, err);
	}
	return mc_fail(err, MC_ERR_INPUT, "by",
		       "by: not unit, level or method");
}

/* ---- from the aggregates ----------------------------------------------- */

static enum mc_code added(struct app *app, const char *unit, enum agg_dim dim,
			  const char *value, const struct pay_table *t,
			  struct pay_row *row, struct mc_err *err)
{
	int64_t v[AGG__COUNT];
	enum mc_code rc = agg_added(app->agg, unit, dim, value, t->counted.from,
				    t->counted.to, v, err);
	if (!rc)
		pay_row_from_counters(row, v);
	return rc;
}

/* Keep only method m of row. */
static void only_method(struct pay_row *row, enum payment_method m)
{
	struct pay_row one = {0};
	for (int k = 0; k < 2; k++)
		one.by[m][k] = row->by[m][k];
	*row = one;
}

enum mc_code app_payment_report(struct app *app, const struct pay_query *q,
				struct pay_table *out, struct mc_err *err)
{
	const struct unit_tree *t;
	int64_t root;
	bool snap = store_read_begin(app->st);
	enum mc_code rc = begin(app, q, &t, &root, out, err);
	if (!rc)
		rc = added(app, out->unit, AGG_DIM_ALL, "", out, &out->total,
			   err);
	for (size_t i = 0; !rc && i < out->n; i++) {
		struct pay_line *l = &out->lines[i];
		if (q->by == PAY_BY_METHOD) {
			l->row = out->total;
			only_method(&l->row, (enum payment_method)(i + 1));
		} else if (q->by == PAY_BY_LEVEL) {
			rc = added(app, out->unit, AGG_DIM_LEVEL, l->key, out,
				   &l->row, err);
		} else {
			rc = added(app, l->key, i ? AGG_DIM_ALL : AGG_DIM_OWN,
				   "", out, &l->row, err);
		}
	}
	store_read_end(app->st, snap);
	if (rc)
		pay_table_release(out);
	return rc;
}

struct report_as {
	const struct pay_query *q;
	struct pay_table *out;
};

static enum mc_code report_read(struct app *app, void *ctx,
				struct mc_err *err)
{
	struct report_as *r = ctx;
	return app_payment_report(app, r->q, r->out, err);
}

enum mc_code app_payment_report_as(struct app *app, const struct actor *actor,
				   const struct pay_query *q,
				   struct pay_table *out, struct mc_err *err)
{
	struct report_as r = {q, out};
	memset(out, 0, sizeof(*out));
	return app_figures_as(app, actor, q->unit, report_read, &r, err);
}

/* ---- by reading every paid payment ------------------------------------ */

struct scan {
	const struct unit_tree *t;
	int64_t root;
	struct pay_table *out;
};

/* The line of a payment at unit u, -1 outside the report. */
static int64_t line_of(const struct scan *s, const struct payment *p)
{
	int64_t u = unit_tree_find(s->t, p->unit_code);
	if (u < 0 || !unit_tree_within(s->t, u, s->root))
		return -1;
	switch (s->out->by) {
	case PAY_BY_METHOD: return (int64_t)p->method - 1;
	case PAY_BY_LEVEL: return (int64_t)s->t->units[u].level - 1;
	case PAY_BY_UNIT: break;
	}
	if (u == s->root)
		return 0;
	while (unit_tree_parent(s->t, u) != s->root)
		u = unit_tree_parent(s->t, u);
	for (size_t i = 1; i < s->out->n; i++)
		if (strcmp(s->out->lines[i].key, s->t->units[u].code) == 0)
			return (int64_t)i;
	return -1;
}

static int scan_one(const struct payment *p, const char *procedure, void *ctx)
{
	(void)procedure;
	struct scan *s = ctx;
	int64_t i = line_of(s, p);
	if (i < 0)
		return 0;
	pay_row_add(&s->out->lines[i].row, p);
	pay_row_add(&s->out->total, p);
	return 0;
}

enum mc_code app_payment_report_scan(struct app *app, const struct pay_query *q,
				     struct pay_table *out, struct mc_err *err)
{
	struct scan s = {.out = out};
	bool snap = store_read_begin(app->st);
	enum mc_code rc = begin(app, q, &s.t, &s.root, out, err);
	if (!rc)
		rc = store_payment_paid_each(
			app->st, civil_time_at(out->counted.from, 0),
			civil_time_at(out->counted.to + 1, 0), scan_one, &s,
			err);
	store_read_end(app->st, snap);
	if (rc)
		pay_table_release(out);
	return rc;
}
