/*
 * index_ctx.c - loading what the service index needs once per query:
 * the unit tree, the catalogue facts, the targets and the rule set (see
 * index_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "app/index_int.h"
#include "core/civil.h"
#include "io/index_rules.h"
#include "store/store.h"

static enum mc_code nomem(struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

/* ---- the tree ---------------------------------------------------------- */

static enum mc_code tree_load(struct index_tree *t, struct app *app,
			      struct mc_err *err)
{
	enum mc_code rc = app_units(app, &t->t, err);
	if (rc)
		return rc;
	t->level_mask = calloc(t->t->n + 1, sizeof(unsigned));
	if (!t->level_mask)
		return nomem(err);
	/* every unit marks its level on itself and its ancestors */
	for (size_t i = 0; i < t->t->n; i++) {
		int64_t x = (int64_t)i;
		for (size_t hops = 0; x >= 0 && hops <= t->t->n; hops++) {
			t->level_mask[x] |= 1u << t->t->units[i].level;
			x = unit_tree_parent(t->t, x);
		}
	}
	return MC_OK;
}

static void tree_release(struct index_tree *t) { free(t->level_mask); }

/* ---- the catalogue ------------------------------------------------------ */

static int collect_proc(const struct procedure *p, void *ctx)
{
	struct index_ctx *c = ctx;
	struct index_proc *slot =
		ARRAY_PUSH(c->procs, c->n_procs, c->cap_procs);
	if (!slot || !str_set(&slot->code, p->code) ||
	    !strmap_put(&c->proc_index, p->code, (int64_t)c->n_procs - 1))
		return 1;
	slot->online = p->online_level != ONLINE_NONE;
	slot->paying = procedure_fee_total(p) > 0;
	slot->decided = MC_NO_TIME;
	return 0;
}

static int collect_offer(const char *proc, const struct procedure_offer *o,
			 void *ctx)
{
	struct index_ctx *c = ctx;
	int64_t p = strmap_get(&c->proc_index, proc, -1);
	int64_t u = o->unit_code ? unit_tree_find(c->tree.t, o->unit_code) : -1;
	if (p < 0 || (o->unit_code && u < 0))
		return 0; /* the catalogue changed under it: ignore */
	struct index_offer *slot =
		ARRAY_PUSH(c->offers, c->n_offers, c->cap_offers);
	if (!slot)
		return 1;
	slot->proc = (size_t)p;
	slot->unit = u;
	slot->level = o->level;
	c->procs[p].declared = true;
	return 0;
}

/* Publicized on time: by the day the decision took effect (by the
 * decision day when no effective day is recorded). */
static int collect_publication(const struct procedure_publication *pp,
			       void *ctx)
{
	struct index_ctx *c = ctx;
	int64_t p = strmap_get(&c->proc_index, pp->procedure_code, -1);
	if (p < 0)
		return 0;
	int64_t by = pp->effective != MC_NO_TIME ? pp->effective : pp->decided;
	c->procs[p].decided = pp->decided;
	c->procs[p].on_time =
		pp->publicized != MC_NO_TIME && pp->publicized <= by;
	return 0;
}

static int collect_target(const char *unit, const char *period,
			  const char *indicator, int64_t value, void *ctx)
{
	struct index_ctx *c = ctx;
	struct index_target_row r = {.unit = unit_tree_find(c->tree.t, unit),
				     .value = value};
	int ind = index_indicator_parse(indicator);
	if (r.unit < 0 || ind < 0 ||
	    report_period_parse(period, 1, &r.period, "period", NULL))
		return 0;
	r.ind = (enum index_indicator)ind;
	struct index_target_row *slot =
		ARRAY_PUSH(c->targets, c->n_targets, c->cap_targets);
	if (!slot)
		return 1;
	*slot = r;
	return 0;
}

static int collect_feedback(const char *unit, const struct feedback_counts *f,
			    void *ctx)
{
	struct index_ctx *c = ctx;
	int64_t u = unit_tree_find(c->tree.t, unit);
	if (u >= 0) {
		c->feedback[u].complained += f->complained;
		c->feedback[u].received += f->received;
		c->feedback[u].answered_in_time += f->answered_in_time;
	}
	return 0;
}

static enum mc_code load_catalogue(struct index_ctx *c, struct mc_err *err)
{
	struct store *st = c->app->st;
	enum mc_code rc;
	if ((rc = tree_load(&c->tree, c->app, err)) ||
	    (rc = store_procedure_each(st, collect_proc, c, err)) ||
	    (rc = store_offer_each(st, collect_offer, c, err)) ||
	    (rc = store_publication_each(st, collect_publication, c, err)) ||
	    (rc = store_target_each(st, collect_target, c, err)))
		return rc;
	c->feedback =
		calloc(c->tree.t->n ? c->tree.t->n : 1, sizeof(*c->feedback));
	if (!c->feedback)
		return nomem(err);
	return store_feedback_by_unit(st, civil_time_at(c->period.from, 0),
				      civil_time_at(c->period.to + 1, 0) - 1,
				      c->set->feedback_days, collect_feedback,
				      c, err);
}

enum mc_code index_ctx_open(struct index_ctx *c, struct app *app,
			    const struct index_rules *rules,
			    struct report_period period, struct mc_err *err)
{
	memset(c, 0, sizeof(*c));
	c->app = app;
	c->period = period;
	c->counted = report_counted(period, app_now(app), &c->as_of);
	strmap_init(&c->proc_index);
	/* every figure of one ranking from the same state of the data */
	c->snapshot = store_read_begin(app->st);
	enum mc_code rc;
	if (!rules) {
		if ((rc = index_rules_default(&c->own_rules, err)))
			return rc;
		rules = &c->own_rules;
	}
	c->set = index_rules_at(rules, period.to);
	if (!c->set) {
		char buf[CIVIL_BUF];
		return mc_fail(err, MC_ERR_RULE, "period",
			       "period: no index rules are in force on %s",
			       civil_format_date(period.to, buf));
	}
	return load_catalogue(c, err);
}

void index_ctx_close(struct index_ctx *c)
{
	tree_release(&c->tree);
	for (size_t i = 0; i < c->n_procs; i++)
		free(c->procs[i].code);
	free(c->procs);
	strmap_release(&c->proc_index);
	free(c->offers);
	free(c->targets);
	free(c->feedback);
	index_rules_release(&c->own_rules);
	if (c->snapshot)
		store_read_end(c->app->st, true);
	c->snapshot = false;
}

/* ---- reading ------------------------------------------------------------ */

enum mc_code index_ctx_counters(struct index_ctx *c, const char *unit,
				enum agg_dim dim, const char *value,
				int64_t before[AGG__COUNT],
				int64_t at_to[AGG__COUNT], struct mc_err *err)
{
	return agg_period(c->app->agg, unit, dim, value, c->counted.from,
			  c->counted.to, before, at_to, err);
}

static int note_value(const char *value, void *ctx)
{
	return !strmap_put(ctx, value, 1);
}

enum mc_code index_ctx_data_procedures(struct index_ctx *c, int64_t u,
				       struct strmap *out, struct mc_err *err)
{
	strmap_init(out);
	return agg_values(c->app->agg, c->tree.t->units[u].code,
			  AGG_DIM_PROCEDURE, note_value, out, err);
}

/* Declared offers win; a procedure without any is taken as offered
 * where it has dossiers, so an undeclared catalogue still scores. */
void index_ctx_feedback(const struct index_ctx *c, int64_t u, int level,
			struct feedback_counts *out)
{
	memset(out, 0, sizeof(*out));
	const struct unit_tree *t = c->tree.t;
	for (size_t x = 0; x < t->n; x++) {
		if ((level && (int)t->units[x].level != level) ||
		    !unit_tree_within(t, (int64_t)x, u))
			continue;
		out->complained += c->feedback[x].complained;
		out->received += c->feedback[x].received;
		out->answered_in_time += c->feedback[x].answered_in_time;
	}
}

bool index_ctx_offered(const struct index_ctx *c, int64_t u, size_t p,
		       const struct strmap *has)
{
	if (!c->procs[p].declared)
		return strmap_get(has, c->procs[p].code, -1) >= 0;
	for (size_t i = 0; i < c->n_offers; i++) {
		const struct index_offer *o = &c->offers[i];
		if (o->proc != p)
			continue;
		if (o->unit >= 0 ? unit_tree_within(c->tree.t, o->unit, u)
				 : (c->tree.level_mask[u] >> o->level) & 1u)
			return true;
	}
	return false;
}

static int64_t span(struct report_period p) { return p.to - p.from; }

/* The unit's own row for the narrowest stored period containing ours. */
static const struct index_target_row *
own_target(const struct index_ctx *c, int64_t u, enum index_indicator ind)
{
	const struct index_target_row *best = NULL;
	for (size_t i = 0; i < c->n_targets; i++) {
		const struct index_target_row *r = &c->targets[i];
		if (r->unit != u || r->ind != ind ||
		    r->period.from > c->period.from ||
		    r->period.to < c->period.to)
			continue;
		if (!best || span(r->period) < span(best->period))
			best = r;
	}
	return best;
}

int64_t index_ctx_target_from(const struct index_ctx *c, int64_t u, int level,
			      enum index_indicator ind, int64_t *source)
{
	for (size_t hops = 0; u >= 0 && hops <= c->tree.t->n; hops++) {
		const struct index_target_row *r = own_target(c, u, ind);
		if (r) {
			*source = u;
			return r->value;
		}
		u = unit_tree_parent(c->tree.t, u);
	}
	int y, m, d;
	civil_from_days(c->period.to, &y, &m, &d);
	*source = -1;
	return index_gov_target(c->set, ind, level, y);
}

int64_t index_ctx_target(const struct index_ctx *c, int64_t u, int level,
			 enum index_indicator ind)
{
	int64_t source;
	return index_ctx_target_from(c, u, level, ind, &source);
}
