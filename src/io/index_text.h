/*
 * index_text.h - the service index table for a person at a terminal
 * (rank, score, group scores and indicator rates per unit, then the
 * total) and for a spreadsheet (CSV: "Mã", "Tên", "Cấp", then the
 * Vietnamese titles of core/index_columns: rank, score, the groups, and
 * numerator, denominator, rate and target of each indicator), the
 * writers `motcua index --format text|csv` and GET /index?format=csv use.
 */
#ifndef MC_IO_INDEX_TEXT_H
#define MC_IO_INDEX_TEXT_H

#include <stdio.h>

#include "core/index_table.h"
#include "core/str.h"

void index_text_write(FILE *f, const struct index_table *t);
/* The table as CSV in the dialect of io/csv.h, appended to sb. */
void index_csv_write(const struct index_table *t, struct strbuf *sb);

#endif
