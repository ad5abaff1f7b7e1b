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

struct summary_query {
	const char *period; /* month:2024-04, quarter:2024Q1, ... */
	int cutoff;         /* statutory cut-off day; 0: 15 */
	const char *unit;   /* NULL: the province */
	enum unit_level level;
	int64_t min_resolved; /* 0: FIGURES_MIN_RESOLVED */
};

struct summary {
	char *period;   /* as given */
	char title[64]; /* "tháng 4 năm 2024" */
	struct report units, levels;
};

enum mc_code app_summary(struct app *app, const struct summary_query *q,
			 struct summary *out, struct mc_err *err);
void summary_release(struct summary *s);

#endif
