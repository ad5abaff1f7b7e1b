/*
 * holiday_rules.c - tests for io/holiday_rules.c: the built-in rules
 * load, and a bad document fails with an error naming the field.
 */
#include "test.h"

#include "io/holiday_rules.h"

TEST(default_rules_load)
{
	struct holiday_rules *r = NULL;
	struct mc_err err = {0};
	CHECK_INT(holiday_rules_default(&r, &err), MC_OK);
	if (!r)
		return;
	CHECK(r->n >= 4);
	const struct holiday_rule_set *s = holiday_rules_for_year(r, 2025);
	CHECK(s != NULL);
	if (s) {
		CHECK_INT(s->from_year, 2021);
		CHECK_INT(s->tet_days, 5);
		CHECK_INT(s->tet_first, -1);
		CHECK_INT(s->n_solar, 4);
		CHECK_INT(s->n_lunar, 1);
		CHECK_INT(s->n_adjacent, 1);
		CHECK(s->compensatory);
		CHECK_STR(s->tet_name, "Tết Nguyên đán");
	}
	CHECK_INT(holiday_rules_for_year(r, 2010)->tet_days, 4);
	CHECK_INT(holiday_rules_for_year(r, 2014)->tet_days, 5);
	CHECK_INT(holiday_rules_for_year(r, 2006)->n_lunar, 0);
	/* Years before the first set use the first. */
	CHECK_INT(holiday_rules_for_year(r, 1980)->from_year, 1995);
	holiday_rules_free(r);
}

static void check_bad(const char *json, const char *field)
{
	struct holiday_rules *r = (struct holiday_rules *)1;
	struct mc_err err = {0};
	CHECK_INT(holiday_rules_parse(json, strlen(json), &r, &err),
		  MC_ERR_INPUT);
	CHECK(r == NULL);
	CHECK_STR(err.field, field);
	CHECK(strstr(err.message, field) != NULL);
}

#define SET_HEAD "{\"version\":1,\"rule_sets\":[{\"from_year\":2021,"
#define SET_TAIL                                                \
	"\"tet\":{\"name\":\"Tết\",\"first\":-1,\"days\":5}," \
	"\"compensatory\":{\"enabled\":true,\"prefix\":\"Nghỉ bù\"}}]}"

TEST(minimal_document)
{
	const char *json = SET_HEAD "\"solar\":[{\"date\":\"01-01\","
				    "\"name\":\"Tết Dương lịch\"}]," SET_TAIL;
	struct holiday_rules *r = NULL;
	CHECK_INT(holiday_rules_parse(json, strlen(json), &r, NULL), MC_OK);
	holiday_rules_free(r);
}

TEST(bad_documents_name_the_field)
{
	check_bad("{", "holiday_rules");
	check_bad("[]", "holiday_rules");
	check_bad("{\"version\":2,\"rule_sets\":[]}", "version");
	check_bad("{\"version\":1,\"rule_sets\":[]}", "rule_sets");
	check_bad("{\"version\":1,\"rules\":[]}", "rules");
	check_bad(SET_HEAD
		  "\"solar\":[{\"date\":\"13-01\",\"name\":\"x\"}]," SET_TAIL,
		  "rule_sets[0].solar[0].date");
	check_bad(SET_HEAD
		  "\"solar\":[{\"date\":\"02-30\",\"name\":\"x\"}]," SET_TAIL,
		  "rule_sets[0].solar[0].date");
	check_bad(SET_HEAD
		  "\"solar\":[{\"date\":\"01-01\",\"name\":\"\"}]," SET_TAIL,
		  "rule_sets[0].solar[0].name");
	check_bad(SET_HEAD "\"solar\":[],\"lunar\":[{\"date\":\"03-31\","
			   "\"name\":\"x\"}]," SET_TAIL,
		  "rule_sets[0].lunar[0].date");
	check_bad(SET_HEAD "\"solar\":{}," SET_TAIL, "rule_sets[0].solar");
	check_bad(SET_HEAD "\"solar\":[],\"adjacent\":[{\"date\":\"09-02\","
			   "\"name\":\"x\",\"before_on\":[\"tue\"]}]," SET_TAIL,
		  "rule_sets[0].adjacent[0].before_on[0]");
	check_bad(SET_HEAD "\"solar\":[],\"holiday\":1," SET_TAIL,
		  "rule_sets[0].holiday");
	check_bad(SET_HEAD
		  "\"solar\":[],"
		  "\"tet\":{\"name\":\"Tết\",\"first\":-1,\"days\":50},"
		  "\"compensatory\":{\"enabled\":true,\"prefix\":\"x\"}}]}",
		  "rule_sets[0].tet.days");
	check_bad(SET_HEAD
		  "\"solar\":[],"
		  "\"tet\":{\"name\":\"Tết\",\"first\":-1,\"days\":5},"
		  "\"compensatory\":{\"enabled\":1,\"prefix\":\"x\"}}]}",
		  "rule_sets[0].compensatory.enabled");
	check_bad("{\"version\":1,\"rule_sets\":[{\"from_year\":1800}]}",
		  "rule_sets[0].from_year");
	/* Rule sets must ascend. */
	check_bad("{\"version\":1,\"rule_sets\":["
		  "{\"from_year\":2021,\"solar\":[],"
		  "\"tet\":{\"name\":\"T\",\"first\":-1,\"days\":5},"
		  "\"compensatory\":{\"enabled\":true,\"prefix\":\"x\"}},"
		  "{\"from_year\":2020}]}",
		  "rule_sets[1].from_year");
}

TEST_MAIN(T(default_rules_load), T(minimal_document),
	  T(bad_documents_name_the_field))
