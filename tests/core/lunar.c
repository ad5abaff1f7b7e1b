/*
 * lunar.c - tests for core/lunar.c: Tết and Giỗ Tổ Hùng Vương for every
 * year 1960-2060, the lunar/solar round trip over 1900-2100, leap months.
 *
 * The Tết column follows the published Chinese New Year dates, adjusted
 * where the Vietnamese calendar (computed at UTC+7 since 1968) differs
 * because the new moon fell between 23:00 and 24:00 Vietnam time: 1968
 * (29/1, China 30/1), 1969 (16/2, China 17/2), 1985 (21/1, China 20/2:
 * the leap month falls a month apart), 2007 (17/2, China 18/2), 2030
 * (2/2, China 3/2), 2053 (18/2, China 19/2). 1965 is 1/2 by UTC+7
 * astronomy; before 1967 Vietnam still used the UTC+8 calendar, under
 * which Tết 1965 was 2/2, so the historical date differs (see
 * docs/internals/calendar.md). The Hùng Kings column is 10/3 lunar; the
 * years 2007-2026 agree with the announced public holidays.
 */
#include "test.h"

#include "core/civil.h"
#include "core/lunar.h"

static const struct {
	int year, tet_m, tet_d, hung_m, hung_d;
} known[] = {
	{1960, 1, 28, 4, 5},  {1961, 2, 15, 4, 24}, {1962, 2, 5, 4, 14},
	{1963, 1, 25, 4, 3},  {1964, 2, 13, 4, 21}, {1965, 2, 1, 4, 11},
	{1966, 1, 21, 3, 31}, {1967, 2, 9, 4, 19},  {1968, 1, 29, 4, 7},
	{1969, 2, 16, 4, 26}, {1970, 2, 6, 4, 15},  {1971, 1, 27, 4, 5},
	{1972, 2, 15, 4, 23}, {1973, 2, 3, 4, 12},  {1974, 1, 23, 4, 2},
	{1975, 2, 11, 4, 20}, {1976, 1, 31, 4, 9},  {1977, 2, 18, 4, 27},
	{1978, 2, 7, 4, 16},  {1979, 1, 28, 4, 6},  {1980, 2, 16, 4, 24},
	{1981, 2, 5, 4, 14},  {1982, 1, 25, 4, 3},  {1983, 2, 13, 4, 22},
	{1984, 2, 2, 4, 10},  {1985, 1, 21, 4, 29}, {1986, 2, 9, 4, 18},
	{1987, 1, 29, 4, 7},  {1988, 2, 17, 4, 25}, {1989, 2, 6, 4, 15},
	{1990, 1, 27, 4, 5},  {1991, 2, 15, 4, 24}, {1992, 2, 4, 4, 12},
	{1993, 1, 23, 4, 1},  {1994, 2, 10, 4, 20}, {1995, 1, 31, 4, 9},
	{1996, 2, 19, 4, 27}, {1997, 2, 7, 4, 16},  {1998, 1, 28, 4, 6},
	{1999, 2, 16, 4, 25}, {2000, 2, 5, 4, 14},  {2001, 1, 24, 4, 3},
	{2002, 2, 12, 4, 22}, {2003, 2, 1, 4, 11},  {2004, 1, 22, 4, 28},
	{2005, 2, 9, 4, 18},  {2006, 1, 29, 4, 7},  {2007, 2, 17, 4, 26},
	{2008, 2, 7, 4, 15},  {2009, 1, 26, 4, 4},  {2010, 2, 14, 4, 23},
	{2011, 2, 3, 4, 12},  {2012, 1, 23, 3, 31}, {2013, 2, 10, 4, 19},
	{2014, 1, 31, 4, 9},  {2015, 2, 19, 4, 28}, {2016, 2, 8, 4, 16},
	{2017, 1, 28, 4, 6},  {2018, 2, 16, 4, 25}, {2019, 2, 5, 4, 14},
	{2020, 1, 25, 4, 2},  {2021, 2, 12, 4, 21}, {2022, 2, 1, 4, 10},
	{2023, 1, 22, 4, 29}, {2024, 2, 10, 4, 18}, {2025, 1, 29, 4, 7},
	{2026, 2, 17, 4, 26}, {2027, 2, 6, 4, 16},  {2028, 1, 26, 4, 4},
	{2029, 2, 13, 4, 23}, {2030, 2, 2, 4, 12},  {2031, 1, 23, 4, 1},
	{2032, 2, 11, 4, 19}, {2033, 1, 31, 4, 9},  {2034, 2, 19, 4, 28},
	{2035, 2, 8, 4, 17},  {2036, 1, 28, 4, 6},  {2037, 2, 15, 4, 24},
	{2038, 2, 4, 4, 13},  {2039, 1, 24, 4, 3},  {2040, 2, 12, 4, 20},
	{2041, 2, 1, 4, 10},  {2042, 1, 22, 4, 29}, {2043, 2, 10, 4, 19},
	{2044, 1, 30, 4, 7},  {2045, 2, 17, 4, 26}, {2046, 2, 6, 4, 15},
	{2047, 1, 26, 4, 4},  {2048, 2, 14, 4, 22}, {2049, 2, 2, 4, 11},
	{2050, 1, 23, 4, 1},  {2051, 2, 11, 4, 20}, {2052, 2, 1, 4, 9},
	{2053, 2, 18, 4, 28}, {2054, 2, 8, 4, 17},  {2055, 1, 28, 4, 6},
	{2056, 2, 15, 4, 24}, {2057, 2, 4, 4, 13},  {2058, 1, 24, 4, 2},
	{2059, 2, 12, 4, 21}, {2060, 2, 2, 4, 10},
};

TEST(tet_and_hung_kings_1960_2060)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		int y = known[i].year;
		struct lunar_date hung = {y, 3, 10, false};
		int64_t tet = civil_days(y, known[i].tet_m, known[i].tet_d);
		int64_t hk = civil_days(y, known[i].hung_m, known[i].hung_d);
		if (lunar_new_year(y) != tet)
			fprintf(stderr, "Tết %d\n", y);
		CHECK_INT(lunar_new_year(y), tet);
		CHECK_INT(lunar_to_day(&hung), hk);
	}
	CHECK_INT(sizeof(known) / sizeof(known[0]), 101);
}

TEST(brief_known_answers)
{
	struct lunar_date ld;
	CHECK_INT(lunar_new_year(2024), civil_days(2024, 2, 10));
	CHECK_INT(lunar_new_year(2025), civil_days(2025, 1, 29));
	CHECK_INT(lunar_new_year(2026), civil_days(2026, 2, 17));
	CHECK_INT(lunar_new_year(2027), civil_days(2027, 2, 6));
	lunar_from_day(civil_days(2024, 4, 18), &ld);
	CHECK_INT(ld.year, 2024);
	CHECK_INT(ld.month, 3);
	CHECK_INT(ld.day, 10);
	CHECK(!ld.leap);
	/* The last day of the old year is in month 12 of the year before. */
	lunar_from_day(civil_days(2024, 2, 9), &ld);
	CHECK_INT(ld.year, 2023);
	CHECK_INT(ld.month, 12);
	CHECK_INT(ld.day, 30);
}

TEST(round_trip_1900_2100)
{
	struct lunar_date prev = {0};
	int64_t end = civil_days(2100, 12, 31);
	int bad = 0;
	for (int64_t d = civil_days(1900, 1, 31); d <= end && bad < 5; d++) {
		struct lunar_date ld;
		lunar_from_day(d, &ld);
		if (lunar_to_day(&ld) != d) {
			fprintf(stderr, "round trip fails at day %lld\n",
				(long long)d);
			bad++;
		}
		/* Days run 1, 2, ... and a month is 29 or 30 days. */
		if (ld.day != 1 && ld.day != prev.day + 1)
			bad++;
		if (ld.day == 1 && prev.day != 0 &&
		    (prev.day < 29 || prev.day > 30))
			bad++;
		prev = ld;
	}
	CHECK_INT(bad, 0);
}

TEST(leap_months)
{
	static const int leap[][2] = {
		{2001, 4}, {2004, 2}, {2006, 7}, {2009, 5},
		{2012, 4}, {2014, 9}, {2017, 6}, {2020, 4},
		{2023, 2}, {2025, 6}, {2028, 5},
	};
	for (size_t i = 0; i < sizeof(leap) / sizeof(leap[0]); i++) {
		struct lunar_date ld = {leap[i][0], leap[i][1], 1, true};
		int64_t d = lunar_to_day(&ld);
		CHECK(d != MC_NO_TIME);
		ld.leap = false;
		CHECK(d > lunar_to_day(&ld)); /* the leap month comes after */
	}
	struct lunar_date none = {2024, 4, 1, true};
	CHECK_INT(lunar_to_day(&none), MC_NO_TIME);
	/* 2020: leap month 4 began on 23/5/2020. */
	struct lunar_date l4 = {2020, 4, 1, true};
	CHECK_INT(lunar_to_day(&l4), civil_days(2020, 5, 23));
}

TEST(invalid_dates)
{
	struct lunar_date bad = {2024, 13, 1, false};
	CHECK_INT(lunar_to_day(&bad), MC_NO_TIME);
	bad = (struct lunar_date){2024, 1, 31, false};
	CHECK_INT(lunar_to_day(&bad), MC_NO_TIME);
	/* Month 12 of 2023 had 30 days, month 1 of 2024 has 29. */
	bad = (struct lunar_date){2024, 1, 30, false};
	CHECK_INT(lunar_to_day(&bad), MC_NO_TIME);
	CHECK_INT(lunar_to_day(NULL), MC_NO_TIME);
}

TEST_MAIN(T(tet_and_hung_kings_1960_2060), T(brief_known_answers),
	  T(round_trip_1900_2100), T(leap_months), T(invalid_dates))
