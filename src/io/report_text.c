/*
 * report_text.c - form II.06a as an aligned text table and as CSV (see
 * report_text.h): both walk the form's one column table,
 * core/report_columns.
 */
#include "io/report_text.h"

#include <inttypes.h>
#include <stddef.h>
#include <string.h>
#include <utf8proc.h>

#include "core/civil.h"
#include "core/report_columns.h"
#include "io/csv.h"

#define N_COLUMNS REPORT_N_COLUMNS
#define COLUMN(c) (&report_columns[c])

void report_as_of_write(FILE *f, int64_t as_of)
{
	char buf[CIVIL_BUF];
	if (as_of != MC_NO_TIME)
		fprintf(f, "Số liệu tính đến (as of) %s: kỳ chưa kết thúc\n",
			civil_format_local(as_of, buf));
}

/* Display width of UTF-8 text (Vietnamese letters are one column). */
static size_t width(const char *s)
{
	size_t w = 0;
	utf8proc_int32_t cp;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t n;
	while (*p && (n = utf8proc_iterate(p, -1, &cp)) > 0) {
		int cw = utf8proc_charwidth(cp);
		w += cw > 0 ? (size_t)cw : 0;
		p += n;
	}
	return w;
}

static void pad(FILE *f, const char *s, size_t w, bool right)
{
	size_t have = width(s);
	if (right)
		for (size_t i = have; i < w; i++)
			fputc(' ', f);
	fputs(s, f);
	if (!right)
		for (size_t i = have; i < w; i++)
			fputc(' ', f);
}

static void rate_text(int64_t rate, char *buf, size_t n)
{
	if (rate < 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%" PRId64 ".%02" PRId64 "%%", rate / 100,
			 rate % 100);
}

static void cell(const struct report_row *r, size_t c, char *buf, size_t n)
{
	int64_t v = report_column_value(COLUMN(c), r);
	if (COLUMN(c)->type == REPORT_COL_RATE)
		rate_text(v, buf, n);
	else
		snprintf(buf, n, "%" PRId64, v);
}

/* Whether column c shows (figure columns only with --figures). */
static bool shown(size_t c, bool figures)
{
	return figures || COLUMN(c)->show == REPORT_COL_FORM;
}

static void print_line(FILE *f, const char *name, const struct report_row *r,
		       size_t name_w, const size_t *w, bool figures)
{
	pad(f, name, name_w, false);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (!shown(c, figures))
			continue;
		char buf[32];
		cell(r, c, buf, sizeof(buf));
		fputs("  ", f);
		pad(f, buf, w[c], true);
	}
	fputc('\n', f);
}

/* The names of the units at figure positions at[0..n), with rates. */
static void print_units(FILE *f, const struct report *rep, const size_t *at,
			size_t n, bool with_rate)
{
	for (size_t i = 0; i < n; i++) {
		const struct report_line *l =
			&rep->lines[rep->first_unit + at[i]];
		char rate[32];
		rate_text(report_on_time_rate(&l->row), rate, sizeof(rate));
		fprintf(f, "%s%s", i ? "; " : "", l->name);
		if (with_rate)
			fprintf(f, " %s", rate);
	}
	if (!n)
		fputs("-", f);
	fputc('\n', f);
}

/* The figures under the table (--figures), from the same lines. */
static void print_figures(FILE *f, const struct report *rep)
{
	const struct report_row *t = &rep->total;
	char a[32], b[32];
	fprintf(f,
		"\nLượt sử dụng dịch vụ bưu chính công ích: %" PRId64
		" (tiếp nhận %" PRId64 ", trả kết quả %" PRId64 ")\n",
		report_postal_uses(t), t->received_postal, t->results_by_post);
	rate_text(report_online_rate(t), a, sizeof(a));
	rate_text(report_online_rate_of_resolved(t), b, sizeof(b));
	fprintf(f,
		"Hồ sơ trực tuyến: %" PRId64 "/%" PRId64
		" hồ sơ mới tiếp nhận (%s); %" PRId64 "/%" PRId64
		" hồ sơ đã giải quyết (%s)\n",
		t->received_online, t->received_new, a, t->resolved_online,
		t->resolved_total, b);
	if (rep->by != REPORT_BY_UNIT)
		return;
	const struct report_figures *fig = &rep->figures;
	fprintf(f, "Đơn vị có hồ sơ trực tuyến: %zu/%zu\n", fig->with_online,
		fig->units);
	fprintf(f, "Đơn vị được xếp hạng (đã giải quyết từ %lld hồ sơ): %zu\n",
		(long long)fig->min_resolved, fig->ranked);
	fprintf(f, "Đơn vị đạt 100%% đúng hạn: %zu: ", fig->n_at_full);
	print_units(f, rep, fig->at_full, fig->n_at_full, false);
	fputs("Tỷ lệ đúng hạn cao nhất: ", f);
	print_units(f, rep, fig->highest, fig->n_highest, true);
	fputs("Tỷ lệ đúng hạn thấp nhất: ", f);
	print_units(f, rep, fig->lowest, fig->n_lowest, true);
}

void report_text_write(FILE *f, const struct report *rep, bool figures)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	fprintf(f,
		"BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (mẫu II.06a)\n"
		"Đơn vị: %s (%s)\nKỳ báo cáo: từ %s đến %s\n",
		rep->unit_name, rep->unit,
		civil_format_date(rep->period.from, a),
		civil_format_date(rep->period.to, b));
	report_as_of_write(f, rep->as_of);
	fputc('\n', f);
	size_t name_w = width("Tổng cộng"), w[N_COLUMNS];
	for (size_t i = 0; i < rep->n; i++)
		if (width(rep->lines[i].name) > name_w)
			name_w = width(rep->lines[i].name);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		w[c] = width(COLUMN(c)->title_vi);
		char buf[32];
		cell(&rep->total, c, buf, sizeof(buf));
		if (strlen(buf) > w[c])
			w[c] = strlen(buf);
	}
	pad(f, "Đơn vị", name_w, false);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (!shown(c, figures))
			continue;
		fputs("  ", f);
		pad(f, COLUMN(c)->title_vi, w[c], true);
	}
	fputc('\n', f);
	for (size_t i = 0; i < rep->n; i++)
		print_line(f, rep->lines[i].name, &rep->lines[i].row, name_w, w,
			   figures);
	print_line(f, "Tổng cộng", &rep->total, name_w, w, figures);
	if (figures)
		print_figures(f, rep);
}

static void csv_line(struct csv *c, const char *key, const char *name,
		     const struct report_row *r, bool figures, int64_t as_of)
{
	csv_text(c, key);
	csv_text(c, name);
	for (size_t k = 0; k < N_COLUMNS; k++) {
		if (!shown(k, figures))
			continue;
		int64_t v = report_column_value(COLUMN(k), r);
		if (COLUMN(k)->type == REPORT_COL_RATE)
			csv_hundredths(c, v);
		else
			csv_int(c, v);
	}
	char t[CIVIL_BUF];
	if (as_of != MC_NO_TIME)
		csv_text(c, civil_format_local(as_of, t));
	csv_end_line(c);
}

void report_csv_write(const struct report *rep, bool figures, struct strbuf *sb)
{
	struct csv c;
	csv_begin(&c, sb);
	csv_text(&c, "Mã");
	csv_text(&c, "Tên");
	for (size_t k = 0; k < N_COLUMNS; k++)
		if (shown(k, figures))
			csv_text(&c, COLUMN(k)->title_vi);
	/* a running period: every line carries the moment it is as of */
	if (rep->as_of != MC_NO_TIME)
		csv_text(&c, CSV_AS_OF_TITLE);
	csv_end_line(&c);
	for (size_t i = 0; i < rep->n; i++)
		csv_line(&c, rep->lines[i].key, rep->lines[i].name,
			 &rep->lines[i].row, figures, rep->as_of);
	csv_line(&c, rep->unit, "Tổng cộng", &rep->total, figures, rep->as_of);
}
