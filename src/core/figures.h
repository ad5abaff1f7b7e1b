/*
 * figures.h - the figures provincial releases quote beside form II.06a,
 * over a set of units each with its report row: how many reached an
 * on-time rate of 100%, which had the highest and the lowest rate (ties
 * kept), and how many received at least one online filing. Only
 * arithmetic on the rows given, so every figure adds up with the report
 * the rows came from.
 */
#ifndef MC_CORE_FIGURES_H
#define MC_CORE_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/report.h"

/* A unit is ranked when it resolved at least this many dossiers in the
 * period (releases rank every unit that resolved one). */
#define FIGURES_MIN_RESOLVED 1
#define FIGURES_MAX_MIN_RESOLVED 1000000

struct report_figures {
	int64_t min_resolved;
	size_t units;       /* units considered */
	size_t with_online; /* ... that received an online filing */
	size_t ranked;      /* ... that resolved at least min_resolved */
	/* positions in the rows given, in their order */
	size_t *at_full, n_at_full; /* ranked, every resolved one in time */
	size_t *highest, n_highest; /* ranked, at the highest rate */
	size_t *lowest, n_lowest;   /* ranked, at the lowest rate */
};

/* The figures of n units; rows[i] is unit i's row. The rate is the
 * on-time rate of resolved dossiers (report_on_time_rate), compared
 * exactly, not rounded. MC_ERR_INPUT naming "min_resolved" outside
 * 1..FIGURES_MAX_MIN_RESOLVED. */
enum mc_code report_figures_compute(const struct report_row *const *rows,
				    size_t n, int64_t min_resolved,
				    struct report_figures *out,
				    struct mc_err *err);
void report_figures_release(struct report_figures *f);
/* A minimum of resolved dossiers as given on a command line or in a
 * query: a decimal count 1..FIGURES_MAX_MIN_RESOLVED; errors name
 * `field`. */
enum mc_code report_min_resolved_parse(const char *s, int64_t *out,
				       const char *field, struct mc_err *err);

#endif
