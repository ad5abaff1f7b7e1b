/*
 * handlers_pay.c - fees and payments over HTTP (docs/internals/payments.md):
 *
 *   POST /api/v1/public/dossiers/{code}/pay        the citizen (code and
 *        secret) is sent to the gateway: {"order", "amount", "url"}
 *   GET  /api/v1/public/dossiers/{code}/payments   what is owed and paid
 *   GET  /api/v1/public/dossiers/{code}/receipts/{order}   the receipt PDF
 *   GET  /api/v1/payments/vnpay/ipn                the gateway's callback,
 *        answered {"RspCode", "Message"}; a refused one is logged
 *   GET  /api/v1/public/payments/vnpay/return      the citizen back: 302
 *        to the tracking page (the order as stored, paid or not)
 *   and for staff: the statement and receipts of their units' dossiers,
 *   an exemption with its legal reason, a receipt's cancellation.
 *
 * A wrong secret answers like an unknown code (404), as tracking does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/gateway.h"
#include "http/http_int.h"

/* ---- statements -------------------------------------------------------- */

/* A citizen's unknown dossier and wrong secret answer alike. */
static void reply_refusal(struct http_req *r, const struct actor *a,
			  const struct mc_err *err)
{
	if (err->code == MC_ERR_NOT_FOUND && (a->role & ROLE_CITIZEN) &&
	    strcmp(err->field, "MaHoSo") == 0)
		http_reply_error(r, 404, "not_found", "code",
				 "no dossier with this code and secret");
	else
		http_reply_mc(r, err);
}

static json_t *receipt_json(const struct receipt *r)
{
	if (!r->id)
		return json_null();
	return json_pack("{s:s,s:I,s:o,s:o,s:o}", "series", r->series, "number",
			 (json_int_t)r->number, "issued", http_time(r->issued),
			 "cancelled", http_time(r->cancelled), "cancel_reason",
			 http_str(r->cancel_reason));
}

static json_t *payment_json(const struct payment_entry *e)
{
	const struct payment *p = &e->p;
	json_t *lines = json_array();
	for (size_t i = 0; i < p->n_lines; i++)
		json_array_append_new(
			lines, json_pack("{s:o,s:o,s:I}", "code",
					 http_str(p->lines[i].code), "name",
					 http_str(p->lines[i].name), "amount",
					 (json_int_t)p->lines[i].amount));
	return json_pack(
		"{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
		"order", (json_int_t)p->id, "amount", (json_int_t)p->amount,
		"method", payment_method_key(p->method), "method_name",
		payment_method_name(p->method), "status",
		payment_status_key(p->status), "status_name",
		payment_status_name(p->status), "provider",
		http_str(p->provider), "provider_ref",
		http_str(p->provider_ref), "created", http_time(p->created),
		"expires", http_time(p->expires), "paid", http_time(p->paid),
		"lines", lines, "receipt", receipt_json(&e->r));
}

static void reply_statement(struct http_req *r, const struct actor *a,
			    const char *secret)
{
	struct payment_statement s;
	struct mc_err err;
	if (app_payment_statement(r->app, a, r->param[0], secret, &s, &err)) {
		reply_refusal(r, a, &err);
		return;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < s.n; i++)
		json_array_append_new(list, payment_json(&s.e[i]));
	http_reply_json(r, 200,
			json_pack("{s:s,s:I,s:I,s:I,s:s,s:b,s:o}", "code",
				  s.code, "charged", (json_int_t)s.charged,
				  "paid", (json_int_t)s.paid, "owed",
				  (json_int_t)s.owed, "pay_before",
				  fee_due_name(s.due), "numbered_here",
				  s.numbered_here, "payments", list));
	payment_statement_release(&s);
}

void h_public_payments(struct http_req *r)
{
	struct actor a = ACTOR_CITIZEN;
	reply_statement(r, &a, http_query(r, "secret"));
}

void h_dossier_payments(struct http_req *r)
{
	struct actor a = http_actor(r);
	reply_statement(r, &a, NULL);
}

/* ---- receipts ---------------------------------------------------------- */

/* "12" or "12.pdf"; 0 when neither. */
static int64_t order_of(const char *s)
{
	char *end;
	long long n = s ? strtoll(s, &end, 10) : 0;
	if (!s || end == s || n <= 0 || (*end && strcmp(end, ".pdf")))
		return 0;
	return n;
}

static void reply_receipt(struct http_req *r, const struct actor *a,
			  const char *secret)
{
	int64_t id = order_of(r->param[1]);
	const char *paper = http_query(r, "paper");
	struct strbuf pdf;
	struct mc_err err;
	if (!id) {
		http_reply_error(r, 404, "not_found", "order",
				 "no receipt with this order number");
		return;
	}
	if (paper && strcmp(paper, "a4") && strcmp(paper, "a5")) {
		http_reply_error(r, 400, "invalid_input", "paper",
				 "paper: a4 or a5 / khổ giấy a4 hoặc a5");
		return;
	}
	strbuf_init(&pdf);
	bool a4 = paper && strcmp(paper, "a4") == 0;
	if (app_receipt_pdf(r->app, a, r->param[0], secret, id, a4, &pdf,
			    &err)) {
		strbuf_release(&pdf);
		reply_refusal(r, a, &err);
		return;
	}
	char disposition[96];
	snprintf(disposition, sizeof(disposition),
		 "inline; filename=\"bien-lai-%lld.pdf\"", (long long)id);
	http_reply_text(r, 200, "application/pdf", pdf.buf, pdf.len);
	http_add_header(r, "Content-Disposition", disposition);
	strbuf_release(&pdf);
}

void h_public_receipt(struct http_req *r)
{
	struct actor a = ACTOR_CITIZEN;
	reply_receipt(r, &a, http_query(r, "secret"));
}

void h_dossier_receipt(struct http_req *r)
{
	struct actor a = http_actor(r);
	reply_receipt(r, &a, NULL);
}

void h_receipt_cancel(struct http_req *r)
{
	static const char *const keys[] = {"reason", NULL};
	const char *reason;
	struct mc_err err;
	int64_t id = order_of(r->param[1]);
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "reason", LIMIT_NOTE, &reason)) {
		struct actor a = http_actor(r);
		if (app_receipt_cancel(r->app, &a, r->param[0], id, reason,
				       &err))
			http_reply_mc(r, &err);
		else
			http_reply_json(r, 200,
					json_pack("{s:s,s:I,s:b}", "code",
						  r->param[0], "order",
						  (json_int_t)id, "cancelled",
						  1));
	}
	json_decref(o);
}

void h_fee_exempt(struct http_req *r)
{
	static const char *const keys[] = {"fee", "reason", NULL};
	const char *fee, *reason;
	struct mc_err err;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "fee", LIMIT_CODE, &fee) &&
	    http_need_string(r, o, "reason", LIMIT_NOTE, &reason)) {
		struct actor a = http_actor(r);
		struct dossier d;
		if (app_fee_exempt(r->app, &a, r->param[0], fee, reason, &d,
				   &err)) {
			http_reply_mc(r, &err);
		} else {
			http_reply_json(
				r, 200,
				json_pack("{s:s,s:s,s:I}", "code", d.code,
					  "fee", fee, "fee_total",
					  (json_int_t)dossier_fee_total(&d)));
			dossier_release(&d);
		}
	}
	json_decref(o);
}

/* ---- paying online ----------------------------------------------------- */

void h_pay(struct http_req *r)
{
	static const char *const keys[] = {"secret", "gateway", "lang", NULL};
	const char *secret, *gateway = NULL, *lang = NULL;
	struct mc_err err;
	if (!http_anon_write_ok(r))
		return;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "secret", LIMIT_SECRET, &secret) &&
	    http_opt_string(r, o, "gateway", LIMIT_CODE, &gateway) &&
	    http_opt_string(r, o, "lang", LIMIT_WORD, &lang)) {
		struct actor a = ACTOR_CITIZEN;
		struct checkout c = {
			.code = r->param[0],
			.secret = secret,
			.gateway = gateway && *gateway ? gateway : NULL,
			.client_ip = http_client_addr(r),
			.english = lang && strcmp(lang, "en") == 0,
			.actor = &a,
		};
		struct strbuf url;
		struct payment p;
		strbuf_init(&url);
		if (app_gateway_checkout(r->app, &c, &url, &p, &err)) {
			if (err.code == MC_ERR_NOT_FOUND &&
			    strcmp(err.field, "MaHoSo") == 0)
				http_reply_error(r, 404, "not_found", "code",
						 "no dossier with this code "
						 "and secret");
			else
				http_reply_mc(r, &err);
		} else {
			http_reply_json(r, 200,
					json_pack("{s:I,s:I,s:s,s:s}", "order",
						  (json_int_t)p.id, "amount",
						  (json_int_t)p.amount,
						  "provider", p.provider, "url",
						  url.buf));
			payment_release(&p);
		}
		strbuf_release(&url);
	}
	json_decref(o);
}

/* The query's parameters as the gateway sent them (decoded). */
struct collected {
	struct vnpay_params *ps;
	bool full;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	(void)kind;
	struct collected *c = cls;
	if (vnpay_add(c->ps, key, value ? value : "", NULL) != MC_OK) {
		c->full = true;
		return MHD_NO;
	}
	return MHD_YES;
}

static bool query_params(struct http_req *r, struct vnpay_params *ps)
{
	struct collected c = {ps, false};
	vnpay_params_init(ps);
	if (r->conn)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND,
					  collect, &c);
	for (size_t i = 0; !r->conn && !c.full && i < r->n_fields; i++)
		if (r->fields[i].kind == MHD_GET_ARGUMENT_KIND)
			collect(&c, MHD_GET_ARGUMENT_KIND, r->fields[i].name,
				r->fields[i].value);
	return !c.full;
}

void h_vnpay_ipn(struct http_req *r)
{
	struct vnpay_params q;
	struct ipn_answer ans;
	struct mc_err err;
	if (!query_params(r, &q)) {
		vnpay_params_release(&q);
		http_reply_json(r, 200,
				json_pack("{s:s,s:s}", "RspCode",
					  VNPAY_RSP_UNKNOWN, "Message",
					  "Invalid request"));
		http_log_refusal(r, "gateway callback: a parameter twice or "
				    "too many");
		return;
	}
	enum mc_code rc = app_gateway_ipn(r->app, &q, &ans, &err);
	vnpay_params_release(&q);
	http_reply_json(r, 200,
			json_pack("{s:s,s:s}", "RspCode", ans.code, "Message",
				  ans.message));
	if (rc) {
		char why[400];
		snprintf(why, sizeof(why), "gateway callback, order %lld: %s",
			 (long long)ans.order, err.message);
		http_log_refusal(r, why);
	}
}

void h_vnpay_return(struct http_req *r)
{
	struct vnpay_params q;
	struct payment p;
	struct mc_err err;
	bool ok = query_params(r, &q);
	payment_init(&p);
	enum mc_code rc =
		ok ? app_gateway_return(r->app, &q, &p, &err) : MC_ERR_INPUT;
	vnpay_params_release(&q);
	if (rc) {
		http_reply_error(r, 400, "invalid_input", "vnp_SecureHash",
				 "the gateway's answer is not signed by a "
				 "configured gateway / kết quả thanh toán "
				 "không hợp lệ");
		http_log_refusal(r, ok ? err.message
				       : "gateway return: bad parameters");
		return;
	}
	/* the tracking page shows the order as stored: pending until the
	 * gateway's callback confirmed it */
	char location[256];
	snprintf(location, sizeof(location), "/?code=%s&order=%lld&paid=%d",
		 p.dossier_code, (long long)p.id, p.status == PAYMENT_PAID);
	payment_release(&p);
	http_reply_text(r, 302, "text/plain; charset=utf-8", "", 0);
	http_add_header(r, "Location", location);
}
