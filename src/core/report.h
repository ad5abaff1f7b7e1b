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
#include "core/error.h"
#include "core/procedure.h"

struct report_row {
	int64_t received_total, received_new, carried_over;
	int64_t received_online, received_online_partial, received_online_full;
	int64_t received_direct, received_postal;
	int64_t resolved_total, resolved_early, resolved_on_time, resolved_late;
	int64_t in_progress_total, in_progress_in_time, in_progress_overdue;
	int64_t waiting_supplement, refused, withdrawn, due_total;
	int64_t results_returned, results_by_post;
	int64_t resolved_online; /* of resolved_total, filed online */
};

struct report_period {
	int64_t from, to; /* civil days, inclusive */
};

/*
 * Overdue, the one definition of the reports and the officer's live list
 * (store_dossier_search, the "overdue" flag of a dossier): a dossier
 * open at the end of day `day` is overdue when it has a due date whose
 * local day is before `day` (resolved on its due day it would still be
 * on time, so it is overdue from the next day on) and it is not waiting
 * for a supplement: while a request is open its clock is stopped, and
 * its due date moves later when the supplement comes in.
 */
bool report_overdue(int64_t due, bool waiting, int64_t day);
/* The same as a bound on the due time, for a query: an open dossier not
 * waiting is overdue at `now` when its due time is before this (the
 * start of now's local day). */
int64_t report_overdue_cut(int64_t now);
/* Whether d, as stored, is overdue at `now`: open (accepted, processing,
 * waiting or financial), and report_overdue with its last supplement
 * round still open as `waiting`. */
bool report_dossier_overdue(const struct dossier *d, int64_t now);

/*
 * "As of": while a period runs (its last day is today or later), the
 * report counts what happened from its first day through now, and the
 * open dossiers, in time, overdue or waiting, are those of now. The
 * days to count for period p at moment `now`: p once it has ended; else
 * p.from to today; a period not begun yet counts the empty period after
 * today, whose carried-over and open dossiers are those open now.
 * *as_of is `now` to the minute while p runs, MC_NO_TIME once it ended.
 */
struct report_period report_counted(struct report_period p, int64_t now,
				    int64_t *as_of);

/* Add dossier d (of a procedure with online level `level`) to row. */
void report_add(struct report_row *row, const struct dossier *d,
		enum online_level level, const struct report_period *p);
void report_merge(struct report_row *into, const struct report_row *row);
/* Percent with two decimals as hundredths (9940 = 99.40%); -1 for 0/0. */
int64_t report_rate(int64_t num, int64_t den);
int64_t report_on_time_rate(const struct report_row *r);
int64_t report_on_time_rate_of_due(const struct report_row *r);
int64_t report_online_rate(const struct report_row *r);
/* Filed online among the dossiers resolved in the period. */
int64_t report_online_rate_of_resolved(const struct report_row *r);
/* Uses of the public postal service: filings received by post plus
 * results delivered by post, in the period. */
int64_t report_postal_uses(const struct report_row *r);
/* The invariant: received_total = resolved + refused + withdrawn + open. */
bool report_row_balanced(const struct report_row *r);

/*
 * Incremental form: every figure of a row is a difference of cumulative
 * daily counters, so a report needs the counters summed up to two days
 * (from - 1 and to) and nothing per dossier. A dossier adds +1 to a
 * counter on the days below; when it changes, its old contributions are
 * taken back and the new ones added.
 */
enum agg_counter {
	AGG_NEW_ONLINE_PARTIAL, /* accepted that day, by channel */
	AGG_NEW_ONLINE_FULL,
	AGG_NEW_DIRECT,
	AGG_NEW_POSTAL,
	AGG_END_EARLY, /* ended that day, by outcome */
	AGG_END_ON_TIME,
	AGG_END_LATE,
	AGG_END_STOPPED,
	AGG_END_WITHDRAWN,
	AGG_OVERDUE_BEGIN,    /* first open day after the due date */
	AGG_OVERDUE_END,      /* end day of a dossier that was overdue */
	AGG_SUPPLEMENT_BEGIN, /* first day a supplement request is open */
	AGG_SUPPLEMENT_END,   /* first day it no longer is */
	AGG_RETURNED,         /* result handed over that day */
	AGG_RETURNED_POST,
	/* for the service index (DOMAIN.md section 7), on the accepted day */
	AGG_REC_FEE,              /* with a fee above 0 */
	AGG_REC_FEE_ONLINE,       /* ... paid online (portal or gateway) */
	AGG_REC_DIGITIZED,        /* every submitted component digitized */
	AGG_REC_REUSED,           /* a component reused or from the store */
	AGG_REC_CITIZEN,          /* applicant is a citizen */
	AGG_REC_CITIZEN_VERIFIED, /* ... checked against the population db */
	/* on the end day */
	AGG_END_E_RESULT,     /* finished with an electronic result */
	AGG_END_INTIME_MULTI, /* early or on time after 2+ supplements */
	/* open, in time, after a second supplement request: late for the
	 * index; the span second request .. min(end, due + 1) - 1 */
	AGG_MULTI_INTIME_BEGIN,
	AGG_MULTI_INTIME_END,
	/* resolved (early, on time, late) that day, filed online */
	AGG_END_ONLINE,
	/* payments paid that day, from the payment records (not the
	 * dossier): for each method (1-4) and kind (fee, financial
	 * obligation) the count, the amount's whole 10,000 dong and the
	 * rest, so that any period's sums fit the counters
	 * (core/payment_figures.h) */
	AGG_PAY_FIRST,
	AGG__COUNT = AGG_PAY_FIRST + 4 * 2 * 3
};

struct agg_delta {
	int64_t day;
	enum agg_counter counter;
};

/* The days and counters dossier d adds 1 to; at most AGG_MAX_DELTAS plus
 * two per supplement round. Returns the number written (out may be NULL
 * to count). */
#define AGG_MAX_DELTAS 19
size_t report_contributions(const struct dossier *d, enum online_level level,
			    struct agg_delta *out, size_t cap);

/* A row from counters summed through day from - 1 (before) and through
 * day to (at_to). */
void report_row_from_counters(struct report_row *row,
			      const int64_t before[AGG__COUNT],
			      const int64_t at_to[AGG__COUNT]);

/* A period named like "month:2024-04", "quarter:2024Q1", "half:2024H2",
 * "nine:2024" or "year:2024", on statutory months with cut-off day
 * `cutoff` (1-28). Errors name `field`. */
enum mc_code report_period_parse(const char *s, int cutoff,
				 struct report_period *out, const char *field,
				 struct mc_err *err);

/* The Vietnamese name of such a period, as releases write it: "tháng 4
 * năm 2024", "quý I năm 2024", "6 tháng đầu năm 2024", "9 tháng năm
 * 2024", "năm 2024"; false (and "") when s is none of the forms. */
bool report_period_title(const char *s, char *buf, size_t len);

/* The latest statutory month (cut-off `cutoff`; 1: the calendar month)
 * that has ended by `now`'s local day: the default period of the
 * reports, the index and the pages. */
struct report_period report_last_month(int64_t now, int cutoff);

/* The statutory month named `month` of `year` with cut-off day `cutoff`
 * (15: 15th of the previous month to the 14th; 1: the calendar month). */
struct report_period report_month(int year, int month, int cutoff);

#endif
