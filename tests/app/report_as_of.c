/*
 * report_as_of.c - a period that has not ended counts as of now: a
 * department's overdue figure in the running month equals the officer's
 * live list at the same moment; the aggregates still equal the scan; the
 * service index's progress counts open dossiers as of now too; an ended
 * period and its publication are the same whatever "now" is.
 */
#include "test.h"

#include "app/index.h"
#include "app/report.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"
#include "io/report_json.h"

static struct fixture fx;

#define DEPT "000.00.06.H56"
#define COMMUNE "000.31.21.H56"
#define NOW "2024-08-20 10:30" /* a Tuesday */

static char *run(const char *code, enum dossier_op op, const char *when,
		 const struct dossier *filing)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = op, .at = fixture_time(when), .note = "lý do"},
		.code = code,
		.filing = filing,
	};
	struct dossier out;
	struct mc_err err;
	enum mc_code rc = app_lifecycle(&fx.app, &req, &out, &err);
	CHECK_INT(rc, MC_OK);
	if (rc) {
		fprintf(stderr, "%s at %s: %s\n", dossier_op_name(op), when,
			err.message);
		return NULL;
	}
	char *c = strdup(out.code);
	dossier_release(&out);
	return c;
}

/* A counter filing of 1.000002 (3 working days) accepted at `when`. */
static char *accept(const char *unit, const char *when)
{
	struct dossier f;
	fixture_filing(&f, "1.000002", unit, CHANNEL_DIRECT);
	char *code = run(NULL, OP_ACCEPT, when, &f);
	dossier_release(&f);
	return code;
}

static void op(const char *code, enum dossier_op o, const char *when)
{
	free(run(code, o, when, NULL));
}

static char *overdue_code, *waiting_code, *due_today_code, *in_time_code;

/* The department in August 2024, every event before NOW. */
static void build_august(void)
{
	/* due Thursday 15/8: overdue now */
	overdue_code = accept(DEPT, "2024-08-12 09:00");
	op(overdue_code, OP_START, "2024-08-12 10:00");
	/* due Wednesday 21/8: in time now, overdue at the month's end */
	in_time_code = accept(DEPT, "2024-08-16 09:00");
	/* due this morning: resolved today it is on time, so not overdue */
	due_today_code = accept(DEPT, "2024-08-15 08:00");
	/* asked for a supplement before its due day, still waiting */
	waiting_code = accept(DEPT, "2024-08-12 09:00");
	op(waiting_code, OP_START, "2024-08-12 10:00");
	op(waiting_code, OP_REQUEST_SUPPLEMENT, "2024-08-14 09:00");
	/* supplemented 13/8 .. 16/8: the due date moved, then passed */
	char *c = accept(DEPT, "2024-08-09 09:00");
	op(c, OP_START, "2024-08-09 10:00");
	op(c, OP_REQUEST_SUPPLEMENT, "2024-08-13 09:00");
	op(c, OP_COMPLETE_SUPPLEMENT, "2024-08-14 15:00");
	free(c);
	/* resolved late: no longer open */
	c = accept(DEPT, "2024-08-05 09:00");
	op(c, OP_START, "2024-08-05 10:00");
	op(c, OP_FINISH, "2024-08-19 10:00");
	free(c);
	/* overdue, but at a commune outside the department */
	free(accept(COMMUNE, "2024-08-08 09:00"));
}

static const struct report_line *line(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->lines[i].key, key) == 0)
			return &r->lines[i];
	return NULL;
}

/* The officer's list: overdue=1 of the department, as the desk asks. */
struct listed {
	int64_t now, n, flagged;
	char codes[512];
};

static int note_listed(const struct dossier *d, void *ctx)
{
	struct listed *l = ctx;
	l->n++;
	l->flagged += report_dossier_overdue(d, l->now);
	size_t used = strlen(l->codes);
	snprintf(l->codes + used, sizeof(l->codes) - used, "%s ", d->code);
	return 0;
}

static struct listed officer_list(const char *unit)
{
	struct listed l = {.now = app_now(&fx.app)};
	struct dossier_query q = {unit, 0, report_overdue_cut(l.now)};
	CHECK_INT(store_dossier_search(fx.app.st, &q, note_listed, &l, NULL),
		  MC_OK);
	return l;
}

static int64_t dept_overdue(const char *period, struct report *rep)
{
	struct report_query q = {.by = REPORT_BY_UNIT};
	CHECK_INT(report_period_parse(period, 15, &q.period, "period", NULL),
		  MC_OK);
	CHECK_INT(app_report(&fx.app, &q, rep, NULL), MC_OK);
	const struct report_line *l = line(rep, DEPT);
	CHECK(l != NULL);
	return l ? l->row.in_progress_overdue : -1;
}

TEST(the_running_month_counts_overdue_as_the_officer_sees_it)
{
	fx.app.now = fixture_time(NOW);
	struct report rep;
	/* month:2024-09 is 15/8 .. 14/9: it runs */
	int64_t overdue = dept_overdue("month:2024-09", &rep);
	char buf[CIVIL_BUF];
	CHECK_STR(civil_format_local(rep.as_of, buf), NOW);
	CHECK_STR(civil_format_date(rep.counted.to, buf), "2024-08-20");
	const struct report_line *l = line(&rep, DEPT);
	struct listed live = officer_list(DEPT);
	CHECK_INT(overdue, live.n);
	CHECK_INT(live.flagged, live.n); /* the "overdue" flag agrees */
	CHECK(strstr(live.codes, overdue_code) != NULL);
	CHECK(strstr(live.codes, in_time_code) == NULL);
	CHECK(strstr(live.codes, due_today_code) == NULL);
	CHECK(strstr(live.codes, waiting_code) == NULL);
	CHECK(l && l->row.waiting_supplement == 1);
	CHECK(l && l->row.in_progress_total == 5);
	CHECK(report_row_balanced(&rep.total));
	report_release(&rep);

	/* the same month read the way it used to be, at its last day */
	fx.app.now = fixture_time("2024-09-15 08:00");
	int64_t at_end = dept_overdue("month:2024-09", &rep);
	CHECK_INT(rep.as_of, MC_NO_TIME);
	CHECK(at_end > overdue);
	report_release(&rep);
	fx.app.now = fixture_time(NOW);
}

static void same(const struct report_query *q)
{
	struct report fast, scan;
	CHECK_INT(app_report(&fx.app, q, &fast, NULL), MC_OK);
	CHECK_INT(app_report_scan(&fx.app, q, &scan, NULL), MC_OK);
	CHECK_INT(fast.n, scan.n);
	for (size_t i = 0; i < fast.n && i < scan.n; i++)
		CHECK(memcmp(&fast.lines[i].row, &scan.lines[i].row,
			     sizeof(struct report_row)) == 0);
	CHECK_INT(fast.as_of, scan.as_of);
	report_release(&fast);
	report_release(&scan);
}

TEST(as_of_now_the_aggregates_still_equal_the_scan)
{
	static const char *const periods[] = {"month:2024-09", "quarter:2024Q3",
					      "year:2024", "month:2024-10"};
	for (size_t p = 0; p < 4; p++)
		for (int by = REPORT_BY_UNIT; by <= REPORT_BY_PROCEDURE; by++) {
			struct report_query q = {.by = (enum report_by)by};
			CHECK_INT(report_period_parse(periods[p], 15, &q.period,
						      "period", NULL),
				  MC_OK);
			same(&q);
		}
}

static char *json_of(const char *period)
{
	struct report_query q = {.by = REPORT_BY_UNIT};
	struct report rep;
	struct strbuf sb;
	strbuf_init(&sb);
	CHECK_INT(report_period_parse(period, 15, &q.period, "period", NULL),
		  MC_OK);
	CHECK_INT(app_report(&fx.app, &q, &rep, NULL), MC_OK);
	report_json_write(&rep, &sb);
	report_release(&rep);
	return sb.buf;
}

TEST(an_ended_month_is_the_same_whatever_now_is)
{
	fx.app.now = fixture_time("2024-08-15 00:00");
	char *a = json_of("month:2024-08"); /* 15/7 .. 14/8 */
	fx.app.now = fixture_time("2026-01-01 00:00");
	char *b = json_of("month:2024-08");
	CHECK_STR(a, b);
	CHECK(strstr(a, "as_of") == NULL);
	free(a);
	free(b);
	fx.app.now = fixture_time(NOW);
	char *c = json_of("month:2024-09");
	CHECK(strstr(c, ",\"as_of\":\"2024-08-20 10:30\",") != NULL);
	free(c);
}

TEST(a_publication_of_an_ended_month_is_unchanged)
{
	/* published on 2 September; rendered again a year and a half later */
	fx.app.now = fixture_time("2024-09-02 08:00");
	struct mc_err err;
	CHECK_INT(
		app_publish(&fx.app, &fixture_operator, "month:2024-08", &err),
		MC_OK);
	fx.app.now = fixture_time("2026-03-01 08:00");
	struct snapshot s;
	bool intact = false;
	CHECK_INT(app_publish_show(&fx.app, "month:2024-08", &s, &intact, &err),
		  MC_OK);
	CHECK(intact);
	struct strbuf again;
	strbuf_init(&again);
	char *rules = NULL;
	CHECK_INT(app_publish_render(&fx.app, "month:2024-08", &again, &rules,
				     &err),
		  MC_OK);
	CHECK_STR(again.buf, s.content);
	CHECK(strstr(s.content, "as_of") == NULL);
	free(rules);
	strbuf_release(&again);
	snapshot_release(&s);
	fx.app.now = fixture_time(NOW);
}

static const struct index_ratio *progress(const char *period,
					  struct index_table *t)
{
	struct index_query q = {.unit = DEPT, .min_dossiers = 0};
	CHECK_INT(report_period_parse(period, 1, &q.period, "period", NULL),
		  MC_OK);
	CHECK_INT(app_index(&fx.app, &q, t, NULL), MC_OK);
	return &t->total.ind[IND_ON_TIME];
}

TEST(the_index_progress_counts_open_dossiers_as_of_now)
{
	/* calendar August: handled = 1 resolved (late) + 5 open now; in
	 * time: the open ones the officer's list does not call overdue */
	struct index_table t;
	const struct index_ratio *r = progress("month:2024-08", &t);
	char buf[CIVIL_BUF];
	CHECK_STR(civil_format_local(t.as_of, buf), NOW);
	struct listed live = officer_list(DEPT);
	CHECK_INT(r->den, 1 + 5);
	CHECK_INT(r->num, 5 - live.n);
	index_table_release(&t);

	/* at the end of August the same dossiers count overdue */
	fx.app.now = fixture_time("2024-09-01 08:00");
	r = progress("month:2024-08", &t);
	CHECK_INT(t.as_of, MC_NO_TIME);
	CHECK_INT(r->den, 6);
	CHECK(r->num < 5 - live.n);
	index_table_release(&t);
	fx.app.now = fixture_time(NOW);
}

TEST(setup)
{
	fixture_open(&fx);
	build_august();
	fx.app.now = fixture_time(NOW);
}

TEST(teardown)
{
	free(overdue_code);
	free(waiting_code);
	free(due_today_code);
	free(in_time_code);
	fixture_close(&fx);
}

TEST_MAIN(T(setup), T(the_running_month_counts_overdue_as_the_officer_sees_it),
	  T(as_of_now_the_aggregates_still_equal_the_scan),
	  T(an_ended_month_is_the_same_whatever_now_is),
	  T(a_publication_of_an_ended_month_is_unchanged),
	  T(the_index_progress_counts_open_dossiers_as_of_now), T(teardown))
