/*
 * report_columns.h - the one definition of form II.06a's columns: the
 * key (the JSON member and the API's name), the Vietnamese and English
 * titles, the type and how the value comes from a report row. Every
 * writer of the form (text and CSV in the command line, JSON, the API's
 * column list and its OpenAPI schema) walks this table, so a column
 * added here appears everywhere at once.
 */
#ifndef MC_CORE_REPORT_COLUMNS_H
#define MC_CORE_REPORT_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"

enum report_col_type {
	REPORT_COL_COUNT, /* a number of dossiers (or of uses) */
	REPORT_COL_RATE,  /* percent in hundredths, -1 when 0/0 */
};

/* Where a column shows in the tables of `motcua report` (JSON and the
 * API always carry every column). */
enum report_col_show {
	REPORT_COL_FORM,   /* always: a column of the form */
	REPORT_COL_FIGURE, /* with --figures: what releases quote beside it */
};

struct report_column {
	const char *key, *title_vi, *title_en;
	enum report_col_type type;
	enum report_col_show show;
	int width;     /* suggested width in characters, for pages and sheets */
	size_t offset; /* into struct report_row, when value is NULL */
	int64_t (*value)(const struct report_row *); /* a rate or a sum */
};

#define REPORT_N_COLUMNS 27
extern const struct report_column report_columns[REPORT_N_COLUMNS];

/* The value of column c for row r (a rate in hundredths, -1 for 0/0). */
int64_t report_column_value(const struct report_column *c,
			    const struct report_row *r);
const char *report_col_type_name(enum report_col_type t);

#endif
