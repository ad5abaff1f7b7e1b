/*
 * report_xlsx.c - form II.06a as an xlsx workbook (libxlsxwriter); see
 * report_xlsx.h. A second sheet holds what the form has no column for:
 * online shares of received and of resolved, postal uses and, by unit,
 * the units by on-time rate.
 */
#include "io/report_xlsx.h"

#include <inttypes.h>
#include <stdio.h>

#include "core/civil.h"
#include "io/xlsx_style.h"

/* Columns C.. of the form: (group title, column title, value). */
struct column {
	const char *group, *title;
	size_t offset; /* SIZE_MAX: direct + postal; SIZE_MAX - 1: rate */
};

#define F(x) offsetof(struct report_row, x)
static const struct column columns[] = {
	{"Số hồ sơ nhận giải quyết", "Tổng số", F(received_total)},
	{"Số hồ sơ nhận giải quyết", "Kỳ trước chuyển qua", F(carried_over)},
	{"Số hồ sơ nhận giải quyết", "Mới tiếp nhận trực tuyến",
	 F(received_online)},
	{"Số hồ sơ nhận giải quyết",
	 "Mới tiếp nhận trực tiếp và qua dịch vụ bưu chính", SIZE_MAX},
	{"Số hồ sơ đã giải quyết", "Tổng số", F(resolved_total)},
	{"Số hồ sơ đã giải quyết", "Trước hạn", F(resolved_early)},
	{"Số hồ sơ đã giải quyết", "Đúng hạn", F(resolved_on_time)},
	{"Số hồ sơ đã giải quyết", "Quá hạn", F(resolved_late)},
	{"Số hồ sơ đang giải quyết", "Tổng số", F(in_progress_total)},
	{"Số hồ sơ đang giải quyết", "Trong hạn", F(in_progress_in_time)},
	{"Số hồ sơ đang giải quyết", "Quá hạn", F(in_progress_overdue)},
	{"Chờ bổ sung", NULL, F(waiting_supplement)},
	{"Dừng xử lý", NULL, F(refused)},
	{"Rút hồ sơ", NULL, F(withdrawn)},
	{"Tỷ lệ giải quyết đúng hạn (%)", NULL, SIZE_MAX - 1},
};
#undef F
#define N_COLUMNS (sizeof(columns) / sizeof(*columns))
#define FIRST_COL 2
#define HEAD_ROW 3

/* The second title row of both sheets: unit, period, restated, as of. */
static void period_line(const struct report *rep, char *line, size_t n)
{
	char a[CIVIL_BUF], b[CIVIL_BUF], as_of[XLSX_AS_OF_BUF];
	snprintf(line, n, "%s (%s) - Kỳ báo cáo: từ %s đến %s%s%s",
		 rep->unit_name, rep->unit,
		 civil_format_date(rep->period.from, a),
		 civil_format_date(rep->period.to, b),
		 rep->restated ? " - theo đơn vị hiện nay" : "",
		 xlsx_as_of(rep->as_of, as_of));
}

static void write_header(lxw_worksheet *ws, const struct report *rep,
			 const struct xlsx_style *f)
{
	char line[512];
	lxw_col_t last = (lxw_col_t)(FIRST_COL + N_COLUMNS - 1);
	worksheet_merge_range(ws, 0, 0, 0, last,
			      "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC "
			      "HÀNH CHÍNH (Mẫu II.06a)",
			      f->title);
	period_line(rep, line, sizeof(line));
	worksheet_merge_range(ws, 1, 0, 1, last, line, f->title);
	worksheet_merge_range(ws, HEAD_ROW, 0, HEAD_ROW + 1, 0, "STT", f->head);
	const char *what = rep->by == REPORT_BY_UNIT    ? "Đơn vị"
			   : rep->by == REPORT_BY_LEVEL ? "Cấp"
			   : rep->by == REPORT_BY_FIELD ? "Lĩnh vực"
							: "Thủ tục";
	worksheet_merge_range(ws, HEAD_ROW, 1, HEAD_ROW + 1, 1, what, f->head);
	for (size_t c = 0; c < N_COLUMNS;) {
		lxw_col_t col = (lxw_col_t)(FIRST_COL + c);
		if (!columns[c].title) {
			worksheet_merge_range(ws, HEAD_ROW, col, HEAD_ROW + 1,
					      col, columns[c].group, f->head);
			c++;
			continue;
		}
		size_t end = c;
		while (end + 1 < N_COLUMNS && columns[end + 1].title &&
		       columns[end + 1].group == columns[c].group)
			end++;
		worksheet_merge_range(ws, HEAD_ROW, col, HEAD_ROW,
				      (lxw_col_t)(FIRST_COL + end),
				      columns[c].group, f->head);
		for (; c <= end; c++)
			worksheet_write_string(ws, HEAD_ROW + 1,
					       (lxw_col_t)(FIRST_COL + c),
					       columns[c].title, f->head);
	}
}

static double value(const struct report_row *r, size_t offset)
{
	if (offset == SIZE_MAX)
		return (double)(r->received_direct + r->received_postal);
	return (double)*(const int64_t *)((const char *)r + offset);
}

static void write_row(lxw_worksheet *ws, lxw_row_t row, const char *stt,
		      const char *name, const struct report_row *r, bool bold,
		      const struct xlsx_style *f)
{
	worksheet_write_string(ws, row, 0, stt, bold ? f->bold_text : f->text);
	worksheet_write_string(ws, row, 1, name, bold ? f->bold_text : f->text);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		lxw_col_t col = (lxw_col_t)(FIRST_COL + c);
		if (columns[c].offset != SIZE_MAX - 1) {
			worksheet_write_number(ws, row, col,
					       value(r, columns[c].offset),
					       bold ? f->bold_num : f->num);
			continue;
		}
		int64_t rate = report_on_time_rate(r);
		if (rate < 0)
			worksheet_write_blank(ws, row, col,
					      bold ? f->bold_rate : f->rate);
		else
			worksheet_write_number(ws, row, col, (double)rate / 100,
					       bold ? f->bold_rate : f->rate);
	}
}

static void page_setup(lxw_worksheet *ws)
{
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, FIRST_COL,
			     (lxw_col_t)(FIRST_COL + N_COLUMNS - 1), 11, NULL);
	worksheet_set_row(ws, HEAD_ROW + 1, 66, NULL);
}

/* ---- the second sheet: the figures releases quote beside the form ---- */

/* Columns C.. of "Chỉ tiêu khác": a count (count set) or a rate. */
struct figure_column {
	const char *group, *title;
	int64_t (*count)(const struct report_row *);
	int64_t (*rate)(const struct report_row *);
};

static int64_t new_total(const struct report_row *r) { return r->received_new; }
static int64_t new_online(const struct report_row *r)
{
	return r->received_online;
}
static int64_t resolved(const struct report_row *r)
{
	return r->resolved_total;
}
static int64_t resolved_online(const struct report_row *r)
{
	return r->resolved_online;
}
static int64_t postal_in(const struct report_row *r)
{
	return r->received_postal;
}
static int64_t postal_out(const struct report_row *r)
{
	return r->results_by_post;
}

static const struct figure_column figure_columns[] = {
	{"Hồ sơ mới tiếp nhận", "Tổng số", new_total, NULL},
	{"Hồ sơ mới tiếp nhận", "Trực tuyến", new_online, NULL},
	{"Hồ sơ mới tiếp nhận", "Tỷ lệ trực tuyến (%)", NULL,
	 report_online_rate},
	{"Hồ sơ đã giải quyết", "Tổng số", resolved, NULL},
	{"Hồ sơ đã giải quyết", "Nộp trực tuyến", resolved_online, NULL},
	{"Hồ sơ đã giải quyết", "Tỷ lệ trực tuyến (%)", NULL,
	 report_online_rate_of_resolved},
	{"Dịch vụ bưu chính công ích", "Tiếp nhận hồ sơ", postal_in, NULL},
	{"Dịch vụ bưu chính công ích", "Trả kết quả", postal_out, NULL},
	{"Dịch vụ bưu chính công ích", "Lượt sử dụng", report_postal_uses,
	 NULL},
};
#define N_FIGURES (sizeof(figure_columns) / sizeof(*figure_columns))

static void figures_header(lxw_worksheet *ws, const struct report *rep,
			   const struct xlsx_style *f)
{
	lxw_col_t last = (lxw_col_t)(FIRST_COL + N_FIGURES - 1);
	worksheet_merge_range(ws, 0, 0, 0, last,
			      "CÁC CHỈ TIÊU KHÁC: HỒ SƠ TRỰC TUYẾN, DỊCH VỤ "
			      "BƯU CHÍNH CÔNG ÍCH",
			      f->title);
	char line[512];
	period_line(rep, line, sizeof(line));
	worksheet_merge_range(ws, 1, 0, 1, last, line, f->title);
	worksheet_merge_range(ws, HEAD_ROW, 0, HEAD_ROW + 1, 0, "STT", f->head);
	worksheet_merge_range(ws, HEAD_ROW, 1, HEAD_ROW + 1, 1, "Đơn vị",
			      f->head);
	for (size_t c = 0; c < N_FIGURES; c += 3) {
		lxw_col_t col = (lxw_col_t)(FIRST_COL + c);
		worksheet_merge_range(ws, HEAD_ROW, col, HEAD_ROW, col + 2,
				      figure_columns[c].group, f->head);
		for (size_t k = c; k < c + 3; k++)
			worksheet_write_string(
				ws, HEAD_ROW + 1, (lxw_col_t)(FIRST_COL + k),
				figure_columns[k].title, f->head);
	}
	worksheet_set_column(ws, 0, 0, 5, NULL);
	worksheet_set_column(ws, 1, 1, 36, NULL);
	worksheet_set_column(ws, FIRST_COL, last, 12, NULL);
	worksheet_set_row(ws, HEAD_ROW + 1, 48, NULL);
}

static void figures_row(lxw_worksheet *ws, lxw_row_t row, const char *stt,
			const char *name, const struct report_row *r, bool bold,
			const struct xlsx_style *f)
{
	worksheet_write_string(ws, row, 0, stt, bold ? f->bold_text : f->text);
	worksheet_write_string(ws, row, 1, name, bold ? f->bold_text : f->text);
	for (size_t c = 0; c < N_FIGURES; c++) {
		lxw_col_t col = (lxw_col_t)(FIRST_COL + c);
		const struct figure_column *fc = &figure_columns[c];
		if (fc->count) {
			worksheet_write_number(ws, row, col,
					       (double)fc->count(r),
					       bold ? f->bold_num : f->num);
			continue;
		}
		int64_t rate = fc->rate(r);
		if (rate < 0)
			worksheet_write_blank(ws, row, col,
					      bold ? f->bold_rate : f->rate);
		else
			worksheet_write_number(ws, row, col, (double)rate / 100,
					       bold ? f->bold_rate : f->rate);
	}
}

/* "name (99.22%); ..." of the units at figure positions. */
static void unit_names(char *buf, size_t n, const struct report *rep,
		       const size_t *at, size_t k)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < k && used < n; i++) {
		const struct report_line *l =
			&rep->lines[rep->first_unit + at[i]];
		int64_t rate = report_on_time_rate(&l->row);
		int w = snprintf(buf + used, n - used,
				 "%s%s (%" PRId64 ".%02" PRId64 "%%)",
				 i ? "; " : "", l->name, rate / 100,
				 rate % 100);
		used += w > 0 ? (size_t)w : 0;
	}
}

/* Under the table, by unit: the units by on-time rate and online. */
static void figures_notes(lxw_worksheet *ws, lxw_row_t row,
			  const struct report *rep, const struct xlsx_style *f)
{
	const struct report_figures *fg = &rep->figures;
	char line[4096], names[3800];
	snprintf(line, sizeof(line),
		 "Đơn vị có hồ sơ trực tuyến: %zu/%zu. Đơn vị được xếp hạng "
		 "(đã giải quyết từ %lld hồ sơ): %zu.",
		 fg->with_online, fg->units, (long long)fg->min_resolved,
		 fg->ranked);
	worksheet_write_string(ws, row++, 1, line, f->text);
	unit_names(names, sizeof(names), rep, fg->at_full, fg->n_at_full);
	snprintf(line, sizeof(line), "Đạt 100%% đúng hạn: %zu%s%s",
		 fg->n_at_full, fg->n_at_full ? ": " : "", names);
	worksheet_write_string(ws, row++, 1, line, f->text);
	unit_names(names, sizeof(names), rep, fg->highest, fg->n_highest);
	snprintf(line, sizeof(line), "Tỷ lệ đúng hạn cao nhất: %s",
		 fg->n_highest ? names : "-");
	worksheet_write_string(ws, row++, 1, line, f->text);
	unit_names(names, sizeof(names), rep, fg->lowest, fg->n_lowest);
	snprintf(line, sizeof(line), "Tỷ lệ đúng hạn thấp nhất: %s",
		 fg->n_lowest ? names : "-");
	worksheet_write_string(ws, row, 1, line, f->text);
}

static void figures_sheet(struct xlsx_book *b, const struct report *rep)
{
	lxw_worksheet *ws = xlsx_add_sheet(b, "Chỉ tiêu khác", HEAD_ROW);
	figures_header(ws, rep, &b->f);
	lxw_row_t row = HEAD_ROW + 2;
	for (size_t i = 0; i < rep->n; i++, row++) {
		char stt[24];
		snprintf(stt, sizeof(stt), "%zu", i + 1);
		figures_row(ws, row, stt, rep->lines[i].name,
			    &rep->lines[i].row, false, &b->f);
	}
	figures_row(ws, row, "", "Tổng cộng", &rep->total, true, &b->f);
	if (rep->by == REPORT_BY_UNIT)
		figures_notes(ws, row + 2, rep, &b->f);
}

enum mc_code report_xlsx_write(const struct report *rep, const char *path,
			       struct mc_err *err)
{
	struct xlsx_book b;
	enum mc_code rc = xlsx_begin(path, "II.06a", HEAD_ROW, &b, err);
	if (rc)
		return rc;
	page_setup(b.ws);
	write_header(b.ws, rep, &b.f);
	lxw_row_t row = HEAD_ROW + 2;
	for (size_t i = 0; i < rep->n; i++, row++) {
		char stt[24];
		snprintf(stt, sizeof(stt), "%zu", i + 1);
		write_row(b.ws, row, stt, rep->lines[i].name,
			  &rep->lines[i].row, false, &b.f);
	}
	write_row(b.ws, row, "", "Tổng cộng", &rep->total, true, &b.f);
	figures_sheet(&b, rep);
	return xlsx_end(&b, path, err);
}
