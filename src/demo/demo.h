/*
 * demo.h - `motcua demo`: build a whole fictional province in an empty
 * database (units, procedure catalogue and a year of dossiers with their
 * event log), deterministic from a seed, so that reports, indices and the
 * web pages have realistic data to show.
 */
#ifndef MC_APP_DEMO_H
#define MC_APP_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/error.h"

/* Sized so that `make run` builds the demo in a few seconds. */
#define DEMO_DEFAULT_DOSSIERS 60000
#define DEMO_MAX_DOSSIERS 20000000
/* Limits of the larger provinces (`--districts`, `--communes`,
 * `--years`): unit codes have two digits for a district (31..) and a
 * commune (21..). */
#define DEMO_MAX_DISTRICTS 60
#define DEMO_MAX_COMMUNES 70
#define DEMO_MAX_YEARS 5

struct demo_options {
	uint64_t seed;
	int64_t until;   /* civil day of the last filings; the snapshot is
			  * taken at the end of that day, or at `now` */
	size_t dossiers; /* how many dossiers to file over the years */
	/* The province's size; 0 keeps the default demo (9 districts, 8-15
	 * communes each, one year), whose output never changes. */
	int districts; /* the first 9 from the table, the rest generated */
	int communes;  /* communes per district (0: the table's) */
	int years;     /* of history ending at `until` */
	/* The moment the demo runs (UTC seconds): nothing is dated after
	 * it, and `until` may not be a later day. 0: no clock, the
	 * snapshot is the end of the `until` day. */
	int64_t now;
	/* Keep the pre-2025 units through the whole history (districts,
	 * the old departments): the benchmark's province. */
	bool no_reorganisation;
};

struct demo_summary {
	size_t units, procedures, dossiers, events;
	size_t by_status[11]; /* index: status 1-10 */
	size_t by_channel[4]; /* index: channel 1-3 */
	size_t supplemented;  /* dossiers with at least one supplement round */
	size_t late;          /* finished after their due date */
	size_t overdue_open;  /* open at the end with a due date passed */
	size_t ratings, dissatisfied, feedback;
	size_t closed_units; /* closed in the 2025 reorganisation */
	size_t transferred;  /* open at a closing, moved to the successor */
};

/* Build the province into app's database in one transaction. Refuses
 * (MC_ERR_CONFLICT) a database that already has units; on any failure
 * nothing is written. `sum` may be NULL. */
enum mc_code demo_build(struct app *app, const struct demo_options *opt,
			struct demo_summary *sum, struct mc_err *err);

#endif
