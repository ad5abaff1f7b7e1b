/*
 * payment.c - payments of a dossier's fees: names of methods and
 * statuses, the statuses that may follow each other, what a dossier
 * still owes, and what the portal format says of its paid records.
 */
#include "core/payment.h"

#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"

void gateway_init(struct gateway *g)
{
	memset(g, 0, sizeof(*g));
	g->created = MC_NO_TIME;
}

void gateway_release(struct gateway *g)
{
	free(g->name);
	free(g->terminal);
	free(g->secret_file);
	free(g->pay_url);
	free(g->return_url);
	gateway_init(g);
}

void receipt_init(struct receipt *r)
{
	memset(r, 0, sizeof(*r));
	r->issued = r->cancelled = MC_NO_TIME;
}

void receipt_release(struct receipt *r)
{
	free(r->unit_code);
	free(r->series);
	free(r->cancel_reason);
	free(r->cancelled_by);
	receipt_init(r);
}

void payment_init(struct payment *p)
{
	memset(p, 0, sizeof(*p));
	p->created = p->expires = p->paid = p->updated = MC_NO_TIME;
}

void payment_release(struct payment *p)
{
	free(p->dossier_code);
	free(p->unit_code);
	for (size_t i = 0; i < p->n_lines; i++) {
		free(p->lines[i].code);
		free(p->lines[i].name);
	}
	free(p->lines);
	free(p->provider);
	free(p->provider_ref);
	free(p->actor);
	free(p->note);
	payment_init(p);
}

bool payment_copy(struct payment *dst, const struct payment *src)
{
	payment_init(dst);
	dst->id = src->id;
	dst->amount = src->amount;
	dst->method = src->method;
	dst->status = src->status;
	dst->created = src->created;
	dst->expires = src->expires;
	dst->paid = src->paid;
	dst->updated = src->updated;
	bool ok = str_set(&dst->dossier_code, src->dossier_code) &&
		  str_set(&dst->unit_code, src->unit_code) &&
		  str_set(&dst->provider, src->provider) &&
		  str_set(&dst->provider_ref, src->provider_ref) &&
		  str_set(&dst->actor, src->actor) &&
		  str_set(&dst->note, src->note);
	for (size_t i = 0; ok && i < src->n_lines; i++) {
		struct payment_line *l =
			ARRAY_PUSH(dst->lines, dst->n_lines, dst->cap_lines);
		ok = l && str_set(&l->code, src->lines[i].code) &&
		     str_set(&l->name, src->lines[i].name);
		if (ok)
			l->amount = src->lines[i].amount;
	}
	if (!ok)
		payment_release(dst);
	return ok;
}

static const char *const method_keys[] = {NULL, "national", "provincial",
					  "vietqr", "cash"};
static const char *const method_names[] = {
	NULL, "Nền tảng thanh toán Cổng Dịch vụ công quốc gia",
	"Cổng thanh toán của tỉnh", "Chuyển khoản VietQR", "Tiền mặt tại quầy"};

const char *payment_method_key(enum payment_method m)
{
	return (m >= PAY_NATIONAL && m <= PAY_CASH) ? method_keys[m] : NULL;
}

const char *payment_method_name(enum payment_method m)
{
	return (m >= PAY_NATIONAL && m <= PAY_CASH) ? method_names[m] : "?";
}

enum mc_code payment_method_parse(const char *s, enum payment_method *out,
				  const char *field, struct mc_err *err)
{
	for (int i = PAY_NATIONAL; i <= PAY_CASH; i++) {
		if (s && strcmp(s, method_keys[i]) == 0) {
			*out = (enum payment_method)i;
			return MC_OK;
		}
	}
	return mc_fail(err, MC_ERR_INPUT, field,
		       "%s: \"%.40s\" is not a payment method (national, "
		       "provincial, vietqr or cash)",
		       field, str_or_empty(s));
}

static const char *const status_keys[] = {NULL,     "pending", "paid",
					  "failed", "expired", "refunded"};
static const char *const status_names[] = {
	NULL,      "Chờ thanh toán", "Đã thanh toán", "Không thành công",
	"Hết hạn", "Đã hoàn tiền"};

const char *payment_status_key(enum payment_status s)
{
	return (s >= PAYMENT_PENDING && s <= PAYMENT_REFUNDED) ? status_keys[s]
							       : NULL;
}

const char *payment_status_name(enum payment_status s)
{
	return (s >= PAYMENT_PENDING && s <= PAYMENT_REFUNDED) ? status_names[s]
							       : "?";
}

bool payment_status_may_follow(enum payment_status from, enum payment_status to)
{
	if (from == PAYMENT_PENDING)
		return to == PAYMENT_PAID || to == PAYMENT_FAILED ||
		       to == PAYMENT_EXPIRED;
	return from == PAYMENT_PAID && to == PAYMENT_REFUNDED;
}

bool payment_method_online(enum payment_method m)
{
	return m == PAY_NATIONAL || m == PAY_PROVINCIAL;
}

int payment_method_portal(enum payment_method m)
{
	switch (m) {
	case PAY_CASH: return 1;
	case PAY_VIETQR: return 2;
	case PAY_NATIONAL:
	case PAY_PROVINCIAL: return 3;
	}
	return 0;
}

int64_t payment_owed(const struct dossier *d, const struct payment *paid,
		     size_t n)
{
	int64_t owed = dossier_fee_total(d);
	for (size_t i = 0; i < n; i++)
		if (paid[i].status == PAYMENT_PAID)
			owed -= paid[i].amount;
	return owed > 0 ? owed : 0;
}

static const struct payment *covering(const char *fee_code,
				      const struct payment *records, size_t n)
{
	const struct payment *last = NULL;
	for (size_t i = 0; i < n; i++) {
		if (records[i].status != PAYMENT_PAID)
			continue;
		for (size_t j = 0; j < records[i].n_lines; j++)
			if (strcmp(str_or_empty(records[i].lines[j].code),
				   str_or_empty(fee_code)) == 0)
				last = &records[i];
	}
	return last;
}

void payment_apply(struct dossier *d, const struct payment *records, size_t n)
{
	d->paid_online = PAID_NOT_ONLINE;
	for (size_t i = 0; i < n; i++)
		if (records[i].status == PAYMENT_PAID &&
		    payment_method_online(records[i].method))
			d->paid_online = records[i].method == PAY_NATIONAL
						 ? PAID_NATIONAL
						 : PAID_PROVINCIAL;
	for (size_t i = 0; i < d->n_fees; i++) {
		const struct payment *p = covering(d->fees[i].code, records, n);
		d->fees[i].method = p ? payment_method_portal(p->method) : 0;
	}
}

/* ---- amounts in words ---------------------------------------------------- */

static const char *const digit_words[] = {"không", "một", "hai", "ba",  "bốn",
					  "năm",   "sáu", "bảy", "tám", "chín"};

static void word(struct strbuf *sb, const char *w)
{
	if (sb->len && sb->buf[sb->len - 1] != ' ')
		strbuf_add(sb, " ", 1);
	strbuf_puts(sb, w);
}

/* One group of three digits; `lead`: the first group said, which says
 * no "không trăm" and no "linh" before it. */
static void group_words(struct strbuf *sb, int g, bool lead)
{
	int h = g / 100, t = g / 10 % 10, u = g % 10;
	if (h || !lead) {
		word(sb, digit_words[h]);
		word(sb, "trăm");
	}
	if (t == 0 && u && (h || !lead))
		word(sb, "linh");
	else if (t == 1)
		word(sb, "mười");
	else if (t > 1) {
		word(sb, digit_words[t]);
		word(sb, "mươi");
	}
	if (!u)
		return;
	if (u == 1 && t > 1)
		word(sb, "mốt");
	else if (u == 4 && t > 1)
		word(sb, "tư");
	else if (u == 5 && t > 0)
		word(sb, "lăm");
	else
		word(sb, digit_words[u]);
}

void payment_amount_words(int64_t dong, struct strbuf *sb)
{
	static const char *const scales[] = {"",   "nghìn",    "triệu",
					     "tỷ", "nghìn tỷ", "triệu tỷ"};
	size_t start = sb->len;
	if (dong <= 0) {
		strbuf_puts(sb, "Không đồng");
		return;
	}
	int groups[6] = {0};
	int n = 0;
	for (int64_t v = dong; v && n < 6; v /= 1000)
		groups[n++] = (int)(v % 1000);
	bool said = false;
	for (int i = n - 1; i >= 0; i--) {
		if (!groups[i])
			continue;
		group_words(sb, groups[i], !said);
		if (*scales[i])
			word(sb, scales[i]);
		said = true;
	}
	word(sb, "đồng");
	if (sb->len > start && sb->buf[start] >= 'a' && sb->buf[start] <= 'z')
		sb->buf[start] = (char)(sb->buf[start] - 'a' + 'A');
}
