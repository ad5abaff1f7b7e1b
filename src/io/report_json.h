/*
 * report_json.h - form II.06a as JSON, the one writer that both
 * `motcua report --format json` and the server's /reports/settlement use,
 * so the two cannot disagree.
 */
#ifndef MC_IO_REPORT_JSON_H
#define MC_IO_REPORT_JSON_H

#include "app/report.h"
#include "core/str.h"

/* Append the report as one JSON object (no newline):
 * {"from","to","unit","by":"unit","rows":[...],"total":{...}}; rates are
 * percentages with two decimals, null when undefined. */
void report_json_write(const struct report *rep, struct strbuf *sb);

#endif
