/*
 * csv.h - the one CSV dialect motcua writes, chosen so that Excel in a
 * Vietnamese locale (vi-VN) opens a file by double-click with every
 * letter, column and number right:
 *
 *   - UTF-8 with a byte-order mark (EF BB BF): without it Excel reads
 *     the file in the machine's ANSI code page and garbles "Đơn vị";
 *   - ';' between fields: vi-VN's list separator, which Excel splits on;
 *   - ',' as the decimal mark (98,15), vi-VN's decimal symbol, so a rate
 *     is a number and not text; integers have no thousands separator;
 *   - CRLF after every line, the last one included;
 *   - RFC 4180 quoting: every text field in double quotes, a quote
 *     inside doubled; ';', CR and LF inside quotes are data. Numbers are
 *     never quoted, an undefined value is an empty field;
 *   - a text field beginning with = + - @ TAB or CR gets a leading
 *     apostrophe inside its quotes, so a spreadsheet shows it as text
 *     instead of running it as a formula (names can come from imports).
 *
 * Every CSV of the command line and of the server is written through
 * this (io/report_text.c, io/index_text.c, io/quality_json.c), so the
 * API's format=csv, `motcua ... --format csv` and the dashboard's
 * downloads are the same bytes. docs/internals/csv.md.
 */
#ifndef MC_IO_CSV_H
#define MC_IO_CSV_H

#include <stdbool.h>
#include <stdint.h>

#include "core/str.h"

struct csv {
	struct strbuf *sb;
	bool in_line; /* a field is on the current line: the next needs ';' */
};

/* The title of the last column of a period that has not ended. */
#define CSV_AS_OF_TITLE "Tính đến (as of)"

/* Start a file in sb: the byte-order mark. */
void csv_begin(struct csv *c, struct strbuf *sb);
/* One field each; NULL text is an empty quoted field. */
void csv_text(struct csv *c, const char *s);
void csv_int(struct csv *c, int64_t v);
/* Hundredths as a decimal with two places (9815: 98,15); a negative
 * value (a rate of 0/0, no target) as an empty field. */
void csv_hundredths(struct csv *c, int64_t v);
void csv_empty(struct csv *c);
/* End the line (CRLF). */
void csv_end_line(struct csv *c);

#endif
