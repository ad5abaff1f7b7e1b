/*
 * index_text.h - the service index table for a person at a terminal
 * (rank, score, group scores and indicator rates per unit, then the
 * total) and for a spreadsheet (CSV: key,name,level,score,rank, the
 * groups, then numerator, denominator, rate and target per indicator),
 * the writers `motcua index --format text|csv` uses.
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
