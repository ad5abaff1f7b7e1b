/*
 * report_text.h - form II.06a for a person at a terminal (an aligned table
 * with the Vietnamese column titles) and for a spreadsheet (CSV), the
 * writers `motcua report --format text|csv` uses.
 */
#ifndef MC_IO_REPORT_TEXT_H
#define MC_IO_REPORT_TEXT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/report_table.h"
#include "core/str.h"

/* The heading (unit, period), one line per report line and the total;
 * with `figures` the figure columns and, under the table, the figures. */
void report_text_write(FILE *f, const struct report *rep, bool figures);

/* While a period runs, the line that says its figures are as of
 * `as_of` (to the minute, Vietnam time); nothing for an ended period. */
void report_as_of_write(FILE *f, int64_t as_of);

/* The report as CSV in the dialect of io/csv.h, appended to sb: a header
 * line "Mã";"Tên";titles..., one line per report line, then the total;
 * rates as decimals without the % sign, an undefined rate empty; while
 * the period runs, a last column with the moment the figures are as of. */
void report_csv_write(const struct report *rep, bool figures,
		      struct strbuf *sb);

#endif
