/*
 * gateway.c - the VNPay-protocol connector (see gateway.h): gateways as
 * the operator configures them, the signed payment URL, the callback
 * checked before anything is written and answered with the RspCode the
 * protocol defines, and the citizen's return, which only reads.
 */
#include "app/gateway.h"

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/civil.h"
#include "core/limits.h"
#include "core/str.h"
#include "store/store.h"

#define SECRET_MAX 1024

/* ---- configuration ------------------------------------------------------ */

static bool word_ok(const char *s, size_t max, bool dash)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || (dash && c == '-');
		if (!ok)
			return false;
	}
	return true;
}

static bool url_ok(const char *s)
{
	return s &&
	       (strncmp(s, "http://", 7) == 0 ||
		strncmp(s, "https://", 8) == 0) &&
	       strlen(s) <= 512 && !strpbrk(s, " \t\r\n\"<>");
}

/* The secret of a gateway: the file's bytes without a final newline. */
static enum mc_code read_secret(const char *path, char *out, size_t *len,
				struct mc_err *err)
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (!f)
		return mc_fail(err, MC_ERR_IO, "secret_file",
			       "secret_file: cannot read %.200s: %s",
			       str_or_empty(path), strerror(errno));
	size_t n = fread(out, 1, SECRET_MAX, f);
	bool more = fgetc(f) != EOF;
	fclose(f);
	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		n--;
	if (more)
		return mc_fail(err, MC_ERR_INPUT, "secret_file",
			       "secret_file: over %d bytes", SECRET_MAX);
	if (n < 16)
		return mc_fail(err, MC_ERR_INPUT, "secret_file",
			       "secret_file: a shared secret has at least 16 "
			       "bytes; %.200s has %zu",
			       path, n);
	*len = n;
	return MC_OK;
}

static enum mc_code checked(const struct gateway *g, struct mc_err *err)
{
	char secret[SECRET_MAX];
	size_t len;
	if (!word_ok(g->name, 40, true))
		return mc_fail(err, MC_ERR_INPUT, "name",
			       "name: 1-40 letters, digits and '-'");
	if (!word_ok(g->terminal, 16, false))
		return mc_fail(
			err, MC_ERR_INPUT, "terminal",
			"terminal: 1-16 letters and digits (vnp_TmnCode)");
	if (g->method != PAY_NATIONAL && g->method != PAY_PROVINCIAL)
		return mc_fail(err, MC_ERR_INPUT, "method",
			       "method: a gateway pays national or provincial");
	if (!url_ok(g->pay_url))
		return mc_fail(err, MC_ERR_INPUT, "pay_url",
			       "pay_url: an http or https address");
	if (!url_ok(g->return_url))
		return mc_fail(err, MC_ERR_INPUT, "return_url",
			       "return_url: an http or https address");
	enum mc_code rc = read_secret(g->secret_file, secret, &len, err);
	sodium_memzero(secret, sizeof(secret));
	return rc;
}

enum mc_code app_gateway_add(struct app *app, const struct actor *a,
			     const struct gateway *g, struct mc_err *err)
{
	if (!(a->role & ROLE_OPERATOR))
		return mc_fail(
			err, MC_ERR_FORBIDDEN, "gateway",
			"gateway: only the operator configures gateways");
	enum mc_code rc = checked(g, err);
	if (rc)
		return rc;
	char abs[PATH_MAX];
	if (!realpath(g->secret_file, abs))
		return mc_fail(err, MC_ERR_IO, "secret_file",
			       "secret_file: %.200s: %s", g->secret_file,
			       strerror(errno));
	struct gateway copy = *g;
	copy.secret_file = abs;
	copy.created = (int64_t)time(NULL);
	if ((rc = store_begin(app->st, err)))
		return rc;
	rc = store_gateway_add(app->st, &copy, err);
	return store_finish(app->st, rc, err);
}

enum mc_code app_gateway_remove(struct app *app, const struct actor *a,
				const char *name, struct mc_err *err)
{
	if (!(a->role & ROLE_OPERATOR))
		return mc_fail(
			err, MC_ERR_FORBIDDEN, "gateway",
			"gateway: only the operator configures gateways");
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	rc = store_gateway_remove(app->st, name, err);
	return store_finish(app->st, rc, err);
}

enum mc_code app_gateway_each(struct app *app, app_gateway_fn fn, void *ctx,
			      struct mc_err *err)
{
	return store_gateway_each(app->st, fn, ctx, err);
}

/* ---- the payment URL ----------------------------------------------------- */

static int first_gateway(const struct gateway *g, void *ctx)
{
	struct gateway *out = ctx;
	gateway_init(out);
	out->name = strdup(g->name);
	return 1;
}

static enum mc_code find_gateway(struct app *app, const char *name,
				 struct gateway *out, struct mc_err *err)
{
	if (name)
		return store_gateway_get(app->st, name, NULL, out, err);
	struct gateway first;
	gateway_init(&first);
	enum mc_code rc =
		store_gateway_each(app->st, first_gateway, &first, err);
	if (!rc && !first.name)
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "gateway",
			     "gateway: no payment gateway is configured");
	if (!rc)
		rc = store_gateway_get(app->st, first.name, NULL, out, err);
	gateway_release(&first);
	return rc;
}

static enum mc_code pay_params(const struct gateway *g, const struct payment *p,
			       const struct checkout *c,
			       struct vnpay_params *ps, struct mc_err *err)
{
	char created[CIVIL_BUF], expires[CIVIL_BUF], info[160];
	/* the gateway shows it to the citizen: no diacritics, as it asks */
	snprintf(info, sizeof(info), "Thanh toan le phi ho so %s",
		 p->dossier_code);
	enum mc_code rc;
	if ((rc = vnpay_add(ps, "vnp_Version", VNPAY_VERSION, err)) ||
	    (rc = vnpay_add(ps, "vnp_Command", "pay", err)) ||
	    (rc = vnpay_add(ps, "vnp_TmnCode", g->terminal, err)) ||
	    (rc = vnpay_add_int(ps, "vnp_Amount", p->amount * 100, err)) ||
	    (rc = vnpay_add(ps, "vnp_CurrCode", "VND", err)) ||
	    (rc = vnpay_add(ps, "vnp_CreateDate",
			    civil_format_portal(p->created, created), err)) ||
	    (rc = vnpay_add(ps, "vnp_ExpireDate",
			    civil_format_portal(p->expires, expires), err)) ||
	    (rc = vnpay_add(ps, "vnp_IpAddr",
			    str_empty(c->client_ip) ? "127.0.0.1"
						    : c->client_ip,
			    err)) ||
	    (rc = vnpay_add(ps, "vnp_Locale", c->english ? "en" : "vn", err)) ||
	    (rc = vnpay_add(ps, "vnp_OrderInfo", info, err)) ||
	    (rc = vnpay_add(ps, "vnp_OrderType", "billpayment", err)) ||
	    (rc = vnpay_add(ps, "vnp_ReturnUrl", g->return_url, err)))
		return rc;
	return vnpay_add_int(ps, "vnp_TxnRef", p->id, err);
}

enum mc_code app_gateway_checkout(struct app *app, const struct checkout *c,
				  struct strbuf *url, struct payment *out,
				  struct mc_err *err)
{
	struct gateway g;
	gateway_init(&g);
	enum mc_code rc = find_gateway(app, c->gateway, &g, err);
	char secret[SECRET_MAX];
	size_t len = 0;
	if (!rc)
		rc = read_secret(g.secret_file, secret, &len, err);
	if (rc) {
		gateway_release(&g);
		return rc;
	}
	int64_t now = (int64_t)time(NULL);
	struct payment_order o = {
		.code = c->code,
		.method = g.method,
		.provider = g.name,
		.expires = now + PAYMENT_ORDER_SECONDS,
		.at = now,
		.actor = c->actor,
		.secret = c->secret,
	};
	struct payment p;
	payment_init(&p);
	rc = app_payment_order(app, &o, &p, err);
	struct vnpay_params ps;
	vnpay_params_init(&ps);
	if (!rc)
		rc = pay_params(&g, &p, c, &ps, err);
	if (!rc)
		vnpay_signed_query(&ps, g.pay_url, secret, len, url);
	if (!rc && url->oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	sodium_memzero(secret, sizeof(secret));
	vnpay_params_release(&ps);
	gateway_release(&g);
	if (!rc && out)
		*out = p;
	else
		payment_release(&p);
	return rc;
}

/* ---- callbacks ------------------------------------------------------- */

static void answer(struct ipn_answer *a, const char *code, const char *msg)
{
	snprintf(a->code, sizeof(a->code), "%s", code);
	snprintf(a->message, sizeof(a->message), "%s", msg);
}

/* The gateway of the callback, its signature checked. */
static enum mc_code signed_by(struct app *app, const struct vnpay_params *q,
			      struct gateway *g, struct mc_err *err)
{
	const char *terminal = vnpay_get(q, "vnp_TmnCode");
	enum mc_code rc = store_gateway_get(app->st, NULL, terminal, g, NULL);
	if (rc)
		return mc_fail(err, MC_ERR_FORBIDDEN, "vnp_TmnCode",
			       "vnp_TmnCode: terminal \"%.40s\" is no "
			       "configured gateway's",
			       str_or_empty(terminal));
	char secret[SECRET_MAX];
	size_t len;
	if ((rc = read_secret(g->secret_file, secret, &len, err)))
		return rc;
	bool ok = vnpay_verify(q, secret, len);
	sodium_memzero(secret, sizeof(secret));
	if (!ok)
		return mc_fail(err, MC_ERR_FORBIDDEN, "vnp_SecureHash",
			       "vnp_SecureHash: not the signature of gateway "
			       "%s",
			       g->name);
	return MC_OK;
}

/* A whole number of digits only, within max digits; -1 when not. */
static int64_t digits(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (!n || n > max)
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void map_refusal(const struct mc_err *e, struct ipn_answer *ans)
{
	if (e->code == MC_ERR_NOT_FOUND ||
	    (e->code == MC_ERR_INPUT && strcmp(e->field, "provider") == 0))
		answer(ans, VNPAY_RSP_NOT_FOUND, "Order not found");
	else if (e->code == MC_ERR_INPUT && strcmp(e->field, "amount") == 0)
		answer(ans, VNPAY_RSP_AMOUNT, "Invalid amount");
	else if (e->code == MC_ERR_STATE && strcmp(e->field, "expires") == 0)
		answer(ans, VNPAY_RSP_CONFIRMED, "Order expired");
	else if (e->code == MC_ERR_STATE)
		answer(ans, VNPAY_RSP_CONFIRMED, "Order already confirmed");
	else
		answer(ans, VNPAY_RSP_UNKNOWN, "Unknown error");
}

static enum mc_code record(struct app *app, const struct vnpay_params *q,
			   const struct gateway *g, struct ipn_answer *ans,
			   struct mc_err *err)
{
	int64_t hundredths = digits(vnpay_get(q, "vnp_Amount"), 15);
	if (ans->order <= 0) {
		answer(ans, VNPAY_RSP_NOT_FOUND, "Order not found");
		return mc_fail(err, MC_ERR_NOT_FOUND, "vnp_TxnRef",
			       "vnp_TxnRef: not an order number");
	}
	if (hundredths < 0 || hundredths % 100) {
		answer(ans, VNPAY_RSP_AMOUNT, "Invalid amount");
		return mc_fail(err, MC_ERR_INPUT, "vnp_Amount",
			       "vnp_Amount: not a whole number of dong");
	}
	const char *response = vnpay_get(q, "vnp_ResponseCode");
	const char *status = vnpay_get(q, "vnp_TransactionStatus");
	bool paid = response && status && strcmp(response, "00") == 0 &&
		    strcmp(status, "00") == 0;
	char note[96];
	snprintf(note, sizeof(note), "vnp_ResponseCode %.8s",
		 str_or_empty(response));
	int64_t paid_at = MC_NO_TIME;
	const char *pay_date = vnpay_get(q, "vnp_PayDate");
	if (pay_date && civil_parse_portal(pay_date, &paid_at, "vnp_PayDate",
					   NULL) != MC_OK)
		paid_at = MC_NO_TIME;
	const struct actor gw = {.role = ROLE_OPERATOR, .name = g->name};
	struct payment_outcome o = {
		.id = ans->order,
		.status = paid ? PAYMENT_PAID : PAYMENT_FAILED,
		.provider = g->name,
		.provider_ref = vnpay_get(q, "vnp_TransactionNo"),
		.amount = hundredths / 100,
		.paid_at = paid_at,
		.at = MC_NO_TIME,
		.note = paid ? NULL : note,
		.actor = &gw,
	};
	enum mc_code rc = app_payment_settle(app, &o, NULL, err);
	if (rc)
		map_refusal(err, ans);
	else
		answer(ans, VNPAY_RSP_OK, "Confirm Success");
	return rc;
}

enum mc_code app_gateway_ipn(struct app *app, const struct vnpay_params *q,
			     struct ipn_answer *ans, struct mc_err *err)
{
	memset(ans, 0, sizeof(*ans));
	struct gateway g;
	gateway_init(&g);
	int64_t ref = digits(vnpay_get(q, "vnp_TxnRef"), 18);
	ans->order = ref > 0 ? ref : 0;
	enum mc_code rc = signed_by(app, q, &g, err);
	if (rc == MC_ERR_FORBIDDEN)
		answer(ans, VNPAY_RSP_SIGNATURE, "Invalid signature");
	else if (rc)
		answer(ans, VNPAY_RSP_UNKNOWN, "Unknown error");
	else
		rc = record(app, q, &g, ans, err);
	gateway_release(&g);
	return rc;
}

enum mc_code app_gateway_return(struct app *app, const struct vnpay_params *q,
				struct payment *out, struct mc_err *err)
{
	struct gateway g;
	gateway_init(&g);
	enum mc_code rc = signed_by(app, q, &g, err);
	int64_t ref = digits(vnpay_get(q, "vnp_TxnRef"), 18);
	if (!rc && ref <= 0)
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "vnp_TxnRef",
			     "vnp_TxnRef: not an order number");
	if (!rc)
		rc = store_payment_get(app->st, ref, out, err);
	if (!rc && strcmp(str_or_empty(out->provider), g.name)) {
		payment_release(out);
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "vnp_TxnRef",
			     "vnp_TxnRef: order %lld is not gateway %s's",
			     (long long)ref, g.name);
	}
	gateway_release(&g);
	return rc;
}
