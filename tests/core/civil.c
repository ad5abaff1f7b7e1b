/*
 * civil.c - day numbers, local time, strict parsers.
 */
#include "test.h"

#include "core/civil.h"

TEST(day_numbers_round_trip)
{
	CHECK_INT(civil_days(1970, 1, 1), 0);
	CHECK_INT(civil_days(2000, 3, 1), 11017);
	CHECK_INT(civil_weekday(civil_days(2024, 2, 10)), 6); /* Saturday */
	for (int64_t d = civil_days(1899, 1, 1); d < civil_days(2101, 1, 1);
	     d += 7) {
		int y, m, dd;
		civil_from_days(d, &y, &m, &dd);
		CHECK_INT(civil_days(y, m, dd), d);
	}
}

TEST(local_time_is_utc_plus_7)
{
	int64_t t;
	CHECK_INT(civil_parse_local("2024-06-07 00:30", &t, "at", NULL), MC_OK);
	CHECK_INT(t, 1717695000); /* 2024-06-06 17:30 UTC */
	CHECK_INT(civil_local_day(t), civil_days(2024, 6, 7));
	char buf[CIVIL_BUF];
	CHECK_STR(civil_format_portal(t, buf), "20240607003000");
	CHECK_STR(civil_format_local(t, buf), "2024-06-07 00:30");
	int64_t u;
	CHECK_INT(civil_parse_portal("20240607003000", &u, "x", NULL), MC_OK);
	CHECK_INT(u, t);
}

TEST(parsers_refuse_what_is_not_a_date)
{
	int64_t v;
	struct mc_err err;
	const char *dates[] = {"2024-02-30", "2023-02-29", "2024-13-01",
			       "2024-1-01",  "20240101",   "",
			       "2024-01-01x"};
	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++) {
		CHECK_INT(civil_parse_date(dates[i], &v, "from", &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, "from");
	}
	CHECK_INT(civil_parse_date("2024-02-29", &v, "from", NULL), MC_OK);
	CHECK_INT(civil_parse_portal("20240607246000", &v, "NgayHenTra", &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "NgayHenTra");
	CHECK_INT(civil_parse_portal("2024060712000", &v, "x", NULL),
		  MC_ERR_INPUT);
	CHECK_INT(civil_parse_local("2024-06-07 7:00", &v, "x", NULL),
		  MC_ERR_INPUT);
}

TEST_MAIN(T(day_numbers_round_trip), T(local_time_is_utc_plus_7),
	  T(parsers_refuse_what_is_not_a_date))
