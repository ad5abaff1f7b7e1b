/*
 * tree.h - the unit tree held in memory for one query (a report, an index
 * ranking): every unit by position, found by code, with the walks the
 * queries need (parent, subtree membership, successor at a date).
 */
#ifndef MC_APP_TREE_H
#define MC_APP_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strmap.h"
#include "core/unit.h"
struct store;

struct unit_tree {
	struct unit *units;
	size_t n, cap;
	struct strmap index; /* code -> position in units */
};

enum mc_code unit_tree_load(struct store *st, struct unit_tree *t,
			    struct mc_err *err);
void unit_tree_release(struct unit_tree *t);

/* Position of a code, -1 when unknown (or NULL). */
int64_t unit_tree_find(const struct unit_tree *t, const char *code);
int64_t unit_tree_parent(const struct unit_tree *t, int64_t i);
/* Whether unit x lies in the subtree of unit u (u itself included). */
bool unit_tree_within(const struct unit_tree *t, int64_t x, int64_t u);
/* The unit named by code, or, for NULL, the one unit without a parent;
 * errors name the field "unit". */
enum mc_code unit_tree_root(const struct unit_tree *t, const char *code,
			    int64_t *out, struct mc_err *err);
/* Where a merged unit's work went by civil day `day`: along successors to
 * the first unit in service; itself when in service or without one. */
int64_t unit_tree_successor_on(const struct unit_tree *t, int64_t i,
			       int64_t day);

#endif
