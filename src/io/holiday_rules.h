/*
 * holiday_rules.h - reading the holiday rules (data/holiday-rules.json)
 * into struct holiday_rules (core/holidays.h).
 *
 * A copy of data/holiday-rules.json is built into the binary, so a
 * deployment always has rules; holiday_rules_parse reads another document
 * (a province's edited copy, a test's).
 */
#ifndef MC_IO_HOLIDAY_RULES_H
#define MC_IO_HOLIDAY_RULES_H

#include <stddef.h>

#include "core/error.h"
#include "core/holidays.h"

/* Parse a rules document. A bad document fails with MC_ERR_INPUT and
 * err->field naming the offending field, e.g. "rule_sets[1].tet.days". */
enum mc_code holiday_rules_parse(const char *json, size_t len,
				 struct holiday_rules **out,
				 struct mc_err *err);
/* The rules built into the binary. */
enum mc_code holiday_rules_default(struct holiday_rules **out,
				   struct mc_err *err);
void holiday_rules_free(struct holiday_rules *r);

#endif
