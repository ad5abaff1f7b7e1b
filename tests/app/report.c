/*
 * report.c - the aggregate-backed report against the reference scan,
 * after every kind of write: lifecycle operations (with transfers and
 * supplements), a calendar change that moves due dates, a failed
 * operation, and a merger read as it was and restated.
 */
#include "test.h"

#include "app/report.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"
#include "io/report_json.h"

static struct fixture fx;

static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static const char *const units[] = {"000.00.06.H56", "000.00.31.H56",
				    "000.31.21.H56"};

static void same_reports(const struct report_query *q, const char *when)
{
	struct report fast, scan;
	struct mc_err err;
	CHECK_INT(app_report(&fx.app, q, &fast, &err), MC_OK);
	CHECK_INT(app_report_scan(&fx.app, q, &scan, &err), MC_OK);
	CHECK_INT(fast.n, scan.n);
	for (size_t i = 0; i < fast.n && i < scan.n; i++) {
		CHECK_STR(fast.lines[i].key, scan.lines[i].key);
		if (memcmp(&fast.lines[i].row, &scan.lines[i].row,
			   sizeof(struct report_row)) != 0) {
			fprintf(stderr,
				"%s: line %s differs (received %lld "
				"vs %lld, open %lld vs %lld)\n",
				when, fast.lines[i].key,
				(long long)fast.lines[i].row.received_total,
				(long long)scan.lines[i].row.received_total,
				(long long)fast.lines[i].row.in_progress_total,
				(long long)scan.lines[i].row.in_progress_total);
			test_failed_checks++;
		}
		CHECK(report_row_balanced(&fast.lines[i].row));
	}
	CHECK(report_row_balanced(&fast.total));
	/* every row, rate and figure as the JSON contract gives them */
	struct strbuf a, b;
	strbuf_init(&a);
	strbuf_init(&b);
	report_json_write(&fast, &a);
	report_json_write(&scan, &b);
	if (strcmp(a.buf, b.buf) != 0) {
		fprintf(stderr, "%s: the JSON differs:\n%s\n%s\n", when, a.buf,
			b.buf);
		test_failed_checks++;
	}
	strbuf_release(&a);
	strbuf_release(&b);
	report_release(&fast);
	report_release(&scan);
}

static void all_views_agree(const char *when)
{
	static const char *const periods[] = {"month:2024-07", "month:2024-08",
					      "quarter:2024Q3", "year:2024"};
	for (size_t p = 0; p < 4; p++)
		for (int by = REPORT_BY_UNIT; by <= REPORT_BY_PROCEDURE; by++) {
			struct report_query q = {.by = (enum report_by)by};
			CHECK_INT(report_period_parse(periods[p], 15, &q.period,
						      "period", NULL),
				  MC_OK);
			same_reports(&q, when);
			q.unit = "000.00.31.H56";
			same_reports(&q, when);
		}
	/* every unit of a level, and a ranking with a minimum */
	for (size_t p = 0; p < 4; p++)
		for (int l = LEVEL_PROVINCE; l <= LEVEL_COMMUNE; l++) {
			struct report_query q = {.level = (enum unit_level)l,
						 .min_resolved = 1 + p % 3};
			CHECK_INT(report_period_parse(periods[p], 15, &q.period,
						      "period", NULL),
				  MC_OK);
			same_reports(&q, when);
		}
}

static enum mc_code apply(const char *code, enum dossier_op op, int64_t at,
			  const char *to)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = op,
			   .at = at,
			   .note = "lý do",
			   .to_unit = to,
			   .delivery = (enum delivery)(at % 2)},
		.code = code,
	};
	struct dossier out;
	enum mc_code rc = app_lifecycle(&fx.app, &req, &out, NULL);
	if (!rc)
		dossier_release(&out);
	return rc;
}

/* One dossier driven through random allowed steps from `at`. */
static void random_life(uint64_t *seed, int64_t at)
{
	struct dossier f, d;
	const char *unit = units[rng(seed) % 3];
	fixture_filing(&f, rng(seed) % 2 ? "1.000001" : "1.000004", unit,
		       rng(seed) % 3 ? CHANNEL_ONLINE : CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = f.channel == CHANNEL_ONLINE ? OP_REGISTER
							     : OP_ACCEPT,
			   .at = at},
		.filing = &f,
	};
	if (app_lifecycle(&fx.app, &req, &d, NULL) != MC_OK) {
		dossier_release(&f);
		return;
	}
	char *code = strdup(d.code);
	dossier_release(&d);
	dossier_release(&f);
	for (int step = 0; step < 8; step++) {
		at += (int64_t)(rng(seed) % (3 * 86400));
		enum dossier_op op = (enum dossier_op)(rng(seed) % OP__COUNT);
		apply(code, op, at, units[rng(seed) % 3]);
	}
	free(code);
}

TEST(aggregates_follow_every_lifecycle_step)
{
	uint64_t seed = 11;
	int64_t start = fixture_time("2024-06-20 08:00");
	for (int i = 0; i < 150; i++)
		random_life(&seed,
			    start + (int64_t)(rng(&seed) % (60 * 86400)));
	all_views_agree("after lifecycles");
}

TEST(a_calendar_change_moves_due_dates_in_the_aggregates)
{
	struct calendar_override off = {civil_days(2024, 7, 22), false,
					"Nghỉ đột xuất"};
	size_t changed = 0;
	/* open over the new day off, whatever ran before: 5 working days
	 * from Thursday the 18th */
	struct dossier f;
	fixture_filing(&f, "1.000001", "000.00.06.H56", CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2024-07-18 09:00")},
		.filing = &f,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, NULL), MC_OK);
	dossier_release(&f);
	CHECK_INT(app_calendar_change(&fx.app, &off, false, "admin", &changed,
				      NULL),
		  MC_OK);
	CHECK(changed > 0);
	all_views_agree("after a calendar change");
}

TEST(a_failed_operation_leaves_the_aggregates)
{
	char before[65], after[65];
	fixture_digest(&fx, before);
	struct dossier f;
	fixture_filing(&f, "1.000001", "000.00.99.H56", CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2024-07-01 09:00")},
		.filing = &f,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, NULL), MC_ERR_NOT_FOUND);
	CHECK_STR(fixture_digest(&fx, after), before);
	dossier_release(&f);
}

/* An imported dossier with anomalies, stored as the import stores it:
 * times as given, some in the wrong order, some due dates missing. */
static void odd_dossier(uint64_t *seed, int i, const char *procedure)
{
	static const int statuses[] = {ST_ACCEPTED, ST_PROCESSING, ST_FINISHED,
				       ST_RETURNED, ST_WITHDRAWN,  ST_STOPPED};
	struct dossier d;
	char code[32];
	fixture_filing(&d, procedure, units[rng(seed) % 3],
		       rng(seed) % 2 ? CHANNEL_ONLINE : CHANNEL_DIRECT);
	snprintf(code, sizeof(code), "CU-%04d", i);
	str_set(&d.code, code);
	d.status = (enum dossier_status)statuses[rng(seed) % 6];
	int64_t at = fixture_time("2024-06-25 08:00") +
		     (int64_t)(rng(seed) % (55 * 86400));
	d.received = at;
	d.submitted = at + (rng(seed) % 4 == 0 ? 300 : -3600);
	switch (rng(seed) % 4) {
	case 0: d.due = MC_NO_TIME; break;
	case 1: d.due = at - (int64_t)(rng(seed) % (5 * 86400)); break;
	default: d.due = at + (int64_t)(rng(seed) % (20 * 86400)); break;
	}
	if (!dossier_status_ended(d.status) && rng(seed) % 5 == 0)
		d.finished = at + 7200; /* an end time the status denies */
	if (dossier_status_ended(d.status))
		d.finished = rng(seed) % 5 == 0
				     ? at - 60
				     : at + (int64_t)(rng(seed) % (30 * 86400));
	if (d.status == ST_RETURNED)
		d.returned = d.finished + (rng(seed) % 3 == 0 ? -600 : 3600);
	struct mc_err err;
	if (dossier_check(&d, &err) == MC_OK)
		CHECK_INT(app_dossier_put(&fx.app, &d, NULL, &err), MC_OK);
	dossier_release(&d);
}

/* The resolved and open counts of one procedure in one month. */
static struct report_row procedure_row(const char *period, const char *code)
{
	struct report_query q = {.by = REPORT_BY_PROCEDURE};
	struct report r;
	struct report_row row = {0};
	CHECK_INT(report_period_parse(period, 1, &q.period, "period", NULL),
		  MC_OK);
	CHECK_INT(app_report(&fx.app, &q, &r, NULL), MC_OK);
	for (size_t i = 0; i < r.n; i++)
		if (strcmp(r.lines[i].key, code) == 0)
			row = r.lines[i].row;
	report_release(&r);
	return row;
}

/* A dossier without a due date is never late: resolved on time, open in
 * time; one whose appointment came before its reception is late. */
TEST(anomalous_dossiers_in_the_reports)
{
	struct dossier d;
	struct mc_err err;
	fixture_filing(&d, "1.000002", "000.00.06.H56", CHANNEL_DIRECT);
	str_set(&d.code, "CU-NODUE-1");
	d.status = ST_FINISHED;
	d.received = fixture_time("2024-05-06 09:00");
	d.finished = fixture_time("2024-05-20 09:00");
	CHECK_INT(app_dossier_put(&fx.app, &d, NULL, &err), MC_OK);
	str_set(&d.code, "CU-NODUE-2");
	d.handle = 0;
	d.status = ST_PROCESSING;
	d.finished = MC_NO_TIME;
	CHECK_INT(app_dossier_put(&fx.app, &d, NULL, &err), MC_OK);
	str_set(&d.code, "CU-EARLYDUE");
	d.handle = 0;
	d.status = ST_FINISHED;
	d.due = fixture_time("2024-05-05 17:00");
	d.finished = fixture_time("2024-05-06 10:00");
	CHECK_INT(app_dossier_put(&fx.app, &d, NULL, &err), MC_OK);
	dossier_release(&d);
	struct report_row r = procedure_row("month:2024-05", "1.000002");
	CHECK_INT(r.received_total, 3);
	CHECK_INT(r.resolved_on_time, 1);
	CHECK_INT(r.resolved_late, 1);
	CHECK_INT(r.resolved_early, 0);
	CHECK_INT(r.in_progress_in_time, 1);
	CHECK_INT(r.in_progress_overdue, 0);
	/* and in the months after, still open and in time */
	r = procedure_row("month:2024-09", "1.000002");
	CHECK_INT(r.in_progress_in_time, 1);
	CHECK_INT(r.in_progress_overdue, 0);

	uint64_t seed = 5;
	for (int i = 0; i < 200; i++)
		odd_dossier(&seed, i, rng(&seed) % 2 ? "1.000001" : "1.000004");
	all_views_agree("after anomalous imports");
}

static int64_t received(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->lines[i].key, key) == 0)
			return r->lines[i].row.received_total;
	return -1;
}

TEST(a_merger_as_it_was_and_restated)
{
	/* Huyện Hai (000.00.32) served until 2025-06-30, then merged into
	 * Huyện Một (000.00.31). */
	struct dossier f;
	fixture_filing(&f, "1.000001", "000.00.32.H56", CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2025-06-10 09:00")},
		.filing = &f,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, NULL), MC_OK);
	req.params.at = fixture_time("2025-06-11 09:00");
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, NULL), MC_OK);
	dossier_release(&f);
	fixture_filing(&f, "1.000001", "000.00.31.H56", CHANNEL_DIRECT);
	req.params.at = fixture_time("2025-06-12 09:00");
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, NULL), MC_OK);
	dossier_release(&f);

	struct report_query q = {.by = REPORT_BY_UNIT};
	q.period.from = civil_days(2025, 6, 1);
	q.period.to = civil_days(2025, 12, 31);
	struct report as_was, restated;
	CHECK_INT(app_report(&fx.app, &q, &as_was, NULL), MC_OK);
	CHECK_INT(received(&as_was, "000.00.32.H56"), 2);
	int64_t one = received(&as_was, "000.00.31.H56");
	CHECK(one >= 1);
	same_reports(&q, "as it was");
	q.restated = true;
	CHECK_INT(app_report(&fx.app, &q, &restated, NULL), MC_OK);
	CHECK_INT(received(&restated, "000.00.32.H56"), -1); /* no line */
	CHECK_INT(received(&restated, "000.00.31.H56"), one + 2);
	CHECK_INT(restated.total.received_total, as_was.total.received_total);
	same_reports(&q, "restated");
	report_release(&as_was);
	report_release(&restated);
}

TEST(bad_queries_are_refused)
{
	struct report r;
	struct mc_err err;
	struct report_query q = {.by = REPORT_BY_FIELD, .restated = true};
	q.period.from = civil_days(2024, 1, 1);
	q.period.to = civil_days(2024, 1, 31);
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "restated");
	q.restated = false;
	q.unit = "000.99.99.H56";
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "unit");
	q.unit = NULL;
	q.period.to = q.period.from - 1;
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "to");
	struct report_period p;
	CHECK_INT(report_period_parse("quarter:2024Q5", 15, &p, "period", &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "period");
	CHECK_INT(report_period_parse("month:2024-04", 29, &p, "period", &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "cutoff");
	q.period.to = q.period.from + 30;
	q.level = LEVEL_COMMUNE;
	q.by = REPORT_BY_FIELD;
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "level");
	q.by = REPORT_BY_UNIT;
	q.restated = true;
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "level");
	q.restated = false;
	q.level = 0;
	q.min_resolved = -1;
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "min_resolved");
}

TEST(periods_follow_the_cutoff)
{
	struct report_period p;
	char a[CIVIL_BUF], b[CIVIL_BUF];
	CHECK_INT(report_period_parse("quarter:2024Q1", 15, &p, "period", NULL),
		  MC_OK);
	CHECK_STR(civil_format_date(p.from, a), "2023-12-15");
	CHECK_STR(civil_format_date(p.to, b), "2024-03-14");
	CHECK_INT(report_period_parse("half:2024H2", 21, &p, "period", NULL),
		  MC_OK);
	CHECK_STR(civil_format_date(p.from, a), "2024-06-21");
	CHECK_STR(civil_format_date(p.to, b), "2024-12-20");
	CHECK_INT(report_period_parse("nine:2024", 1, &p, "period", NULL),
		  MC_OK);
	CHECK_STR(civil_format_date(p.from, a), "2024-01-01");
	CHECK_STR(civil_format_date(p.to, b), "2024-09-30");
	CHECK_INT(report_period_parse("year:2024", 15, &p, "period", NULL),
		  MC_OK);
	CHECK_STR(civil_format_date(p.from, a), "2023-12-15");
	CHECK_STR(civil_format_date(p.to, b), "2024-12-14");
}

/* The report keeps the unit tree in memory; a unit added by another
 * process (here another handle) shows at the next report. */
TEST(a_new_unit_shows_without_reopening)
{
	struct report_query q = {.by = REPORT_BY_UNIT};
	q.period.from = civil_days(2024, 7, 1);
	q.period.to = civil_days(2024, 7, 31);
	struct report r;
	struct mc_err err;
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_OK);
	size_t lines = r.n;
	report_release(&r);
	struct app other;
	CHECK_INT(app_open(fx.db, &other, &err), MC_OK);
	struct unit u;
	unit_init(&u);
	str_set(&u.code, "000.00.40.H56");
	str_set(&u.name, "Huyện Mới");
	str_set(&u.parent, "000.00.00.H56");
	u.level = LEVEL_DISTRICT;
	CHECK_INT(store_unit_put(other.st, &u, &err), MC_OK);
	unit_release(&u);
	app_close(&other);
	CHECK_INT(app_report(&fx.app, &q, &r, &err), MC_OK);
	CHECK_INT(r.n, lines + 1);
	CHECK_STR(r.lines[r.n - 1].name, "Huyện Mới");
	report_release(&r);
}

static struct report march_report(const char *unit, enum unit_level level,
				  int64_t min_resolved)
{
	struct report_query q = {
		.unit = unit, .level = level, .min_resolved = min_resolved};
	q.period.from = civil_days(2024, 3, 1);
	q.period.to = civil_days(2024, 3, 31);
	struct report r;
	CHECK_INT(app_report(&fx.app, &q, &r, NULL), MC_OK);
	same_reports(&q, "march");
	return r;
}

static const char *unit_at(const struct report *r, const size_t *at, size_t i)
{
	return r->lines[r->first_unit + at[i]].key;
}

/* March 2024, by hand (fixture_march_2024): the department 2 of 2 in
 * time, district 31 with its commune 2 of 3, district 32 one open. */
TEST(figures_of_a_hand_made_month)
{
	fixture_march_2024(&fx);
	struct report r = march_report(NULL, 0, 0);
	const struct report_row *t = &r.total;
	CHECK_INT(t->received_new, 6);
	CHECK_INT(t->received_online, 3);
	CHECK_INT(t->resolved_total, 5);
	CHECK_INT(t->resolved_online, 3);
	CHECK_INT(report_online_rate_of_resolved(t), 6000);
	CHECK_INT(report_online_rate(t), 5000);
	CHECK_INT(t->received_postal, 1);
	CHECK_INT(t->results_by_post, 1);
	CHECK_INT(report_postal_uses(t), 2);
	const struct report_figures *f = &r.figures;
	CHECK_INT(f->min_resolved, 1);
	CHECK_INT(f->units, 3);
	CHECK_INT(f->with_online, 2);
	CHECK_INT(f->ranked, 2);
	CHECK_INT(f->n_at_full, 1);
	CHECK_STR(unit_at(&r, f->at_full, 0), "000.00.06.H56");
	CHECK_INT(f->n_highest, 1);
	CHECK_STR(unit_at(&r, f->highest, 0), "000.00.06.H56");
	CHECK_INT(f->n_lowest, 1);
	CHECK_STR(unit_at(&r, f->lowest, 0), "000.00.31.H56");
	CHECK_INT(
		report_on_time_rate(&r.lines[r.first_unit + f->lowest[0]].row),
		6667);
	report_release(&r);

	/* at least 3 resolved: only district 31 is ranked */
	r = march_report(NULL, 0, 3);
	CHECK_INT(r.figures.ranked, 1);
	CHECK_INT(r.figures.n_at_full, 0);
	CHECK_STR(unit_at(&r, r.figures.highest, 0), "000.00.31.H56");
	CHECK_STR(unit_at(&r, r.figures.lowest, 0), "000.00.31.H56");
	report_release(&r);

	/* the districts each with their own dossiers: 31 resolved 2, 1 in
	 * time; the lines add up to the district level's line */
	r = march_report(NULL, LEVEL_DISTRICT, 0);
	CHECK_INT(r.first_unit, 0);
	CHECK_INT(r.n, 2);
	CHECK_STR(r.lines[0].key, "000.00.31.H56");
	CHECK_INT(r.lines[0].row.resolved_total, 2);
	CHECK_INT(report_on_time_rate(&r.lines[0].row), 5000);
	CHECK_STR(r.lines[1].key, "000.00.32.H56");
	CHECK_INT(r.lines[1].row.in_progress_total, 1);
	struct report_query by_level = {.by = REPORT_BY_LEVEL};
	by_level.period = r.period;
	struct report levels;
	CHECK_INT(app_report(&fx.app, &by_level, &levels, NULL), MC_OK);
	CHECK(memcmp(&levels.lines[LEVEL_DISTRICT - 1].row, &r.total,
		     sizeof(r.total)) == 0);
	report_release(&levels);
	report_release(&r);
	r = march_report("000.00.31.H56", LEVEL_COMMUNE, 0);
	CHECK_INT(r.n, 1);
	CHECK_INT(r.figures.n_at_full, 1);
	CHECK_INT(report_postal_uses(&r.total), 2);
	report_release(&r);
}

static void setup(void) { fixture_open(&fx); }
static void teardown(void) { fixture_close(&fx); }

TEST_MAIN_WITH(setup, teardown, T(figures_of_a_hand_made_month),
	       T(aggregates_follow_every_lifecycle_step),
	       T(a_calendar_change_moves_due_dates_in_the_aggregates),
	       T(a_failed_operation_leaves_the_aggregates),
	       T(anomalous_dossiers_in_the_reports),
	       T(a_merger_as_it_was_and_restated), T(bad_queries_are_refused),
	       T(periods_follow_the_cutoff),
	       T(a_new_unit_shows_without_reopening))
