/*
 * pdf_form.c - the five printed forms of Circular 01/2018/TT-VPCP that a
 * one-stop counter hands out (01 receipt, 02 supplement request, 03
 * refusal, 04 apology with a new date, 06 control slip), each laid out as
 * the circular's form: the unit and the national motto side by side, the
 * form number, the title, the fields, the signatures. Drawing is
 * pdf_draw.c's; this file says what each form carries.
 */
#include "io/pdf_form.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "io/pdf_draw.h"

#define FORM_MAX_CELL 300 /* a table cell: a note is cut there */
#define FORM_MAX_STEPS 100000

static const struct {
	enum form_kind kind;
	const char *number, *title;
} kinds[] = {
	{FORM_RECEIPT, "01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"},
	{FORM_SUPPLEMENT, "02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"},
	{FORM_REFUSAL, "03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"},
	{FORM_APOLOGY, "04", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"},
	{FORM_CONTROL, "06", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
};
#define N_KINDS (sizeof(kinds) / sizeof(*kinds))

const char *form_kind_number(enum form_kind k)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (kinds[i].kind == k)
			return kinds[i].number;
	return NULL;
}

const char *form_kind_title(enum form_kind k)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (kinds[i].kind == k)
			return kinds[i].title;
	return NULL;
}

enum form_kind form_kind_parse(const char *s)
{
	if (!s)
		return 0;
	for (size_t i = 0; i < N_KINDS; i++)
		if (strcmp(s, kinds[i].number) == 0 ||
		    strcmp(s, kinds[i].number + 1) == 0)
			return kinds[i].kind;
	return 0;
}

/* ---- dates as the forms write them ------------------------------------ */

static void ymd(int64_t t, int *y, int *m, int *d)
{
	civil_from_days(civil_local_day(t), y, m, d);
}

/* dd/mm/yyyy, or dots to fill in by hand when unknown */
static const char *date_text(int64_t t, char *buf, size_t n)
{
	if (t == MC_NO_TIME)
		return "..../..../........";
	int y, m, d;
	ymd(t, &y, &m, &d);
	snprintf(buf, n, "%02d/%02d/%04d", d, m, y);
	return buf;
}

/* "08 giờ 30 phút, ngày 04/12/2026" */
static const char *time_text(int64_t t, char *buf, size_t n)
{
	if (t == MC_NO_TIME)
		return "..... giờ ..... phút, ngày ..../..../........";
	char day[16];
	int s = civil_local_second(t);
	snprintf(buf, n, "%02d giờ %02d phút, ngày %s", s / 3600, s / 60 % 60,
		 date_text(t, day, sizeof(day)));
	return buf;
}

/* ---- the parts every form shares --------------------------------------- */

static void add_clean(struct strbuf *sb, const char *s, size_t max)
{
	pen_clean(sb, s, max, true);
}

/* The unit on the left, the motto on the right, the form number above. */
static void header(struct pen *p, const struct form_input *in)
{
	char number[32];
	snprintf(number, sizeof(number), "Mẫu số %s",
		 form_kind_number(in->kind));
	pen_para(p, number, PEN_RIGHT | PEN_BOLD | PEN_SMALL, 0);
	pen_skip(p, 4);
	struct strbuf left;
	strbuf_init(&left);
	if (!str_empty(in->authority)) {
		char *up = g_utf8_strup(in->authority, -1);
		add_clean(&left, up, 300);
		g_free(up);
		strbuf_puts(&left, "\n");
	}
	char *unit = g_utf8_strup(str_or_empty(in->unit_name), -1);
	strbuf_puts(&left, "<b>");
	add_clean(&left, unit, 300);
	strbuf_puts(&left, "</b>\n―――――");
	g_free(unit);
	const char *texts[2] = {left.buf ? left.buf : "",
				"<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n"
				"<b>Độc lập - Tự do - Hạnh phúc</b>\n"
				"―――――――――――"};
	const unsigned st[2] = {PEN_CENTER | PEN_SMALL | PEN_MARKUP,
				PEN_CENTER | PEN_SMALL | PEN_MARKUP};
	const double x[2] = {0, 0.37}, w[2] = {0.37, 0.63};
	pen_columns(p, 2, texts, st, x, w);
	strbuf_release(&left);
	char line[96];
	int y, m, d;
	ymd(in->printed_at, &y, &m, &d);
	snprintf(line, sizeof(line), "ngày %02d tháng %02d năm %04d", d, m, y);
	pen_skip(p, 4);
	pen_para(p, line, PEN_RIGHT | PEN_ITALIC, 0);
	pen_skip(p, 10);
}

static void title(struct pen *p, const struct form_input *in)
{
	pen_para(p, form_kind_title(in->kind),
		 PEN_CENTER | PEN_BOLD | PEN_LARGE, 0);
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "Mã hồ sơ: <b>");
	add_clean(&sb, in->d->code, 200);
	strbuf_puts(&sb, "</b>");
	pen_para(p, sb.buf, PEN_CENTER | PEN_MARKUP, 0);
	strbuf_release(&sb);
	pen_skip(p, 8);
}

/* "label: value" with the value in bold. */
static void field(struct pen *p, const char *label, const char *value)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, label);
	strbuf_puts(&sb, ": <b>");
	add_clean(&sb,
		  str_empty(value) ? "............................" : value,
		  FORM_MAX_FIELD);
	strbuf_puts(&sb, "</b>");
	pen_para(p, sb.buf ? sb.buf : "", PEN_MARKUP, 0);
	strbuf_release(&sb);
	pen_skip(p, 2);
}

static void applicant(struct pen *p, const struct dossier *d)
{
	field(p, "Tiếp nhận hồ sơ của", d->applicant_name);
	if (!str_empty(d->applicant_id))
		field(p, "Số giấy tờ tùy thân", d->applicant_id);
	if (!str_empty(d->phone))
		field(p, "Số điện thoại", d->phone);
	if (!str_empty(d->email))
		field(p, "Thư điện tử", d->email);
	field(p, "Nội dung yêu cầu giải quyết", d->procedure_name);
}

/* Two signature blocks (or one on the right). */
static void signatures(struct pen *p, const char *left_role,
		       const char *left_name, const char *right_role,
		       const char *right_name)
{
	struct strbuf l, r;
	strbuf_init(&l);
	strbuf_init(&r);
	const char *roles[2] = {left_role, right_role};
	const char *names[2] = {left_name, right_name};
	struct strbuf *b[2] = {&l, &r};
	for (int i = 0; i < 2; i++) {
		if (!roles[i])
			continue;
		strbuf_addf(b[i],
			    "<b>%s</b>\n<i>(Ký và ghi rõ họ tên)</i>\n\n\n\n",
			    roles[i]);
		add_clean(b[i], names[i], 200);
	}
	const char *texts[2] = {l.buf ? l.buf : "", r.buf ? r.buf : ""};
	const unsigned st[2] = {PEN_CENTER | PEN_MARKUP,
				PEN_CENTER | PEN_MARKUP};
	const double x[2] = {0, 0.5}, w[2] = {0.5, 0.5};
	pen_skip(p, 12);
	pen_columns(p, 2, texts, st, x, w);
	strbuf_release(&l);
	strbuf_release(&r);
}

/* ---- 01: receipt and appointment -------------------------------------- */

static void components(struct pen *p, const struct dossier *d)
{
	pen_para(p, "1. Thành phần hồ sơ nộp gồm:", 0, 0);
	if (d->n_components == 0)
		pen_para(p, "(không có thành phần nào được ghi nhận)",
			 PEN_ITALIC, 14);
	for (size_t i = 0; i < d->n_components; i++) {
		const struct dossier_component *c = &d->components[i];
		char num[32];
		snprintf(num, sizeof(num), "%zu. ", i + 1);
		struct strbuf sb;
		strbuf_init(&sb);
		strbuf_puts(&sb, num);
		add_clean(&sb,
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

static void receipt_secret(struct pen *p, const struct form_input *in)
{
	if (!str_empty(in->secret)) {
		field(p, "Mã bí mật tra cứu hồ sơ", in->secret);
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

static void receipt_qr(struct pen *p, const struct form_input *in,
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
	const char *texts[1] = {"Quét mã QR để tra cứu tình trạng giải quyết "
				"hồ sơ trên trang tra cứu."};
	const unsigned st[1] = {PEN_ITALIC | PEN_SMALL};
	const double x[1] = {0}, w[1] = {0.6};
	p->y = y + side / 2 - 10;
	pen_columns(p, 1, texts, st, x, w);
	p->y = y + side;
}

static void form_receipt(struct pen *p, const struct form_input *in,
			 struct form_info *info)
{
	const struct dossier *d = in->d;
	char buf[96];
	applicant(p, d);
	components(p, d);
	pen_para(p, "2. Số lượng hồ sơ: 01 (bộ)", 0, 0);
	pen_skip(p, 2);
	field(p, "3. Thời gian giải quyết hồ sơ theo quy định", in->time_limit);
	field(p, "4. Thời gian nhận hồ sơ",
	      time_text(d->received, buf, sizeof(buf)));
	field(p, "5. Thời gian trả kết quả giải quyết hồ sơ",
	      time_text(d->due, buf, sizeof(buf)));
	field(p, "6. Đăng ký nhận kết quả tại",
	      d->delivery == DELIVERY_POST
		      ? "qua dịch vụ bưu chính công ích"
		      : "Bộ phận tiếp nhận và trả kết quả");
	receipt_secret(p, in);
	receipt_qr(p, in, info);
	signatures(p, "NGƯỜI NỘP HỒ SƠ", d->applicant_name,
		   "NGƯỜI TIẾP NHẬN HỒ SƠ", in->signer);
}

/* ---- the writer -------------------------------------------------------- */

static enum mc_code check_input(const struct form_input *in, struct mc_err *err)
{
	if (!form_kind_number(in->kind))
		return mc_fail(err, MC_ERR_INPUT, "form",
			       "form: %d is not one of 01, 02, 03, 04, 06",
			       (int)in->kind);
	if (!in->d || str_empty(in->d->code))
		return mc_fail(err, MC_ERR_INPUT, "MaHoSo",
			       "MaHoSo: the form needs a dossier");
	if (in->n_steps > FORM_MAX_STEPS)
		return mc_fail(err, MC_ERR_TOO_LARGE, "steps",
			       "steps: a control slip prints at most %d steps",
			       FORM_MAX_STEPS);
	return MC_OK;
}

enum mc_code form_pdf_write(const struct form_input *in, struct strbuf *out,
			    struct form_info *info, struct mc_err *err)
{
	struct form_info scratch;
	if (!info)
		info = &scratch;
	memset(info, 0, sizeof(*info));
	enum mc_code rc = check_input(in, err);
	if (rc)
		return rc;
	struct pen p;
	size_t start = out->len;
	bool ok = pen_open(&p, in->paper, out);
	if (ok) {
		header(&p, in);
		title(&p, in);
		switch (in->kind) {
		case FORM_RECEIPT: form_receipt(&p, in, info); break;
		default: break;
		}
	}
	info->pages = p.pages;
	if (!pen_close(&p) || !ok) {
		out->len = start; /* nothing of a failed form */
		if (in->kind != FORM_RECEIPT)
			return mc_fail(err, MC_ERR_INPUT, "form",
				       "form: %s is not drawn yet",
				       form_kind_number(in->kind));
		return mc_fail(err, out->oom ? MC_ERR_NOMEM : MC_ERR_INTERNAL,
			       "", "the PDF could not be written");
	}
	return MC_OK;
}
