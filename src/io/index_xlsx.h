/*
 * index_xlsx.h - the service index as an Excel workbook a leader can open
 * and print: one line per unit (or level) with rank, score, the six group
 * scores and the twelve indicators' rates, the total line last; landscape
 * A4, one page wide, headers repeated on every page.
 */
#ifndef MC_IO_INDEX_XLSX_H
#define MC_IO_INDEX_XLSX_H

#include "core/error.h"
#include "core/index_table.h"

enum mc_code index_xlsx_write(const struct index_table *t, const char *path,
			      struct mc_err *err);

#endif
