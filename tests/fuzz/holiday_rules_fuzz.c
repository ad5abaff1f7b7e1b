/*
 * tests/fuzz/holiday_rules_fuzz.c - libFuzzer target for the holiday rules
 * document: any input either fails with a named field or gives rules a
 * calendar can use for every year without crashing. Built by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/calendar.h"
#include "io/holiday_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct holiday_rules *rules = NULL;
	struct mc_err err;
	if (holiday_rules_parse((const char *)data, size, &rules, &err)) {
		if (err.message[0] == '\0')
			abort(); /* every refusal must say why */
		return 0;
	}
	struct calendar cal;
	calendar_init(&cal, rules);
	for (int y = 1990; y <= 2030; y += 7) {
		struct calendar_day *days = NULL;
		size_t n = 0;
		if (calendar_year_days(&cal, y, &days, &n, NULL) == MC_OK)
			free(days);
	}
	calendar_release(&cal);
	holiday_rules_free(rules);
	return 0;
}
