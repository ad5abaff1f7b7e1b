/*
 * report.c - `motcua report`: form II.06a for a period, one line per unit
 * below the chosen one (or per unit of a --level), as an aligned table
 * (Vietnamese column titles), CSV, JSON or xlsx; --figures adds the
 * online shares and postal uses per line and, by unit, the units by
 * on-time rate.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "app/report.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "core/str.h"
#include "io/report_json.h"
#include "io/report_xlsx.h"

struct column {
	const char *title;
	size_t offset;                              /* into struct report_row */
	int64_t (*rate)(const struct report_row *); /* or a rate */
	int64_t (*count)(const struct report_row *); /* or a sum */
	bool figure;                                 /* shown with --figures */
};

#define COL(t, f)                                                    \
	{                                                            \
		t, offsetof(struct report_row, f), NULL, NULL, false \
	}
#define FIG(t, f)                                                   \
	{                                                           \
		t, offsetof(struct report_row, f), NULL, NULL, true \
	}
static const struct column columns[] = {
	COL("Tổng nhận", received_total),
	COL("Kỳ trước", carried_over),
	COL("Mới nhận", received_new),
	COL("Trực tuyến", received_online),
	COL("Trực tiếp", received_direct),
	COL("Bưu chính", received_postal),
	COL("Đã giải quyết", resolved_total),
	COL("Trước hạn", resolved_early),
	COL("Đúng hạn", resolved_on_time),
	COL("Quá hạn", resolved_late),
	COL("Đang giải quyết", in_progress_total),
	COL("Trong hạn", in_progress_in_time),
	COL("Quá hạn", in_progress_overdue),
	COL("Chờ bổ sung", waiting_supplement),
	COL("Dừng xử lý", refused),
	COL("Rút", withdrawn),
	{"Tỷ lệ đúng hạn", 0, report_on_time_rate, NULL, false},
	{"Tỷ lệ trực tuyến", 0, report_online_rate, NULL, true},
	FIG("Đã GQ nộp trực tuyến", resolved_online),
	{"Tỷ lệ trực tuyến/đã GQ", 0, report_online_rate_of_resolved, NULL,
	 true},
	FIG("Trả KQ bưu chính", results_by_post),
	{"Lượt bưu chính", 0, NULL, report_postal_uses, true},
};
#undef COL
#undef FIG
#define N_COLUMNS (sizeof(columns) / sizeof(*columns))

static int64_t field(const struct report_row *r, size_t offset)
{
	return *(const int64_t *)((const char *)r + offset);
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

static void pad(const char *s, size_t w, bool right)
{
	size_t have = width(s);
	if (right)
		for (size_t i = have; i < w; i++)
			putchar(' ');
	fputs(s, stdout);
	if (!right)
		for (size_t i = have; i < w; i++)
			putchar(' ');
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
	if (columns[c].rate)
		rate_text(columns[c].rate(r), buf, n);
	else if (columns[c].count)
		snprintf(buf, n, "%" PRId64, columns[c].count(r));
	else
		snprintf(buf, n, "%" PRId64, field(r, columns[c].offset));
}

/* Whether column c shows (figure columns only with --figures). */
static bool shown(size_t c, bool figures)
{
	return figures || !columns[c].figure;
}

static void print_line(const char *name, const struct report_row *r,
		       size_t name_w, const size_t *w, bool figures)
{
	pad(name, name_w, false);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (!shown(c, figures))
			continue;
		char buf[32];
		cell(r, c, buf, sizeof(buf));
		fputs("  ", stdout);
		pad(buf, w[c], true);
	}
	putchar('\n');
}

/* The names of the units at figure positions at[0..n), with rates. */
static void print_units(const struct report *rep, const size_t *at, size_t n,
			bool with_rate)
{
	for (size_t i = 0; i < n; i++) {
		const struct report_line *l =
			&rep->lines[rep->first_unit + at[i]];
		char rate[32];
		rate_text(report_on_time_rate(&l->row), rate, sizeof(rate));
		printf("%s%s", i ? "; " : "", l->name);
		if (with_rate)
			printf(" %s", rate);
	}
	if (!n)
		fputs("-", stdout);
	putchar('\n');
}

/* The figures under the table (--figures), from the same lines. */
static void print_figures(const struct report *rep)
{
	const struct report_row *t = &rep->total;
	char a[32], b[32];
	printf("\nLượt sử dụng dịch vụ bưu chính công ích: %" PRId64
	       " (tiếp nhận %" PRId64 ", trả kết quả %" PRId64 ")\n",
	       report_postal_uses(t), t->received_postal, t->results_by_post);
	rate_text(report_online_rate(t), a, sizeof(a));
	rate_text(report_online_rate_of_resolved(t), b, sizeof(b));
	printf("Hồ sơ trực tuyến: %" PRId64 "/%" PRId64
	       " hồ sơ mới tiếp nhận (%s); %" PRId64 "/%" PRId64
	       " hồ sơ đã giải quyết (%s)\n",
	       t->received_online, t->received_new, a, t->resolved_online,
	       t->resolved_total, b);
	if (rep->by != REPORT_BY_UNIT)
		return;
	const struct report_figures *f = &rep->figures;
	printf("Đơn vị có hồ sơ trực tuyến: %zu/%zu\n", f->with_online,
	       f->units);
	printf("Đơn vị được xếp hạng (đã giải quyết từ %lld hồ sơ): %zu\n",
	       (long long)f->min_resolved, f->ranked);
	printf("Đơn vị đạt 100%% đúng hạn: %zu: ", f->n_at_full);
	print_units(rep, f->at_full, f->n_at_full, false);
	fputs("Tỷ lệ đúng hạn cao nhất: ", stdout);
	print_units(rep, f->highest, f->n_highest, true);
	fputs("Tỷ lệ đúng hạn thấp nhất: ", stdout);
	print_units(rep, f->lowest, f->n_lowest, true);
}

static void print_text(const struct report *rep, bool figures)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	printf("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (mẫu II.06a)\n"
	       "Đơn vị: %s (%s)\nKỳ báo cáo: từ %s đến %s\n",
	       rep->unit_name, rep->unit,
	       civil_format_date(rep->period.from, a),
	       civil_format_date(rep->period.to, b));
	cli_print_as_of(rep->as_of);
	putchar('\n');
	size_t name_w = width("Tổng cộng"), w[N_COLUMNS];
	for (size_t i = 0; i < rep->n; i++)
		if (width(rep->lines[i].name) > name_w)
			name_w = width(rep->lines[i].name);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		w[c] = width(columns[c].title);
		char buf[32];
		cell(&rep->total, c, buf, sizeof(buf));
		if (strlen(buf) > w[c])
			w[c] = strlen(buf);
	}
	pad("Đơn vị", name_w, false);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (!shown(c, figures))
			continue;
		fputs("  ", stdout);
		pad(columns[c].title, w[c], true);
	}
	putchar('\n');
	for (size_t i = 0; i < rep->n; i++)
		print_line(rep->lines[i].name, &rep->lines[i].row, name_w, w,
			   figures);
	print_line("Tổng cộng", &rep->total, name_w, w, figures);
	if (figures)
		print_figures(rep);
}

static void print_json(const struct report *rep)
{
	struct strbuf sb;
	strbuf_init(&sb);
	report_json_write(rep, &sb);
	puts(str_or_empty(sb.buf));
	strbuf_release(&sb);
}

struct args {
	const char *db, *from, *to, *period, *cutoff, *unit, *by, *format;
	const char *out, *level, *min_resolved;
	bool restated, scan, figures;
};

static int parse_query(const struct args *a, struct report_query *q)
{
	struct mc_err err;
	int cutoff = 15;
	memset(q, 0, sizeof(*q));
	if (cli_cutoff(a->cutoff, &cutoff))
		return 2;
	q->unit = a->unit;
	q->restated = a->restated;
	if (a->by && report_by_parse(a->by, &q->by, &err))
		return cli_fail(&err);
	if (cli_unit_figures(a->level, a->min_resolved, &q->level,
			     &q->min_resolved))
		return 2;
	if ((a->from || a->to) && a->period)
		return cli_usage("give --from and --to, or --period, not both");
	if (!a->from && !a->to && !a->period) {
		q->period = report_last_month(cli_now(), cutoff);
		return 0;
	}
	if (a->period)
		return report_period_parse(a->period, cutoff, &q->period,
					   "period", &err)
			       ? cli_fail(&err)
			       : 0;
	if (!a->from || !a->to)
		return cli_usage("give --from and --to together");
	if (civil_parse_date(a->from, &q->period.from, "from", &err) ||
	    civil_parse_date(a->to, &q->period.to, "to", &err))
		return cli_fail(&err);
	if (q->period.to < q->period.from)
		return cli_usage("--to: %s is before --from %s", a->to,
				 a->from);
	return 0;
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_line(FILE *f, const char *key, const char *name,
		     const struct report_row *r, bool figures, int64_t as_of)
{
	csv_field(f, key);
	fputc(',', f);
	csv_field(f, name);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (!shown(c, figures))
			continue;
		char buf[32];
		cell(r, c, buf, sizeof(buf));
		if (buf[strlen(buf) - 1] == '%')
			buf[strlen(buf) - 1] = '\0';
		fprintf(f, ",%s", strcmp(buf, "-") ? buf : "");
	}
	char t[CIVIL_BUF];
	if (as_of != MC_NO_TIME)
		fprintf(f, ",%s", civil_format_local(as_of, t));
	fputc('\n', f);
}

static void print_csv(const struct report *rep, bool figures)
{
	fputs("\"Mã\",\"Tên\"", stdout);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		if (!shown(c, figures))
			continue;
		fputc(',', stdout);
		csv_field(stdout, columns[c].title);
	}
	/* a running period: every line carries the moment it is as of */
	if (rep->as_of != MC_NO_TIME)
		fputs(",\"Tính đến (as of)\"", stdout);
	fputc('\n', stdout);
	for (size_t i = 0; i < rep->n; i++)
		csv_line(stdout, rep->lines[i].key, rep->lines[i].name,
			 &rep->lines[i].row, figures, rep->as_of);
	csv_line(stdout, rep->unit, "Tổng cộng", &rep->total, figures,
		 rep->as_of);
}

static int emit(const struct report *rep, const char *format, bool figures)
{
	if (strcmp(format, "json") == 0)
		print_json(rep);
	else if (strcmp(format, "csv") == 0)
		print_csv(rep, figures);
	else
		print_text(rep, figures);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct args a = {.format = "text"};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"from", &a.from, NULL},
		{"to", &a.to, NULL},
		{"period", &a.period, NULL},
		{"cutoff", &a.cutoff, NULL},
		{"unit", &a.unit, NULL},
		{"by", &a.by, NULL},
		{"format", &a.format, NULL},
		{"out", &a.out, NULL},
		{"restated", NULL, &a.restated},
		{"scan", NULL, &a.scan},
		{"figures", NULL, &a.figures},
		{"level", &a.level, NULL},
		{"min-resolved", &a.min_resolved, NULL},
		{NULL, NULL, NULL},
	};
	struct report_query q;
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_query(&a, &q);
	bool xlsx = strcmp(a.format, "xlsx") == 0;
	if (!status && !xlsx && strcmp(a.format, "text") &&
	    strcmp(a.format, "json") && strcmp(a.format, "csv"))
		status = cli_usage("--format: \"%s\" is not text, json, csv "
				   "or xlsx",
				   a.format);
	if (!status && xlsx && !a.out)
		status = cli_usage("--format xlsx: needs --out FILE.xlsx");
	if (!status && !xlsx && a.out && !freopen(a.out, "w", stdout))
		status = cli_usage("--out: cannot write %s", a.out);
	if (status)
		return status;
	struct app app;
	struct report rep;
	struct mc_err err;
	if (cli_open_app(a.db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = a.scan ? app_report_scan(&app, &q, &rep, &err)
				 : app_report(&app, &q, &rep, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	if (xlsx && report_xlsx_write(&rep, a.out, &err)) {
		report_release(&rep);
		return cli_fail(&err);
	}
	if (!xlsx)
		emit(&rep, a.format, a.figures);
	report_release(&rep);
	return fflush(stdout) == 0 ? 0 : 1;
}
