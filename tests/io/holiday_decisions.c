/*
 * holiday_decisions.c - tests for io/holiday_decisions.c: the built-in
 * decisions load with their notices, and a bad document fails with an
 * error naming the field and leaves nothing behind.
 */
#include "test.h"

#include "core/civil.h"
#include "io/holiday_decisions.h"

TEST(default_decisions_load)
{
	struct holiday_decisions *d = NULL;
	struct mc_err err = {0};
	CHECK_INT(holiday_decisions_default(&d, &err), MC_OK);
	if (!d)
		return;
	/* 2016, 2017, 2019 and 2021-2026; 2015, 2018 and 2020 have no
	 * notice in the sources and stay with the rule. */
	CHECK_INT(d->n_years, 9);
	CHECK(holiday_decisions_cover(d, 2024));
	CHECK(!holiday_decisions_cover(d, 2020));
	CHECK(!holiday_decisions_cover(d, 2027));
	const struct holiday_decision_day *dd =
		holiday_decisions_day(d, civil_days(2024, 2, 8));
	CHECK(dd != NULL);
	if (dd) {
		CHECK(!dd->working);
		CHECK_STR(holiday_decisions_notice(d, dd)->id,
			  "5015/TB-LĐTBXH");
		CHECK_STR(holiday_decisions_notice(d, dd)->date, "2023-11-22");
		CHECK_STR(d->blocks[dd->block].name, "Tết Nguyên đán");
	}
	/* Saturday 4/5/2024 worked for Monday 29/4. */
	dd = holiday_decisions_day(d, civil_days(2024, 5, 4));
	CHECK(dd && dd->working && dd->swap == civil_days(2024, 4, 29));
	dd = holiday_decisions_day(d, civil_days(2024, 4, 29));
	CHECK(dd && !dd->working && dd->swap == civil_days(2024, 5, 4));
	/* A day of the 2019 decision that lies in 2018. */
	dd = holiday_decisions_day(d, civil_days(2018, 12, 31));
	CHECK(dd && d->blocks[dd->block].year == 2019);
	for (size_t i = 1; i < d->n_days; i++)
		CHECK(d->days[i - 1].day < d->days[i].day);
	holiday_decisions_free(d);
}

static void check_bad(const char *json, const char *field)
{
	struct holiday_decisions *d = (struct holiday_decisions *)1;
	struct mc_err err = {0};
	CHECK_INT(holiday_decisions_parse(json, strlen(json), &d, &err),
		  MC_ERR_INPUT);
	CHECK(d == NULL);
	CHECK_STR(err.field, field);
	CHECK(strstr(err.message, field) != NULL);
}

#define NOTICES                                                             \
	"{\"version\":1,\"notices\":[{\"id\":\"1/TB\",\"kind\":\"notice\"," \
	"\"title\":\"t\",\"issuer\":\"i\",\"date\":\"2023-11-22\","         \
	"\"source\":\"s\"}],"
#define BLOCK(body)                                                          \
	NOTICES "\"years\":[{\"year\":2024,\"blocks\":[{\"name\":\"Tết\"," \
		"\"notice\":\"1/TB\"," body "}]}]}"

TEST(minimal_document)
{
	const char *json =
		BLOCK("\"off\":[\"2024-04-27..2024-05-01\"],\"working\":["
		      "{\"date\":\"2024-05-04\",\"for\":\"2024-04-29\"}]");
	struct holiday_decisions *d = NULL;
	struct mc_err err = {0};
	CHECK_INT(holiday_decisions_parse(json, strlen(json), &d, &err), MC_OK);
	if (!d)
		return;
	CHECK_INT(d->n_days, 6);
	CHECK_INT(d->n_years, 1);
	holiday_decisions_free(d);
}

TEST(bad_documents_name_the_field)
{
	check_bad("{", "holiday_decisions");
	check_bad("[]", "holiday_decisions");
	check_bad("{\"version\":2}", "version");
	check_bad("{\"version\":1,\"rules\":[]}", "rules");
	check_bad("{\"\":[]}", "\"\"");
	check_bad("{\"version\":1,\"notices\":[]}", "notices");
	check_bad("{\"version\":1,\"notices\":[{\"id\":\"x\",\"kind\":\"memo\","
		  "\"title\":\"t\",\"issuer\":\"i\",\"source\":\"s\"}],"
		  "\"years\":[]}",
		  "notices[0].kind");
	check_bad("{\"version\":1,\"notices\":[{\"id\":\"x\",\"kind\":\"law\","
		  "\"title\":\"t\",\"issuer\":\"i\",\"date\":\"2023-02-30\","
		  "\"source\":\"s\"}],\"years\":[]}",
		  "notices[0].date");
	check_bad("{\"version\":1,\"notices\":[{\"id\":\"x\",\"kind\":\"law\","
		  "\"title\":\"t\",\"issuer\":\"\",\"source\":\"s\"}],"
		  "\"years\":[]}",
		  "notices[0].issuer");
	check_bad(NOTICES "\"years\":{}}", "years");
	check_bad(NOTICES "\"years\":[{\"year\":1800,\"blocks\":[]}]}",
		  "years[0].year");
	check_bad(NOTICES "\"years\":[{\"year\":2024,\"blocks\":[]}]}",
		  "years[0].blocks");
	check_bad(BLOCK("\"off\":[\"2024-02-30\"]"),
		  "years[0].blocks[0].off[0]");
	check_bad(BLOCK("\"off\":[\"2024-02-14..2024-02-08\"]"),
		  "years[0].blocks[0].off[0]");
	check_bad(BLOCK("\"off\":[\"2024-01-01..2024-03-01\"]"),
		  "years[0].blocks[0].off[0]");
	check_bad(BLOCK("\"off\":[\"2022-02-08\"]"),
		  "years[0].blocks[0].off[0]");
	check_bad(BLOCK("\"off\":[]"), "years[0].blocks[0].off");
	/* The same day twice. */
	check_bad(BLOCK("\"off\":[\"2024-02-08..2024-02-14\",\"2024-02-10\"]"),
		  "years[0].blocks[0].off[1]");
	/* A notice that is not listed. */
	check_bad(NOTICES
		  "\"years\":[{\"year\":2024,\"blocks\":[{\"name\":"
		  "\"Tết\",\"notice\":\"2/TB\",\"off\":[\"2024-02-08\"]}]}]}",
		  "years[0].blocks[0].notice");
	/* A day worked must be a weekend day, exchanged for a weekday off of
	 * the block. */
	check_bad(BLOCK("\"off\":[\"2024-04-29\"],\"working\":[{\"date\":"
			"\"2024-05-03\",\"for\":\"2024-04-29\"}]"),
		  "years[0].blocks[0].working[0].date");
	check_bad(BLOCK("\"off\":[\"2024-04-29\"],\"working\":[{\"date\":"
			"\"2024-05-04\",\"for\":\"2024-04-30\"}]"),
		  "years[0].blocks[0].working[0].for");
	check_bad(BLOCK("\"off\":[\"2024-04-29\"],\"working\":[{\"date\":"
			"\"2024-05-04\"}]"),
		  "years[0].blocks[0].working[0].for");
	check_bad(BLOCK("\"off\":[\"2024-04-29\"],\"extra\":1"),
		  "years[0].blocks[0].extra");
	/* Years ascend. */
	check_bad(NOTICES
		  "\"years\":[{\"year\":2024,\"blocks\":[{\"name\":"
		  "\"a\",\"notice\":\"1/TB\",\"off\":[\"2024-01-01\"]}]},"
		  "{\"year\":2023,\"blocks\":[]}]}",
		  "years[1].year");
}

TEST_MAIN(T(default_decisions_load), T(minimal_document),
	  T(bad_documents_name_the_field))
