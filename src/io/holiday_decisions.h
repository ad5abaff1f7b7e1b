/*
 * holiday_decisions.h - reading the Government's holiday decisions
 * (data/holiday-decisions.json) into struct holiday_decisions
 * (core/holidays.h).
 *
 * A copy of data/holiday-decisions.json is built into the binary, beside
 * the holiday rules; holiday_decisions_parse reads another document (a
 * test's, or next year's draft before it is built in).
 */
#ifndef MC_IO_HOLIDAY_DECISIONS_H
#define MC_IO_HOLIDAY_DECISIONS_H

#include <stddef.h>

#include "core/error.h"
#include "core/holidays.h"

/* Parse a decisions document. A bad document fails with MC_ERR_INPUT and
 * err->field naming the offending field, e.g. "years[2].blocks[1].off[0]".
 */
enum mc_code holiday_decisions_parse(const char *json, size_t len,
				     struct holiday_decisions **out,
				     struct mc_err *err);
/* The decisions built into the binary. */
enum mc_code holiday_decisions_default(struct holiday_decisions **out,
				       struct mc_err *err);
void holiday_decisions_free(struct holiday_decisions *d);

#endif
