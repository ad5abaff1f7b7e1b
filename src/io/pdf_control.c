/*
 * pdf_control.c - Mẫu số 06, the dossier control slip: the dossier's
 * particulars, then one table row per step of the event log (when, what,
 * who, which unit, before the appointment, on its day or late, the
 * note), the header repeated on each page.
 */
#include <stdio.h>
#include <string.h>

#include "core/civil.h"
#include "io/pdf_form_int.h"

static const struct {
	const char *key, *label;
} actions[] = {
	{"register", "Đăng ký trực tuyến"},
	{"accept", "Tiếp nhận hồ sơ"},
	{"refuse", "Từ chối tiếp nhận"},
	{"ask-supplement", "Yêu cầu bổ sung khi tiếp nhận"},
	{"start", "Bắt đầu giải quyết"},
	{"transfer", "Chuyển xử lý"},
	{"request-supplement", "Yêu cầu bổ sung, hoàn thiện"},
	{"complete-supplement", "Nhận hồ sơ bổ sung"},
	{"request-financial", "Chờ thực hiện nghĩa vụ tài chính"},
	{"fulfil-financial", "Đã thực hiện nghĩa vụ tài chính"},
	{"finish", "Có kết quả giải quyết"},
	{"stop", "Dừng giải quyết"},
	{"return", "Trả kết quả"},
	{"withdraw", "Rút hồ sơ"},
	{"reschedule", "Xin lỗi, hẹn lại ngày trả kết quả"},
	{"recompute-due", "Tính lại ngày hẹn (lịch nghỉ thay đổi)"},
	{"import", "Nhập từ hệ thống cũ"},
	{"attach-file", "Đính kèm tệp"},
};

/* The step's action in Vietnamese; an unknown key as it is. */
static const char *action_label(const char *key)
{
	for (size_t i = 0; i < sizeof(actions) / sizeof(*actions); i++)
		if (key && strcmp(key, actions[i].key) == 0)
			return actions[i].label;
	return str_or_empty(key);
}

/* A step against the appointment: before its day, on it, or late. A
 * step before reception (an online registration) has no appointment. */
static const char *timing(const struct form_step *s, const struct dossier *d)
{
	if (d->due == MC_NO_TIME || s->at == MC_NO_TIME ||
	    d->received == MC_NO_TIME || s->at < d->received)
		return "-";
	int64_t day = civil_local_day(s->at), due = civil_local_day(d->due);
	return day < due ? "Trước hạn" : day == due ? "Đúng hạn" : "Quá hạn";
}

/* The day over the time of day: "07/06/2024\n08:15". */
static const char *when(int64_t t, char day[FORM_DATE_BUF],
			char out[FORM_DATE_BUF])
{
	const char *stamp = form_stamp(t, day);
	const char *space = strchr(stamp, ' ');
	int n = space ? (int)(space - stamp) : (int)strlen(stamp);
	snprintf(out, FORM_DATE_BUF, "%.*s\n%s", n, stamp,
		 space ? space + 1 : "");
	return out;
}

static const char *const header_cells[] = {
	"TT",         "Thời gian",
	"Bước xử lý", "Người thực hiện",
	"Đơn vị",     "Trước / đúng / quá hạn",
	"Ghi chú"};
static const double widths[] = {0.07, 0.17, 0.18, 0.14, 0.15, 0.12, 0.17};
#define N_COLS 7

static void particulars(struct pen *p, const struct form_input *in)
{
	char buf[FORM_DATE_BUF];
	const struct dossier *d = in->d;
	form_field(p, "Kèm theo hồ sơ của", d->applicant_name);
	form_field(p, "Nội dung yêu cầu giải quyết", d->procedure_name);
	form_field(p, "Ngày nhận hồ sơ", form_time(d->received, buf));
	form_field(p, "Ngày hẹn trả kết quả", form_time(d->due, buf));
	form_field(p, "Tình trạng", dossier_status_name(d->status));
	pen_skip(p, 6);
}

static void step_row(struct pen *p, const struct form_input *in, size_t i)
{
	const struct form_step *s = &in->steps[i];
	char num[24], at[FORM_DATE_BUF], day[FORM_DATE_BUF];
	struct strbuf cells[3];
	const char *raw[3] = {s->actor, s->unit_name, s->note};
	for (int k = 0; k < 3; k++) {
		strbuf_init(&cells[k]);
		pen_clean(&cells[k], raw[k], FORM_MAX_CELL, false);
	}
	snprintf(num, sizeof(num), "%zu", i + 1);
	const char *row[N_COLS] = {
		num,
		when(s->at, day, at),
		action_label(s->action),
		str_or_empty(cells[0].buf),
		str_or_empty(cells[1].buf),
		timing(s, in->d),
		str_or_empty(cells[2].buf),
	};
	pen_row(p, N_COLS, row, widths, 0, header_cells);
	for (int k = 0; k < 3; k++)
		strbuf_release(&cells[k]);
}

void form_control(struct pen *p, const struct form_input *in)
{
	particulars(p, in);
	pen_row(p, N_COLS, header_cells, widths, PEN_BOLD | PEN_CENTER, NULL);
	for (size_t i = 0; i < in->n_steps; i++)
		step_row(p, in, i);
	if (in->n_steps == 0)
		pen_para(p, "(chưa có bước xử lý nào được ghi nhận)",
			 PEN_ITALIC, 0);
}
