/*
 * summary.c - the published summary: the release of a hand-made month
 * line by line, and on a demo province the numbers of the release, read
 * back from its text, add up and equal the report's.
 */
#include "test.h"

#include <ctype.h>

#include "app/summary.h"
#include "core/civil.h"
#include "demo/demo.h"
#include "fixture.h"
#include "io/summary.h"

static struct fixture fx;

/* The release of fx for `period` (cut-off 1) at `unit`. */
static char *release(const char *period, const char *unit, int64_t min)
{
	struct summary_query q = {.period = period,
				  .cutoff = 1,
				  .unit = unit,
				  .min_resolved = min};
	struct summary s;
	struct mc_err err;
	CHECK_INT(app_summary(&fx.app, &q, &s, &err), MC_OK);
	struct strbuf sb;
	strbuf_init(&sb);
	summary_text_write(&s, &sb);
	summary_release(&s);
	return sb.buf;
}

static void same_lines(const char *text, const char *const *want, size_t n)
{
	const char *p = text ? text : "";
	for (size_t i = 0; i < n; i++) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *got = strndup(p, len);
		if (strcmp(got, want[i]) != 0) {
			fprintf(stderr, "line %zu:\n  got  %s\n  want %s\n",
				i + 1, got, want[i]);
			test_failed_checks++;
		}
		free(got);
		p += len + (nl != NULL);
	}
	CHECK_STR(p, ""); /* no line more */
}

/* fixture_march_2024, worked out by hand: 6 received (3 online, 2 at the
 * counter, 1 by post); 5 resolved (3 early, 1 on its due day, 1 late);
 * Huyện Hai's one open and overdue at the end of March. */
TEST(the_release_of_a_hand_made_month)
{
	static const char *const want[] = {
		"Kết quả giải quyết thủ tục hành chính tháng 3 năm 2024",
		"Tỉnh Thử, từ ngày 01/03/2024 đến ngày 31/03/2024.",
		"Tổng số hồ sơ tiếp nhận là 6 hồ sơ; trong đó, số mới tiếp "
		"nhận: 6 hồ sơ (trực tuyến: 3 hồ sơ; trực tiếp: 2 hồ sơ; qua "
		"dịch vụ bưu chính: 1 hồ sơ), số từ kỳ trước chuyển qua: 0 hồ "
		"sơ.",
		"Số hồ sơ đã giải quyết là 5 hồ sơ; trong đó, 3 hồ sơ giải "
		"quyết trước hạn, 1 hồ sơ giải quyết đúng hạn và 1 hồ sơ giải "
		"quyết quá hạn.",
		"Tỷ lệ giải quyết đúng hạn (trước hạn và đúng hạn) trên số hồ "
		"sơ đã giải quyết: 80,00%; trên số hồ sơ đến hạn (đã giải "
		"quyết "
		"và đang giải quyết quá hạn, 6 hồ sơ): 66,67%.",
		"Số hồ sơ đang giải quyết là 1 hồ sơ (trong hạn: 0 hồ sơ; quá "
		"hạn: 1 hồ sơ), trong đó 0 hồ sơ chờ bổ sung; dừng xử lý: 0 hồ "
		"sơ; rút hồ sơ: 0 hồ sơ.",
		"Hồ sơ nộp trực tuyến: 3/6 hồ sơ mới tiếp nhận (50,00%), 3/5 "
		"hồ "
		"sơ đã giải quyết (60,00%).",
		"- Cấp tỉnh: 2/2 hồ sơ mới tiếp nhận (100,00%), 2/2 hồ sơ đã "
		"giải quyết (100,00%); tỷ lệ giải quyết đúng hạn 100,00%.",
		"- Cấp huyện: 1/3 hồ sơ mới tiếp nhận (33,33%), 1/2 hồ sơ đã "
		"giải quyết (50,00%); tỷ lệ giải quyết đúng hạn 50,00%.",
		"- Cấp xã: 0/1 hồ sơ mới tiếp nhận (0,00%), 0/1 hồ sơ đã giải "
		"quyết (0,00%); tỷ lệ giải quyết đúng hạn 100,00%.",
		"Dịch vụ bưu chính công ích: 2 lượt sử dụng (tiếp nhận hồ sơ: "
		"1 "
		"lượt; trả kết quả: 1 lượt).",
		"Cơ quan, đơn vị có hồ sơ trực tuyến: 2/3.",
		"Có 1 cơ quan, đơn vị đạt tỷ lệ giải quyết đúng hạn 100%: Sở "
		"Tư "
		"pháp.",
		"Trong 2 cơ quan, đơn vị đã giải quyết từ 1 hồ sơ, tỷ lệ giải "
		"quyết đúng hạn cao nhất: 100,00% (1 cơ quan, đơn vị trên); "
		"thấp "
		"nhất: Huyện Một (66,67%).",
		"Hồ sơ trực tuyến theo cơ quan, đơn vị:",
		"- Sở Tư pháp: 2/2 (100,00%).",
		"- Huyện Một: 1/3 (33,33%).",
		"- Huyện Hai: 0/1 (0,00%).",
	};
	char *text = release("month:2024-03", NULL, 0);
	same_lines(text, want, sizeof(want) / sizeof(*want));
	free(text);
}

/* Ranked from 3 resolved: only Huyện Một, highest and lowest at once. */
TEST(a_minimum_leaves_one_unit_ranked)
{
	char *text = release("month:2024-03", NULL, 3);
	CHECK(text && strstr(text, "\nKhông có cơ quan, đơn vị nào đạt tỷ lệ "
				   "giải quyết đúng hạn 100%.\n"));
	CHECK(text && strstr(text, "\nTrong 1 cơ quan, đơn vị đã giải quyết "
				   "từ 3 hồ sơ, tỷ lệ giải quyết đúng hạn cao "
				   "nhất: Huyện Một (66,67%); thấp nhất: "
				   "Huyện Một (66,67%).\n"));
	free(text);
	/* no unit resolved 100 */
	text = release("month:2024-03", NULL, 100);
	CHECK(text && strstr(text, "\nChưa có cơ quan, đơn vị nào giải quyết "
				   "từ 100 hồ sơ để xếp hạng tỷ lệ đúng "
				   "hạn.\n"));
	free(text);
}

/* ---- reading the numbers back from the text ------------------------- */

/* The numbers of a line in order: "1.978" as 1978, "99,05%" as 9905 (a
 * rate in hundredths), "-" rates as -1. */
static size_t numbers(const char *s, int64_t *out, size_t cap)
{
	size_t n = 0;
	for (const char *p = s; *p && n < cap;) {
		if (p[0] == '-' && p[1] == '%') {
			out[n++] = -1;
			p += 2;
			continue;
		}
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		int64_t v = 0;
		for (;;) {
			while (isdigit((unsigned char)*p))
				v = v * 10 + (*p++ - '0');
			if (p[0] == '.' && isdigit((unsigned char)p[1]) &&
			    isdigit((unsigned char)p[2]) &&
			    isdigit((unsigned char)p[3]) &&
			    !isdigit((unsigned char)p[4]))
				p++;
			else
				break;
		}
		if (p[0] == ',' && isdigit((unsigned char)p[1])) {
			v = v * 100 + (p[1] - '0') * 10 + (p[2] - '0');
			p += 3;
		}
		out[n++] = v;
	}
	return n;
}

/* The numbers of the first line starting with `prefix`. */
static size_t line_numbers(const char *text, const char *prefix, int64_t *out,
			   size_t cap)
{
	for (const char *p = text; p && *p;) {
		const char *nl = strchr(p, '\n');
		if (strncmp(p, prefix, strlen(prefix)) == 0) {
			char *one =
				strndup(p, nl ? (size_t)(nl - p) : strlen(p));
			size_t n = numbers(one, out, cap);
			free(one);
			return n;
		}
		p = nl ? nl + 1 : NULL;
	}
	fprintf(stderr, "no line \"%s\"\n", prefix);
	test_failed_checks++;
	return 0;
}

static void adds_up(const char *text, const struct report *rep)
{
	const struct report_row *t = &rep->total;
	int64_t v[16];
	CHECK_INT(line_numbers(text, "Tổng số hồ sơ tiếp nhận", v, 16), 6);
	CHECK_INT(v[0], v[1] + v[5]);        /* received = new + carried */
	CHECK_INT(v[1], v[2] + v[3] + v[4]); /* new by channel */
	CHECK_INT(v[0], t->received_total);
	CHECK_INT(v[2], t->received_online);
	CHECK_INT(v[4], t->received_postal);
	int64_t received = v[0], postal_in = v[4];
	CHECK_INT(line_numbers(text, "Số hồ sơ đã giải quyết", v, 16), 4);
	CHECK_INT(v[0], v[1] + v[2] + v[3]);
	CHECK_INT(v[0], t->resolved_total);
	CHECK_INT(v[3], t->resolved_late);
	int64_t resolved = v[0], in_time = v[1] + v[2];
	CHECK_INT(line_numbers(text, "Số hồ sơ đang giải quyết", v, 16), 6);
	CHECK_INT(v[0], v[1] + v[2]);
	CHECK_INT(received, resolved + v[0] + v[4] + v[5]); /* the invariant */
	CHECK_INT(v[0], t->in_progress_total);
	int64_t overdue = v[2];
	CHECK_INT(line_numbers(text, "Tỷ lệ giải quyết đúng hạn", v, 16), 3);
	CHECK_INT(v[0], report_rate(in_time, resolved));
	CHECK_INT(v[1], resolved + overdue);
	CHECK_INT(v[2], report_rate(in_time, resolved + overdue));
	CHECK_INT(line_numbers(text, "Hồ sơ nộp trực tuyến", v, 16), 6);
	CHECK_INT(v[2], report_rate(v[0], v[1]));
	CHECK_INT(v[4], resolved);
	CHECK_INT(v[5], report_rate(v[3], v[4]));
	CHECK_INT(v[3], t->resolved_online);
	CHECK_INT(line_numbers(text, "Dịch vụ bưu chính công ích", v, 16), 3);
	CHECK_INT(v[0], v[1] + v[2]);
	CHECK_INT(v[1], postal_in);
	CHECK_INT(v[2], t->results_by_post);
	CHECK_INT(line_numbers(text, "Cơ quan, đơn vị có hồ sơ trực tuyến", v,
			       16),
		  2);
	CHECK_INT(v[0], (int64_t)rep->figures.with_online);
	CHECK_INT(v[1], (int64_t)rep->figures.units);
}

TEST(the_release_adds_up_on_a_demo_province)
{
	char dir[] = "/tmp/motcua-summary-XXXXXX", db[64];
	struct app app;
	struct mc_err err;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/s.db", dir);
	CHECK_INT(app_open(db, &app, &err), MC_OK);
	struct demo_options o = {.seed = 21, .dossiers = 2500};
	CHECK_INT(civil_parse_date("2026-06-30", &o.until, "until", NULL),
		  MC_OK);
	CHECK_INT(demo_build(&app, &o, NULL, &err), MC_OK);
	static const char *const periods[] = {"month:2026-05", "quarter:2026Q1",
					      "half:2026H1", "year:2025"};
	/* the province's children, then every commune */
	for (size_t p = 0; p < 4; p++)
		for (size_t u = 0; u < 2; u++) {
			struct summary_query q = {.period = periods[p],
						  .level = u ? LEVEL_COMMUNE
							     : 0};
			struct summary s;
			CHECK_INT(app_summary(&app, &q, &s, &err), MC_OK);
			struct strbuf sb;
			strbuf_init(&sb);
			summary_text_write(&s, &sb);
			/* the release's report is motcua report's */
			struct report_query rq = {.period = s.units.period,
						  .level = q.level};
			struct report r;
			CHECK_INT(app_report_scan(&app, &rq, &r, &err), MC_OK);
			CHECK(memcmp(&r.total, &s.units.total,
				     sizeof(r.total)) == 0);
			CHECK(memcmp(&s.levels.total, &s.units.total,
				     sizeof(r.total)) == 0 ||
			      q.level);
			CHECK(r.total.received_total > 0);
			adds_up(sb.buf, &r);
			report_release(&r);
			strbuf_release(&sb);
			summary_release(&s);
		}
	app_close(&app);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
}

TEST(a_bad_period_is_refused)
{
	struct summary_query q = {.period = "month:2024-13"};
	struct summary s;
	struct mc_err err;
	CHECK_INT(app_summary(&fx.app, &q, &s, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "period");
	q.period = NULL;
	CHECK_INT(app_summary(&fx.app, &q, &s, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "period");
}

TEST(vietnamese_numbers)
{
	char b[32];
	CHECK_STR(summary_vi_int(0, b), "0");
	CHECK_STR(summary_vi_int(999, b), "999");
	CHECK_STR(summary_vi_int(1978, b), "1.978");
	CHECK_STR(summary_vi_int(131873, b), "131.873");
	CHECK_STR(summary_vi_int(8188730383, b), "8.188.730.383");
	CHECK_STR(summary_vi_int(-1234567, b), "-1.234.567");
	CHECK_STR(summary_vi_rate(9905, b), "99,05%");
	CHECK_STR(summary_vi_rate(10000, b), "100,00%");
	CHECK_STR(summary_vi_rate(7, b), "0,07%");
	CHECK_STR(summary_vi_rate(-1, b), "-");
}

TEST(setup)
{
	fixture_open(&fx);
	fixture_march_2024(&fx);
}
TEST(teardown) { fixture_close(&fx); }

TEST_MAIN(T(setup), T(vietnamese_numbers), T(the_release_of_a_hand_made_month),
	  T(a_minimum_leaves_one_unit_ranked), T(a_bad_period_is_refused),
	  T(the_release_adds_up_on_a_demo_province), T(teardown))
