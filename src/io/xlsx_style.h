/*
 * xlsx_style.h - the cell formats the printable workbooks share (form
 * II.06a, the service index): Times New Roman, thin borders, a shaded
 * bold header, whole numbers and two-decimal rates, bold for totals.
 */
#ifndef MC_IO_XLSX_STYLE_H
#define MC_IO_XLSX_STYLE_H

#include <xlsxwriter.h>

#include <stdint.h>

#include "core/error.h"

struct xlsx_style {
	lxw_format *title, *head, *text, *num, *rate, *bold_text, *bold_num,
		*bold_rate;
};

/* A workbook being written: one worksheet and the formats. */
struct xlsx_book {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	struct xlsx_style f;
};

/* Create path with one worksheet named `sheet` set up for printing:
 * landscape A4, one page wide, the two header rows from `head` repeated
 * on every page and frozen with the first two columns. */
enum mc_code xlsx_begin(const char *path, const char *sheet, lxw_row_t head,
			struct xlsx_book *b, struct mc_err *err);
/* Another worksheet of b with the same page setup. */
lxw_worksheet *xlsx_add_sheet(struct xlsx_book *b, const char *sheet,
			      lxw_row_t head);
/* Write the file out; errors name the field "out". */
enum mc_code xlsx_end(struct xlsx_book *b, const char *path,
		      struct mc_err *err);

/* " - Số liệu tính đến (as of) YYYY-MM-DD HH:MM" for a header line
 * while the period runs; "" once it has ended. buf: 96 bytes. */
#define XLSX_AS_OF_BUF 96
const char *xlsx_as_of(int64_t as_of, char *buf);

#endif
