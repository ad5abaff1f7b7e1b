/*
 * report_json.h - form II.06a as JSON, the one writer that both
 * `motcua report --format json` and the server's /reports/settlement use,
 * so the two cannot disagree.
 */
#ifndef MC_IO_REPORT_JSON_H
#define MC_IO_REPORT_JSON_H

#include "core/report_table.h"
#include "core/str.h"

/* Append the report as one JSON object (no newline):
 * {"from","to","unit","by":"unit","restated","level","rows":[...],
 * "total":{...},"figures":{...}}; rates are percentages with two
 * decimals, null when undefined. "figures" (null unless by unit): units,
 * with_online, min_resolved, ranked, and the lists at_full, highest,
 * lowest of {"key","name","resolved","on_time_rate"}. While the period
 * runs, "as_of":"YYYY-MM-DD HH:MM" (Vietnam time) follows "to"; an ended
 * period's text has no such field, so a published one stays the same. */
void report_json_write(const struct report *rep, struct strbuf *sb);

#endif
