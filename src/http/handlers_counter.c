/*
 * handlers_counter.c - paying at the counter over HTTP: a dossier's VietQR,
 * cash taken by the cashier, the tax authority's notice, reconciling a
 * bank statement, and the payments report. Each calls the application,
 * which checks the signed-in actor inside its transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/counter.h"
#include "app/obligation.h"
#include "app/payment_report.h"
#include "core/civil.h"
#include "core/limits.h"
#include "core/str.h"
#include "http/http_int.h"
#include "io/payment_table.h"
#include "io/reconcile_json.h"
#include "io/statement.h"

/* PUT /api/v1/units/{code}/account {"bin","account","holder"} */
void h_unit_account(struct http_req *r)
{
	static const char *const keys[] = {"bin", "account", "holder", NULL};
	json_t *o = http_body_object(r);
	if (!o)
		return;
	const char *bin, *account, *holder;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "bin", LIMIT_CODE, &bin) &&
	    http_need_string(r, o, "account", LIMIT_CODE, &account) &&
	    http_need_string(r, o, "holder", LIMIT_NAME, &holder)) {
		struct actor actor = http_actor(r);
		struct bank_account a = {.unit_code = (char *)r->param[0],
					 .bin = (char *)bin,
					 .account = (char *)account,
					 .holder = (char *)holder};
		struct mc_err err;
		if (app_bank_account_set(r->app, &actor, &a, &err))
			http_reply_mc(r, &err);
		else
			http_reply_json(r, 200,
					json_pack("{s:s,s:s,s:s,s:s}", "unit",
						  r->param[0], "bin", bin,
						  "account", account, "holder",
						  holder));
	}
	json_decref(o);
}

/* POST /api/v1/dossiers/{code}/vietqr */
void h_dossier_vietqr(struct http_req *r)
{
	struct actor actor = http_actor(r);
	struct vietqr_order o;
	struct mc_err err;
	if (app_vietqr_order(r->app, &actor, r->param[0], NULL, &o, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200,
			json_pack("{s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "code",
				  o.payment.dossier_code, "order",
				  (json_int_t)o.payment.id, "amount",
				  (json_int_t)o.payment.amount, "bin",
				  o.account.bin, "account", o.account.account,
				  "holder", o.account.holder, "note", o.note,
				  "payload", o.payload));
	vietqr_order_release(&o);
}

/* A whole number of dong in member `key` of o; false after replying. */
static bool need_amount(struct http_req *r, json_t *o, const char *key,
			int64_t *out)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		http_reply_error(r, 400, "bad_value", key,
				 "%s: whole dong above 0, as a JSON integer; "
				 "số tiền phải là số nguyên đồng lớn hơn 0",
				 key);
		return false;
	}
	*out = json_integer_value(v);
	return true;
}

/* POST /api/v1/dossiers/{code}/cash {"amount": N} */
void h_dossier_cash(struct http_req *r)
{
	static const char *const keys[] = {"amount", NULL};
	json_t *o = http_body_object(r);
	if (!o)
		return;
	int64_t amount;
	if (http_only_fields(r, o, keys) &&
	    need_amount(r, o, "amount", &amount)) {
		struct actor actor = http_actor(r);
		struct payment p;
		struct mc_err err = {0};
		if (app_cash_take(r->app, &actor, r->param[0], amount, &p,
				  &err)) {
			http_reply_mc(r, &err);
			json_decref(o);
			return;
		}
		http_reply_json(r, 200,
				json_pack("{s:s,s:I,s:I,s:s,s:s}", "code",
					  p.dossier_code, "order",
					  (json_int_t)p.id, "amount",
					  (json_int_t)p.amount, "method",
					  "cash", "status", "paid"));
		payment_release(&p);
	}
	json_decref(o);
}

static bool need_date(struct http_req *r, json_t *o, const char *key,
		      int64_t *day)
{
	const char *s;
	struct mc_err err;
	if (!http_need_string(r, o, key, LIMIT_WORD, &s))
		return false;
	if (civil_parse_date(s, day, key, &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	return true;
}

/* POST /api/v1/dossiers/{code}/obligation */
void h_dossier_obligation(struct http_req *r)
{
	static const char *const keys[] = {"number", "date", "amount", "due",
					   NULL};
	json_t *o = http_body_object(r);
	if (!o)
		return;
	struct financial_notice n;
	financial_notice_init(&n);
	const char *number;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "number", LIMIT_CODE, &number) &&
	    need_date(r, o, "date", &n.notice_day) &&
	    need_amount(r, o, "amount", &n.amount) &&
	    need_date(r, o, "due", &n.due_day)) {
		struct actor actor = http_actor(r);
		struct dossier d;
		struct mc_err err;
		n.dossier_code = (char *)r->param[0];
		n.number = (char *)number;
		if (app_obligation_record(r->app, &actor, &n, MC_NO_TIME, &d,
					  &err)) {
			http_reply_mc(r, &err);
		} else {
			http_reply_json(r, 200,
					json_pack("{s:s,s:s,s:I,s:i}", "code",
						  d.code, "number", number,
						  "amount",
						  (json_int_t)n.amount,
						  "status", (int)d.status));
			dossier_release(&d);
		}
	}
	json_decref(o);
}

/* ---- reconciliation ----------------------------------------------------- */

static int add_line(const struct reconcile_line *l, void *ctx)
{
	struct strbuf *sb = ctx;
	bool first = sb->buf && sb->buf[sb->len - 1] == '[';
	reconcile_json_line(sb, l, first);
	return 0;
}

/* POST /api/v1/payments/reconcile: the statement's bytes as the body */
void h_reconcile(struct http_req *r)
{
	struct statement s;
	struct mc_err err;
	statement_init(&s);
	/* the page sends {"statement": text}; a client may send the bytes */
	const char *text = r->body.buf ? r->body.buf : "";
	size_t n = r->body.len;
	json_t *o = n && text[0] == '{' ? json_loadb(text, n, 0, NULL) : NULL;
	json_t *v = json_object_get(o, "statement");
	if (json_is_string(v)) {
		text = json_string_value(v);
		n = json_string_length(v);
	}
	enum mc_code parsed = statement_parse(text, n, &s, &err);
	json_decref(o);
	if (parsed) {
		http_reply_mc(r, &err);
		return;
	}
	struct actor actor = http_actor(r);
	size_t counts[RECONCILE__COUNT];
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "{\"lines\":[");
	enum mc_code rc =
		app_reconcile(r->app, &actor, &s, add_line, &sb, counts, &err);
	if (rc) {
		statement_release(&s);
		strbuf_release(&sb);
		http_reply_mc(r, &err);
		return;
	}
	strbuf_puts(&sb, "],");
	reconcile_json_counts(&sb, counts, s.skipped);
	strbuf_puts(&sb, "}");
	statement_release(&s);
	http_reply_strbuf(r, 200, &sb);
}

/* ---- the report --------------------------------------------------------- */

static bool report_query(struct http_req *r, struct pay_query *q)
{
	struct mc_err err;
	memset(q, 0, sizeof(*q));
	const char *by = http_query(r, "by"), *period = http_query(r, "period");
	const char *from = http_query(r, "from"), *to = http_query(r, "to");
	q->unit = http_query(r, "unit");
	if (!q->unit)
		q->unit = r->user.unit;
	if (!by || strcmp(by, "unit") == 0)
		q->by = PAY_BY_UNIT;
	else if (strcmp(by, "level") == 0)
		q->by = PAY_BY_LEVEL;
	else if (strcmp(by, "method") == 0)
		q->by = PAY_BY_METHOD;
	else {
		http_reply_error(r, 400, "bad_value", "by",
				 "by: unit, level or method; theo đơn vị, "
				 "cấp hoặc hình thức");
		return false;
	}
	enum mc_code rc = MC_OK;
	if (period)
		rc = report_period_parse(period, 15, &q->period, "period",
					 &err);
	else if (from || to)
		rc = civil_parse_date(from, &q->period.from, "from", &err) ||
				     civil_parse_date(to, &q->period.to, "to",
						      &err)
			     ? MC_ERR_INPUT
			     : MC_OK;
	else
		q->period = report_last_month(app_now(r->app), 15);
	if (rc)
		http_reply_mc(r, &err);
	return rc == MC_OK;
}

/* GET /api/v1/reports/payments */
void h_report_payments(struct http_req *r)
{
	struct pay_query q;
	if (!report_query(r, &q))
		return;
	const char *format = http_query(r, "format");
	if (format && strcmp(format, "json") && strcmp(format, "csv")) {
		http_reply_error(
			r, 400, "bad_value", "format",
			"format: json or csv; định dạng json hoặc csv");
		return;
	}
	struct pay_table t;
	struct mc_err err;
	struct actor actor = http_actor(r);
	if (app_payment_report_as(r->app, &actor, &q, &t, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	if (format && strcmp(format, "csv") == 0) {
		pay_table_csv(&t, &sb);
		http_reply_text(r, 200, "text/csv; charset=utf-8", sb.buf,
				sb.len);
		http_add_header(r, "Content-Disposition",
				"attachment; filename=\"thanh-toan.csv\"");
		strbuf_release(&sb);
	} else {
		pay_table_json(&t, &sb);
		http_reply_strbuf(r, 200, &sb);
	}
	pay_table_release(&t);
}
