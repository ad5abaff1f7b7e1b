/*
 * xlsx_style.c - what the workbooks share: cell formats, page setup,
 * creating and closing; see xlsx_style.h.
 */
#include "io/xlsx_style.h"

#include <stdbool.h>
#include <stdio.h>

#include "core/civil.h"

static lxw_format *cell(lxw_workbook *wb, bool bold, int align, const char *num)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, 11);
	format_set_align(f, (uint8_t)align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	if (bold)
		format_set_bold(f);
	if (num)
		format_set_num_format(f, num);
	return f;
}

static void xlsx_style_make(lxw_workbook *wb, struct xlsx_style *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_name(f->title, "Times New Roman");
	format_set_font_size(f->title, 13);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	f->head = cell(wb, true, LXW_ALIGN_CENTER, NULL);
	format_set_bg_color(f->head, 0xDDEBF7);
	f->text = cell(wb, false, LXW_ALIGN_LEFT, NULL);
	f->num = cell(wb, false, LXW_ALIGN_RIGHT, "#,##0");
	f->rate = cell(wb, false, LXW_ALIGN_RIGHT, "0.00");
	f->bold_text = cell(wb, true, LXW_ALIGN_LEFT, NULL);
	f->bold_num = cell(wb, true, LXW_ALIGN_RIGHT, "#,##0");
	f->bold_rate = cell(wb, true, LXW_ALIGN_RIGHT, "0.00");
}

enum mc_code xlsx_begin(const char *path, const char *sheet, lxw_row_t head,
			struct xlsx_book *b, struct mc_err *err)
{
	b->wb = workbook_new(path);
	if (!b->wb)
		return mc_fail(err, MC_ERR_IO, "out", "out: cannot create %s",
			       path);
	xlsx_style_make(b->wb, &b->f);
	b->ws = xlsx_add_sheet(b, sheet, head);
	return MC_OK;
}

lxw_worksheet *xlsx_add_sheet(struct xlsx_book *b, const char *sheet,
			      lxw_row_t head)
{
	lxw_worksheet *ws = workbook_add_worksheet(b->wb, sheet);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, head, head + 1);
	worksheet_freeze_panes(ws, head + 2, 2);
	return ws;
}

enum mc_code xlsx_end(struct xlsx_book *b, const char *path, struct mc_err *err)
{
	lxw_error e = workbook_close(b->wb);
	b->wb = NULL;
	if (e != LXW_NO_ERROR)
		return mc_fail(err, MC_ERR_IO, "out",
			       "out: writing %s failed: %s", path,
			       lxw_strerror(e));
	return MC_OK;
}

const char *xlsx_as_of(int64_t as_of, char *buf)
{
	char t[CIVIL_BUF];
	if (as_of == MC_NO_TIME)
		return "";
	snprintf(buf, XLSX_AS_OF_BUF, " - Số liệu tính đến (as of) %s",
		 civil_format_local(as_of, t));
	return buf;
}
