/*
 * pdf_letters.c - the three letters of the one-stop process: Mẫu số 02
 * asks the applicant to supplement or complete the dossier, 03 refuses
 * it with the reason, 04 apologises for a late dossier and gives the new
 * appointment. The reason is the note of the step that led to the
 * letter (app/form.c picks it from the event log).
 */
#include <stdio.h>

#include "core/civil.h"
#include "io/pdf_form_int.h"

/* "Ngày dd/mm/yyyy, <unit> tiếp nhận hồ sơ của ông/bà NAME về việc X." */
static void received_from(struct pen *p, const struct form_input *in)
{
	char day[FORM_DATE_BUF];
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_addf(&sb, "Ngày %s, ", form_date(in->d->received, day));
	form_add(&sb, in->unit_name, FORM_MAX_CELL);
	strbuf_puts(&sb, " tiếp nhận hồ sơ của ông/bà <b>");
	form_add(&sb, in->d->applicant_name, FORM_MAX_CELL);
	strbuf_puts(&sb, "</b> về việc <b>");
	form_add(&sb, in->d->procedure_name, FORM_MAX_CELL);
	strbuf_puts(&sb, "</b>.");
	pen_para(p, sb.buf, PEN_MARKUP, 0);
	strbuf_release(&sb);
	pen_skip(p, 4);
}

/* The reason under its heading, indented, as the step recorded it. */
static void reason(struct pen *p, const char *heading, const char *note)
{
	pen_para(p, heading, 0, 0);
	pen_para(p, str_empty(note) ? "............................" : note,
		 PEN_BOLD, 14);
	pen_skip(p, 4);
}

/* "Khi có vướng mắc, ... liên hệ <unit> ..." */
static void contact(struct pen *p, const struct form_input *in)
{
	form_sentence(p, "Khi có vướng mắc, ông/bà liên hệ ", in->unit_name,
		      " để được hướng dẫn.");
}

void form_supplement(struct pen *p, const struct form_input *in)
{
	char day[FORM_DATE_BUF];
	form_applicant(p, in->d, "Hồ sơ của");
	if (in->d->received != MC_NO_TIME)
		form_field(p, "Ngày tiếp nhận hồ sơ",
			   form_date(in->d->received, day));
	form_field(p, "Ngày yêu cầu bổ sung", form_date(in->note_at, day));
	reason(p,
	       "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung và "
	       "lý do sau:",
	       in->note);
	pen_para(p,
		 "Thời gian chờ bổ sung, hoàn thiện hồ sơ không tính vào thời "
		 "hạn giải quyết.",
		 PEN_ITALIC, 0);
	pen_skip(p, 2);
	contact(p, in);
	form_signatures(p, NULL, NULL, "NGƯỜI HƯỚNG DẪN", in->signer);
}

void form_refusal(struct pen *p, const struct form_input *in)
{
	char day[FORM_DATE_BUF];
	form_applicant(p, in->d, "Tiếp nhận hồ sơ của");
	form_field(p, "Ngày nộp hồ sơ", form_date(in->d->submitted, day));
	form_field(p, "Ngày từ chối", form_date(in->note_at, day));
	form_sentence(p, "Qua xem xét, ", in->unit_name,
		      " thông báo không tiếp nhận, giải quyết hồ sơ này.");
	reason(p, "Lý do:", in->note);
	pen_para(p, "Xin thông báo để ông/bà được biết và thực hiện.", 0, 0);
	form_signatures(p, NULL, NULL,
			in->d->status == ST_STOPPED ? "NGƯỜI GIẢI QUYẾT HỒ SƠ"
						    : "NGƯỜI TIẾP NHẬN HỒ SƠ",
			in->signer);
}

void form_apology(struct pen *p, const struct form_input *in)
{
	char when[FORM_DATE_BUF];
	received_from(p, in);
	form_field(p, "Thời gian hẹn trả kết quả giải quyết hồ sơ",
		   form_time(in->d->due, when));
	form_sentence(p, "Đến nay, ", in->unit_name,
		      " chưa trả được kết quả giải quyết hồ sơ của ông/bà.");
	reason(p, "Lý do:", in->note);
	form_sentence(p,
		      "Sự chậm trễ này đã gây phiền hà cho ông/bà. Cơ quan "
		      "xin lỗi ông/bà và hẹn trả kết quả giải quyết hồ sơ "
		      "vào: ",
		      form_time(in->new_due, when), ".");
	pen_para(p, "Trân trọng cảm ơn sự hợp tác của ông/bà.", 0, 0);
	form_signatures(p, NULL, NULL, "THỦ TRƯỞNG CƠ QUAN", in->signer);
}
