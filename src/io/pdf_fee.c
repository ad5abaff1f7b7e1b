/*
 * pdf_fee.c - the electronic fee receipt as PDF (see pdf_fee.h).
 */
#include "io/pdf_fee.h"

#include <stdio.h>

#include "core/civil.h"
#include "io/pdf_form_int.h"

static void header(struct pen *p, const struct fee_receipt_input *in)
{
	struct strbuf left, right;
	strbuf_init(&left);
	strbuf_init(&right);
	if (!str_empty(in->authority)) {
		form_add(&left, in->authority, FORM_MAX_CELL);
		strbuf_puts(&left, "\n");
	}
	strbuf_puts(&left, "<b>");
	form_add(&left, in->unit_name, FORM_MAX_CELL);
	strbuf_puts(&left, "</b>\nMã đơn vị: ");
	form_add(&left, in->p->unit_code, FORM_MAX_CELL);
	strbuf_puts(&right, "Ký hiệu: <b>");
	form_add(&right, in->r->series, 40);
	strbuf_addf(&right, "</b>\nSố: <b>%07lld</b>",
		    (long long)in->r->number);
	const char *texts[2] = {left.buf ? left.buf : "",
				right.buf ? right.buf : ""};
	const unsigned st[2] = {PEN_SMALL | PEN_MARKUP,
				PEN_RIGHT | PEN_SMALL | PEN_MARKUP};
	const double x[2] = {0, 0.6}, w[2] = {0.6, 0.4};
	pen_columns(p, 2, texts, st, x, w);
	strbuf_release(&left);
	strbuf_release(&right);
	pen_skip(p, 10);
	pen_para(p, "BIÊN LAI THU PHÍ, LỆ PHÍ",
		 PEN_CENTER | PEN_BOLD | PEN_LARGE, 0);
	pen_para(p, "(Bản thể hiện của biên lai điện tử)",
		 PEN_CENTER | PEN_ITALIC | PEN_SMALL, 0);
	pen_skip(p, 8);
}

/* 1234567 as "1.234.567", as Vietnamese amounts are written. */
static const char *grouped(int64_t n, char buf[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%lld", (long long)n);
	int k = 0;
	for (int i = 0; i < len; i++) {
		if (i && digits[i - 1] != '-' && (len - i) % 3 == 0)
			buf[k++] = '.';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

static void lines(struct pen *p, const struct payment *pay)
{
	static const char *const head[3] = {"STT", "Tên loại phí, lệ phí",
					    "Số tiền (đồng)"};
	const double w[3] = {0.1, 0.6, 0.3};
	pen_row(p, 3, head, w, PEN_BOLD | PEN_CENTER, NULL);
	for (size_t i = 0; i < pay->n_lines; i++) {
		char n[24], amount[32];
		snprintf(n, sizeof(n), "%zu", i + 1);
		grouped(pay->lines[i].amount, amount);
		const char *cells[3] = {
			n,
			str_empty(pay->lines[i].name)
				? str_or_empty(pay->lines[i].code)
				: pay->lines[i].name,
			amount};
		pen_row(p, 3, cells, w, 0, head);
	}
	char total[32];
	grouped(pay->amount, total);
	const char *cells[3] = {"", "Tổng cộng", total};
	pen_row(p, 3, cells, w, PEN_BOLD, head);
	pen_skip(p, 4);
	struct strbuf words;
	strbuf_init(&words);
	payment_amount_words(pay->amount, &words);
	form_field(p, "Số tiền bằng chữ", words.buf);
	strbuf_release(&words);
}

static void payment_facts(struct pen *p, const struct payment *pay)
{
	char when[FORM_DATE_BUF];
	form_field(p, "Hình thức thanh toán", payment_method_name(pay->method));
	if (!str_empty(pay->provider_ref)) {
		char ref[160];
		snprintf(ref, sizeof(ref), "%s %s", pay->provider,
			 pay->provider_ref);
		form_field(p, "Mã giao dịch", ref);
	}
	char order[32];
	snprintf(order, sizeof(order), "%lld", (long long)pay->id);
	form_field(p, "Số đơn thanh toán", order);
	form_field(p, "Thời điểm thanh toán", form_stamp(pay->paid, when));
}

static void cancelled(struct pen *p, const struct receipt *r)
{
	if (r->cancelled == MC_NO_TIME)
		return;
	char when[FORM_DATE_BUF];
	pen_skip(p, 6);
	pen_para(p, "BIÊN LAI ĐÃ HỦY", PEN_CENTER | PEN_BOLD | PEN_LARGE, 0);
	form_field(p, "Ngày hủy", form_stamp(r->cancelled, when));
	form_field(p, "Lý do hủy", r->cancel_reason);
}

static void body(struct pen *p, const struct fee_receipt_input *in)
{
	header(p, in);
	form_field(p, "Tên tổ chức, cá nhân nộp", in->d->applicant_name);
	if (!str_empty(in->d->applicant_id))
		form_field(p, "Số giấy tờ", in->d->applicant_id);
	form_field(p, "Mã hồ sơ", in->d->code);
	form_field(p, "Thủ tục", in->d->procedure_name);
	pen_skip(p, 4);
	lines(p, in->p);
	payment_facts(p, in->p);
	cancelled(p, in->r);
	char date[96];
	int y, m, d;
	civil_from_days(civil_local_day(in->r->issued), &y, &m, &d);
	snprintf(date, sizeof(date), "Ngày %02d tháng %02d năm %04d", d, m, y);
	pen_skip(p, 8);
	pen_para(p, date, PEN_RIGHT | PEN_ITALIC, 0);
	pen_para(p, "Đơn vị thu phí, lệ phí", PEN_RIGHT | PEN_BOLD, 0);
	pen_para(p, "(Biên lai điện tử, không cần chữ ký tay)",
		 PEN_RIGHT | PEN_ITALIC | PEN_SMALL, 0);
}

enum mc_code pdf_fee_receipt(const struct fee_receipt_input *in,
			     struct strbuf *out, struct mc_err *err)
{
	if (!in->p || !in->r || !in->d || in->r->id == 0)
		return mc_fail(err, MC_ERR_STATE, "receipt",
			       "receipt: the payment has no receipt");
	struct pen p;
	size_t start = out->len;
	bool ok = pen_open(&p, in->paper, out);
	if (ok)
		body(&p, in);
	if (!pen_close(&p) || !ok) {
		out->len = start;
		return mc_fail(err, out->oom ? MC_ERR_NOMEM : MC_ERR_INTERNAL,
			       "", "the PDF could not be written");
	}
	return MC_OK;
}
