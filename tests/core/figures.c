/*
 * figures.c - units by on-time rate and by online filing on hand-made
 * rows with known answers: ties at the top and the bottom, a rate that
 * rounds to 100.00% without being 100%, the minimum of resolved
 * dossiers, and its refusal.
 */
#include "test.h"

#include "core/figures.h"

/* A row that resolved `resolved` dossiers, `late` of them late, and
 * received `online` online filings. */
static struct report_row row(int64_t resolved, int64_t late, int64_t online)
{
	struct report_row r = {0};
	r.resolved_total = resolved;
	r.resolved_late = late;
	r.resolved_early = resolved - late;
	r.received_online = online;
	r.received_new = online + 3;
	return r;
}

static void check_positions(const size_t *got, size_t n, const size_t *want,
			    size_t n_want)
{
	CHECK_INT(n, n_want);
	for (size_t i = 0; i < n && i < n_want; i++)
		CHECK_INT(got[i], want[i]);
}

TEST(ranking_keeps_ties_and_the_exact_hundred)
{
	struct report_row rows[] = {
		row(20, 0, 5),    /* 0: 100% */
		row(40, 1, 0),    /* 1: 97.50%, lowest */
		row(10, 0, 1),    /* 2: 100% */
		row(40000, 1, 9), /* 3: 99.9975% prints 100.00%, not 100 */
		row(80, 2, 0),    /* 4: 97.50%, lowest too */
		row(0, 0, 4),     /* 5: nothing resolved: not ranked */
		row(2, 0, 0),     /* 6: 100% on 2 dossiers */
	};
	const struct report_row *p[7];
	for (size_t i = 0; i < 7; i++)
		p[i] = &rows[i];
	struct report_figures f;
	CHECK_INT(report_figures_compute(p, 7, 1, &f, NULL), MC_OK);
	CHECK_INT(f.units, 7);
	CHECK_INT(f.with_online, 4);
	CHECK_INT(f.ranked, 6);
	CHECK_INT(report_on_time_rate(&rows[3]), 10000); /* rounded */
	const size_t full[] = {0, 2, 6};
	check_positions(f.at_full, f.n_at_full, full, 3);
	check_positions(f.highest, f.n_highest, full, 3);
	const size_t low[] = {1, 4};
	check_positions(f.lowest, f.n_lowest, low, 2);
	report_figures_release(&f);

	/* at least 10 resolved: units 2 and 6 drop out of the ranking */
	CHECK_INT(report_figures_compute(p, 7, 10, &f, NULL), MC_OK);
	CHECK_INT(f.ranked, 5);
	CHECK_INT(f.with_online, 4); /* counted whatever they resolved */
	const size_t full10[] = {0, 2};
	check_positions(f.at_full, f.n_at_full, full10, 2);
	report_figures_release(&f);
	CHECK_INT(report_figures_compute(p, 7, 11, &f, NULL), MC_OK);
	const size_t top11[] = {0};
	check_positions(f.highest, f.n_highest, top11, 1);
	report_figures_release(&f);
}

TEST(one_unit_is_both_highest_and_lowest)
{
	struct report_row r = row(3, 1, 0);
	const struct report_row *p = &r;
	struct report_figures f;
	CHECK_INT(report_figures_compute(&p, 1, 1, &f, NULL), MC_OK);
	CHECK_INT(f.n_at_full, 0);
	CHECK_INT(f.n_highest, 1);
	CHECK_INT(f.n_lowest, 1);
	CHECK_INT(f.with_online, 0);
	report_figures_release(&f);
	CHECK_INT(report_figures_compute(NULL, 0, 1, &f, NULL), MC_OK);
	CHECK_INT(f.ranked, 0);
	CHECK_INT(f.n_highest + f.n_lowest + f.n_at_full, 0);
	report_figures_release(&f);
}

TEST(the_minimum_is_a_count_of_at_least_one)
{
	struct report_figures f;
	struct mc_err err;
	CHECK_INT(report_figures_compute(NULL, 0, 0, &f, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "min_resolved");
	CHECK_INT(report_figures_compute(NULL, 0, FIGURES_MAX_MIN_RESOLVED + 1,
					 &f, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "min_resolved");
	int64_t m = 0;
	static const char *const bad[] = {
		"", "0", "-3", "1000001", "2x", "99999999999999999999"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		CHECK_INT(report_min_resolved_parse(bad[i], &m, "min-resolved",
						    &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, "min-resolved");
	}
	CHECK_INT(m, 0);
	CHECK_INT(report_min_resolved_parse("25", &m, "min-resolved", &err),
		  MC_OK);
	CHECK_INT(m, 25);
}

TEST_MAIN(T(ranking_keeps_ties_and_the_exact_hundred),
	  T(one_unit_is_both_highest_and_lowest),
	  T(the_minimum_is_a_count_of_at_least_one))
