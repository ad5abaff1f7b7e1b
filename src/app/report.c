/*
 * report.c - form II.06a by unit, level, field or procedure (see
 * report.h). Both engines build the same lines; only the way a line's
 * counts are found differs: aggregates for app_report, a scan of every
 * dossier for app_report_scan.
 */
#include "app/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "aggregates/agg.h"
#include "app/tree.h"
#include "core/civil.h"
#include "core/str.h"
#include "core/strmap.h"
#include "store/store.h"

/* ---- the unit tree ----------------------------------------------------- */

/* The app's unit tree plus, per unit, the report line it counts on. */
struct tree {
	const struct unit_tree *t;
	int *line; /* unit -> report line, -1 outside the root */
};

static void tree_release(struct tree *t) { free(t->line); }

static enum mc_code load_tree(struct app *app, struct tree *t,
			      struct mc_err *err)
{
	t->line = NULL;
	enum mc_code rc = app_units(app, &t->t, err);
	if (rc)
		return rc;
	t->line = malloc((t->t->n + 1) * sizeof(int));
	if (!t->line)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

static int64_t find(const struct tree *t, const char *code)
{
	return unit_tree_find(t->t, code);
}

static int64_t parent_of(const struct tree *t, int64_t i)
{
	return unit_tree_parent(t->t, i);
}

/* The line of unit i: the root's own line (0) for the root, else the line
 * of its ancestor that is a child of the root; -1 outside the root. With
 * `restate_day`, merged units and ancestors count as their successors. */
static int line_of(struct tree *t, int64_t i, int64_t root, int64_t restate_day)
{
	for (size_t hops = 0; i >= 0 && hops <= t->t->n; hops++) {
		if (restate_day != MC_NO_TIME)
			i = unit_tree_successor_on(t->t, i, restate_day);
		if (i == root)
			return 0;
		if (t->line[i] > 0)
			return t->line[i];
		i = parent_of(t, i);
	}
	return -1;
}

/* ---- lines ------------------------------------------------------------- */

static enum mc_code add_line(struct report *r, const char *key,
			     const char *name, const char *suffix,
			     struct mc_err *err)
{
	struct report_line *l = ARRAY_PUSH(r->lines, r->n, r->cap);
	if (!l || !str_set(&l->key, key))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	size_t len = strlen(name) + strlen(suffix) + 1;
	if (!(l->name = malloc(len)))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	snprintf(l->name, len, "%s%s", name, suffix);
	return MC_OK;
}

/* A child of the root shows when it served during the period (restated:
 * at its end) or, as it was, still has figures to show. */
static bool empty(const struct report_line *l)
{
	static const struct report_row zero;
	return memcmp(&l->row, &zero, sizeof(zero)) == 0;
}

static bool shows(const struct unit *u, const struct report *r,
		  const struct report_line *l)
{
	if (r->restated)
		return unit_valid_on(u, r->restated_on) || !empty(l);
	bool served =
		(u->valid_from == MC_NO_TIME ||
		 u->valid_from <= r->period.to) &&
		(u->valid_to == MC_NO_TIME || u->valid_to >= r->period.from);
	return served || !empty(l);
}

/* Every unit of r->level in the root's subtree, each on its own line. */
static enum mc_code level_unit_lines(struct tree *t, int64_t root,
				     struct report *r, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < t->t->n; i++) {
		t->line[i] = -1;
		const struct unit *u = &t->t->units[i];
		if (u->level != r->level ||
		    !unit_tree_within(t->t, (int64_t)i, root))
			continue;
		rc = add_line(r, u->code, u->name, "", err);
		t->line[i] = (int)r->n - 1;
	}
	return rc;
}

static enum mc_code unit_lines(struct tree *t, int64_t root, struct report *r,
			       struct mc_err *err)
{
	if (r->level)
		return level_unit_lines(t, root, r, err);
	r->first_unit = 1;
	enum mc_code rc = add_line(r, t->t->units[root].code,
				   t->t->units[root].name, " (trực tiếp)", err);
	for (size_t i = 0; !rc && i < t->t->n; i++) {
		t->line[i] = -1;
		if (parent_of(t, (int64_t)i) != root)
			continue;
		rc = add_line(r, t->t->units[i].code, t->t->units[i].name, "",
			      err);
		t->line[i] = (int)r->n - 1;
	}
	t->line[root] = 0;
	return rc;
}

/* By unit, the figures of the units' lines. */
static enum mc_code unit_figures(struct report *r, int64_t min_resolved,
				 struct mc_err *err)
{
	size_t n = r->n - r->first_unit;
	const struct report_row **rows = malloc((n ? n : 1) * sizeof(*rows));
	if (!rows)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	for (size_t i = 0; i < n; i++)
		rows[i] = &r->lines[r->first_unit + i].row;
	enum mc_code rc = report_figures_compute(
		rows, n, min_resolved ? min_resolved : FIGURES_MIN_RESOLVED,
		&r->figures, err);
	free(rows);
	return rc;
}

/* Drop the lines `shows` rejects (fields and procedures without figures),
 * then add up the total. */
static void finish_lines(struct tree *t, struct report *r)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->n; i++) {
		struct report_line *l = &r->lines[i];
		int64_t u = r->by == REPORT_BY_UNIT && i >= r->first_unit
				    ? find(t, l->key)
				    : -1;
		bool catalogue = r->by == REPORT_BY_FIELD ||
				 r->by == REPORT_BY_PROCEDURE;
		if ((u >= 0 && !shows(&t->t->units[u], r, l)) ||
		    (catalogue && empty(l))) {
			free(l->key);
			free(l->name);
			continue;
		}
		r->lines[kept++] = *l;
	}
	r->n = kept;
	memset(&r->total, 0, sizeof(r->total));
	for (size_t i = 0; i < r->n; i++)
		report_merge(&r->total, &r->lines[i].row);
}

static const char *const level_names[] = {"", "Cấp tỉnh", "Cấp huyện",
					  "Cấp xã"};

static enum mc_code level_lines(struct report *r, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (int l = LEVEL_PROVINCE; !rc && l <= LEVEL_COMMUNE; l++) {
		char key[12];
		snprintf(key, sizeof(key), "%d", l);
		rc = add_line(r, key, level_names[l], "", err);
	}
	return rc;
}

/* Names of fields and procedures, from the catalogue. */
struct names {
	struct report *r;
	enum report_by by;
	struct strmap seen;
	struct mc_err *err;
	enum mc_code rc;
};

/* Lines by field or procedure; `seen` maps each procedure code, prefixed
 * with \x01, to the line it counts on, as the aggregates do. */
static int name_procedure(const struct procedure *p, void *ctx)
{
	struct names *n = ctx;
	const char *key = n->by == REPORT_BY_FIELD ? p->field_code : p->code;
	const char *name = n->by == REPORT_BY_FIELD ? p->field_name : p->name;
	char tagged[64];
	snprintf(tagged, sizeof(tagged), "\x01%s", p->code);
	int64_t line = strmap_get(&n->seen, key, -1);
	if (line < 0) {
		line = (int64_t)n->r->n;
		n->rc = add_line(n->r, key, name ? name : key, "", n->err);
		if (!n->rc && !strmap_put(&n->seen, key, line))
			n->rc = mc_fail(n->err, MC_ERR_NOMEM, "",
					"out of memory");
	}
	if (!n->rc && !strmap_put(&n->seen, tagged, line))
		n->rc = mc_fail(n->err, MC_ERR_NOMEM, "", "out of memory");
	return n->rc != MC_OK;
}

static enum mc_code catalogue_lines(struct app *app, struct report *r,
				    struct strmap *index, struct mc_err *err)
{
	struct names n = {r, r->by, {0}, err, MC_OK};
	strmap_init(&n.seen);
	enum mc_code rc =
		store_procedure_each(app->st, name_procedure, &n, err);
	*index = n.seen;
	return rc ? rc : n.rc;
}

/* ---- counting from the aggregates ------------------------------------ */

static enum mc_code counted(struct app *app, const char *unit, enum agg_dim dim,
			    const char *value, const struct report_period *p,
			    struct report_row *row, struct mc_err *err)
{
	int64_t before[AGG__COUNT], at_to[AGG__COUNT];
	enum mc_code rc = agg_period(app->agg, unit, dim, value, p->from, p->to,
				     before, at_to, err);
	if (!rc) {
		struct report_row add;
		report_row_from_counters(&add, before, at_to);
		report_merge(row, &add);
	}
	return rc;
}

static enum mc_code fast_units(struct app *app, struct tree *t, int64_t root,
			       struct report *r, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	if (!r->restated) {
		/* the unit's own line, then each child's subtree; with a
		 * level, each unit's own dossiers alone */
		for (size_t i = 0; !rc && i < r->n; i++)
			rc = counted(app, r->lines[i].key,
				     r->level || i == 0 ? AGG_DIM_OWN
							: AGG_DIM_ALL,
				     "", &r->counted, &r->lines[i].row, err);
		return rc;
	}
	/* restated: every unit's own dossiers onto its line as of today */
	for (size_t i = 0; !rc && i < t->t->n; i++) {
		int l = line_of(t, (int64_t)i, root, r->restated_on);
		if (l >= 0)
			rc = counted(app, t->t->units[i].code, AGG_DIM_OWN, "",
				     &r->counted, &r->lines[l].row, err);
	}
	return rc;
}

static enum mc_code fast_dims(struct app *app, struct report *r,
			      struct mc_err *err)
{
	enum agg_dim dim = r->by == REPORT_BY_LEVEL   ? AGG_DIM_LEVEL
			   : r->by == REPORT_BY_FIELD ? AGG_DIM_FIELD
						      : AGG_DIM_PROCEDURE;
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < r->n; i++)
		rc = counted(app, r->unit, dim, r->lines[i].key, &r->counted,
			     &r->lines[i].row, err);
	return rc;
}

/* ---- counting by scanning every dossier ------------------------------ */

struct scan {
	struct app *app;
	struct tree *tree;
	struct report *report;
	int64_t root;
	struct strmap procs; /* procedure code -> online level */
	struct strmap lines; /* field or procedure code -> line */
};

static enum online_level level_of(struct scan *s, const char *code)
{
	int64_t l = strmap_get(&s->procs, code, -1);
	if (l >= 0)
		return (enum online_level)l;
	struct procedure p;
	l = ONLINE_NONE;
	if (store_procedure_get(s->app->st, code, &p, NULL) == MC_OK) {
		l = p.online_level;
		procedure_release(&p);
	}
	strmap_put(&s->procs, code, l);
	return (enum online_level)l;
}

static int scan_line(struct scan *s, const struct dossier *d, int64_t u)
{
	struct report *r = s->report;
	switch (r->by) {
	case REPORT_BY_UNIT:
		if (r->level)
			return s->tree->line[u];
		return line_of(s->tree, u, s->root,
			       r->restated ? r->restated_on : MC_NO_TIME);
	case REPORT_BY_LEVEL: return (int)s->tree->t->units[u].level - 1;
	case REPORT_BY_FIELD:
	case REPORT_BY_PROCEDURE: {
		char tagged[64];
		snprintf(tagged, sizeof(tagged), "\x01%s", d->procedure_code);
		return (int)strmap_get(&s->lines, tagged, -1);
	}
	}
	return -1;
}

static int scan_one(const struct dossier *d, void *ctx)
{
	struct scan *s = ctx;
	int64_t u = find(s->tree, d->unit_code);
	if (u < 0)
		return 0;
	if (s->report->by != REPORT_BY_UNIT &&
	    !unit_tree_within(s->tree->t, u, s->root))
		return 0;
	int l = scan_line(s, d, u);
	if (l < 0 || (size_t)l >= s->report->n)
		return 0;
	report_add(&s->report->lines[l].row, d, level_of(s, d->procedure_code),
		   &s->report->counted);
	return 0;
}

static enum mc_code scan_all(struct app *app, struct tree *t, int64_t root,
			     struct report *r, struct strmap *lines,
			     struct mc_err *err)
{
	struct scan s = {app, t, r, root, {0}, *lines};
	strmap_init(&s.procs);
	enum mc_code rc = store_dossier_each(app->st, MC_NO_TIME, MC_NO_TIME,
					     scan_one, &s, err);
	strmap_release(&s.procs);
	return rc;
}

/* ---- the two entry points -------------------------------------------- */

static enum mc_code check_query(const struct report_query *q,
				struct mc_err *err)
{
	if (q->period.to < q->period.from)
		return mc_fail(err, MC_ERR_INPUT, "to", "to: is before from");
	if (q->restated && q->by != REPORT_BY_UNIT)
		return mc_fail(err, MC_ERR_INPUT, "restated",
			       "restated: applies to the report by unit");
	if (q->level && q->by != REPORT_BY_UNIT)
		return mc_fail(err, MC_ERR_INPUT, "level",
			       "level: applies to the report by unit");
	if (q->level && q->restated)
		return mc_fail(err, MC_ERR_INPUT, "level",
			       "level: lists the units as they were, not "
			       "restated");
	if (q->level && (q->level < LEVEL_PROVINCE || q->level > LEVEL_COMMUNE))
		return mc_fail(err, MC_ERR_INPUT, "level",
			       "level: %d is not 1-3", (int)q->level);
	return MC_OK;
}

static enum mc_code build(struct app *app, const struct report_query *q,
			  struct report *out, bool scan, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	out->period = q->period;
	out->counted = report_counted(q->period, app_now(app), &out->as_of);
	out->by = q->by;
	out->restated = q->restated;
	out->level = q->by == REPORT_BY_UNIT ? q->level : 0;
	/* restated onto today's units, or the period's if it ends later */
	out->restated_on = civil_local_day((int64_t)time(NULL));
	if (out->restated_on < q->period.to)
		out->restated_on = q->period.to;
	struct tree t;
	struct strmap lines;
	strmap_init(&lines);
	int64_t root = -1;
	/* every line and the total from the same state of the data */
	bool snapshot = store_read_begin(app->st);
	enum mc_code rc = check_query(q, err);
	if (!rc)
		rc = load_tree(app, &t, err);
	else
		memset(&t, 0, sizeof(t));
	if (!rc)
		rc = unit_tree_root(t.t, q->unit, &root, err);
	if (!rc && (!str_set(&out->unit, t.t->units[root].code) ||
		    !str_set(&out->unit_name, t.t->units[root].name)))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc && q->by == REPORT_BY_UNIT)
		rc = unit_lines(&t, root, out, err);
	else if (!rc && q->by == REPORT_BY_LEVEL)
		rc = level_lines(out, err);
	else if (!rc)
		rc = catalogue_lines(app, out, &lines, err);
	if (!rc && scan)
		rc = scan_all(app, &t, root, out, &lines, err);
	else if (!rc && q->by == REPORT_BY_UNIT)
		rc = fast_units(app, &t, root, out, err);
	else if (!rc)
		rc = fast_dims(app, out, err);
	if (!rc)
		finish_lines(&t, out);
	if (!rc && q->by == REPORT_BY_UNIT)
		rc = unit_figures(out, q->min_resolved, err);
	strmap_release(&lines);
	tree_release(&t);
	store_read_end(app->st, snapshot);
	if (rc)
		report_release(out);
	return rc;
}

enum mc_code app_report(struct app *app, const struct report_query *q,
			struct report *out, struct mc_err *err)
{
	return build(app, q, out, false, err);
}

struct report_call {
	const struct report_query *q;
	struct report *out;
};

static enum mc_code report_call(struct app *app, void *ctx, struct mc_err *err)
{
	struct report_call *c = ctx;
	return app_report(app, c->q, c->out, err);
}

enum mc_code app_report_as(struct app *app, const struct actor *actor,
			   const struct report_query *q, struct report *out,
			   struct mc_err *err)
{
	struct report_call c = {q, out};
	memset(out, 0, sizeof(*out));
	return app_figures_as(app, actor, q->unit, report_call, &c, err);
}

enum mc_code app_report_scan(struct app *app, const struct report_query *q,
			     struct report *out, struct mc_err *err)
{
	return build(app, q, out, true, err);
}

enum mc_code app_report_by_unit(struct app *app, const char *root,
				struct report_period period, struct report *out,
				struct mc_err *err)
{
	struct report_query q = {period, root, REPORT_BY_UNIT, false, 0, 0};
	return app_report(app, &q, out, err);
}
