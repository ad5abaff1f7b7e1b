/*
 * report.h - form II.06a over the stored dossiers: one line per direct
 * child of a unit (each line counts the child's whole subtree), the unit's
 * own dossiers as a line of their own, and the total.
 *
 * This first engine reads every dossier once per report; the incremental
 * aggregates of the report issue replace the scan, and this stays as the
 * reference the fast path is tested against.
 */
#ifndef MC_APP_REPORT_H
#define MC_APP_REPORT_H

#include "app/app.h"
#include "core/report.h"

struct report_line {
	char *key, *name;
	struct report_row row;
};

struct report {
	struct report_period period;
	char *unit, *unit_name;
	struct report_line *lines;
	size_t n, cap;
	struct report_row total;
};

void report_release(struct report *r);

/* root NULL: the province (the one unit without a parent). */
enum mc_code app_report_by_unit(struct app *app, const char *root,
				struct report_period period,
				struct report *out, struct mc_err *err);

#endif
