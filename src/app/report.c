/*
 * report.c - form II.06a by unit over the stored dossiers (see report.h).
 */
#include "app/report.h"

#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "core/strmap.h"

struct tree {
	struct unit *units;
	size_t n, cap;
	struct strmap index; /* code -> position in units */
	int *line;           /* unit -> report line, -1 outside the root */
};

static int collect_unit(const struct unit *u, void *ctx)
{
	struct tree *t = ctx;
	struct unit *slot = ARRAY_PUSH(t->units, t->n, t->cap);
	if (!slot)
		return 1;
	unit_init(slot);
	return !str_set(&slot->code, u->code) || !str_set(&slot->name, u->name) ||
	       !str_set(&slot->parent, u->parent);
}

static void tree_release(struct tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		unit_release(&t->units[i]);
	free(t->units);
	free(t->line);
	strmap_release(&t->index);
}

static int64_t parent_of(const struct tree *t, int64_t i)
{
	if (!t->units[i].parent)
		return -1;
	return strmap_get(&t->index, t->units[i].parent, -1);
}

static enum mc_code load_tree(struct app *app, struct tree *t,
			      struct mc_err *err)
{
	memset(t, 0, sizeof(*t));
	strmap_init(&t->index);
	enum mc_code rc = store_unit_each(app->st, collect_unit, t, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < t->n; i++)
		if (!strmap_put(&t->index, t->units[i].code, (int64_t)i))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	t->line = malloc((t->n + 1) * sizeof(int));
	if (!t->line)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

static enum mc_code find_root(const struct tree *t, const char *root,
			      int64_t *out, struct mc_err *err)
{
	if (root) {
		*out = strmap_get(&t->index, root, -1);
		if (*out < 0)
			return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
				       "unit: \"%s\" is not known", root);
		return MC_OK;
	}
	*out = -1;
	for (size_t i = 0; i < t->n; i++) {
		if (t->units[i].parent)
			continue;
		if (*out >= 0)
			return mc_fail(err, MC_ERR_INPUT, "unit",
				       "unit: there are several top units; "
				       "choose one");
		*out = (int64_t)i;
	}
	if (*out < 0)
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: the database has no units yet");
	return MC_OK;
}

static enum mc_code add_line(struct report *r, const struct unit *u,
			     const char *suffix, struct mc_err *err)
{
	struct report_line *l = ARRAY_PUSH(r->lines, r->n, r->cap);
	if (!l || !str_set(&l->key, u->code))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	size_t len = strlen(u->name) + strlen(suffix) + 1;
	l->name = malloc(len);
	if (!l->name)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	strcpy(l->name, u->name);
	strcat(l->name, suffix);
	return MC_OK;
}

/* Lines: the root's own dossiers first, then each child's subtree. */
static enum mc_code assign_lines(struct tree *t, int64_t root,
				 struct report *r, struct mc_err *err)
{
	enum mc_code rc = add_line(r, &t->units[root], " (trực tiếp)", err);
	for (size_t i = 0; !rc && i < t->n; i++) {
		t->line[i] = -1;
		if (parent_of(t, (int64_t)i) == root)
			rc = add_line(r, &t->units[i], "", err);
		if (!rc && parent_of(t, (int64_t)i) == root)
			t->line[i] = (int)r->n - 1;
	}
	if (rc)
		return rc;
	t->line[root] = 0;
	/* every other unit reports on the line of its root-child ancestor */
	for (size_t i = 0; i < t->n; i++) {
		int64_t a = (int64_t)i;
		size_t hops = 0;
		while (a >= 0 && t->line[a] < 0 && hops++ < t->n)
			a = parent_of(t, a);
		t->line[i] = a >= 0 ? t->line[a] : -1;
	}
	return MC_OK;
}

struct scan {
	struct app *app;
	struct tree *tree;
	struct report *report;
	struct strmap levels; /* procedure code -> online level */
	enum mc_code rc;
	struct mc_err *err;
};

static enum online_level level_of(struct scan *s, const char *code)
{
	int64_t l = strmap_get(&s->levels, code, -1);
	if (l >= 0)
		return (enum online_level)l;
	struct procedure p;
	l = ONLINE_NONE;
	if (store_procedure_get(s->app->st, code, &p, NULL) == MC_OK) {
		l = p.online_level;
		procedure_release(&p);
	}
	strmap_put(&s->levels, code, l);
	return (enum online_level)l;
}

static int scan_one(const struct dossier *d, void *ctx)
{
	struct scan *s = ctx;
	int64_t u = strmap_get(&s->tree->index, d->unit_code, -1);
	if (u < 0 || s->tree->line[u] < 0)
		return 0;
	struct report_line *l = &s->report->lines[s->tree->line[u]];
	report_add(&l->row, d, level_of(s, d->procedure_code),
		   &s->report->period);
	return 0;
}

void report_release(struct report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->lines[i].key);
		free(r->lines[i].name);
	}
	free(r->lines);
	free(r->unit);
	free(r->unit_name);
	memset(r, 0, sizeof(*r));
}

enum mc_code app_report_by_unit(struct app *app, const char *root,
				struct report_period period,
				struct report *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	out->period = period;
	struct tree t;
	int64_t r;
	enum mc_code rc = load_tree(app, &t, err);
	if (!rc)
		rc = find_root(&t, root, &r, err);
	if (!rc && (!str_set(&out->unit, t.units[r].code) ||
		    !str_set(&out->unit_name, t.units[r].name)))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc)
		rc = assign_lines(&t, r, out, err);
	struct scan s = {app, &t, out, {0}, MC_OK, err};
	strmap_init(&s.levels);
	if (!rc)
		rc = store_dossier_each(app->st, MC_NO_TIME, MC_NO_TIME,
					scan_one, &s, err);
	strmap_release(&s.levels);
	tree_release(&t);
	for (size_t i = 0; !rc && i < out->n; i++)
		report_merge(&out->total, &out->lines[i].row);
	if (rc)
		report_release(out);
	return rc;
}
