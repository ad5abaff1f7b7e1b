/*
 * index.c - the service index table (see index.h): rows by unit or by
 * level, each from the report aggregates plus the catalogue's offers,
 * ratings, feedback and publication dates; scored with the rule set in
 * force on the period's last day; ranked among siblings.
 */
#include "app/index.h"

#include <stdlib.h>
#include <string.h>

#include "aggregates/agg.h"
#include "app/index_int.h"
#include "core/civil.h"
#include "io/index_rules.h"

/* ---- one row ----------------------------------------------------------- */

/* Procedures offered in the subtree of u and used in the period. */
static enum mc_code procedure_counts(struct index_ctx *c, int64_t u,
				     struct index_inputs *in,
				     struct mc_err *err)
{
	struct strmap has;
	enum mc_code rc = index_ctx_data_procedures(c, u, &has, err);
	for (size_t p = 0; !rc && p < c->n_procs; p++) {
		const struct index_proc *pr = &c->procs[p];
		if (!index_ctx_offered(c, u, p, &has))
			continue;
		/* only whether the period added to a counter matters */
		int64_t a[AGG__COUNT];
		if (pr->online || pr->paying)
			rc = agg_added(c->app->agg, c->tree.t->units[u].code,
				       AGG_DIM_PROCEDURE, pr->code,
				       c->counted.from, c->counted.to, a, err);
		if (rc)
			break;
		if (pr->online) {
			in->online_offered++;
			in->online_used += a[AGG_NEW_ONLINE_PARTIAL] +
						   a[AGG_NEW_ONLINE_FULL] >
					   0;
		}
		if (pr->paying) {
			in->paying_offered++;
			in->paying_used += a[AGG_REC_FEE_ONLINE] > 0;
		}
		if (pr->decided != MC_NO_TIME && pr->decided <= c->period.to) {
			in->decided++;
			in->publicized_on_time += pr->on_time;
		}
	}
	strmap_release(&has);
	return rc;
}

static void feedback_inputs(const struct index_ctx *c, int64_t u, int level,
			    struct index_inputs *in)
{
	struct feedback_counts fc;
	index_ctx_feedback(c, u, level, &fc);
	in->complained = fc.complained;
	in->feedback = fc.received;
	in->feedback_on_time = fc.answered_in_time;
}

static void finish_line(struct index_ctx *c, struct index_line *l,
			const struct index_inputs *in, int64_t unit)
{
	index_compute(in, l->ind);
	index_score(c->set, l->ind, &l->score);
	l->volume = index_volume(l->ind);
	for (int i = 0; i < IND__COUNT; i++)
		l->target[i] = index_ctx_target(c, unit, l->level,
						(enum index_indicator)i);
}

enum mc_code index_unit_line(struct index_ctx *c, int64_t u,
			     struct index_line *l, struct mc_err *err)
{
	struct index_inputs in;
	memset(&in, 0, sizeof(in));
	const struct unit *un = &c->tree.t->units[u];
	l->level = (int)un->level;
	if (!str_set(&l->key, un->code) || !str_set(&l->name, un->name))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	enum mc_code rc;
	if ((rc = index_ctx_counters(c, un->code, AGG_DIM_ALL, "", in.before,
				     in.at_to, err)) ||
	    (rc = procedure_counts(c, u, &in, err)))
		return rc;
	feedback_inputs(c, u, 0, &in);
	finish_line(c, l, &in, u);
	return MC_OK;
}

/* A level row: the root's subtree split by the handling unit's level.
 * Offers and publication belong to units, not levels: left undefined. */
static enum mc_code level_line(struct index_ctx *c, int64_t root, int level,
			       struct index_line *l, struct mc_err *err)
{
	static const char *const names[] = {"", "Cấp tỉnh", "Cấp huyện",
					    "Cấp xã"};
	char value[2] = {(char)('0' + level), '\0'};
	struct index_inputs in;
	memset(&in, 0, sizeof(in));
	l->level = level;
	if (!str_set(&l->key, value) || !str_set(&l->name, names[level]))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	const char *code = c->tree.t->units[root].code;
	enum mc_code rc;
	if ((rc = index_ctx_counters(c, code, AGG_DIM_LEVEL, value, in.before,
				     in.at_to, err)))
		return rc;
	feedback_inputs(c, root, level, &in);
	finish_line(c, l, &in, -1);
	return MC_OK;
}

/* ---- the table --------------------------------------------------------- */

static bool served(const struct unit *u, struct report_period p)
{
	return (u->valid_from == MC_NO_TIME || u->valid_from <= p.to) &&
	       (u->valid_to == MC_NO_TIME || u->valid_to >= p.from);
}

static struct index_line *push_line(struct index_table *t)
{
	return ARRAY_PUSH(t->lines, t->n, t->cap);
}

static enum mc_code lines_by_unit(struct index_ctx *c, int64_t root,
				  struct index_table *t, struct mc_err *err)
{
	for (size_t i = 0; i < c->tree.t->n; i++) {
		const struct unit *u = &c->tree.t->units[i];
		if (unit_tree_parent(c->tree.t, (int64_t)i) != root)
			continue;
		struct index_line *l = push_line(t);
		if (!l)
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		enum mc_code rc = index_unit_line(c, (int64_t)i, l, err);
		if (rc)
			return rc;
		/* a unit that no longer served and has nothing to show goes */
		if (!served(u, c->period) && l->volume == 0) {
			free(l->key);
			free(l->name);
			t->n--;
		}
	}
	return MC_OK;
}

static enum mc_code lines_by_level(struct index_ctx *c, int64_t root,
				   struct index_table *t, struct mc_err *err)
{
	for (int level = 1; level <= 3; level++) {
		struct index_line *l = push_line(t);
		if (!l)
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		enum mc_code rc = level_line(c, root, level, l, err);
		if (rc)
			return rc;
	}
	return MC_OK;
}

static void rank_lines(struct index_table *t)
{
	int64_t *score = calloc(t->n + 1, sizeof(int64_t));
	int64_t *volume = calloc(t->n + 1, sizeof(int64_t));
	int *rank = calloc(t->n + 1, sizeof(int));
	if (score && volume && rank) {
		for (size_t i = 0; i < t->n; i++) {
			score[i] = t->lines[i].score.total;
			volume[i] = t->lines[i].volume;
		}
		index_rank(score, volume, t->n, t->min_dossiers, rank);
		for (size_t i = 0; i < t->n; i++)
			t->lines[i].rank = rank[i];
	}
	free(score);
	free(volume);
	free(rank);
}

static enum mc_code fill(struct index_ctx *c, const struct index_query *q,
			 int64_t root, struct index_table *out,
			 struct mc_err *err)
{
	const struct unit *r = &c->tree.t->units[root];
	out->period = q->period;
	out->as_of = c->as_of;
	out->by = q->by;
	out->min_dossiers = q->min_dossiers;
	memcpy(out->weight, c->set->weight, sizeof(out->weight));
	if (!str_set(&out->unit, r->code) ||
	    !str_set(&out->rules_name, c->set->name) ||
	    !str_set(&out->rules_reference, c->set->reference))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	enum mc_code rc = q->by == INDEX_BY_LEVEL
				  ? lines_by_level(c, root, out, err)
				  : lines_by_unit(c, root, out, err);
	if (!rc)
		rc = index_unit_line(c, root, &out->total, err);
	if (!rc)
		rank_lines(out);
	return rc;
}

enum mc_code app_index(struct app *app, const struct index_query *q,
		       struct index_table *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	struct index_ctx c;
	int64_t root;
	enum mc_code rc = index_ctx_open(&c, app, q->rules, q->period, err);
	if (!rc)
		rc = unit_tree_root(c.tree.t, q->unit, &root, err);
	if (!rc)
		rc = fill(&c, q, root, out, err);
	index_ctx_close(&c);
	if (rc)
		index_table_release(out);
	return rc;
}

struct index_call {
	const struct index_query *q;
	struct index_table *out;
};

static enum mc_code index_call(struct app *app, void *ctx, struct mc_err *err)
{
	struct index_call *c = ctx;
	return app_index(app, c->q, c->out, err);
}

enum mc_code app_index_as(struct app *app, const struct actor *actor,
			  const struct index_query *q, struct index_table *out,
			  struct mc_err *err)
{
	struct index_call c = {q, out};
	memset(out, 0, sizeof(*out));
	return app_figures_as(app, actor, q->unit, index_call, &c, err);
}
