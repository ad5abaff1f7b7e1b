/*
 * report_table.h - form II.06a as a result: the lines of a report (by
 * unit, level, field or procedure), its total and, by unit, the figures
 * releases quote. The application fills it (app/report.h); the writers
 * in io (text, CSV, JSON, xlsx) and the server read it.
 */
#ifndef MC_CORE_REPORT_TABLE_H
#define MC_CORE_REPORT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/figures.h"
#include "core/report.h"
#include "core/unit.h"

enum report_by {
	REPORT_BY_UNIT,
	REPORT_BY_LEVEL,
	REPORT_BY_FIELD,
	REPORT_BY_PROCEDURE
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

#endif
