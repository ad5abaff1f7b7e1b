/*
 * holidays.c - tests for the Government's decisions in the calendar
 * (core/holidays.c, core/calendar.c with data/holiday-decisions.json):
 * each decided year's weekdays off and weekend days worked against a
 * table written from the notices (not from the data file, so a wrong
 * data row fails here), due dates across Tết 2024 and across a swapped
 * Saturday, an administrator row beating a decision, and undecided years
 * falling back to the rule.
 */
#include "test.h"

#include "core/calendar.h"
#include "core/civil.h"
#include "io/holiday_decisions.h"
#include "io/holiday_rules.h"

struct world {
	struct holiday_rules *r;
	struct holiday_decisions *d;
	struct calendar cal;  /* decisions and rules */
	struct calendar bare; /* rules alone */
	struct office_hours oh;
};

static void setup(struct world *w)
{
	struct mc_err err = {0};
	if (holiday_rules_default(&w->r, &err) ||
	    holiday_decisions_default(&w->d, &err)) {
		fprintf(stderr, "data: %s\n", err.message);
		exit(1);
	}
	calendar_init(&w->cal, w->r);
	calendar_use_decisions(&w->cal, w->d);
	calendar_init(&w->bare, w->r);
	office_hours_default(&w->oh);
}

static void teardown(struct world *w)
{
	calendar_release(&w->cal);
	calendar_release(&w->bare);
	holiday_decisions_free(w->d);
	holiday_rules_free(w->r);
}

static int64_t at(const char *s)
{
	int64_t t = 0;
	if (civil_parse_local(s, &t, "t", NULL) != MC_OK) {
		fprintf(stderr, "bad time in test: %s\n", s);
		exit(1);
	}
	return t;
}

/* A year's weekdays off and weekend days worked, as MMDD numbers. */
struct year_want {
	int year;
	int off[24];
	int worked[4];
};

/* Written from the notices and the Labour Code (weekday off: the notice
 * names it, or the law's day, or the day that makes up a holiday on a
 * weekend). */
static const struct year_want want[] = {
	/* 4659/TB-LĐTBXH: Tết 6-14/2; Hùng Kings Saturday 16/4 made up
	 * on 18/4; 30/4 and 1/5 on the weekend, made up on 2 and 3/5. */
	{2016, {101, 208, 209, 210, 211, 212, 418, 502, 503, 902}, {0}},
	/* 1/1 Sunday made up on 2/1; 9794/VPCP-KGVX: Tết 26/1-1/2; 30/4
	 * Sunday made up on Tuesday 2/5; 2/9 Saturday made up on 4/9. */
	{2017, {102, 126, 127, 130, 131, 201, 406, 501, 502, 904}, {0}},
	/* 6519/VPCP-KGVX: 1/1 with Saturday 5/1 worked for 31/12/2018;
	 * Tết 2-10/2; Hùng Kings Sunday 14/4 made up on 15/4; 29/4 off for
	 * Saturday 4/5. */
	{2019,
	 {101, 204, 205, 206, 207, 208, 415, 429, 430, 501, 902},
	 {105, 504}},
	/* 4875/TB-LĐTBXH: Tết 10-16/2, 2 and 3/9; 1/5 Saturday made up on
	 * 3/5. */
	{2021, {101, 210, 211, 212, 215, 216, 421, 430, 503, 902, 903}, {0}},
	/* 1/1 Saturday made up on 3/1; 245/VPCP-KGVX: Tết 31/1-4/2, 1 and
	 * 2/9; Hùng Kings Sunday 10/4 made up on 11/4; 30/4 and 1/5 made up
	 * on 2 and 3/5. */
	{2022, {103, 131, 201, 202, 203, 204, 411, 502, 503, 901, 902}, {0}},
	/* 1/1 Sunday made up on 2/1; 8056/VPCP-KGVX: Tết 20-26/1, 1/9 and
	 * 2/9 Saturday made up on 4/9; Hùng Kings Saturday 29/4 and 30/4
	 * Sunday made up on 2 and 3/5. */
	{2023, {102, 120, 123, 124, 125, 126, 501, 502, 503, 901, 904}, {0}},
	/* 5015/TB-LĐTBXH: Tết 8-14/2, 31/8-3/9; 2450/VPCP-KGVX: 29/4 off
	 * for Saturday 4/5. */
	{2024,
	 {101, 208, 209, 212, 213, 214, 418, 429, 430, 501, 902, 903},
	 {504}},
	/* 6150/TB-BLĐTBXH: Tết 25/1-2/2, 2/5 off for Saturday 26/4,
	 * 30/8-2/9. */
	{2025,
	 {101, 127, 128, 129, 130, 131, 407, 430, 501, 502, 901, 902},
	 {426}},
	/* 12729/VPCP-KGVX: 2/1 off for Saturday 10/1; 9441/TB-BNV: Tết
	 * 14-22/2, 1 and 2/9, 31/8 off for Saturday 22/8; Hùng Kings Sunday
	 * 26/4 made up on 27/4. */
	{2026,
	 {101, 102, 216, 217, 218, 219, 220, 427, 430, 501, 831, 901, 902},
	 {110, 822}},
};

static int mmdd(int64_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return m * 100 + d;
}

static void check_decided_year(struct world *w, const struct year_want *yw)
{
	int off[40], worked[10];
	size_t n_off = 0, n_worked = 0, n_want_off = 0, n_want_worked = 0;
	int64_t end = civil_days(yw->year + 1, 1, 1);
	for (int64_t d = civil_days(yw->year, 1, 1); d < end; d++) {
		bool weekend = civil_weekday(d) >= 6;
		bool working = calendar_is_working(&w->cal, d);
		if (!weekend && !working && n_off < 40)
			off[n_off++] = mmdd(d);
		if (weekend && working && n_worked < 10)
			worked[n_worked++] = mmdd(d);
		/* Every day of a decided year that is not plain comes from the
		 * decision (its notice or the Labour Code), never the rule. */
		CHECK(calendar_day_source(&w->cal, d, NULL, 0) !=
		      DAY_SOURCE_RULE);
	}
	while (n_want_off < 24 && yw->off[n_want_off])
		n_want_off++;
	while (n_want_worked < 4 && yw->worked[n_want_worked])
		n_want_worked++;
	if (n_off != n_want_off || n_worked != n_want_worked)
		fprintf(stderr,
			"%d: %zu weekdays off, %zu weekend days worked\n",
			yw->year, n_off, n_worked);
	CHECK_INT(n_off, n_want_off);
	CHECK_INT(n_worked, n_want_worked);
	for (size_t i = 0; i < n_off && i < n_want_off; i++)
		CHECK_INT(off[i] + yw->year * 10000,
			  yw->off[i] + yw->year * 10000);
	for (size_t i = 0; i < n_worked && i < n_want_worked; i++)
		CHECK_INT(worked[i] + yw->year * 10000,
			  yw->worked[i] + yw->year * 10000);
}

TEST(each_decided_year_matches_its_notices)
{
	struct world w;
	setup(&w);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		CHECK(holiday_decisions_cover(w.d, want[i].year));
		check_decided_year(&w, &want[i]);
	}
	/* 31/12/2018 (an undecided year) is off by the 2019 decision. */
	CHECK(!calendar_is_working(&w.cal, civil_days(2018, 12, 31)));
	CHECK_INT(calendar_day_kind(&w.cal, civil_days(2018, 12, 31), NULL),
		  DAY_SWAPPED_OFF);
	CHECK(calendar_is_working(&w.bare, civil_days(2018, 12, 31)));
	teardown(&w);
}

/* A year without a decision is the rule's, day for day. */
TEST(undecided_years_use_the_rule)
{
	struct world w;
	const int years[] = {2015, 2018, 2020, 2027, 2030};
	setup(&w);
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		int y = years[i];
		CHECK(!holiday_decisions_cover(w.d, y));
		int64_t end = civil_days(y + 1, 1, 1);
		for (int64_t d = civil_days(y, 1, 1); d < end; d++) {
			if (holiday_decisions_day(w.d, d))
				continue; /* a neighbour's decided day */
			CHECK_INT(calendar_day_kind(&w.cal, d, NULL),
				  calendar_day_kind(&w.bare, d, NULL));
		}
	}
	/* Tết 2027 (6/2, a Saturday) by the rule: 5/2 to 9/2 plus the
	 * two compensatory days 10 and 11/2. */
	char cite[192];
	CHECK_INT(calendar_day_source(&w.cal, civil_days(2027, 2, 5), cite,
				      sizeof(cite)),
		  DAY_SOURCE_RULE);
	CHECK_STR(cite, "rule: Bộ luật Lao động 2019, điều 112");
	CHECK(!calendar_is_working(&w.cal, civil_days(2027, 2, 11)));
	CHECK(calendar_is_working(&w.cal, civil_days(2027, 2, 12)));
	teardown(&w);
}

static const char *due(struct calendar *cal, const struct office_hours *oh,
		       const char *from, int days, char *buf,
		       struct due_explain *ex)
{
	int64_t t;
	if (calendar_due(cal, oh, at(from), days, LIMIT_WORKING_DAYS, &t, ex,
			 NULL) != MC_OK)
		return "error";
	return civil_format_local(t, buf);
}

TEST(due_across_tet_2024)
{
	struct world w;
	struct due_explain ex = {0};
	char b[CIVIL_BUF];
	setup(&w);
	/* Received Wednesday 7/2 09:00: 6 h that day, Tết 8-14/2 off, 8 h
	 * on 15/2 and 16/2, the weekend, 2 h on Monday 19/2. */
	CHECK_STR(due(&w.cal, &w.oh, "2024-02-07 09:00", 3, b, &ex),
		  "2024-02-19 09:00");
	/* One day: 6 h on 7/2 and 2 h on Thursday 15/2; the rule alone
	 * (Tết 9-15/2) would have counted Thursday 8/2. */
	CHECK_STR(due(&w.cal, &w.oh, "2024-02-07 09:00", 1, b, NULL),
		  "2024-02-15 09:00");
	CHECK_STR(due(&w.bare, &w.oh, "2024-02-07 09:00", 1, b, NULL),
		  "2024-02-08 09:00");
	/* Every day skipped names its source. */
	CHECK_INT(ex.n, 13);
	for (size_t i = 0; i < ex.n; i++) {
		enum day_kind k = ex.steps[i].kind;
		if (k == DAY_WORKING || k == DAY_WEEKEND)
			continue;
		CHECK_INT(ex.steps[i].source, DAY_SOURCE_DECISION);
		CHECK(strstr(ex.steps[i].why, "5015/TB-LĐTBXH") != NULL);
	}
	if (ex.n == 13)
		CHECK_STR(ex.steps[1].why,
			  "Tết Nguyên đán, skipped [decision: 5015/TB-LĐTBXH "
			  "(Bộ Lao động - Thương binh và Xã hội, 2023-11-22)]");
	due_explain_release(&ex);
	teardown(&w);
}

TEST(due_across_a_swapped_saturday)
{
	struct world w;
	struct due_explain ex = {0};
	char b[CIVIL_BUF];
	setup(&w);
	/* Friday 3/5/2024 09:00: 6 h, then 2 h on Saturday 4/5, worked for
	 * Monday 29/4 (2450/VPCP-KGVX). */
	CHECK_STR(due(&w.cal, &w.oh, "2024-05-03 09:00", 1, b, &ex),
		  "2024-05-04 09:00");
	CHECK_INT(ex.n, 2);
	if (ex.n == 2) {
		CHECK_INT(ex.steps[1].kind, DAY_SWAPPED_WORKING);
		CHECK_INT(ex.steps[1].seconds_counted, 2 * 3600);
		CHECK_STR(ex.steps[1].why,
			  "swapped working day (Ngày Chiến thắng, Quốc tế Lao "
			  "động) in exchange for 2024-04-29 off, counted 2h00 "
			  "[decision: 2450/VPCP-KGVX (Văn phòng Chính phủ, "
			  "2024-04-12)]");
	}
	due_explain_release(&ex);
	/* Friday 26/4 09:00: 6 h, then 27/4-1/5 off (29/4 for the
	 * Saturday), 2 h on Thursday 2/5. */
	CHECK_STR(due(&w.cal, &w.oh, "2024-04-26 09:00", 1, b, NULL),
		  "2024-05-02 09:00");
	/* 2025: Saturday 26/4 worked for Friday 2/5. */
	CHECK_STR(due(&w.cal, &w.oh, "2025-04-25 13:30", 1, b, NULL),
		  "2025-04-26 11:30");
	teardown(&w);
}

TEST(administrator_rows_beat_decisions)
{
	struct world w;
	char cite[192];
	setup(&w);
	struct calendar_override work = {.day = civil_days(2024, 2, 8),
					 .working = true,
					 .name = "Trực Tết"};
	struct calendar_override off = {.day = civil_days(2024, 5, 4),
					.working = false,
					.name = "Nghỉ đột xuất"};
	CHECK(!calendar_is_working(&w.cal, work.day));
	CHECK_INT(calendar_add_override(&w.cal, &work, NULL), MC_OK);
	CHECK_INT(calendar_add_override(&w.cal, &off, NULL), MC_OK);
	CHECK(calendar_is_working(&w.cal, work.day));
	CHECK_INT(calendar_day_source(&w.cal, work.day, cite, sizeof(cite)),
		  DAY_SOURCE_ADMIN);
	CHECK_STR(cite, "administrator row");
	CHECK(!calendar_is_working(&w.cal, off.day));
	CHECK_INT(calendar_day_kind(&w.cal, off.day, NULL), DAY_EXTRA_OFF);
	/* The neighbours keep the decision. */
	CHECK_INT(calendar_day_source(&w.cal, civil_days(2024, 2, 9), NULL, 0),
		  DAY_SOURCE_DECISION);
	teardown(&w);
}

TEST(year_days_carry_their_source)
{
	struct world w;
	struct calendar_day *days;
	size_t n;
	setup(&w);
	CHECK_INT(calendar_year_days(&w.cal, 2024, &days, &n, NULL), MC_OK);
	size_t decided = 0, law = 0;
	for (size_t i = 0; i < n; i++) {
		CHECK_INT(days[i].source, DAY_SOURCE_DECISION);
		if (strstr(days[i].cite, "decision: "))
			decided++;
		if (strstr(days[i].cite, "Labour Code: BLLĐ 2019 điều 112"))
			law++;
	}
	/* 1/1 and 18/4 have no special decision. */
	CHECK_INT(law, 2);
	CHECK_INT(decided + law, n);
	free(days);
	teardown(&w);
}

TEST_MAIN(T(each_decided_year_matches_its_notices),
	  T(undecided_years_use_the_rule), T(due_across_tet_2024),
	  T(due_across_a_swapped_saturday),
	  T(administrator_rows_beat_decisions), T(year_days_carry_their_source))
