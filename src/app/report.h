/*
 * report.h - form II.06a over the stored data.
 *
 * app_report answers from the aggregates (src/aggregates, agg_period): a handful
 * of reads per row whatever the number of dossiers. app_report_scan reads
 * every dossier and adds it up with report_add: the slow reference the
 * tests and the benchmark hold the fast path to.
 *
 * Both count a period that has not ended as of app_now: see
 * report_counted in core/report.h.
 */
#ifndef MC_APP_REPORT_H
#define MC_APP_REPORT_H

#include <stdbool.h>

#include "app/app.h"
#include "core/figures.h"
#include "core/report.h"

enum report_by {
	REPORT_BY_UNIT,
	REPORT_BY_LEVEL,
	REPORT_BY_FIELD,
	REPORT_BY_PROCEDURE
};

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

struct report_line {
	char *key, *name;
	struct report_row row;
};

struct report {
	struct report_period period;
	/* the days counted (report_counted): the period once it has ended,
	 * else its first day through today; as_of is the moment the open
	 * dossiers are counted at, MC_NO_TIME once the period has ended */
	struct report_period counted;
	int64_t as_of;
	enum report_by by;
	bool restated;
	int64_t restated_on; /* restated: the civil day whose units it shows
			      * (the later of `to` and today) */
	char *unit, *unit_name;
	struct report_line *lines;
	size_t n, cap;
	struct report_row total;
	enum unit_level level;
	/* by unit: the figures over lines[first_unit..n) (the children or
	 * the units of `level`; not the unit's own "(trực tiếp)" line) */
	size_t first_unit;
	struct report_figures figures;
};

void report_release(struct report *r);
const char *report_by_name(enum report_by by);
enum mc_code report_by_parse(const char *s, enum report_by *out,
			     struct mc_err *err);

enum mc_code app_report(struct app *app, const struct report_query *q,
			struct report *out, struct mc_err *err);
enum mc_code app_report_scan(struct app *app, const struct report_query *q,
			     struct report *out, struct mc_err *err);

/* By unit, as it was: the first engine's entry point. */
enum mc_code app_report_by_unit(struct app *app, const char *root,
				struct report_period period, struct report *out,
				struct mc_err *err);

#endif
