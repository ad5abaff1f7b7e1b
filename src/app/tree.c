/*
 * tree.c - the unit tree for one query (see tree.h).
 */
#include "app/tree.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "store/store.h"

static int collect_unit(const struct unit *u, void *ctx)
{
	struct unit_tree *t = ctx;
	struct unit *slot = ARRAY_PUSH(t->units, t->n, t->cap);
	if (!slot)
		return 1;
	unit_init(slot);
	slot->level = u->level;
	slot->valid_from = u->valid_from;
	slot->valid_to = u->valid_to;
	return !str_set(&slot->code, u->code) ||
	       !str_set(&slot->name, u->name) ||
	       !str_set(&slot->parent, u->parent) ||
	       !str_set(&slot->successor, u->successor);
}

enum mc_code unit_tree_load(struct store *st, struct unit_tree *t,
			    struct mc_err *err)
{
	memset(t, 0, sizeof(*t));
	strmap_init(&t->index);
	enum mc_code rc = store_unit_each(st, collect_unit, t, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < t->n; i++)
		if (!strmap_put(&t->index, t->units[i].code, (int64_t)i))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

void unit_tree_release(struct unit_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		unit_release(&t->units[i]);
	free(t->units);
	strmap_release(&t->index);
	memset(t, 0, sizeof(*t));
}

int64_t unit_tree_find(const struct unit_tree *t, const char *code)
{
	return code ? strmap_get(&t->index, code, -1) : -1;
}

int64_t unit_tree_parent(const struct unit_tree *t, int64_t i)
{
	return unit_tree_find(t, t->units[i].parent);
}

bool unit_tree_within(const struct unit_tree *t, int64_t x, int64_t u)
{
	/* the hop limit stops a loop in bad data */
	for (size_t hops = 0; x >= 0 && hops <= t->n; hops++) {
		if (x == u)
			return true;
		x = unit_tree_parent(t, x);
	}
	return false;
}

enum mc_code unit_tree_root(const struct unit_tree *t, const char *code,
			    int64_t *out, struct mc_err *err)
{
	if (code) {
		*out = unit_tree_find(t, code);
		if (*out < 0)
			return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
				       "unit: \"%.60s\" is not known", code);
		return MC_OK;
	}
	*out = -1;
	for (size_t i = 0; i < t->n; i++) {
		if (t->units[i].parent)
			continue;
		if (*out >= 0)
			return mc_fail(err, MC_ERR_INPUT, "unit",
				       "unit: there are several top units; "
				       "choose one with --unit");
		*out = (int64_t)i;
	}
	if (*out < 0)
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: the database has no units yet");
	return MC_OK;
}

int64_t unit_tree_successor_on(const struct unit_tree *t, int64_t i,
			       int64_t day)
{
	for (size_t hops = 0; hops < t->n; hops++) {
		const struct unit *u = &t->units[i];
		int64_t next = unit_tree_find(t, u->successor);
		if (unit_valid_on(u, day) || next < 0)
			return i;
		i = next;
	}
	return i;
}
