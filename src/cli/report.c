/*
 * report.c - `motcua report`: form II.06a for a period, one line per unit
 * below the chosen one, as an aligned table (Vietnamese column titles) or
 * as JSON.
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

struct column {
	const char *title;
	size_t offset; /* into struct report_row; SIZE_MAX for the rate */
};

#define COL(t, f) {t, offsetof(struct report_row, f)}
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
	{"Tỷ lệ đúng hạn", SIZE_MAX},
};
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
	if (columns[c].offset == SIZE_MAX)
		rate_text(report_on_time_rate(r), buf, n);
	else
		snprintf(buf, n, "%" PRId64, field(r, columns[c].offset));
}

static void print_line(const char *name, const struct report_row *r,
		       size_t name_w, const size_t *w)
{
	pad(name, name_w, false);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		char buf[32];
		cell(r, c, buf, sizeof(buf));
		fputs("  ", stdout);
		pad(buf, w[c], true);
	}
	putchar('\n');
}

static void print_text(const struct report *rep)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	printf("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (mẫu II.06a)\n"
	       "Đơn vị: %s (%s)\nKỳ báo cáo: từ %s đến %s\n\n", rep->unit_name,
	       rep->unit, civil_format_date(rep->period.from, a),
	       civil_format_date(rep->period.to, b));
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
		fputs("  ", stdout);
		pad(columns[c].title, w[c], true);
	}
	putchar('\n');
	for (size_t i = 0; i < rep->n; i++)
		print_line(rep->lines[i].name, &rep->lines[i].row, name_w, w);
	print_line("Tổng cộng", &rep->total, name_w, w);
}

static void json_rate(struct strbuf *sb, const char *key, int64_t rate)
{
	if (rate < 0)
		strbuf_addf(sb, ",\"%s\":null", key);
	else
		strbuf_addf(sb, ",\"%s\":%" PRId64 ".%02" PRId64, key,
			    rate / 100, rate % 100);
}

static void json_row(struct strbuf *sb, const char *key, const char *name,
		     const struct report_row *r)
{
	static const struct {
		const char *name;
		size_t offset;
	} f[] = {
#define F(x) {#x, offsetof(struct report_row, x)}
		F(received_total), F(received_new), F(received_online),
		F(received_online_partial), F(received_online_full),
		F(received_direct), F(received_postal), F(carried_over),
		F(resolved_total), F(resolved_early), F(resolved_on_time),
		F(resolved_late), F(in_progress_total),
		F(in_progress_in_time), F(in_progress_overdue),
		F(waiting_supplement), F(refused), F(withdrawn), F(due_total),
		F(results_returned), F(results_by_post),
#undef F
	};
	strbuf_puts(sb, "{\"key\":");
	strbuf_json_string(sb, key);
	strbuf_puts(sb, ",\"name\":");
	strbuf_json_string(sb, name);
	for (size_t i = 0; i < sizeof(f) / sizeof(*f); i++)
		strbuf_addf(sb, ",\"%s\":%" PRId64, f[i].name,
			    field(r, f[i].offset));
	json_rate(sb, "on_time_rate", report_on_time_rate(r));
	json_rate(sb, "on_time_rate_of_due", report_on_time_rate_of_due(r));
	json_rate(sb, "online_rate", report_online_rate(r));
	strbuf_puts(sb, "}");
}

static void print_json(const struct report *rep)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "{\"from\":\"%s\",\"to\":\"%s\",\"unit\":",
		    civil_format_date(rep->period.from, a),
		    civil_format_date(rep->period.to, b));
	strbuf_json_string(&sb, rep->unit);
	strbuf_puts(&sb, ",\"by\":\"unit\",\"rows\":[");
	for (size_t i = 0; i < rep->n; i++) {
		if (i)
			strbuf_puts(&sb, ",");
		json_row(&sb, rep->lines[i].key, rep->lines[i].name,
			 &rep->lines[i].row);
	}
	strbuf_puts(&sb, "],\"total\":");
	json_row(&sb, rep->unit, "Tổng cộng", &rep->total);
	strbuf_puts(&sb, "}");
	puts(sb.buf);
	strbuf_release(&sb);
}

/* month:YYYY-MM, or the latest statutory month that has ended by today. */
static int parse_period(const char *s, int cutoff, struct report_period *p)
{
	int y, m;
	char tail;
	if (!s) {
		int64_t today = civil_local_day((int64_t)time(NULL));
		int d;
		civil_from_days(today, &y, &m, &d);
		*p = report_month(y, m, cutoff);
		if (p->to >= today) {
			y = m == 1 ? y - 1 : y;
			m = m == 1 ? 12 : m - 1;
			*p = report_month(y, m, cutoff);
		}
		return 0;
	}
	if (sscanf(s, "month:%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 ||
	    m > 12 || y < 1900 || y > 2100)
		return cli_usage("--period: \"%s\" is not month:YYYY-MM", s);
	*p = report_month(y, m, cutoff);
	return 0;
}

static int parse_range(const char *from, const char *to, const char *period,
		       const char *cutoff_s, struct report_period *p)
{
	struct mc_err err;
	int cutoff = 15;
	if (cutoff_s) {
		char *end;
		long c = strtol(cutoff_s, &end, 10);
		if (*end || c < 1 || c > 28)
			return cli_usage("--cutoff: \"%s\" is not a day 1-28",
					 cutoff_s);
		cutoff = (int)c;
	}
	if (!from && !to)
		return parse_period(period, cutoff, p);
	if (!from || !to || period)
		return cli_usage("give --from and --to together, or --period");
	if (civil_parse_date(from, &p->from, "from", &err) ||
	    civil_parse_date(to, &p->to, "to", &err))
		return cli_fail(&err);
	if (p->to < p->from)
		return cli_usage("--to: %s is before --from %s", to, from);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	const char *db = NULL, *from = NULL, *to = NULL, *period = NULL;
	const char *cutoff = NULL, *unit = NULL, *format = "text";
	const struct cli_opt opts[] = {
		{"db", &db, NULL},         {"from", &from, NULL},
		{"to", &to, NULL},         {"period", &period, NULL},
		{"cutoff", &cutoff, NULL}, {"unit", &unit, NULL},
		{"format", &format, NULL}, {NULL, NULL, NULL},
	};
	struct report_period p;
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_range(from, to, period, cutoff, &p);
	if (!status && strcmp(format, "text") && strcmp(format, "json"))
		status = cli_usage("--format: \"%s\" is not text or json",
				   format);
	if (status)
		return status;
	struct app app;
	struct report rep;
	struct mc_err err;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	if (app_report_by_unit(&app, unit, p, &rep, &err)) {
		app_close(&app);
		return cli_fail(&err);
	}
	if (strcmp(format, "json") == 0)
		print_json(&rep);
	else
		print_text(&rep);
	report_release(&rep);
	app_close(&app);
	return 0;
}
