/*
 * report.h - the periodic settlement report (form II.06a): the counts of
 * one row, and how one dossier adds to them for a period [from, to] of
 * whole local days. Definitions follow DOMAIN.md section 6; every dossier
 * lands in exactly one of resolved, refused, withdrawn or in progress, so
 * received_total always equals their sum.
 */
#ifndef MC_CORE_REPORT_H
#define MC_CORE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/procedure.h"

struct report_row {
	int64_t received_total, received_new, carried_over;
	int64_t received_online, received_online_partial, received_online_full;
	int64_t received_direct, received_postal;
	int64_t resolved_total, resolved_early, resolved_on_time, resolved_late;
	int64_t in_progress_total, in_progress_in_time, in_progress_overdue;
	int64_t waiting_supplement, refused, withdrawn, due_total;
	int64_t results_returned, results_by_post;
};

struct report_period {
	int64_t from, to; /* civil days, inclusive */
};

/* Add dossier d (of a procedure with online level `level`) to row. */
void report_add(struct report_row *row, const struct dossier *d,
		enum online_level level, const struct report_period *p);
void report_merge(struct report_row *into, const struct report_row *row);
/* Percent with two decimals as hundredths (9940 = 99.40%); -1 for 0/0. */
int64_t report_rate(int64_t num, int64_t den);
int64_t report_on_time_rate(const struct report_row *r);
int64_t report_on_time_rate_of_due(const struct report_row *r);
int64_t report_online_rate(const struct report_row *r);
/* The invariant: received_total = resolved + refused + withdrawn + open. */
bool report_row_balanced(const struct report_row *r);

/* The statutory month named `month` of `year` with cut-off day `cutoff`
 * (15: 15th of the previous month to the 14th; 1: the calendar month). */
struct report_period report_month(int year, int month, int cutoff);

#endif
