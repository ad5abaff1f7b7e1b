/*
 * report.h - form II.06a over the stored data.
 *
 * app_report answers from the aggregates (src/aggregates, agg_period): a
 * handful of reads per row whatever the number of dossiers. app_report_scan
 * reads every dossier and adds it up with report_add: the slow reference the
 * tests and the benchmark hold the fast path to.
 *
 * Both count a period that has not ended as of app_now: see
 * report_counted in core/report.h.
 */
#ifndef MC_APP_REPORT_H
#define MC_APP_REPORT_H

#include <stdbool.h>

#include "app/app.h"
#include "core/report_table.h"

struct report_query {
	struct report_period period;
	const char *unit; /* NULL: the province (the unit without parent) */
	enum report_by by;
	bool restated; /* merged units onto today's successors */
	/* by unit: 0 for the unit's children (each with its subtree);
	 * a level for every unit of that level in the unit's subtree, each
	 * with the dossiers it handled itself */
	enum unit_level level;
	int64_t min_resolved; /* to be ranked; 0: FIGURES_MIN_RESOLVED */
};

enum mc_code app_report(struct app *app, const struct report_query *q,
			struct report *out, struct mc_err *err);
/* The same for `actor` (actor_on_figures on q->unit, which a staff
 * actor must name), in one read view with the check. */
enum mc_code app_report_as(struct app *app, const struct actor *actor,
			   const struct report_query *q, struct report *out,
			   struct mc_err *err);
enum mc_code app_report_scan(struct app *app, const struct report_query *q,
			     struct report *out, struct mc_err *err);

/* By unit, as it was: the first engine's entry point. */
enum mc_code app_report_by_unit(struct app *app, const char *root,
				struct report_period period, struct report *out,
				struct mc_err *err);

#endif
