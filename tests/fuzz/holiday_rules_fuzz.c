/*
 * tests/fuzz/holiday_rules_fuzz.c - the holiday rules document: an input
 * is refused with a message and a field, or gives rules from which a
 * calendar lists the days off of every year. `make fuzz` runs it under
 * libFuzzer; as a test it runs the seeds below, the built-in document
 * among them, each with its verdict (tests/fuzz/fuzz.h).
 */
#include "core/calendar.h"
#include "fuzz/fuzz.h"
#include "io/holiday_rules.h"

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	struct holiday_rules *rules = NULL;
	struct mc_err err = {0};
	enum mc_code rc =
		holiday_rules_parse((const char *)data, size, &rules, &err);
	if (rc) {
		fuzz_refused(v, &err, rc, data, size);
		return;
	}
	struct calendar cal;
	calendar_init(&cal, rules);
	for (int y = 1990; y <= 2030; y += 7) {
		struct calendar_day *days = NULL;
		size_t n = 0;
		if (calendar_year_days(&cal, y, &days, &n, &err))
			fuzz_fail(err.message, data, size);
		free(days);
	}
	calendar_release(&cal);
	holiday_rules_free(rules);
}

extern const char mc_holiday_rules_json[];

#define SET_HEAD "{\"version\":1,\"rule_sets\":[{\"from_year\":2021,"
#define SET_TAIL                                                \
	"\"tet\":{\"name\":\"Tết\",\"first\":-1,\"days\":5}," \
	"\"compensatory\":{\"enabled\":true,\"prefix\":\"Nghỉ bù\"}}]}"

static const struct fuzz_seed seeds[] = {
	{mc_holiday_rules_json, MC_OK, ""},
	{SET_HEAD "\"solar\":[{\"date\":\"01-01\",\"name\":\"Tết Dương "
		  "lịch\"}],\"lunar\":[]," SET_TAIL,
	 MC_OK, ""},
	{"{", MC_ERR_INPUT, "holiday_rules"},
	{"{\"version\":2,\"rule_sets\":[]}", MC_ERR_INPUT, "version"},
	{SET_HEAD "\"solar\":[{\"date\":\"02-30\",\"name\":\"x\"}],"
		  "\"lunar\":[]," SET_TAIL,
	 MC_ERR_INPUT, "rule_sets[0].solar[0].date"},
};

FUZZ_MAIN(judge, seeds)
