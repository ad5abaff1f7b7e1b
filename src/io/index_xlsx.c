/*
 * index_xlsx.c - the service index as an xlsx workbook (libxlsxwriter);
 * see index_xlsx.h. Scores and rates are numbers (hundredths / 100) so
 * the sheet can be sorted and summed; an undefined rate is a blank cell.
 */
#include "io/index_xlsx.h"

#include <stdio.h>

#include "core/civil.h"
#include "core/index_columns.h"
#include "io/xlsx_style.h"

/* Columns: STT, unit, then the column table (core/index_columns: rank,
 * score, groups, indicators), then dossiers. */
#define HEAD_ROW 4
#define COL_TABLE 2
#define COL_GROUPS (COL_TABLE + INDEX_COL_FIRST_GROUP)
#define COL_INDS (COL_TABLE + INDEX_COL_FIRST_INDICATOR)
#define COL_VOLUME (COL_TABLE + INDEX_N_COLUMNS)

static void write_header(lxw_worksheet *ws, const struct index_table *t,
			 const struct xlsx_style *f)
{
	char a[CIVIL_BUF], b[CIVIL_BUF], line[512], as_of[XLSX_AS_OF_BUF];
	worksheet_merge_range(ws, 0, 0, 0, COL_VOLUME,
			      "CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP",
			      f->title);
	snprintf(line, sizeof(line), "Kỳ: từ %s đến %s - %s%s",
		 civil_format_date(t->period.from, a),
		 civil_format_date(t->period.to, b),
		 t->by == INDEX_BY_LEVEL ? "theo cấp" : "theo đơn vị",
		 xlsx_as_of(t->as_of, as_of));
	worksheet_merge_range(ws, 1, 0, 1, COL_VOLUME, line, f->title);
	snprintf(line, sizeof(line), "%s (%s); xếp hạng khi có từ %lld hồ sơ",
		 t->rules_name ? t->rules_name : "",
		 t->rules_reference ? t->rules_reference : "",
		 (long long)t->min_dossiers);
	worksheet_merge_range(ws, 2, 0, 2, COL_VOLUME, line, f->title);
	worksheet_merge_range(ws, HEAD_ROW, 0, HEAD_ROW + 1, 0, "STT", f->head);
	worksheet_merge_range(ws, HEAD_ROW, 1, HEAD_ROW + 1, 1,
			      t->by == INDEX_BY_LEVEL ? "Cấp" : "Đơn vị",
			      f->head);
	worksheet_merge_range(ws, HEAD_ROW, COL_GROUPS, HEAD_ROW, COL_INDS - 1,
			      "Điểm theo nhóm", f->head);
	worksheet_merge_range(ws, HEAD_ROW, COL_INDS, HEAD_ROW, COL_VOLUME - 1,
			      "Chỉ tiêu (%)", f->head);
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *c = &index_columns[k];
		lxw_col_t col = (lxw_col_t)(COL_TABLE + k);
		if (c->part == INDEX_COL_GROUP)
			snprintf(line, sizeof(line), "%s (%lld)", c->title_vi,
				 (long long)(t->weight[c->item] / 100));
		else if (c->part == INDEX_COL_SCORE)
			snprintf(line, sizeof(line), "%s (100)", c->title_vi);
		else
			snprintf(line, sizeof(line), "%s", c->title_vi);
		if (c->part == INDEX_COL_RANK || c->part == INDEX_COL_SCORE)
			worksheet_merge_range(ws, HEAD_ROW, col, HEAD_ROW + 1,
					      col, line, f->head);
		else
			worksheet_write_string(ws, HEAD_ROW + 1, col, line,
					       f->head);
	}
	worksheet_merge_range(ws, HEAD_ROW, COL_VOLUME, HEAD_ROW + 1,
			      COL_VOLUME, "Hồ sơ", f->head);
}

/* Hundredths as a number, a negative (undefined) one as a blank. */
static void hundredths(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       int64_t v, lxw_format *f)
{
	if (v < 0)
		worksheet_write_blank(ws, row, col, f);
	else
		worksheet_write_number(ws, row, col, (double)v / 100, f);
}

static void write_line(lxw_worksheet *ws, lxw_row_t row, size_t n,
		       const struct index_line *l, bool total,
		       const struct xlsx_style *f)
{
	lxw_format *text = total ? f->bold_text : f->text;
	lxw_format *num = total ? f->bold_num : f->num;
	lxw_format *rate = total ? f->bold_rate : f->rate;
	char name[400];
	snprintf(name, sizeof(name), "%s (%s)", l->name ? l->name : "",
		 l->key ? l->key : "");
	if (total)
		worksheet_write_string(ws, row, 0, "", text);
	else
		worksheet_write_number(ws, row, 0, (double)n, num);
	worksheet_write_string(ws, row, 1, name, text);
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *c = &index_columns[k];
		lxw_col_t col = (lxw_col_t)(COL_TABLE + k);
		if (c->part == INDEX_COL_RANK && l->rank > 0)
			worksheet_write_number(ws, row, col, l->rank, num);
		else if (c->part == INDEX_COL_RANK)
			worksheet_write_blank(ws, row, col, num);
		else if (c->part == INDEX_COL_SCORE)
			hundredths(ws, row, col, l->score.total, rate);
		else if (c->part == INDEX_COL_GROUP)
			hundredths(ws, row, col, l->score.group[c->item], rate);
		else
			hundredths(ws, row, col, l->ind[c->item].rate, rate);
	}
	worksheet_write_number(ws, row, COL_VOLUME, (double)l->volume, num);
}

static void page_setup(lxw_worksheet *ws)
{
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 40, NULL);
	worksheet_set_column(ws, 2, COL_INDS - 1, 10, NULL);
	/* the indicators' titles are long (core/index_columns.c): wider
	 * columns and a head row tall enough for six lines of them */
	worksheet_set_column(ws, COL_INDS, COL_VOLUME - 1, 14, NULL);
	worksheet_set_column(ws, COL_VOLUME, COL_VOLUME, 10, NULL);
	worksheet_set_row(ws, HEAD_ROW + 1, 100, NULL);
}

enum mc_code index_xlsx_write(const struct index_table *t, const char *path,
			      struct mc_err *err)
{
	struct xlsx_book b;
	enum mc_code rc = xlsx_begin(path, "Chỉ số", HEAD_ROW, &b, err);
	if (rc)
		return rc;
	page_setup(b.ws);
	write_header(b.ws, t, &b.f);
	lxw_row_t row = HEAD_ROW + 2;
	for (size_t i = 0; i < t->n; i++, row++)
		write_line(b.ws, row, i + 1, &t->lines[i], false, &b.f);
	write_line(b.ws, row, 0, &t->total, true, &b.f);
	return xlsx_end(&b, path, err);
}
