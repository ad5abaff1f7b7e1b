/*
 * calendar.c - tests for core/calendar.c and core/holidays.c: the days
 * off of 2021-2026 under the built-in rules, due dates across weekends,
 * Tết and compensatory days, administrator overrides, office hours, and
 * the inverse property of working_seconds and add_working.
 *
 * These calendars use the rules alone: Tết as the last day of the old year
 * plus days 1-4, with weekend days made up afterwards. The Government's
 * real decision each year often moves days around (2025: 25/1-2/2 with a
 * swapped Saturday); those decisions are data/holiday-decisions.json,
 * tested in tests/core/holidays.c.
 */
#include "test.h"

#include "core/calendar.h"
#include "core/civil.h"
#include "io/holiday_rules.h"

static struct holiday_rules *rules(void)
{
	struct holiday_rules *r = NULL;
	struct mc_err err = {0};
	if (holiday_rules_default(&r, &err) != MC_OK) {
		fprintf(stderr, "rules: %s\n", err.message);
		exit(1);
	}
	return r;
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

static int64_t day(int y, int m, int d) { return civil_days(y, m, d); }

/* Compare the days off of a year to "YYYY-MM-DD name" lines. */
static void check_year(int year, const char *const *want, size_t n_want)
{
	struct holiday_rules *r = rules();
	struct calendar cal;
	struct calendar_day *days;
	size_t n;
	calendar_init(&cal, r);
	CHECK_INT(calendar_year_days(&cal, year, &days, &n, NULL), MC_OK);
	CHECK_INT(n, n_want);
	for (size_t i = 0; i < n && i < n_want; i++) {
		char line[160], buf[CIVIL_BUF];
		snprintf(line, sizeof(line), "%s %s",
			 civil_format_date(days[i].day, buf), days[i].name);
		CHECK_STR(line, want[i]);
	}
	free(days);
	calendar_release(&cal);
	holiday_rules_free(r);
}

#define CHECK_YEAR(y, ...)                                     \
	do {                                                   \
		static const char *const w_[] = {__VA_ARGS__}; \
		check_year(y, w_, sizeof(w_) / sizeof(w_[0])); \
	} while (0)

TEST(holidays_2024)
{
	CHECK_YEAR(2024, "2024-01-01 Tết Dương lịch",
		   "2024-02-09 Tết Nguyên đán", "2024-02-10 Tết Nguyên đán",
		   "2024-02-11 Tết Nguyên đán", "2024-02-12 Tết Nguyên đán",
		   "2024-02-13 Tết Nguyên đán",
		   "2024-02-14 Nghỉ bù Tết Nguyên đán",
		   "2024-02-15 Nghỉ bù Tết Nguyên đán",
		   "2024-04-18 Giỗ Tổ Hùng Vương",
		   "2024-04-30 Ngày Chiến thắng", "2024-05-01 Quốc tế Lao động",
		   "2024-09-02 Quốc khánh", "2024-09-03 Quốc khánh");
}

TEST(holidays_2025)
{
	/* 2/9 is a Tuesday: the adjacent day is Monday 1/9. */
	CHECK_YEAR(2025, "2025-01-01 Tết Dương lịch",
		   "2025-01-28 Tết Nguyên đán", "2025-01-29 Tết Nguyên đán",
		   "2025-01-30 Tết Nguyên đán", "2025-01-31 Tết Nguyên đán",
		   "2025-02-01 Tết Nguyên đán",
		   "2025-02-03 Nghỉ bù Tết Nguyên đán",
		   "2025-04-07 Giỗ Tổ Hùng Vương",
		   "2025-04-30 Ngày Chiến thắng", "2025-05-01 Quốc tế Lao động",
		   "2025-09-01 Quốc khánh", "2025-09-02 Quốc khánh");
}

TEST(holidays_2026)
{
	/* Hùng Kings day is a Sunday: Monday 27/4 is made up. */
	CHECK_YEAR(2026, "2026-01-01 Tết Dương lịch",
		   "2026-02-16 Tết Nguyên đán", "2026-02-17 Tết Nguyên đán",
		   "2026-02-18 Tết Nguyên đán", "2026-02-19 Tết Nguyên đán",
		   "2026-02-20 Tết Nguyên đán", "2026-04-26 Giỗ Tổ Hùng Vương",
		   "2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương",
		   "2026-04-30 Ngày Chiến thắng", "2026-05-01 Quốc tế Lao động",
		   "2026-09-02 Quốc khánh", "2026-09-03 Quốc khánh");
}

/* Real compensatory cases: 2022 (Hùng Kings on Sunday 10/4; 30/4 and 1/5
 * on a weekend; 2/9 a Friday) and 2023 (2/9 a Saturday). */
TEST(compensatory_real_cases)
{
	struct holiday_rules *r = rules();
	struct calendar cal;
	const char *name;
	char why[128];
	calendar_init(&cal, r);
	CHECK_INT(calendar_day_kind(&cal, day(2022, 4, 11), &name),
		  DAY_COMPENSATORY);
	CHECK_INT(calendar_day_kind(&cal, day(2022, 4, 30), &name),
		  DAY_HOLIDAY);
	CHECK_INT(calendar_day_kind(&cal, day(2022, 5, 2), &name),
		  DAY_COMPENSATORY);
	CHECK_STR(name, "Nghỉ bù Ngày Chiến thắng");
	CHECK_INT(calendar_day_kind(&cal, day(2022, 5, 3), &name),
		  DAY_COMPENSATORY);
	CHECK_STR(name, "Nghỉ bù Quốc tế Lao động");
	calendar_day_why(&cal, day(2022, 5, 2), why, sizeof(why));
	CHECK_STR(why, "compensatory day for 30/4 (Nghỉ bù Ngày Chiến thắng)");
	CHECK(calendar_is_working(&cal, day(2022, 5, 4)));
	/* 2022: 1/9 Thursday and 2/9 Friday. */
	CHECK_INT(calendar_day_kind(&cal, day(2022, 9, 1), NULL), DAY_HOLIDAY);
	CHECK(calendar_is_working(&cal, day(2022, 9, 5)));
	/* 2023: 1/9 Friday, 2/9 Saturday, made up on Monday 4/9. */
	CHECK_INT(calendar_day_kind(&cal, day(2023, 9, 1), NULL), DAY_HOLIDAY);
	CHECK_INT(calendar_day_kind(&cal, day(2023, 9, 4), &name),
		  DAY_COMPENSATORY);
	CHECK_STR(name, "Nghỉ bù Quốc khánh");
	CHECK(calendar_is_working(&cal, day(2023, 9, 5)));
	/* 2021: 2/9 Thursday, 3/9 Friday. */
	CHECK_INT(calendar_day_kind(&cal, day(2021, 9, 3), NULL), DAY_HOLIDAY);
	calendar_release(&cal);
	holiday_rules_free(r);
}

TEST(historical_rule_sets)
{
	struct holiday_rules *r = rules();
	struct calendar cal;
	calendar_init(&cal, r);
	/* No Hùng Kings holiday before 2007 (10/3 lunar 2006 = 7/4/2006). */
	CHECK_INT(calendar_day_kind(&cal, day(2006, 4, 7), NULL), DAY_WORKING);
	CHECK_INT(calendar_day_kind(&cal, day(2007, 4, 26), NULL), DAY_HOLIDAY);
	/* Tết 2012 (23/1) was 4 days: 22/1 (Sunday) to 25/1. */
	CHECK_INT(calendar_day_kind(&cal, day(2012, 1, 25), NULL), DAY_HOLIDAY);
	CHECK_INT(calendar_day_kind(&cal, day(2012, 1, 26), NULL),
		  DAY_COMPENSATORY);
	CHECK(calendar_is_working(&cal, day(2012, 1, 27)));
	/* No adjacent day to 2/9 before 2021: 2/9/2020 was a Wednesday. */
	CHECK(calendar_is_working(&cal, day(2020, 9, 3)));
	CHECK(calendar_is_working(&cal, day(2020, 9, 1)));
	calendar_release(&cal);
	holiday_rules_free(r);
}

/* A calendar and office hours for the due-date tests. */
struct fixture {
	struct holiday_rules *r;
	struct calendar cal;
	struct office_hours oh;
};

static void setup(struct fixture *f)
{
	f->r = rules();
	calendar_init(&f->cal, f->r);
	office_hours_default(&f->oh);
}

static void teardown(struct fixture *f)
{
	calendar_release(&f->cal);
	holiday_rules_free(f->r);
}

static const char *due_str(struct fixture *f, const char *from, int value,
			   enum limit_unit unit, char *buf)
{
	int64_t due;
	if (calendar_due(&f->cal, &f->oh, at(from), value, unit, &due, NULL,
			 NULL) != MC_OK)
		return "error";
	return civil_format_local(due, buf);
}

TEST(due_across_weekend_and_lunch)
{
	struct fixture f;
	char b[CIVIL_BUF];
	setup(&f);
	/* Friday 10:00 + 8 h: 5 h on Friday, 3 h on Monday. */
	CHECK_STR(due_str(&f, "2024-03-15 10:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-18 10:00");
	CHECK_STR(due_str(&f, "2024-03-11 07:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-11 17:00");
	CHECK_STR(due_str(&f, "2024-03-11 07:00", 5, LIMIT_WORKING_DAYS, b),
		  "2024-03-15 17:00");
	/* The lunch break does not count. */
	CHECK_STR(due_str(&f, "2024-03-11 11:00", 1, LIMIT_WORKING_HOURS, b),
		  "2024-03-11 14:00");
	CHECK_STR(due_str(&f, "2024-03-11 12:00", 1, LIMIT_WORKING_HOURS, b),
		  "2024-03-11 14:30");
	/* Counting that ends at the lunch break ends at 11:30. */
	CHECK_STR(due_str(&f, "2024-03-11 07:00", 4, LIMIT_WORKING_HOURS, b),
		  "2024-03-11 11:00");
	teardown(&f);
}

TEST(due_after_hours_and_zero)
{
	struct fixture f;
	char b[CIVIL_BUF];
	setup(&f);
	CHECK_STR(due_str(&f, "2024-03-11 18:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-12 17:00");
	CHECK_STR(due_str(&f, "2024-03-16 09:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-18 17:00");
	CHECK_STR(due_str(&f, "2024-03-11 06:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-11 17:00");
	/* 0 days: the next working instant. */
	CHECK_STR(due_str(&f, "2024-03-11 10:00", 0, LIMIT_WORKING_DAYS, b),
		  "2024-03-11 10:00");
	CHECK_STR(due_str(&f, "2024-03-11 11:30", 0, LIMIT_WORKING_DAYS, b),
		  "2024-03-11 13:30");
	CHECK_STR(due_str(&f, "2024-03-16 10:00", 0, LIMIT_WORKING_DAYS, b),
		  "2024-03-18 07:00");
	teardown(&f);
}

TEST(due_across_tet_with_explain)
{
	struct fixture f;
	struct due_explain ex = {0};
	int64_t due;
	char b[CIVIL_BUF];
	setup(&f);
	/* The rule alone (no decisions: 2025 was decided otherwise, see
	 * tests/core/holidays.c). Monday 27/1/2025 16:00: 1 h, then Tết
	 * 28/1-1/2, Sunday, the compensatory Monday 3/2, and 7 h on Tuesday
	 * 4/2; each day off names the rule it comes from. */
	CHECK_INT(calendar_due(&f.cal, &f.oh, at("2025-01-27 16:00"), 1,
			       LIMIT_WORKING_DAYS, &due, &ex, NULL),
		  MC_OK);
	CHECK_STR(civil_format_local(due, b), "2025-02-04 16:00");
	CHECK_INT(ex.n, 9);
	if (ex.n == 9) {
		CHECK_INT(ex.steps[0].seconds_counted, 3600);
		CHECK_STR(ex.steps[0].why, "working day, counted 1h00");
		CHECK_STR(ex.steps[2].why, "Tết Nguyên đán, skipped [rule: Bộ "
					   "luật Lao động 2019, điều 112]");
		CHECK_INT(ex.steps[2].source, DAY_SOURCE_RULE);
		CHECK_INT(ex.steps[6].source, DAY_SOURCE_NONE);
		CHECK_INT(ex.steps[2].kind, DAY_HOLIDAY);
		CHECK_STR(ex.steps[6].why, "Sunday, skipped");
		CHECK_STR(ex.steps[7].why,
			  "compensatory day for 1/2 (Nghỉ bù Tết Nguyên đán), "
			  "skipped [rule: Bộ luật Lao động 2019, điều 112]");
		CHECK_INT(ex.steps[8].seconds_counted, 7 * 3600);
	}
	due_explain_release(&ex);
	teardown(&f);
}

TEST(due_across_compensatory_days)
{
	struct fixture f;
	char b[CIVIL_BUF];
	setup(&f);
	/* Friday 29/4/2022: 30/4 Sat, 1/5 Sun, made up 2/5 and 3/5. */
	CHECK_STR(due_str(&f, "2022-04-29 07:00", 2, LIMIT_WORKING_DAYS, b),
		  "2022-05-04 17:00");
	teardown(&f);
}

TEST(due_with_overrides)
{
	struct fixture f;
	char b[CIVIL_BUF];
	setup(&f);
	/* Fill the cache first: an override must still win afterwards. */
	CHECK_STR(due_str(&f, "2022-04-22 13:30", 1, LIMIT_WORKING_DAYS, b),
		  "2022-04-25 11:30");
	struct calendar_override sw = {day(2022, 4, 23), true, "Làm bù"};
	CHECK_INT(calendar_add_override(&f.cal, &sw, NULL), MC_OK);
	CHECK_STR(due_str(&f, "2022-04-22 13:30", 1, LIMIT_WORKING_DAYS, b),
		  "2022-04-23 11:30");
	CHECK_INT(calendar_day_kind(&f.cal, day(2022, 4, 23), NULL),
		  DAY_SWAPPED_WORKING);

	struct calendar_override off = {day(2024, 3, 18), false, "Bão"};
	CHECK_INT(calendar_add_override(&f.cal, &off, NULL), MC_OK);
	CHECK_STR(due_str(&f, "2024-03-15 10:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-19 10:00");
	/* The same day again replaces the row. */
	off.working = true;
	CHECK_INT(calendar_add_override(&f.cal, &off, NULL), MC_OK);
	CHECK_INT(f.cal.n_overrides, 2);
	CHECK_STR(due_str(&f, "2024-03-15 10:00", 1, LIMIT_WORKING_DAYS, b),
		  "2024-03-18 10:00");

	/* Overrides appear in the year's list; a swapped day on a holiday
	 * makes it working. */
	struct calendar_day *days;
	size_t n;
	CHECK_INT(calendar_year_days(&f.cal, 2022, &days, &n, NULL), MC_OK);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= days[i].day == day(2022, 4, 23) &&
			 days[i].kind == DAY_SWAPPED_WORKING &&
			 strcmp(days[i].name, "Làm bù") == 0;
	CHECK(found);
	free(days);
	teardown(&f);
}

TEST(due_calendar_days)
{
	struct fixture f;
	struct due_explain ex = {0};
	int64_t due;
	char b[CIVIL_BUF];
	setup(&f);
	/* Wednesday 6/3/2024 + 4 days = Sunday: moved to Monday's opening. */
	CHECK_STR(due_str(&f, "2024-03-06 09:00", 4, LIMIT_CALENDAR_DAYS, b),
		  "2024-03-11 07:00");
	CHECK_STR(due_str(&f, "2024-03-06 09:00", 5, LIMIT_CALENDAR_DAYS, b),
		  "2024-03-11 09:00");
	/* Ending in Tết 2026 moves past it. */
	CHECK_STR(due_str(&f, "2026-02-10 15:00", 7, LIMIT_CALENDAR_DAYS, b),
		  "2026-02-23 07:00");
	CHECK_INT(calendar_due(&f.cal, &f.oh, at("2024-03-06 09:00"), 4,
			       LIMIT_CALENDAR_DAYS, &due, &ex, NULL),
		  MC_OK);
	CHECK_INT(ex.n, 5);
	if (ex.n == 5) {
		CHECK_STR(ex.steps[3].why, "Sunday, calendar day 4 of 4");
		CHECK_STR(ex.steps[4].why,
			  "working day, next working day, due at opening");
	}
	due_explain_release(&ex);
	teardown(&f);
}

TEST(due_guards)
{
	struct fixture f;
	struct mc_err err = {0};
	int64_t due = 0;
	setup(&f);
	CHECK_INT(calendar_due(&f.cal, &f.oh, at("2024-03-06 09:00"), -1,
			       LIMIT_WORKING_DAYS, &due, NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "time_limit");
	CHECK_INT(calendar_due(&f.cal, &f.oh, at("2024-03-06 09:00"), 3651,
			       LIMIT_CALENDAR_DAYS, &due, NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "time_limit");
	CHECK_INT(calendar_due(&f.cal, &f.oh, at("2024-03-06 09:00"), 3650,
			       LIMIT_WORKING_DAYS, &due, NULL, &err),
		  MC_OK);
	struct office_hours none = {0};
	CHECK_INT(calendar_due(&f.cal, &none, at("2024-03-06 09:00"), 1,
			       LIMIT_WORKING_DAYS, &due, NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "office_hours");
	teardown(&f);
}

/* A small deterministic generator, so a failure can be replayed. */
static uint64_t next_rand(uint64_t *s)
{
	*s = *s * 6364136223846793005u + 1442695040888963407u;
	return *s >> 33;
}

TEST(working_seconds_inverse)
{
	struct fixture f;
	uint64_t seed = 42;
	int bad = 0;
	setup(&f);
	int64_t base = at("2023-01-01 00:00");
	for (int i = 0; i < 3000 && bad < 5; i++) {
		int64_t t =
			base + (int64_t)(next_rand(&seed) % (4 * 366 * 86400u));
		int64_t s = (int64_t)(next_rand(&seed) % (400 * 3600u));
		if (i % 10 == 0)
			s = 0;
		int64_t u = calendar_add_working(&f.cal, &f.oh, t, s);
		if (calendar_working_seconds(&f.cal, &f.oh, t, u) != s)
			bad++;
		/* Adding the working time up to any later instant lands no
		 * later than it (0 is special: the next working instant). */
		int64_t v = t + s * 3;
		int64_t w = calendar_working_seconds(&f.cal, &f.oh, t, v);
		if (w > 0 && calendar_add_working(&f.cal, &f.oh, t, w) > v)
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK_INT(calendar_working_seconds(&f.cal, &f.oh, base + 10, base), 0);
	/* A plain week holds 40 working hours. */
	CHECK_INT(calendar_working_seconds(&f.cal, &f.oh,
					   at("2024-03-11 00:00"),
					   at("2024-03-18 00:00")),
		  40 * 3600);
	teardown(&f);
}

TEST(office_hours_parsing)
{
	struct office_hours oh, def;
	struct mc_err err = {0};
	static const char *const bad[] = {
		"",
		"07:00-11:30,",
		"7:00-11:30",
		"07:00-11:30;13:30-17:00",
		"11:30-07:00",
		"07:00-11:30,11:00-17:00",
		"25:00-26:00",
		"07:60-08:00",
		"24:00-24:00",
		"07:00-11:30 ",
		"01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00,09:00-10:00",
	};
	office_hours_default(&def);
	CHECK_INT(office_hours_parse("07:00-11:30,13:30-17:00", &oh, "hours",
				     &err),
		  MC_OK);
	CHECK(memcmp(&oh, &def, sizeof(oh)) == 0);
	CHECK_INT(office_hours_parse("00:00-24:00", &oh, "hours", &err), MC_OK);
	CHECK_INT(oh.span[0].end, 86400);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err.field[0] = '\0';
		CHECK_INT(office_hours_parse(bad[i], &oh, "office_hours", &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, "office_hours");
	}
}

TEST(years_outside_range)
{
	struct holiday_rules *r = rules();
	struct calendar cal;
	struct calendar_day *days;
	size_t n;
	struct mc_err err = {0};
	calendar_init(&cal, r);
	CHECK_INT(calendar_year_days(&cal, 1899, &days, &n, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "year");
	/* 2/9/2150 is a Wednesday: a solar holiday; Tết is not known. */
	CHECK_INT(calendar_day_kind(&cal, day(2150, 9, 2), NULL), DAY_HOLIDAY);
	CHECK_INT(calendar_day_kind(&cal, day(2150, 9, 6), NULL), DAY_WEEKEND);
	CHECK(calendar_is_working(&cal, day(2150, 9, 3)));
	calendar_release(&cal);
	holiday_rules_free(r);
}

TEST_MAIN(T(holidays_2024), T(holidays_2025), T(holidays_2026),
	  T(compensatory_real_cases), T(historical_rule_sets),
	  T(due_across_weekend_and_lunch), T(due_after_hours_and_zero),
	  T(due_across_tet_with_explain), T(due_across_compensatory_days),
	  T(due_with_overrides), T(due_calendar_days), T(due_guards),
	  T(working_seconds_inverse), T(office_hours_parsing),
	  T(years_outside_range))
