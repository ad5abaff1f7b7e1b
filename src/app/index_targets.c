/*
 * index_targets.c - targets per unit, period and indicator: set one,
 * allocate a unit's targets to its children, and check every unit's
 * actual rates against its target (own, inherited from the nearest
 * ancestor with one, or the government's from the rules).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/index_int.h"
#include "core/civil.h"
#include "store/store.h"

static enum mc_code parse_value(const char *s, int64_t *out, struct mc_err *err)
{
	char *end;
	double x = s ? strtod(s, &end) : NAN;
	double h = round(x * 100.0);
	if (!s || end == s || *end || !(x >= 0.0 && x <= 100.0) ||
	    fabs(x * 100.0 - h) > 1e-6)
		return mc_fail(err, MC_ERR_INPUT, "value",
			       "value: \"%.20s\" is not a percentage 0-100 "
			       "with at most two decimals",
			       s ? s : "");
	*out = (int64_t)h;
	return MC_OK;
}

/* Inside the transaction: the actor may set the targets of `unit`. */
static enum mc_code may_set(struct app *app, const struct actor *a,
			    const char *unit, struct mc_err *err)
{
	enum mc_code rc = actor_on_figures(app, a, unit, err);
	if (!rc && (a->role & ROLE_LEADER) && unit && a->unit &&
	    strcmp(unit, a->unit) == 0)
		rc = mc_fail(err, MC_ERR_FORBIDDEN, "unit",
			     "unit: a leader sets the targets of the units "
			     "below their own, not of \"%.60s\"",
			     unit);
	return rc;
}

enum mc_code app_target_set(struct app *app, const struct actor *actor,
			    const char *unit, const char *period,
			    const char *indicator, const char *value,
			    struct mc_err *err)
{
	int64_t v = 0;
	enum mc_code rc;
	if ((rc = index_target_check_input(period, indicator, err)) ||
	    (rc = parse_value(value, &v, err)) ||
	    (rc = store_begin(app->st, err)))
		return rc;
	rc = may_set(app, actor, unit, err);
	if (!rc)
		rc = store_target_put(app->st, unit, period, indicator, v, err);
	return store_finish(app->st, rc, err);
}

static enum mc_code period_of(const char *period, struct report_period *p,
			      struct mc_err *err)
{
	return report_period_parse(period, 1, p, "period", err);
}

static enum mc_code allocate(struct index_ctx *c, int64_t u, const char *period,
			     size_t *written, struct mc_err *err)
{
	for (size_t i = 0; i < c->tree.t->n; i++) {
		if (unit_tree_parent(c->tree.t, (int64_t)i) != u)
			continue;
		for (int ind = 0; ind < IND__COUNT; ind++) {
			int64_t src, own;
			int level = (int)c->tree.t->units[i].level;
			index_ctx_target_from(c, (int64_t)i, level,
					      (enum index_indicator)ind, &own);
			int64_t v = index_ctx_target_from(
				c, u, level, (enum index_indicator)ind, &src);
			if (v < 0 || own == (int64_t)i)
				continue; /* nothing to give, or its own */
			enum mc_code rc = store_target_put(
				c->app->st, c->tree.t->units[i].code, period,
				index_indicator_name((enum index_indicator)ind),
				v, err);
			if (rc)
				return rc;
			(*written)++;
		}
	}
	return MC_OK;
}

enum mc_code app_target_allocate(struct app *app, const struct actor *actor,
				 const char *unit, const char *period,
				 size_t *written, struct mc_err *err)
{
	struct report_period p;
	struct index_ctx c;
	int64_t u;
	*written = 0;
	enum mc_code rc = period_of(period, &p, err);
	if (rc)
		return rc;
	rc = index_ctx_open(&c, app, NULL, p, err);
	if (!rc)
		rc = unit_tree_root(c.tree.t, unit, &u, err);
	if (!rc && !(rc = store_begin(app->st, err))) {
		rc = actor_on_figures(app, actor, unit, err);
		if (!rc)
			rc = allocate(&c, u, period, written, err);
		rc = store_finish(app->st, rc, err);
	}
	index_ctx_close(&c);
	return rc;
}

/* ---- checking ----------------------------------------------------------- */

void target_report_release(struct target_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->rows[i].unit);
		free(r->rows[i].name);
	}
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

static enum mc_code check_unit(struct index_ctx *c, int64_t u,
			       const struct index_line *l,
			       struct target_report *out, struct mc_err *err)
{
	int64_t parent = unit_tree_parent(c->tree.t, u);
	for (int i = 0; i < IND__COUNT; i++) {
		enum index_indicator ind = (enum index_indicator)i;
		int64_t src, psrc;
		int64_t t = index_ctx_target_from(c, u, l->level, ind, &src);
		if (t < 0)
			continue;
		struct target_check *r =
			ARRAY_PUSH(out->rows, out->n, out->cap);
		if (!r || !str_set(&r->unit, l->key) ||
		    !str_set(&r->name, l->name))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		r->ind = ind;
		r->actual = l->ind[i].rate;
		r->target = t;
		r->met = index_met(r->actual, t);
		r->margin = r->actual >= 0 ? r->actual - t : 0;
		r->inherited = src != u;
		int64_t pt =
			parent >= 0 ? index_ctx_target_from(c, parent, l->level,
							    ind, &psrc)
				    : -1;
		r->below_parent = src == u && pt >= 0 && t < pt;
	}
	return MC_OK;
}

/* The subtree of u, parents before children. */
static enum mc_code check_subtree(struct index_ctx *c, int64_t u,
				  struct target_report *out, struct mc_err *err)
{
	struct index_line l;
	memset(&l, 0, sizeof(l));
	enum mc_code rc = index_unit_line(c, u, &l, err);
	if (!rc)
		rc = check_unit(c, u, &l, out, err);
	free(l.key);
	free(l.name);
	for (size_t i = 0; !rc && i < c->tree.t->n; i++)
		if (unit_tree_parent(c->tree.t, (int64_t)i) == u)
			rc = check_subtree(c, (int64_t)i, out, err);
	return rc;
}

enum mc_code app_target_check(struct app *app, const char *period,
			      const char *unit, struct target_report *out,
			      struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	struct report_period p;
	struct index_ctx c;
	int64_t root;
	enum mc_code rc = period_of(period, &p, err);
	if (rc)
		return rc;
	rc = index_ctx_open(&c, app, NULL, p, err);
	out->as_of = c.as_of;
	if (!rc)
		rc = unit_tree_root(c.tree.t, unit, &root, err);
	if (!rc)
		rc = check_subtree(&c, root, out, err);
	index_ctx_close(&c);
	if (rc)
		target_report_release(out);
	return rc;
}

struct check_call {
	const char *period, *unit;
	struct target_report *out;
};

static enum mc_code check_call(struct app *app, void *ctx, struct mc_err *err)
{
	struct check_call *c = ctx;
	return app_target_check(app, c->period, c->unit, c->out, err);
}

enum mc_code app_target_check_as(struct app *app, const struct actor *actor,
				 const char *period, const char *unit,
				 struct target_report *out, struct mc_err *err)
{
	struct check_call c = {period, unit, out};
	memset(out, 0, sizeof(*out));
	return app_figures_as(app, actor, unit, check_call, &c, err);
}
