/*
 * tests/fuzz/holiday_decisions_fuzz.c - the holiday decisions document:
 * an input is refused with a message and a field, or gives decisions
 * whose every day is found where the parser put it and that a calendar
 * uses for every year. `make fuzz` runs it under libFuzzer; as a test it
 * runs the seeds below, the built-in document among them, each with its
 * verdict (tests/fuzz/fuzz.h).
 */
#include "core/calendar.h"
#include "fuzz/fuzz.h"
#include "io/holiday_decisions.h"
#include "io/holiday_rules.h"

static void use(const struct holiday_decisions *d, const uint8_t *data,
		size_t size)
{
	struct holiday_rules *rules = NULL;
	struct mc_err err;
	for (size_t i = 0; i < d->n_days; i++)
		if (holiday_decisions_day(d, d->days[i].day) != &d->days[i])
			fuzz_fail("a day is not where the parser put it", data,
				  size);
	if (holiday_rules_default(&rules, &err))
		fuzz_fail(err.message, data, size);
	struct calendar cal;
	calendar_init(&cal, rules);
	calendar_use_decisions(&cal, d);
	for (int y = 1990; y <= 2030; y += 3) {
		struct calendar_day *days = NULL;
		size_t n = 0;
		if (calendar_year_days(&cal, y, &days, &n, &err))
			fuzz_fail(err.message, data, size);
		free(days);
	}
	calendar_release(&cal);
	holiday_rules_free(rules);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	struct holiday_decisions *d = NULL;
	struct mc_err err = {0};
	enum mc_code rc =
		holiday_decisions_parse((const char *)data, size, &d, &err);
	if (rc) {
		if (err.field[0] == '\0')
			fuzz_fail("a refusal that names no field", data, size);
		fuzz_refused(v, &err, rc, data, size);
		return;
	}
	use(d, data, size);
	holiday_decisions_free(d);
}

extern const char mc_holiday_decisions_json[];

static const struct fuzz_seed seeds[] = {
	{mc_holiday_decisions_json, MC_OK, ""},
	{"{", MC_ERR_INPUT, "holiday_decisions"},
	{"{\"version\":2}", MC_ERR_INPUT, "version"},
	{"{\"version\":1,\"notices\":[]}", MC_ERR_INPUT, "notices"},
};

FUZZ_MAIN(judge, seeds)
