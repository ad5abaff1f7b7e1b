/*
 * summary.h - a published summary as a result: the period as given, its
 * Vietnamese title and the two reports (by unit with its figures, by
 * level) read in one snapshot. The application fills it (app/summary.h);
 * io/summary.c writes it.
 */
#ifndef MC_CORE_SUMMARY_H
#define MC_CORE_SUMMARY_H

#include "core/report_table.h"

struct summary {
	char *period;   /* as given */
	char title[64]; /* "tháng 4 năm 2024" */
	struct report units, levels;
};

void summary_release(struct summary *s);

#endif
