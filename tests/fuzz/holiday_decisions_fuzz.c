/*
 * tests/fuzz/holiday_decisions_fuzz.c - libFuzzer target for the holiday
 * decisions document: any input either fails with a named field or gives
 * decisions that a calendar uses for every year without crashing, each
 * day of them found where the parser put it. Built by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/calendar.h"
#include "io/holiday_decisions.h"
#include "io/holiday_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct holiday_decisions *d = NULL;
	struct holiday_rules *rules = NULL;
	struct mc_err err;
	if (holiday_decisions_parse((const char *)data, size, &d, &err)) {
		if (err.message[0] == '\0' || err.field[0] == '\0')
			abort(); /* every refusal must say why and where */
		return 0;
	}
	for (size_t i = 0; i < d->n_days; i++)
		if (holiday_decisions_day(d, d->days[i].day) != &d->days[i])
			abort();
	if (holiday_rules_default(&rules, &err))
		abort();
	struct calendar cal;
	calendar_init(&cal, rules);
	calendar_use_decisions(&cal, d);
	for (int y = 1990; y <= 2030; y += 3) {
		struct calendar_day *days = NULL;
		size_t n = 0;
		if (calendar_year_days(&cal, y, &days, &n, NULL) == MC_OK)
			free(days);
	}
	calendar_release(&cal);
	holiday_rules_free(rules);
	holiday_decisions_free(d);
	return 0;
}
