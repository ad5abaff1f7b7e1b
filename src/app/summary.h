/*
 * summary.h - a period's results as the short report a province
 * publishes (`motcua summary`): the report by unit with its figures (the
 * unit's children, or every unit of a level) and the report by level,
 * both read in one snapshot, so every number of the release comes from
 * the same aggregates and adds up with `motcua report`.
 */
#ifndef MC_APP_SUMMARY_H
#define MC_APP_SUMMARY_H

#include "app/report.h"
#include "core/summary.h"

struct summary_query {
	const char *period; /* month:2024-04, quarter:2024Q1, ... */
	int cutoff;         /* statutory cut-off day; 0: 15 */
	const char *unit;   /* NULL: the province */
	enum unit_level level;
	int64_t min_resolved; /* 0: FIGURES_MIN_RESOLVED */
};

enum mc_code app_summary(struct app *app, const struct summary_query *q,
			 struct summary *out, struct mc_err *err);
/* The same for `actor` (actor_on_figures on q->unit, which a staff
 * actor must name), in one read view with the check. */
enum mc_code app_summary_as(struct app *app, const struct actor *actor,
			    const struct summary_query *q, struct summary *out,
			    struct mc_err *err);

#endif
