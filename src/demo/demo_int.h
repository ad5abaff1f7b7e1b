/*
 * demo_int.h - what the demo's files share and nobody else needs: the
 * seeded random numbers, the province as built in memory, and the three
 * builders (catalogue, people, dossiers). See docs/internals/demo.md.
 */
#ifndef MC_APP_DEMO_INT_H
#define MC_APP_DEMO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/dossier.h"
#include "core/procedure.h"
#include "core/unit.h"
#include "demo/demo.h"
#include "store/store.h"

/* ---- random numbers: splitmix64, one small state per stream ---------- */

struct demo_rng {
	uint64_t s;
};

static inline uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* A stream of its own for every (seed, purpose, index), so that one
 * dossier's draws never shift another's. */
static inline struct demo_rng demo_rng_for(uint64_t seed, uint64_t purpose,
					   uint64_t index)
{
	struct demo_rng r = {seed ^ (purpose * 0xd1b54a32d192ed03ull)};
	r.s ^= demo_rng_next(&r) + index * 0x9e3779b97f4a7c15ull;
	demo_rng_next(&r);
	return r;
}

static inline uint64_t demo_rng_below(struct demo_rng *r, uint64_t n)
{
	return n ? demo_rng_next(r) % n : 0;
}

/* Uniform in [0, 1), from 53 bits. */
static inline double demo_rng_unit(struct demo_rng *r)
{
	return (double)(demo_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline bool demo_rng_chance(struct demo_rng *r, double p)
{
	return demo_rng_unit(r) < p;
}

/* Uniform integer in [lo, hi]. */
static inline int64_t demo_rng_range(struct demo_rng *r, int64_t lo, int64_t hi)
{
	return hi <= lo ? lo
			: lo + (int64_t)demo_rng_below(r,
						       (uint64_t)(hi - lo + 1));
}

/* ---- the province in memory ------------------------------------------ */

/* Who files a procedure's dossiers. */
enum demo_who { WHO_CITIZEN, WHO_BUSINESS, WHO_MIXED };

struct demo_unit {
	struct unit u;
	struct office_hours oh;
	uint64_t weight; /* relative population, for districts and communes */
	ptrdiff_t next;  /* the successor's index, -1 while not closed */
};

struct demo_proc {
	struct procedure p;
	enum unit_level level;
	size_t dept;     /* province level: index of its department */
	uint64_t weight; /* relative yearly volume */
	enum demo_who who;
	bool financial; /* may wait on a financial obligation (land) */
	int n_components;
};

/* One hand-written catalogue line (demo_rows.c). level: 'T' province
 * department `dept` (1-based, the unit 000.00.{dept}.H56), 'H' district,
 * 'X' commune. unit: 'd' working days, 'c' calendar days, 'h' working
 * hours. online: 0 none, 1 partial, 2 full. weight: relative yearly
 * volume within its level. */
struct proc_row {
	const char *field;
	char level;
	signed char dept;
	short limit;
	char unit;
	char online;
	int fee;
	short weight;
	const char *name;
};
extern const struct proc_row demo_proc_rows[];
extern const size_t demo_n_proc_rows;

/* Cumulative weights for picking by weight with one draw. */
struct demo_pick {
	size_t *idx;
	uint64_t *cum;
	size_t n;
};

struct demo_world {
	struct demo_unit *units;
	size_t n_units, cap_units;
	struct demo_proc *procs;
	size_t n_procs, cap_procs;
	struct demo_pick level_units[4]; /* districts [2], communes [3] */
	struct demo_pick all_procs, online_procs;
	/* From this civil day (MC_NO_TIME: not in this demo) there is no
	 * district level: every district and commune procedure is filed at
	 * one of the merged communes. */
	int64_t communes_merged;
	struct demo_pick merged_communes;
};

/* The units (as many as opt's districts and communes ask) and the
 * catalogue; the online-only windows fall in the year that ends at
 * opt->until. */
enum mc_code demo_catalog_build(struct demo_world *w,
				const struct demo_options *opt,
				struct mc_err *err);
void demo_world_release(struct demo_world *w);
size_t demo_pick(const struct demo_pick *pk, struct demo_rng *r);
enum mc_code demo_unit_add(struct demo_world *w, const char *code,
			   const char *name, const char *parent,
			   enum unit_level level, const char *hours,
			   uint64_t weight, struct mc_err *err);

/* ---- the 2025 reorganisation (demo_reorg.c) -------------------------- */

/* Merged departments from 1 March 2025; from 1 July 2025 no district
 * level and the communes merged, about three into one, directly under
 * the province. Each old unit is closed with its successor, new codes
 * are never old ones. Only what has happened by opt->until, and nothing
 * with opt->no_reorganisation. */
enum mc_code demo_reorganise(struct demo_world *w,
			     const struct demo_options *opt,
			     struct mc_err *err);
/* The unit that does unit i's work on civil day `day`: i, or along its
 * successors. */
size_t demo_unit_on(const struct demo_world *w, size_t i, int64_t day);

/* ---- people ---------------------------------------------------------- */

/* Fill the applicant fields of `d` for a filing on civil day `day`. */
bool demo_applicant(struct demo_rng *r, enum demo_who who, int64_t day,
		    enum channel ch, struct dossier *d);

/* ---- dossiers -------------------------------------------------------- */

/* One planned filing: what, where, how, when (the first event). */
struct demo_plan {
	int64_t at;
	uint32_t proc, unit, seq;
	enum channel channel;
};

struct demo_ctx {
	struct app *app; /* for the real transfer at a unit's closing */
	struct store *st;
	struct calendar *cal;
	const struct demo_world *w;
	uint64_t seed;
	int64_t cut;  /* the snapshot instant: nothing happens after it */
	int64_t days; /* filing days, ending at the cut's day */
	struct demo_summary *sum;
};

/* Live one dossier's life up to the cut, store it and its events. */
enum mc_code demo_dossier_make(struct demo_ctx *c, const struct demo_plan *pl,
			       struct mc_err *err);

/* ---- what citizens say, what units publish (demo_voice.c) ------------ */

/* The rating and feedback, if any, about stored dossier d (number seq). */
enum mc_code demo_voice(struct demo_ctx *c, const struct dossier *d,
			uint32_t seq, struct mc_err *err);
/* Each procedure's decision, effect and publicizing dates. */
enum mc_code demo_publication(struct store *st, const struct demo_world *w,
			      uint64_t seed, int64_t until, int64_t days,
			      struct mc_err *err);

#endif
