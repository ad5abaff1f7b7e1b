/*
 * report_columns.c - the columns of form II.06a (see report_columns.h),
 * in the order the command line's table shows them; the columns the
 * printed form has no room for come last, shown with --figures.
 */
#include "core/report_columns.h"

#define COUNT(k, vi, en, show, w)                            \
	{                                                    \
#k, vi, en, REPORT_COL_COUNT, show, w,       \
			offsetof(struct report_row, k), NULL \
	}
#define RATE(k, vi, en, show, fn)                          \
	{                                                  \
		k, vi, en, REPORT_COL_RATE, show, 8, 0, fn \
	}
#define FORM REPORT_COL_FORM
#define FIG REPORT_COL_FIGURE

const struct report_column report_columns[REPORT_N_COLUMNS] = {
	COUNT(received_total, "Tổng số nhận", "Received, total", FORM, 9),
	COUNT(carried_over, "Kỳ trước chuyển qua", "Carried over", FORM, 8),
	COUNT(received_new, "Mới nhận", "New", FORM, 8),
	COUNT(received_online, "Mới nhận trực tuyến", "New online", FORM, 8),
	COUNT(received_direct, "Mới nhận trực tiếp", "New direct", FORM, 8),
	COUNT(received_postal, "Mới nhận bưu chính", "New by post", FORM, 8),
	COUNT(resolved_total, "Đã giải quyết", "Resolved, total", FORM, 9),
	COUNT(resolved_early, "Giải quyết trước hạn", "Resolved early", FORM,
	      8),
	COUNT(resolved_on_time, "Giải quyết đúng hạn", "Resolved on time", FORM,
	      8),
	COUNT(resolved_late, "Giải quyết quá hạn", "Resolved late", FORM, 8),
	COUNT(in_progress_total, "Đang giải quyết", "In progress, total", FORM,
	      9),
	COUNT(in_progress_in_time, "Đang giải quyết trong hạn",
	      "In progress, in time", FORM, 8),
	COUNT(in_progress_overdue, "Đang giải quyết quá hạn",
	      "In progress, overdue", FORM, 8),
	COUNT(waiting_supplement, "Chờ bổ sung", "Waiting for a supplement",
	      FORM, 8),
	COUNT(refused, "Dừng xử lý", "Processing stopped", FORM, 8),
	COUNT(withdrawn, "Rút", "Withdrawn", FORM, 8),
	RATE("on_time_rate", "Tỷ lệ đúng hạn (trên đã giải quyết)",
	     "On-time rate (of resolved)", FORM, report_on_time_rate),
	RATE("online_rate", "Tỷ lệ trực tuyến", "Online share of new", FIG,
	     report_online_rate),
	COUNT(resolved_online, "Đã GQ nộp trực tuyến", "Resolved, filed online",
	      FIG, 8),
	RATE("online_rate_of_resolved", "Tỷ lệ trực tuyến/đã GQ",
	     "Online share of resolved", FIG, report_online_rate_of_resolved),
	COUNT(results_by_post, "Trả KQ bưu chính", "Results delivered by post",
	      FIG, 8),
	{"postal_uses", "Lượt bưu chính", "Postal service uses",
	 REPORT_COL_COUNT, FIG, 8, 0, report_postal_uses},
	COUNT(received_online_partial, "Trực tuyến một phần",
	      "New online, partial", FIG, 8),
	COUNT(received_online_full, "Trực tuyến toàn trình", "New online, full",
	      FIG, 8),
	COUNT(due_total, "Đến hạn", "Due (resolved + open overdue)", FIG, 8),
	RATE("on_time_rate_of_due", "Tỷ lệ đúng hạn/đến hạn",
	     "On-time rate (of due)", FIG, report_on_time_rate_of_due),
	COUNT(results_returned, "Đã trả kết quả", "Results returned", FIG, 8),
};
_Static_assert(sizeof(report_columns) / sizeof(*report_columns) ==
		       REPORT_N_COLUMNS,
	       "REPORT_N_COLUMNS counts the table");

int64_t report_column_value(const struct report_column *c,
			    const struct report_row *r)
{
	if (c->value)
		return c->value(r);
	return *(const int64_t *)((const char *)r + c->offset);
}

const char *report_col_type_name(enum report_col_type t)
{
	return t == REPORT_COL_RATE ? "rate" : "count";
}
