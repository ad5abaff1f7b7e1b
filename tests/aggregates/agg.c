/*
 * agg.c - the aggregate engine (src/aggregates) over the SQLite store: the
 * aggregates when the in-memory cell map spills to the
 * database many times inside one transaction (a large import or a
 * rebuild), and after a full rebuild: the reports still equal the scan.
 */
#include "test.h"

#include "aggregates/agg.h"
#include "aggregates/agg_row.h"
#include "app/report.h"
#include "core/civil.h"
#include "demo/demo.h"
#include "io/report_json.h"
#include "store/sqlite_int.h"

/* The aggregates against the scan: every line, and the JSON contract
 * (rates and figures) word for word. */
static void same_query(struct app *app, const struct report_query *q)
{
	struct report fast, scan;
	CHECK_INT(app_report(app, q, &fast, NULL), MC_OK);
	CHECK_INT(app_report_scan(app, q, &scan, NULL), MC_OK);
	CHECK_INT(fast.n, scan.n);
	CHECK(memcmp(&fast.total, &scan.total, sizeof(fast.total)) == 0);
	for (size_t i = 0; i < fast.n && i < scan.n; i++)
		CHECK(memcmp(&fast.lines[i].row, &scan.lines[i].row,
			     sizeof(struct report_row)) == 0);
	struct strbuf a, b;
	strbuf_init(&a);
	strbuf_init(&b);
	report_json_write(&fast, &a);
	report_json_write(&scan, &b);
	CHECK_STR(a.buf, b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	report_release(&fast);
	report_release(&scan);
}

static void same(struct app *app, const char *period, enum report_by by,
		 enum unit_level level)
{
	struct report_query q = {.by = by, .level = level};
	CHECK_INT(report_period_parse(period, 15, &q.period, "period", NULL),
		  MC_OK);
	same_query(app, &q);
}

/* Checkpoints exist (without them reads fall back to summing every
 * daily row: right, but slow) and each equals its daily rows' sum. */
static void checkpoints_match(struct app *app)
{
	sqlite3_stmt *s;
	const char *sql = "SELECT count(*) FROM agg_month";
	CHECK_INT(sqlite3_prepare_v2(sq(app->st)->db, sql, -1, &s, NULL),
		  SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK(sqlite3_column_int(s, 0) > 100);
	sqlite3_finalize(s);
	/* the last checkpoint of every key holds all its days */
	int64_t at_end[AGG__COUNT], direct[AGG__COUNT];
	CHECK_INT(agg_counters(app->agg, "000.00.00.H56", AGG_DIM_ALL, "",
			       civil_days(2030, 1, 1), at_end, NULL),
		  MC_OK);
	sql = "SELECT v FROM agg_days d JOIN agg_keys k ON k.id = d.key"
	      " WHERE k.unit = '000.00.00.H56' AND k.dim = 0";
	memset(direct, 0, sizeof(direct));
	CHECK_INT(sqlite3_prepare_v2(sq(app->st)->db, sql, -1, &s, NULL),
		  SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		agg_month_sum(sqlite3_column_blob(s, 0),
			      (size_t)sqlite3_column_bytes(s, 0), direct);
	sqlite3_finalize(s);
	CHECK(memcmp(at_end, direct, sizeof(direct)) == 0);
	CHECK(at_end[AGG_NEW_ONLINE_PARTIAL] + at_end[AGG_NEW_ONLINE_FULL] > 0);
}

static int64_t sql_count(struct app *app, const char *sql)
{
	sqlite3_stmt *s;
	int64_t n = -1;
	CHECK_INT(sqlite3_prepare_v2(sq(app->st)->db, sql, -1, &s, NULL),
		  SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static int count_hit(const struct dossier *d, void *ctx)
{
	(void)d;
	++*(int64_t *)ctx;
	return 0;
}

/* The kept counts per status equal a count of the table, and a desk's
 * list finds the same dossiers through the open index as a scan. */
static void statuses_match(struct app *app)
{
	int64_t kept[11];
	CHECK_INT(store_dossier_count_by_status(app->st, kept, NULL), MC_OK);
	for (int s = 1; s <= 10; s++) {
		char sql[96];
		snprintf(sql, sizeof(sql),
			 "SELECT count(*) FROM dossiers WHERE status = %d", s);
		CHECK_INT(kept[s], sql_count(app, sql));
		struct dossier_query q = {"000.00.00.H56", s, MC_NO_TIME};
		int64_t found = 0;
		CHECK_INT(store_dossier_search(app->st, &q, count_hit, &found,
					       NULL),
			  MC_OK);
		CHECK_INT(found, kept[s]);
	}
	int64_t at = civil_time_at(civil_days(2026, 6, 30), 0), found = 0;
	struct dossier_query q = {"000.00.00.H56", 0, at};
	CHECK_INT(store_dossier_search(app->st, &q, count_hit, &found, NULL),
		  MC_OK);
	char sql[128];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM dossiers WHERE status IN (2, 4, 6)"
		 " AND due_at < %lld",
		 (long long)at);
	CHECK_INT(found, sql_count(app, sql));
	CHECK(found > 0);
}

/* What a period added equals the difference of the cumulative counters,
 * over periods inside a month, across months and across a year. */
static void added_match(struct app *app)
{
	static const int spans[][2] = {{3, 9}, {1, 31}, {20, 75}, {0, 400}};
	int64_t first = civil_days(2025, 9, 1);
	for (size_t i = 0; i < sizeof(spans) / sizeof(*spans); i++) {
		int64_t from = first + spans[i][0], to = first + spans[i][1];
		int64_t before[AGG__COUNT], at_to[AGG__COUNT],
			added[AGG__COUNT];
		CHECK_INT(agg_period(app->agg, "000.00.00.H56", AGG_DIM_ALL, "",
				     from, to, before, at_to, NULL),
			  MC_OK);
		CHECK_INT(agg_added(app->agg, "000.00.00.H56", AGG_DIM_ALL, "",
				    from, to, added, NULL),
			  MC_OK);
		for (int c = 0; c < AGG__COUNT; c++)
			CHECK_INT(added[c], at_to[c] - before[c]);
	}
}

static void all_same(struct app *app)
{
	checkpoints_match(app);
	statuses_match(app);
	added_match(app);
	static const char *const periods[] = {"month:2026-03", "quarter:2026Q2",
					      "year:2026"};
	for (int p = 0; p < 3; p++) {
		for (int by = REPORT_BY_UNIT; by <= REPORT_BY_PROCEDURE; by++)
			same(app, periods[p], (enum report_by)by, 0);
		for (int l = LEVEL_PROVINCE; l <= LEVEL_COMMUNE; l++)
			same(app, periods[p], REPORT_BY_UNIT,
			     (enum unit_level)l);
	}
}

/* A demo province of n dossiers over two years to 2026-06-30 (through
 * the 2025 reorganisation, whose transfers move dossiers between units'
 * counters) in a fresh directory; spill: the cell map's size (0: the
 * default). */
static void demo_open(char *dir, struct app *app, uint64_t seed, size_t n,
		      size_t spill)
{
	char db[64];
	struct mc_err err;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/agg.db", dir);
	CHECK_INT(app_open(db, app, &err), MC_OK);
	agg_set_spill(app->agg, spill);
	struct demo_options o = {.seed = seed, .dossiers = n, .years = 2};
	CHECK_INT(civil_parse_date("2026-06-30", &o.until, "until", NULL),
		  MC_OK);
	CHECK_INT(demo_build(app, &o, NULL, &err), MC_OK);
}

static void demo_close(const char *dir, struct app *app)
{
	app_close(app);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK_INT(system(cmd), 0);
}

TEST(spilling_and_rebuilding_keep_the_numbers)
{
	char dir[] = "/tmp/motcua-agg-XXXXXX";
	struct app app;
	struct mc_err err;
	demo_open(dir, &app, 3, 3000, 97);
	all_same(&app);
	CHECK_INT(store_begin(app.st, &err), MC_OK);
	CHECK_INT(agg_rebuild(app.agg, &err), MC_OK);
	CHECK_INT(store_commit(app.st, &err), MC_OK);
	all_same(&app);
	demo_close(dir, &app);
}

/* A month row cut short or with a bad byte is read as far as it is
 * whole: never past its end (the ASan build checks), never a crash. */
TEST(a_damaged_month_row_is_read_up_to_the_damage)
{
	char dir[] = "/tmp/motcua-agg-XXXXXX";
	struct app app;
	demo_open(dir, &app, 5, 400, 0);
	sqlite3_stmt *s;
	CHECK_INT(sqlite3_prepare_v2(sq(app.st)->db,
				     "SELECT v FROM agg_days ORDER BY"
				     " length(v) DESC LIMIT 20",
				     -1, &s, NULL),
		  SQLITE_OK);
	int rows = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int n = sqlite3_column_bytes(s, 0);
		const unsigned char *blob = sqlite3_column_blob(s, 0);
		int64_t whole[AGG__COUNT] = {0}, part[AGG__COUNT];
		agg_month_sum(blob, (size_t)n, whole);
		int64_t total = 0;
		for (int i = 0; i < AGG__COUNT; i++)
			total += whole[i];
		CHECK(total > 0);
		for (int cut = 0; cut < n; cut++) {
			unsigned char *copy = malloc((size_t)cut + 1);
			memcpy(copy, blob, (size_t)cut);
			memset(part, 0, sizeof(part));
			agg_month_sum(copy, (size_t)cut, part);
			free(copy);
			for (int i = 0; i < AGG__COUNT && cut == 0; i++)
				CHECK(part[i] == 0);
		}
		unsigned char *bad = malloc((size_t)n);
		memcpy(bad, blob, (size_t)n);
		bad[0] = 0xff; /* no month has a 256th day */
		memset(part, 0, sizeof(part));
		agg_month_sum(bad, (size_t)n, part);
		free(bad);
		for (int i = 0; i < AGG__COUNT; i++)
			CHECK(part[i] == 0);
		rows++;
	}
	sqlite3_finalize(s);
	CHECK_INT(rows, 20);
	demo_close(dir, &app);
}

/* A database of schema 12 has no counter of resolved dossiers filed
 * online: migration 13 makes the next open rebuild the aggregates, even
 * when the number of counters recorded happens to match. Migration 14
 * gives its dossiers their origin, 15 marks an open one with an end
 * time. */
TEST(migration_13_rebuilds_the_aggregates)
{
	char dir[] = "/tmp/motcua-agg-XXXXXX", db[64];
	struct app app;
	struct mc_err err;
	demo_open(dir, &app, 9, 600, 0);
	snprintf(db, sizeof(db), "%s/agg.db", dir);
	/* back to schema 12: without what migration 14 adds */
	CHECK_INT(sqlite3_exec(sq(app.st)->db,
			       "DELETE FROM agg_days; DELETE FROM agg_month;"
			       " DROP INDEX dossiers_anomalous;"
			       " ALTER TABLE dossiers DROP COLUMN anomalies;"
			       " ALTER TABLE dossiers DROP COLUMN origin;"
			       " ALTER TABLE dossiers DROP COLUMN import_file;"
			       " ALTER TABLE dossiers DROP COLUMN imported_at;"
			       " ALTER TABLE procedures DROP COLUMN fee_due;"
			       " ALTER TABLE procedures DROP COLUMN components;"
			       /* an open dossier with an end time, which the
				* checks of schema 12 let in */
			       " UPDATE dossiers SET finished_at = received_at"
			       " WHERE id = (SELECT min(id) FROM dossiers"
			       " WHERE status IN (2, 4, 5, 6));"
			       " PRAGMA user_version = 12",
			       NULL, NULL, NULL),
		  SQLITE_OK);
	app_close(&app);
	CHECK_INT(app_open(db, &app, &err), MC_OK);
	struct report_query q = {.by = REPORT_BY_UNIT};
	CHECK_INT(
		report_period_parse("year:2026", 15, &q.period, "period", NULL),
		MC_OK);
	same_query(&app, &q);
	struct report r;
	CHECK_INT(app_report(&app, &q, &r, NULL), MC_OK);
	CHECK(r.total.resolved_online > 0);
	CHECK(r.total.resolved_online < r.total.resolved_total);
	CHECK(report_postal_uses(&r.total) > 0);
	report_release(&r);
	/* migration 14 gave every older dossier its origin from its first
	 * event: the demo's online filings were registered, the others
	 * received at a counter */
	CHECK_INT(sql_count(&app, "SELECT count(*) FROM dossiers"
				  " WHERE origin NOT IN (2, 3)"),
		  0);
	CHECK(sql_count(&app, "SELECT count(*) FROM dossiers"
			      " WHERE origin = 2") > 0);
	CHECK_INT(sql_count(&app, "SELECT count(*) FROM dossiers"
				  " WHERE (origin = 2) != (channel = 2)"),
		  0);
	/* and migration 15 marks the open one with an end time */
	CHECK_INT(sql_count(&app, "SELECT count(*) FROM dossiers"
				  " WHERE anomalies != 0"),
		  1);
	CHECK_INT(sql_count(&app, "SELECT anomalies FROM dossiers"
				  " WHERE anomalies != 0"),
		  1 << ANOMALY_OPEN_WITH_END);
	demo_close(dir, &app);
}

TEST_MAIN(T(spilling_and_rebuilding_keep_the_numbers),
	  T(migration_13_rebuilds_the_aggregates),
	  T(a_damaged_month_row_is_read_up_to_the_damage))
