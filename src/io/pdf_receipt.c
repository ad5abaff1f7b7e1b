/*
 * pdf_receipt.c - Mẫu số 01, the receipt and appointment: what was
 * received from whom, when the result is due and where it is collected,
 * the tracking secret (when the one printing holds it) and a QR code of
 * the public verification page (which leads on to tracking), signed by the applicant and the clerk.
 */
#include <stdio.h>

#include "core/civil.h"
#include "io/pdf_form_int.h"

static void components(struct pen *p, const struct dossier *d)
{
	pen_para(p, "1. Thành phần hồ sơ nộp gồm:", 0, 0);
	if (d->n_components == 0)
		pen_para(p, "(không có thành phần nào được ghi nhận)",
			 PEN_ITALIC, 14);
	for (size_t i = 0; i < d->n_components; i++) {
		const struct dossier_component *c = &d->components[i];
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_addf(&sb, "%zu. ", i + 1);
		form_add(&sb,
			 !str_empty(c->file_name) ? c->file_name
						  : str_or_empty(c->code),
			 FORM_MAX_CELL);
		if (c->digitized)
			strbuf_puts(&sb, " <i>(đã số hóa)</i>");
		pen_para(p, sb.buf, PEN_MARKUP, 14);
		strbuf_release(&sb);
	}
	pen_skip(p, 2);
}

static void secret(struct pen *p, const struct form_input *in)
{
	if (!str_empty(in->secret)) {
		form_field(p, "Mã bí mật tra cứu hồ sơ", in->secret);
		pen_para(p,
			 "(Giữ mã này; cổng dịch vụ công hỏi mã hồ sơ và mã bí "
			 "mật khi tra cứu.)",
			 PEN_ITALIC | PEN_SMALL, 0);
	} else if (in->secret_issued) {
		pen_para(p,
			 "Mã bí mật tra cứu: đã giao khi nộp hồ sơ, không in "
			 "lại.",
			 PEN_ITALIC, 0);
	}
}

static void qr(struct pen *p, const struct form_input *in,
	       struct form_info *info)
{
	if (str_empty(in->tracking_url))
		return;
	double side = p->width < 500 ? 80 : 96;
	pen_skip(p, 6);
	pen_need(p, side);
	double y = p->y;
	if (!pen_qr(p, in->tracking_url, side, &info->qr_width,
		    &info->qr_modules))
		return;
	const char *texts[1] = {"Quét mã QR để xác thực kết quả điện tử và tra "
				"cứu tình trạng giải quyết hồ sơ."};
	const unsigned st[1] = {PEN_ITALIC | PEN_SMALL};
	const double x[1] = {0}, w[1] = {0.6};
	p->y = y + side / 2 - 10;
	pen_columns(p, 1, texts, st, x, w);
	p->y = y + side;
}

void form_receipt(struct pen *p, const struct form_input *in,
		  struct form_info *info)
{
	const struct dossier *d = in->d;
	char buf[FORM_DATE_BUF];
	form_applicant(p, d, "Tiếp nhận hồ sơ của");
	components(p, d);
	pen_para(p, "2. Số lượng hồ sơ: 01 (bộ)", 0, 0);
	pen_skip(p, 2);
	form_field(p, "3. Thời gian giải quyết hồ sơ theo quy định",
		   in->time_limit);
	form_field(p, "4. Thời gian nhận hồ sơ", form_time(d->received, buf));
	form_field(p, "5. Thời gian trả kết quả giải quyết hồ sơ",
		   form_time(d->due, buf));
	form_field(p, "6. Đăng ký nhận kết quả tại",
		   d->delivery == DELIVERY_POST
			   ? "qua dịch vụ bưu chính công ích"
			   : "Bộ phận tiếp nhận và trả kết quả");
	secret(p, in);
	qr(p, in, info);
	form_signatures(p, "NGƯỜI NỘP HỒ SƠ", d->applicant_name,
			"NGƯỜI TIẾP NHẬN HỒ SƠ", in->signer);
}
