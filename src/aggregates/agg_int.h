/*
 * agg_int.h - what the aggregate engine's files share: the engine's
 * state and the key lookups of agg_keys.c. Not for outside use.
 */
#ifndef MC_AGGREGATES_AGG_INT_H
#define MC_AGGREGATES_AGG_INT_H

#include "aggregates/agg.h"
#include "aggregates/agg_row.h"
#include "core/str.h"
#include "core/strmap.h"

#define AGG_MAX_DEPTH 8

struct agg_cell {
	uint64_t k; /* key id << 20 | (day + 2^19); 0 = empty */
	agg_vec v;
};

struct agg_unit {
	int level;
	int n_anc;
	char *anc[AGG_MAX_DEPTH]; /* the unit, its parent, ... */
};

struct agg_proc {
	enum online_level level;
	char *field;
};

/* The keys and online level of every dossier of one unit and procedure. */
#define AGG_MAX_KEYS (1 + 4 * AGG_MAX_DEPTH)
struct agg_combo {
	int64_t keys[AGG_MAX_KEYS];
	size_t n;
	enum online_level level;
};

struct agg {
	struct store *st; /* units, procedures, dossiers */
	const struct agg_rows *rows;
	void *rctx;
	struct strmap combos; /* "unit\x1fprocedure" -> index in combo */
	struct agg_combo *combo;
	size_t n_c, cap_c;
	struct agg_cell *cells;
	size_t n, cap;
	struct strmap keys;  /* "unit\x1f" dim "\x1f" value -> id */
	struct strmap units; /* code -> index in uinfo */
	struct agg_unit *uinfo;
	size_t n_u, cap_u;
	struct strmap procs; /* code -> index in pinfo */
	struct agg_proc *pinfo;
	size_t n_p, cap_p;
	struct strmap touched; /* key id -> first month whose checkpoint
				* must be redone at commit */
	bool rebuild;          /* the tree or catalogue changed under data */
	size_t spill_at;       /* cells kept in memory before a spill */
};

/* The id of (unit, dim, value), cached; 0 when it has none (!create). */
enum mc_code agg_key_id(struct agg *a, const char *unit, int dim,
			const char *value, bool create, int64_t *id,
			struct mc_err *err);
/* The keys of a dossier, found once per unit and procedure. */
enum mc_code agg_dossier_keys(struct agg *a, const struct dossier *d,
			      const struct agg_combo **out, struct mc_err *err);
/* Key ids may be gone (rollback) or mean other things (catalogue edit). */
void agg_forget_combos(struct agg *a);
void agg_forget_catalogue(struct agg *a);
/* The latest checkpoint before `month`: its month (INT64_MIN without
 * one) and counters (all zero then). */
enum mc_code agg_checkpoint_before(struct agg *a, int64_t key, int64_t month,
				   int64_t *found, agg_vec v,
				   struct mc_err *err);

#endif
