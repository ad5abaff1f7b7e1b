/*
 * quality.c - the data-quality list (see quality.h): the stored
 * dossiers with anomalies of a period, kept to a unit subtree, each kind
 * with the fields it involves and their values.
 */
#include "app/quality.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "store/store.h"

struct walk {
	const struct unit_tree *tree;
	int64_t root; /* -1: every unit */
	struct quality_list *out;
	bool oom;
};

static bool add_item(struct walk *w, const struct dossier *d,
		     enum dossier_anomaly a, int64_t unit)
{
	struct quality_list *l = w->out;
	struct quality_item *it = ARRAY_PUSH(l->items, l->n, l->cap);
	if (!it)
		return false;
	memset(it, 0, sizeof(*it));
	it->kind = a;
	it->n_fields = quality_fields(d, a, it->fields);
	l->by_kind[a]++;
	return str_set(&it->code, d->code) &&
	       str_set(&it->unit_code, d->unit_code) &&
	       str_set(&it->unit_name,
		       unit >= 0 ? w->tree->units[unit].name : NULL);
}

static int on_dossier(const struct dossier *d, void *ctx)
{
	struct walk *w = ctx;
	int64_t unit = unit_tree_find(w->tree, d->unit_code);
	if (w->root >= 0 &&
	    (unit < 0 || !unit_tree_within(w->tree, unit, w->root)))
		return 0;
	unsigned set = dossier_anomalies(d);
	w->out->dossiers += set != 0;
	enum dossier_anomaly a;
	while (dossier_anomaly_next(&set, &a))
		if (!add_item(w, d, a, unit)) {
			w->oom = true;
			return 1;
		}
	return 0;
}

enum mc_code app_quality(struct app *app, const struct quality_query *q,
			 struct quality_list *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	out->q = *q;
	const struct unit_tree *tree;
	enum mc_code rc = app_units(app, &tree, err);
	if (rc)
		return rc;
	struct walk w = {tree, -1, out, false};
	if (q->unit && (rc = unit_tree_root(tree, q->unit, &w.root, err)))
		return rc;
	/* no unit: the province, when the tree has one root; else all */
	if (!q->unit && unit_tree_root(tree, NULL, &w.root, NULL) != MC_OK)
		w.root = -1;
	if (w.root >= 0 &&
	    (!str_set(&out->unit, tree->units[w.root].code) ||
	     !str_set(&out->unit_name, tree->units[w.root].name)))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	bool opened = store_read_begin(app->st);
	rc = store_anomalous_each(
		app->st, q->all_time ? MC_NO_TIME : q->period.from,
		q->all_time ? MC_NO_TIME : q->period.to, on_dossier, &w, err);
	store_read_end(app->st, opened);
	if (!rc && w.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (rc)
		quality_list_release(out);
	return rc;
}

struct quality_call {
	const struct quality_query *q;
	struct quality_list *out;
};

static enum mc_code quality_call(struct app *app, void *ctx, struct mc_err *err)
{
	struct quality_call *c = ctx;
	return app_quality(app, c->q, c->out, err);
}

enum mc_code app_quality_as(struct app *app, const struct actor *actor,
			    const struct quality_query *q,
			    struct quality_list *out, struct mc_err *err)
{
	struct quality_call c = {q, out};
	memset(out, 0, sizeof(*out));
	return app_figures_as(app, actor, q->unit, quality_call, &c, err);
}
