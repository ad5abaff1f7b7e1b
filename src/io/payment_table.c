/*
 * payment_table.c - the payments report's outputs (see payment_table.h).
 * Every format walks the one list of columns below.
 */
#include "io/payment_table.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "io/xlsx_style.h"

/* A column: a count or an amount of one cell of the row, or a share. */
struct column {
	const char *key, *title;
	struct pay_cell (*cell)(const struct pay_row *r);
	bool amount;                               /* else the count */
	int64_t (*share)(const struct pay_row *r); /* hundredths */
};

static struct pay_cell fees(const struct pay_row *r)
{
	return pay_row_kind(r, PAY_KIND_FEE);
}
static struct pay_cell obligations(const struct pay_row *r)
{
	return pay_row_kind(r, PAY_KIND_OBLIGATION);
}
static struct pay_cell vietqr(const struct pay_row *r)
{
	return pay_row_method(r, PAY_VIETQR);
}
static struct pay_cell cash(const struct pay_row *r)
{
	return pay_row_method(r, PAY_CASH);
}

static const struct column columns[] = {
	{"count", "Số lượt thanh toán", pay_row_total, false, NULL},
	{"amount", "Số tiền (đồng)", pay_row_total, true, NULL},
	{"online_count", "Trực tuyến: số lượt", pay_row_online, false, NULL},
	{"online_amount", "Trực tuyến: số tiền", pay_row_online, true, NULL},
	{"counter_count", "Tại quầy: số lượt", pay_row_counter, false, NULL},
	{"counter_amount", "Tại quầy: số tiền", pay_row_counter, true, NULL},
	{"vietqr_count", "Chuyển khoản VietQR: số lượt", vietqr, false, NULL},
	{"cash_count", "Tiền mặt: số lượt", cash, false, NULL},
	{"fee_count", "Phí, lệ phí: số lượt", fees, false, NULL},
	{"fee_amount", "Phí, lệ phí: số tiền", fees, true, NULL},
	{"obligation_count", "Nghĩa vụ tài chính: số lượt", obligations, false,
	 NULL},
	{"obligation_amount", "Nghĩa vụ tài chính: số tiền", obligations, true,
	 NULL},
	{"online_share", "Tỷ lệ trực tuyến (%)", NULL, false,
	 pay_row_online_share},
	{"cashless_share", "Tỷ lệ không dùng tiền mặt (%)", NULL, false,
	 pay_row_cashless_share},
};
#define N_COLUMNS (sizeof(columns) / sizeof(*columns))

static int64_t value(const struct column *c, const struct pay_row *r)
{
	if (c->share)
		return c->share(r);
	struct pay_cell v = c->cell(r);
	return c->amount ? v.amount : v.count;
}

static void period_of(const struct pay_table *t, char *buf, size_t n)
{
	char from[CIVIL_BUF], to[CIVIL_BUF];
	snprintf(buf, n, "%s - %s", civil_format_date(t->period.from, from),
		 civil_format_date(t->period.to, to));
}

static void hundredths(struct strbuf *sb, int64_t v, char mark)
{
	if (v < 0)
		return;
	strbuf_addf(sb, "%lld%c%02lld", (long long)(v / 100), mark,
		    (long long)(v % 100));
}

/* ---- text ------------------------------------------------------------ */

static void text_line(struct strbuf *sb, const char *key, const char *name,
		      const struct pay_row *r)
{
	strbuf_addf(sb, "%-16s %-32.32s", key, name);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		strbuf_puts(sb, " ");
		if (columns[c].share) {
			struct strbuf v;
			strbuf_init(&v);
			hundredths(&v, value(&columns[c], r), '.');
			strbuf_addf(sb, "%7s", v.buf ? v.buf : "-");
			strbuf_release(&v);
		} else {
			strbuf_addf(sb, columns[c].amount ? "%15lld" : "%7lld",
				    (long long)value(&columns[c], r));
		}
	}
	strbuf_puts(sb, "\n");
}

void pay_table_text(const struct pay_table *t, struct strbuf *sb)
{
	char period[64];
	period_of(t, period, sizeof(period));
	strbuf_addf(sb,
		    "Thanh toán phí, lệ phí và nghĩa vụ tài chính - %s (%s)"
		    "\nKỳ (period) %s, theo (by) %s\n",
		    t->unit_name, t->unit, period, pay_by_key(t->by));
	if (t->as_of != MC_NO_TIME) {
		char at[CIVIL_BUF];
		strbuf_addf(sb, "Số liệu tính đến (as of) %s\n",
			    civil_format_local(t->as_of, at));
	}
	strbuf_addf(sb, "%-16s %-32s", "key", "name");
	for (size_t c = 0; c < N_COLUMNS; c++)
		strbuf_addf(sb, columns[c].amount ? " %15s" : " %7.7s",
			    columns[c].key);
	strbuf_puts(sb, "\n");
	for (size_t i = 0; i < t->n; i++)
		text_line(sb, t->lines[i].key, t->lines[i].name,
			  &t->lines[i].row);
	text_line(sb, "total", "Tổng cộng", &t->total);
}

/* ---- CSV --------------------------------------------------------------- */

static void csv_text(struct strbuf *sb, const char *s)
{
	strbuf_puts(sb, "\"");
	if (s && strchr("=+-@\t\r", *s) && *s)
		strbuf_puts(sb, "'");
	for (const char *p = s ? s : ""; *p; p++) {
		if (*p == '"')
			strbuf_add(sb, "\"", 1); /* a quote doubled */
		strbuf_add(sb, p, 1);
	}
	strbuf_puts(sb, "\"");
}

static void csv_line(struct strbuf *sb, const char *key, const char *name,
		     const struct pay_row *r)
{
	csv_text(sb, key);
	strbuf_puts(sb, ";");
	csv_text(sb, name);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		strbuf_puts(sb, ";");
		if (columns[c].share)
			hundredths(sb, value(&columns[c], r), ',');
		else
			strbuf_add_int(sb, value(&columns[c], r));
	}
	strbuf_puts(sb, "\r\n");
}

void pay_table_csv(const struct pay_table *t, struct strbuf *sb)
{
	strbuf_puts(sb, "\xEF\xBB\xBF");
	csv_text(sb, "Mã");
	strbuf_puts(sb, ";");
	csv_text(sb, "Tên");
	for (size_t c = 0; c < N_COLUMNS; c++) {
		strbuf_puts(sb, ";");
		csv_text(sb, columns[c].title);
	}
	strbuf_puts(sb, "\r\n");
	for (size_t i = 0; i < t->n; i++)
		csv_line(sb, t->lines[i].key, t->lines[i].name,
			 &t->lines[i].row);
	csv_line(sb, "total", "Tổng cộng", &t->total);
}

/* ---- JSON -------------------------------------------------------------- */

static void json_row(struct strbuf *sb, const struct pay_row *r)
{
	strbuf_puts(sb, "{");
	for (size_t c = 0; c < N_COLUMNS; c++) {
		strbuf_json_key(sb, columns[c].key);
		int64_t v = value(&columns[c], r);
		if (columns[c].share && v < 0)
			strbuf_puts(sb, "null");
		else if (columns[c].share)
			hundredths(sb, v, '.');
		else
			strbuf_add_int(sb, v);
	}
	strbuf_json_key(sb, "methods");
	strbuf_puts(sb, "{");
	for (int m = PAY_NATIONAL; m <= PAY_CASH; m++) {
		struct pay_cell v = pay_row_method(r, m);
		strbuf_json_key(sb, payment_method_key(m));
		strbuf_addf(sb, "{\"count\":%lld,\"amount\":%lld}",
			    (long long)v.count, (long long)v.amount);
	}
	strbuf_puts(sb, "}}");
}

void pay_table_json(const struct pay_table *t, struct strbuf *sb)
{
	char from[CIVIL_BUF], to[CIVIL_BUF];
	strbuf_puts(sb, "{");
	strbuf_json_key(sb, "unit");
	strbuf_json_string(sb, t->unit);
	strbuf_json_key(sb, "unit_name");
	strbuf_json_string(sb, t->unit_name);
	strbuf_addf(sb, ",\"from\":\"%s\",\"to\":\"%s\"",
		    civil_format_date(t->period.from, from),
		    civil_format_date(t->period.to, to));
	if (t->as_of != MC_NO_TIME) {
		char at[CIVIL_BUF];
		strbuf_addf(sb, ",\"as_of\":\"%s\"",
			    civil_format_local(t->as_of, at));
	}
	strbuf_json_key(sb, "by");
	strbuf_json_string(sb, pay_by_key(t->by));
	strbuf_puts(sb, ",\"lines\":[");
	for (size_t i = 0; i < t->n; i++) {
		strbuf_puts(sb, i ? ",{" : "{");
		strbuf_json_key(sb, "key");
		strbuf_json_string(sb, t->lines[i].key);
		strbuf_json_key(sb, "name");
		strbuf_json_string(sb, t->lines[i].name);
		strbuf_json_key(sb, "row");
		json_row(sb, &t->lines[i].row);
		strbuf_puts(sb, "}");
	}
	strbuf_puts(sb, "],\"total\":");
	json_row(sb, &t->total);
	strbuf_puts(sb, "}");
}

/* ---- xlsx -------------------------------------------------------------- */

static void xlsx_line(struct xlsx_book *b, lxw_row_t row, const char *key,
		      const char *name, const struct pay_row *r, bool bold)
{
	lxw_format *text = bold ? b->f.bold_text : b->f.text;
	worksheet_write_string(b->ws, row, 0, key, text);
	worksheet_write_string(b->ws, row, 1, name, text);
	for (size_t c = 0; c < N_COLUMNS; c++) {
		int64_t v = value(&columns[c], r);
		lxw_col_t col = (lxw_col_t)(c + 2);
		if (columns[c].share && v < 0)
			worksheet_write_blank(b->ws, row, col, text);
		else if (columns[c].share)
			worksheet_write_number(b->ws, row, col, (double)v / 100,
					       bold ? b->f.bold_rate
						    : b->f.rate);
		else
			worksheet_write_number(b->ws, row, col, (double)v,
					       bold ? b->f.bold_num : b->f.num);
	}
}

enum mc_code pay_table_xlsx(const struct pay_table *t, const char *path,
			    struct mc_err *err)
{
	struct xlsx_book b;
	enum mc_code rc = xlsx_begin(path, "Thanh toán", 2, &b, err);
	if (rc)
		return rc;
	char title[300], period[64], as_of[XLSX_AS_OF_BUF];
	period_of(t, period, sizeof(period));
	snprintf(title, sizeof(title),
		 "Thanh toán phí, lệ phí và nghĩa vụ tài chính - %s - %s%s",
		 t->unit_name, period, xlsx_as_of(t->as_of, as_of));
	worksheet_write_string(b.ws, 0, 0, title, b.f.title);
	worksheet_write_string(b.ws, 2, 0, "Mã", b.f.head);
	worksheet_write_string(b.ws, 2, 1, "Tên", b.f.head);
	for (size_t c = 0; c < N_COLUMNS; c++)
		worksheet_write_string(b.ws, 2, (lxw_col_t)(c + 2),
				       columns[c].title, b.f.head);
	worksheet_set_column(b.ws, 0, 0, 16, NULL);
	worksheet_set_column(b.ws, 1, 1, 32, NULL);
	worksheet_set_column(b.ws, 2, (lxw_col_t)(N_COLUMNS + 1), 14, NULL);
	worksheet_write_string(b.ws, 3, 0, "(lượt; đồng; %)", b.f.text);
	lxw_row_t row = 4;
	for (size_t i = 0; i < t->n; i++)
		xlsx_line(&b, row++, t->lines[i].key, t->lines[i].name,
			  &t->lines[i].row, false);
	xlsx_line(&b, row, "", "Tổng cộng", &t->total, true);
	return xlsx_end(&b, path, err);
}
