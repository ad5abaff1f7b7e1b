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

void quality_list_release(struct quality_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->items[i].code);
		free(l->items[i].unit_code);
		free(l->items[i].unit_name);
	}
	free(l->items);
	free(l->unit);
	free(l->unit_name);
	memset(l, 0, sizeof(*l));
}

static void field(struct quality_field *f, const char *name, int64_t t)
{
	snprintf(f->name, sizeof(f->name), "%s", name);
	if (t == MC_NO_TIME)
		f->value[0] = '\0';
	else
		civil_format_local(t, f->value);
}

/* The first supplement round completed before it was asked for. */
static size_t supplement_fields(const struct dossier *d,
				struct quality_field out[2])
{
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *r = &d->supplements[i];
		if (r->completed == MC_NO_TIME || r->completed >= r->requested)
			continue;
		char name[64];
		snprintf(name, sizeof(name),
			 "DanhSachHoSoBoSung[%zu].NgayBoSung", i);
		field(&out[0], name, r->requested);
		snprintf(name, sizeof(name),
			 "DanhSachHoSoBoSung[%zu].NgayTiepNhanBoSung", i);
		field(&out[1], name, r->completed);
		return 2;
	}
	return 0;
}

size_t quality_fields(const struct dossier *d, enum dossier_anomaly a,
		      struct quality_field out[2])
{
	switch (a) {
	case ANOMALY_RECEIVED_BEFORE_SUBMITTED:
		field(&out[0], "NgayNopHoSo", d->submitted);
		field(&out[1], "NgayTiepNhan", d->received);
		return 2;
	case ANOMALY_DUE_BEFORE_RECEIVED:
	case ANOMALY_DUE_MISSING:
		field(&out[0], "NgayTiepNhan", d->received);
		field(&out[1], "NgayHenTra", d->due);
		return 2;
	case ANOMALY_FINISHED_BEFORE_RECEIVED:
		field(&out[0], "NgayTiepNhan", d->received);
		field(&out[1], "NgayKetThucXuLy", d->finished);
		return 2;
	case ANOMALY_RETURNED_BEFORE_FINISHED:
		field(&out[0], "NgayKetThucXuLy", d->finished);
		field(&out[1], "NgayTra", d->returned);
		return 2;
	case ANOMALY_SUPPLEMENT_BACKWARDS: return supplement_fields(d, out);
	case ANOMALY_OPEN_WITH_END:
		snprintf(out[0].name, sizeof(out[0].name), "TrangThaiHoSo");
		snprintf(out[0].value, sizeof(out[0].value), "%d",
			 (int)d->status);
		field(&out[1], "NgayKetThucXuLy", d->finished);
		return 2;
	case ANOMALY__COUNT: break;
	}
	MC_BUG("unknown anomaly %d", (int)a);
}

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
