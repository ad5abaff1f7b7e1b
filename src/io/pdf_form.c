/*
 * pdf_form.c - the printed forms of Circular 01/2018/TT-VPCP that a
 * one-stop counter hands out (01 receipt, 02 supplement request, 03
 * refusal, 04 apology with a new date, 06 control slip), each laid out as
 * the circular's form: the unit and the national motto side by side, the
 * form number, the date line, the title, the fields, the signatures.
 * This file has what every form shares and the writer; each family has
 * its own file (pdf_form_int.h), the drawing is pdf_draw.c's.
 */
#include "io/pdf_form.h"

#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "io/pdf_form_int.h"

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

const char *form_date(int64_t t, char buf[FORM_DATE_BUF])
{
	if (t == MC_NO_TIME)
		return "..../..../........";
	int y, m, d;
	ymd(t, &y, &m, &d);
	snprintf(buf, FORM_DATE_BUF, "%02d/%02d/%04d", d, m, y);
	return buf;
}

/* t through fmt, which takes hour, minute, day, month, year (in any
 * order, by position). */
static const char *clock_text(int64_t t, char buf[FORM_DATE_BUF],
			      const char *fmt)
{
	int y, m, d, s = civil_local_second(t) / 60;
	ymd(t, &y, &m, &d);
	snprintf(buf, FORM_DATE_BUF, fmt, s / 60 % 100, s % 60, d % 100,
		 m % 100, y % 10000);
	return buf;
}

const char *form_time(int64_t t, char buf[FORM_DATE_BUF])
{
	if (t == MC_NO_TIME)
		return "..... giờ ..... phút, ngày ..../..../........";
	return clock_text(t, buf, "%02d giờ %02d phút, ngày %02d/%02d/%04d");
}

const char *form_stamp(int64_t t, char buf[FORM_DATE_BUF])
{
	if (t == MC_NO_TIME)
		return "-";
	return clock_text(t, buf, "%3$02d/%4$02d/%5$04d %1$02d:%2$02d");
}

/* ---- the parts every form shares --------------------------------------- */

void form_add(struct strbuf *sb, const char *s, size_t max)
{
	pen_clean(sb, s, max, true);
}

/* s in capitals: cleaned first (case mapping needs valid UTF-8). */
static void add_upper(struct strbuf *sb, const char *s)
{
	struct strbuf plain;
	strbuf_init(&plain);
	pen_clean(&plain, s, FORM_MAX_CELL, false);
	char *up = g_utf8_strup(plain.buf ? plain.buf : "", -1);
	form_add(sb, up, 2 * FORM_MAX_CELL);
	g_free(up);
	strbuf_release(&plain);
}

/* The unit on the left, the motto on the right, the form number above,
 * the date line below. */
static void header(struct pen *p, const struct form_input *in)
{
	char line[96];
	snprintf(line, sizeof(line), "Mẫu số %s", form_kind_number(in->kind));
	pen_para(p, line, PEN_RIGHT | PEN_BOLD | PEN_SMALL, 0);
	pen_skip(p, 4);
	struct strbuf left;
	strbuf_init(&left);
	if (!str_empty(in->authority)) {
		add_upper(&left, in->authority);
		strbuf_puts(&left, "\n");
	}
	strbuf_puts(&left, "<b>");
	add_upper(&left, in->unit_name);
	strbuf_puts(&left, "</b>\n―――――");
	const char *texts[2] = {left.buf ? left.buf : "",
				"<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n"
				"<b>Độc lập - Tự do - Hạnh phúc</b>\n"
				"―――――――――――"};
	const unsigned st[2] = {PEN_CENTER | PEN_SMALL | PEN_MARKUP,
				PEN_CENTER | PEN_SMALL | PEN_MARKUP};
	const double x[2] = {0, 0.37}, w[2] = {0.37, 0.63};
	pen_columns(p, 2, texts, st, x, w);
	strbuf_release(&left);
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
	form_add(&sb, in->d->code, FORM_MAX_CELL);
	strbuf_puts(&sb, "</b>");
	pen_para(p, sb.buf, PEN_CENTER | PEN_MARKUP, 0);
	strbuf_release(&sb);
	pen_skip(p, 8);
}

void form_sentence(struct pen *p, const char *before, const char *value,
		   const char *after)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, before);
	strbuf_puts(&sb, "<b>");
	form_add(&sb, str_empty(value) ? "............................" : value,
		 FORM_MAX_FIELD);
	strbuf_puts(&sb, "</b>");
	strbuf_puts(&sb, after);
	pen_para(p, sb.buf ? sb.buf : "", PEN_MARKUP, 0);
	strbuf_release(&sb);
	pen_skip(p, 2);
}

void form_field(struct pen *p, const char *label, const char *value)
{
	char before[256];
	snprintf(before, sizeof(before), "%s: ", label);
	form_sentence(p, before, value, "");
}

void form_applicant(struct pen *p, const struct dossier *d, const char *label)
{
	form_field(p, label, d->applicant_name);
	if (!str_empty(d->applicant_id))
		form_field(p, "Số giấy tờ tùy thân", d->applicant_id);
	if (!str_empty(d->phone))
		form_field(p, "Số điện thoại", d->phone);
	if (!str_empty(d->email))
		form_field(p, "Thư điện tử", d->email);
	form_field(p, "Nội dung yêu cầu giải quyết", d->procedure_name);
}

void form_signatures(struct pen *p, const char *left_role,
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
		form_add(b[i], names[i], 200);
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
			       "steps: a control slip prints at most %d steps, "
			       "this dossier has %zu",
			       FORM_MAX_STEPS, in->n_steps);
	return MC_OK;
}

static void body(struct pen *p, const struct form_input *in,
		 struct form_info *info)
{
	header(p, in);
	title(p, in);
	switch (in->kind) {
	case FORM_RECEIPT: form_receipt(p, in, info); break;
	case FORM_SUPPLEMENT: form_supplement(p, in); break;
	case FORM_REFUSAL: form_refusal(p, in); break;
	case FORM_APOLOGY: form_apology(p, in); break;
	case FORM_CONTROL: form_control(p, in); break;
	}
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
	if (ok)
		body(&p, in, info);
	info->pages = p.pages;
	if (!pen_close(&p) || !ok) {
		out->len = start; /* nothing of a failed form */
		return mc_fail(err, out->oom ? MC_ERR_NOMEM : MC_ERR_INTERNAL,
			       "", "the PDF could not be written");
	}
	return MC_OK;
}
