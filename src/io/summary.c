/*
 * summary.c - the published summary as text and JSON (see summary.h).
 * The sentences follow the provinces' own releases ("tổng số hồ sơ đã
 * tiếp nhận là ...; trong đó, số mới tiếp nhận ...").
 */
#include "io/summary.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "io/report_json.h"

const char *summary_vi_int(int64_t v, char *buf)
{
	char digits[24];
	int n = snprintf(digits, sizeof(digits), "%" PRIu64,
			 v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	size_t k = 0;
	if (v < 0)
		buf[k++] = '-';
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			buf[k++] = '.';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
	return buf;
}

const char *summary_vi_rate(int64_t rate, char *buf)
{
	if (rate < 0)
		return strcpy(buf, "-");
	char whole[32];
	snprintf(buf, 32, "%s,%02" PRId64 "%%",
		 summary_vi_int(rate / 100, whole), rate % 100);
	return buf;
}

/* Shorthands for one sentence: numbers and rates in Vietnamese style,
 * each in its own buffer of a small ring. */
struct fmt {
	char buf[12][32];
	int next;
};

static const char *n_(struct fmt *f, int64_t v)
{
	return summary_vi_int(v, f->buf[f->next++ % 12]);
}

static const char *r_(struct fmt *f, int64_t rate)
{
	return summary_vi_rate(rate, f->buf[f->next++ % 12]);
}

static void received(struct strbuf *sb, const struct report_row *t)
{
	struct fmt f = {0};
	strbuf_addf(sb,
		    "Tổng số hồ sơ tiếp nhận là %s hồ sơ; trong đó, số mới "
		    "tiếp nhận: %s hồ sơ (trực tuyến: %s hồ sơ; trực tiếp: %s "
		    "hồ sơ; qua dịch vụ bưu chính: %s hồ sơ), số từ kỳ trước "
		    "chuyển qua: %s hồ sơ.\n",
		    n_(&f, t->received_total), n_(&f, t->received_new),
		    n_(&f, t->received_online), n_(&f, t->received_direct),
		    n_(&f, t->received_postal), n_(&f, t->carried_over));
}

static void resolved(struct strbuf *sb, const struct report_row *t)
{
	struct fmt f = {0};
	strbuf_addf(sb,
		    "Số hồ sơ đã giải quyết là %s hồ sơ; trong đó, %s hồ sơ "
		    "giải quyết trước hạn, %s hồ sơ giải quyết đúng hạn và %s "
		    "hồ sơ giải quyết quá hạn.\n",
		    n_(&f, t->resolved_total), n_(&f, t->resolved_early),
		    n_(&f, t->resolved_on_time), n_(&f, t->resolved_late));
	strbuf_addf(sb,
		    "Tỷ lệ giải quyết đúng hạn (trước hạn và đúng hạn) trên số "
		    "hồ sơ đã giải quyết: %s; trên số hồ sơ đến hạn (đã giải "
		    "quyết và đang giải quyết quá hạn, %s hồ sơ): %s.\n",
		    r_(&f, report_on_time_rate(t)), n_(&f, t->due_total),
		    r_(&f, report_on_time_rate_of_due(t)));
}

static void open_and_ended(struct strbuf *sb, const struct report_row *t)
{
	struct fmt f = {0};
	strbuf_addf(
		sb,
		"Số hồ sơ đang giải quyết là %s hồ sơ (trong hạn: %s hồ "
		"sơ; quá hạn: %s hồ sơ), trong đó %s hồ sơ chờ bổ sung; "
		"dừng xử lý: %s hồ sơ; rút hồ sơ: %s hồ sơ.\n",
		n_(&f, t->in_progress_total), n_(&f, t->in_progress_in_time),
		n_(&f, t->in_progress_overdue), n_(&f, t->waiting_supplement),
		n_(&f, t->refused), n_(&f, t->withdrawn));
}

/* "x/y hồ sơ mới tiếp nhận (r), x/y hồ sơ đã giải quyết (r)" */
static void online_shares(struct strbuf *sb, const struct report_row *r)
{
	struct fmt f = {0};
	strbuf_addf(sb,
		    "%s/%s hồ sơ mới tiếp nhận (%s), %s/%s hồ sơ đã giải quyết "
		    "(%s)",
		    n_(&f, r->received_online), n_(&f, r->received_new),
		    r_(&f, report_online_rate(r)), n_(&f, r->resolved_online),
		    n_(&f, r->resolved_total),
		    r_(&f, report_online_rate_of_resolved(r)));
}

static void online(struct strbuf *sb, const struct summary *s)
{
	strbuf_puts(sb, "Hồ sơ nộp trực tuyến: ");
	online_shares(sb, &s->units.total);
	strbuf_puts(sb, ".\n");
	/* with a level, the totals are that level's already */
	for (size_t i = 0; !s->units.level && i < s->levels.n; i++) {
		const struct report_line *l = &s->levels.lines[i];
		if (!l->row.received_total && !l->row.results_returned)
			continue;
		strbuf_addf(sb, "- %s: ", l->name);
		online_shares(sb, &l->row);
		char rate[32];
		strbuf_addf(
			sb, "; tỷ lệ giải quyết đúng hạn %s.\n",
			summary_vi_rate(report_on_time_rate(&l->row), rate));
	}
}

static void postal(struct strbuf *sb, const struct report_row *t)
{
	struct fmt f = {0};
	strbuf_addf(sb,
		    "Dịch vụ bưu chính công ích: %s lượt sử dụng (tiếp nhận "
		    "hồ sơ: %s lượt; trả kết quả: %s lượt).\n",
		    n_(&f, report_postal_uses(t)), n_(&f, t->received_postal),
		    n_(&f, t->results_by_post));
}

/* The names (with rates when `rates`) of the units at figure positions. */
static void names(struct strbuf *sb, const struct report *rep, const size_t *at,
		  size_t n, bool rates)
{
	for (size_t i = 0; i < n; i++) {
		const struct report_line *l =
			&rep->lines[rep->first_unit + at[i]];
		char rate[32];
		strbuf_addf(sb, "%s%s", i ? ", " : "", l->name);
		if (rates)
			strbuf_addf(
				sb, " (%s)",
				summary_vi_rate(report_on_time_rate(&l->row),
						rate));
	}
}

static void ranking(struct strbuf *sb, const struct report *rep)
{
	const struct report_figures *f = &rep->figures;
	struct fmt b = {0};
	strbuf_addf(sb, "Cơ quan, đơn vị có hồ sơ trực tuyến: %s/%s.\n",
		    n_(&b, (int64_t)f->with_online), n_(&b, (int64_t)f->units));
	if (!f->ranked) {
		strbuf_addf(
			sb,
			"Chưa có cơ quan, đơn vị nào giải quyết từ %s hồ sơ "
			"để xếp hạng tỷ lệ đúng hạn.\n",
			n_(&b, f->min_resolved));
		return;
	}
	if (f->n_at_full) {
		strbuf_addf(sb,
			    "Có %s cơ quan, đơn vị đạt tỷ lệ giải quyết đúng "
			    "hạn 100%%: ",
			    n_(&b, (int64_t)f->n_at_full));
		names(sb, rep, f->at_full, f->n_at_full, false);
		strbuf_puts(sb, ".\n");
	} else {
		strbuf_puts(sb, "Không có cơ quan, đơn vị nào đạt tỷ lệ giải "
				"quyết đúng hạn 100%.\n");
	}
	strbuf_addf(sb,
		    "Trong %s cơ quan, đơn vị đã giải quyết từ %s hồ sơ, tỷ lệ "
		    "giải quyết đúng hạn cao nhất: ",
		    n_(&b, (int64_t)f->ranked), n_(&b, f->min_resolved));
	/* the highest are those at 100% when any reached it */
	if (f->n_at_full)
		strbuf_addf(sb, "100,00%% (%s cơ quan, đơn vị trên)",
			    n_(&b, (int64_t)f->n_at_full));
	else
		names(sb, rep, f->highest, f->n_highest, true);
	strbuf_puts(sb, "; thấp nhất: ");
	names(sb, rep, f->lowest, f->n_lowest, true);
	strbuf_puts(sb, ".\n");
}

static void online_by_unit(struct strbuf *sb, const struct report *rep)
{
	bool any = false;
	for (size_t i = rep->first_unit; i < rep->n; i++) {
		const struct report_row *r = &rep->lines[i].row;
		if (!r->received_new)
			continue;
		if (!any)
			strbuf_puts(sb,
				    "Hồ sơ trực tuyến theo cơ quan, đơn vị:\n");
		any = true;
		struct fmt f = {0};
		strbuf_addf(sb, "- %s: %s/%s (%s).\n", rep->lines[i].name,
			    n_(&f, r->received_online), n_(&f, r->received_new),
			    r_(&f, report_online_rate(r)));
	}
}

static const char *level_name(enum unit_level l)
{
	return l == LEVEL_PROVINCE   ? "cấp tỉnh"
	       : l == LEVEL_DISTRICT ? "cấp huyện"
				     : "cấp xã";
}

void summary_text_write(const struct summary *s, struct strbuf *sb)
{
	const struct report *u = &s->units;
	int fy, fm, fd, ty, tm, td;
	civil_from_days(u->period.from, &fy, &fm, &fd);
	civil_from_days(u->period.to, &ty, &tm, &td);
	strbuf_addf(sb, "Kết quả giải quyết thủ tục hành chính %s\n", s->title);
	strbuf_addf(
		sb, "%s%s%s, từ ngày %02d/%02d/%04d đến ngày %02d/%02d/%04d.\n",
		u->unit_name, u->level ? ", các cơ quan, đơn vị " : "",
		u->level ? level_name(u->level) : "", fd, fm, fy, td, tm, ty);
	char now[CIVIL_BUF];
	if (u->as_of != MC_NO_TIME)
		strbuf_addf(sb,
			    "Số liệu tính đến (as of) %s, kỳ báo cáo chưa kết "
			    "thúc.\n",
			    civil_format_local(u->as_of, now));
	received(sb, &u->total);
	resolved(sb, &u->total);
	open_and_ended(sb, &u->total);
	online(sb, s);
	postal(sb, &u->total);
	ranking(sb, u);
	online_by_unit(sb, u);
}

void summary_json_write(const struct summary *s, struct strbuf *sb)
{
	struct strbuf text;
	strbuf_init(&text);
	summary_text_write(s, &text);
	strbuf_puts(sb, "{\"period\":");
	strbuf_json_string(sb, s->period);
	strbuf_puts(sb, ",\"title\":");
	strbuf_json_string(sb, s->title);
	strbuf_puts(sb, ",\"lines\":[");
	const char *p = text.buf ? text.buf : "";
	for (bool first = true; *p; first = false) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *one = strndup(p, len);
		if (!first)
			strbuf_puts(sb, ",");
		strbuf_json_string(sb, one ? one : "");
		if (!one)
			sb->oom = true;
		free(one);
		p += len + (nl != NULL);
	}
	strbuf_puts(sb, "],\"report\":");
	report_json_write(&s->units, sb);
	strbuf_puts(sb, ",\"levels\":");
	report_json_write(&s->levels, sb);
	strbuf_puts(sb, "}");
	if (text.oom)
		sb->oom = true;
	strbuf_release(&text);
}
