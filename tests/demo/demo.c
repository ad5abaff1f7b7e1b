/*
 * tests/demo/demo.c - the demo province (src/demo/demo*.c): deterministic
 * from its seed, every dossier valid and consistent with the lifecycle,
 * the intended mix of channels and outcomes, and no mixing with an
 * existing database.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/filing.h"
#include "app/report.h"
#include "core/civil.h"
#include "demo/demo.h"
#include "store/sqlite_int.h"
#include "test.h"

#define N_DOSSIERS 3000

struct tmpdb {
	char path[64];
	struct app app;
	bool open;
};

static void tmpdb_open(struct tmpdb *t)
{
	snprintf(t->path, sizeof(t->path), "/tmp/motcua-demo-XXXXXX");
	int fd = mkstemp(t->path);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	struct mc_err err;
	t->open = app_open(t->path, &t->app, &err) == MC_OK;
	if (!t->open)
		fprintf(stderr, "app_open: %s\n", err.message);
	CHECK(t->open);
}

static void tmpdb_close(struct tmpdb *t)
{
	if (t->open)
		app_close(&t->app);
	char side[80];
	unlink(t->path);
	snprintf(side, sizeof(side), "%s-wal", t->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", t->path);
	unlink(side);
}

static int64_t until_day(void) { return civil_days(2024, 6, 14); }

static enum mc_code build(struct tmpdb *t, uint64_t seed,
			  struct demo_summary *sum)
{
	struct demo_options opt = {
		.seed = seed, .until = until_day(), .dossiers = N_DOSSIERS};
	struct mc_err err;
	enum mc_code rc = demo_build(&t->app, &opt, sum, &err);
	if (rc)
		fprintf(stderr, "demo_build: %s\n", err.message);
	return rc;
}

/* A fresh database with the province of `opt`; false (and closed) when
 * that failed. */
static bool built_with(struct tmpdb *db, const struct demo_options *opt,
		       struct demo_summary *sum)
{
	tmpdb_open(db);
	struct mc_err err;
	if (db->open && demo_build(&db->app, opt, sum, &err) == MC_OK)
		return true;
	if (db->open)
		fprintf(stderr, "demo_build: %s\n", err.message);
	CHECK(0);
	tmpdb_close(db);
	return false;
}

/* The seed-7 province. */
static bool built(struct tmpdb *db, struct demo_summary *sum)
{
	struct demo_options opt = {
		.seed = 7, .until = until_day(), .dossiers = N_DOSSIERS};
	return built_with(db, &opt, sum);
}

static void digest_of(const struct demo_options *opt, char hex[65])
{
	struct tmpdb t;
	tmpdb_open(&t);
	hex[0] = '\0';
	if (t.open && demo_build(&t.app, opt, NULL, NULL) == MC_OK)
		CHECK_INT(store_digest(t.app.st, hex, NULL), MC_OK);
	tmpdb_close(&t);
}

TEST(same_seed_same_data)
{
	char a[65], b[65], c[65];
	struct demo_options opt = {
		.seed = 7, .until = until_day(), .dossiers = N_DOSSIERS};
	digest_of(&opt, a);
	digest_of(&opt, b);
	opt.seed = 8;
	digest_of(&opt, c);
	CHECK(a[0] != '\0');
	CHECK_STR(a, b);
	CHECK(strcmp(a, c) != 0);
	/* through the reorganisation, its transfers included */
	opt.until = civil_days(2025, 12, 31);
	digest_of(&opt, a);
	digest_of(&opt, b);
	CHECK(a[0] != '\0');
	CHECK_STR(a, b);
}

/* What the walk over every stored dossier finds. */
struct tally {
	struct store *st;
	size_t n, bad, inconsistent, by_channel[4], by_status[11];
	size_t moved, rounds, two_rounds, online_only_counter, bad_code;
	size_t no_events, events, paid_online, citizens, verified;
	int64_t cut;
};

static int count_event(const struct dossier_event *ev, void *ctx)
{
	(void)ev;
	(*(size_t *)ctx)++;
	return 0;
}

/* Times as the lifecycle operations leave them for the status. */
static bool consistent(const struct dossier *d, int64_t cut)
{
	bool has_end = d->finished != MC_NO_TIME;
	switch (d->status) {
	case ST_REGISTERED:
		return d->channel == CHANNEL_ONLINE && !has_end &&
		       d->received == MC_NO_TIME;
	case ST_NOT_ACCEPTED: return d->refused != MC_NO_TIME && !has_end;
	case ST_RETURNED: return has_end && d->returned >= d->finished;
	case ST_WITHDRAWN:
	case ST_STOPPED:
	case ST_FINISHED:
		return has_end && d->returned == MC_NO_TIME &&
		       d->finished <= cut;
	default: /* 2, 4, 5, 6: open */
		return !has_end && d->returned == MC_NO_TIME &&
		       (d->status == ST_SUPPLEMENT) ==
			       dossier_supplement_open(d);
	}
}

static bool code_ok(const struct dossier *d)
{
	int64_t first = d->submitted;
	if (d->channel != CHANNEL_ONLINE)
		first = d->received != MC_NO_TIME ? d->received : d->refused;
	int y, m, dd;
	civil_from_days(civil_local_day(first), &y, &m, &dd);
	char want[80];
	snprintf(want, sizeof(want), "%s-%02d%02d%02d-", d->unit_code, y % 100,
		 m, dd);
	size_t n = strlen(want);
	return strncmp(d->code, want, n) == 0 && strlen(d->code) == n + 4;
}

static void tally_rounds(struct tally *t, const struct dossier *d)
{
	size_t in_processing = 0;
	for (size_t i = 0; i < d->n_supplements; i++) {
		const struct supplement_round *r = &d->supplements[i];
		if (d->received == MC_NO_TIME || r->requested < d->received ||
		    r->completed == MC_NO_TIME)
			continue;
		in_processing++;
		t->rounds++;
		t->moved += r->due_after > r->due_before;
	}
	t->two_rounds += in_processing >= 2;
}

static int walk(const struct dossier *d, void *ctx)
{
	struct tally *t = ctx;
	t->n++;
	t->bad += dossier_check(d, NULL) != MC_OK;
	t->inconsistent += !consistent(d, t->cut);
	t->by_channel[d->channel]++;
	t->by_status[d->status]++;
	t->bad_code += !code_ok(d);
	t->paid_online += d->paid_online != PAID_NOT_ONLINE;
	if (d->applicant_kind == APPLICANT_CITIZEN) {
		t->citizens++;
		t->verified += d->verified;
	}
	tally_rounds(t, d);
	struct procedure p;
	if (d->channel != CHANNEL_ONLINE &&
	    store_procedure_get(t->st, d->procedure_code, &p, NULL) == MC_OK) {
		int64_t day = civil_local_day(
			d->received != MC_NO_TIME ? d->received : d->refused);
		t->online_only_counter += procedure_online_only_on(&p, day);
		procedure_release(&p);
	}
	size_t events = 0;
	store_event_each(t->st, d->code, count_event, &events, NULL);
	t->no_events += events == 0;
	t->events += events;
	return 0;
}

/* a share in per mille */
static long permille(size_t part, size_t whole)
{
	return whole ? (long)(part * 1000 / whole) : 0;
}

static void check_mix(const struct tally *t)
{
	long online = permille(t->by_channel[CHANNEL_ONLINE], t->n);
	long postal = permille(t->by_channel[CHANNEL_POSTAL], t->n);
	CHECK(online >= 580 && online <= 730);
	CHECK(postal >= 10 && postal <= 40);
	CHECK(permille(t->by_status[ST_NOT_ACCEPTED], t->n) >= 4);
	CHECK(permille(t->by_status[ST_NOT_ACCEPTED], t->n) <= 20);
	CHECK(permille(t->by_status[ST_WITHDRAWN], t->n) <= 20);
	CHECK(permille(t->by_status[ST_STOPPED], t->n) <= 20);
	CHECK(permille(t->by_status[ST_RETURNED], t->n) >= 900);
	for (int s = 1; s <= 10; s++)
		if (t->by_status[s] == 0) {
			fprintf(stderr, "no dossier in status %d\n", s);
			CHECK(t->by_status[s] > 0);
		}
	CHECK(permille(t->verified, t->citizens) >= 800);
	CHECK(t->paid_online > 0);
}

TEST(every_dossier_valid_and_mixed)
{
	struct tmpdb db;
	struct demo_summary sum;
	if (!built(&db, &sum))
		return;
	struct tally t = {.st = db.app.st,
			  .cut = civil_time_at(until_day() + 1, 0) - 1};
	CHECK_INT(store_dossier_each(db.app.st, MC_NO_TIME, MC_NO_TIME, walk,
				     &t, NULL),
		  MC_OK);
	CHECK_INT(t.n, N_DOSSIERS);
	CHECK_INT(sum.dossiers, N_DOSSIERS);
	CHECK_INT(t.bad, 0);
	CHECK_INT(t.inconsistent, 0);
	CHECK_INT(t.bad_code, 0);
	CHECK_INT(t.no_events, 0);
	CHECK_INT(t.events, sum.events);
	CHECK_INT(t.online_only_counter, 0);
	check_mix(&t);
	long late = permille(sum.late, t.by_status[9] + t.by_status[10]);
	CHECK(late >= 5 && late <= 35);
	/* supplements: ~5-8 % of dossiers, each completed round moves the
	 * due date later, a few dossiers have two rounds */
	long sup = permille(sum.supplemented, t.n);
	CHECK(sup >= 40 && sup <= 90);
	CHECK(t.rounds > 0);
	CHECK_INT(t.moved, t.rounds);
	CHECK(t.two_rounds > 0);
	CHECK(sum.overdue_open > 0);
	CHECK(sum.units > 100 && sum.procedures >= 180);
	tmpdb_close(&db);
}

/* What citizens say and what units publish: about a third of returned
 * dossiers rated, dissatisfaction rare but far more common after a late
 * result, some feedback, every procedure's publication dates; nothing
 * after the snapshot. */
static int64_t count_rows(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t n = -1;
	CHECK_INT(sqlite3_prepare_v2(sq(st)->db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Every procedure declares its offers, and every unit a dossier was at
 * (filed there, moved there) offers its procedure by the app's check;
 * the pairs checked, or -1. */
static int64_t check_offered(struct app *app)
{
	CHECK_INT(count_rows(app->st, "SELECT count(*) FROM procedures p"
				      " WHERE NOT EXISTS (SELECT 1 FROM"
				      " procedure_offers o WHERE"
				      " o.procedure_code = p.code)"),
		  0);
	sqlite3_stmt *s;
	int64_t n = 0;
	if (sqlite3_prepare_v2(sq(app->st)->db,
			       "SELECT DISTINCT d.procedure_code, e.unit_code"
			       " FROM events e JOIN dossiers d ON d.id ="
			       " e.dossier_id",
			       -1, &s, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *proc = (const char *)sqlite3_column_text(s, 0);
		const char *unit = (const char *)sqlite3_column_text(s, 1);
		struct procedure p;
		struct mc_err err;
		CHECK_INT(store_procedure_get(app->st, proc, &p, &err), MC_OK);
		enum mc_code rc = app_filing_offered(app, &p, unit, &err);
		if (rc)
			fprintf(stderr, "%s at %s: %s\n", proc, unit,
				err.message);
		CHECK_INT(rc, MC_OK);
		procedure_release(&p);
		n++;
	}
	sqlite3_finalize(s);
	return n;
}

/* Birth registration ("Đăng ký khai sinh") is a commune's: the
 * Department of Health (Sở Y tế) does not offer it. */
static void check_birth_not_at_health(struct app *app)
{
	struct procedure p;
	struct mc_err err;
	CHECK_INT(store_procedure_get(app->st, "1.002947", &p, &err), MC_OK);
	CHECK_STR(p.name, "Đăng ký khai sinh");
	CHECK_INT(app_filing_offered(app, &p, "000.00.15.H56", &err),
		  MC_ERR_RULE);
	CHECK_STR(err.field, "DonViXuLy");
	procedure_release(&p);
}

TEST(ratings_feedback_and_publication)
{
	struct tmpdb db;
	struct demo_summary sum;
	if (!built(&db, &sum))
		return;
	struct store *st = db.app.st;
	int64_t returned = count_rows(
		st, "SELECT count(*) FROM dossiers WHERE status = 10");
	CHECK_INT(count_rows(st, "SELECT count(*) FROM ratings"),
		  (int64_t)sum.ratings);
	long rated = permille(sum.ratings, (size_t)returned);
	CHECK(rated >= 300 && rated <= 400);
	CHECK(sum.dissatisfied > 0 && sum.dissatisfied * 10 < sum.ratings);
	/* dissatisfied among late results vs among the others */
	int64_t late_bad = count_rows(
		st, "SELECT count(*) FROM ratings r JOIN dossiers d ON"
		    " d.code = r.dossier_code WHERE r.rating = 3 AND"
		    " (d.finished_at + 25200) / 86400 > (d.due_at + 25200) /"
		    " 86400");
	int64_t late_all = count_rows(
		st, "SELECT count(*) FROM ratings r JOIN dossiers d ON"
		    " d.code = r.dossier_code WHERE (d.finished_at + 25200) /"
		    " 86400 > (d.due_at + 25200) / 86400");
	CHECK(late_all > 0);
	CHECK(late_bad * 1000 / (late_all ? late_all : 1) >
	      (int64_t)(sum.dissatisfied - (size_t)late_bad) * 1000 /
		      (int64_t)(sum.ratings - (size_t)late_all));
	CHECK(sum.feedback > 0);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM feedback"),
		  (int64_t)sum.feedback);
	CHECK(count_rows(st, "SELECT count(*) FROM feedback WHERE"
			     " answered_at IS NULL") > 0);
	CHECK(count_rows(st, "SELECT count(*) FROM feedback WHERE"
			     " answered_at - received_at > 864000") > 0);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM procedure_publication"),
		  (int64_t)sum.procedures);
	CHECK(count_rows(st, "SELECT count(*) FROM procedure_publication"
			     " WHERE publicized > effective") > 0);
	char sql[160];
	int64_t cut = civil_time_at(until_day() + 1, 0) - 1;
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM ratings WHERE at > %lld",
		 (long long)cut);
	CHECK_INT(count_rows(st, sql), 0);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM feedback WHERE received_at > %lld OR"
		 " answered_at > %lld",
		 (long long)cut, (long long)cut);
	CHECK_INT(count_rows(st, sql), 0);
	tmpdb_close(&db);
}

/* The code of the open dossier in `status` whose last event is the
 * latest; "" when there is none. */
static void latest_open(struct store *st, int status, char *code, size_t n)
{
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "SELECT d.code FROM dossiers d JOIN events e ON"
		 " e.dossier_id = d.id WHERE d.status = %d GROUP BY d.id"
		 " ORDER BY max(e.at) DESC LIMIT 1",
		 status);
	sqlite3_stmt *s;
	code[0] = '\0';
	CHECK_INT(sqlite3_prepare_v2(sq(st)->db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(code, n, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* Run at 10:30 on a working day (the clock injected): nothing is dated
 * after that moment, the day still gets the filings of its morning, and
 * a clerk's first action, taken at that moment, on the latest open
 * dossiers succeeds. */
TEST(nothing_after_the_moment_it_runs)
{
	struct tmpdb db;
	int64_t now = civil_time_at(until_day(), 10 * 3600 + 30 * 60);
	struct demo_options opt = {.seed = 7,
				   .until = until_day(),
				   .dossiers = N_DOSSIERS,
				   .now = now};
	struct demo_summary sum;
	struct mc_err err;
	if (!built_with(&db, &opt, &sum))
		return;
	struct store *st = db.app.st;
	CHECK_INT(sum.dossiers, N_DOSSIERS);
	char sql[400];
	snprintf(sql, sizeof(sql),
		 "SELECT (SELECT count(*) FROM events WHERE at > %1$lld) +"
		 " (SELECT count(*) FROM dossiers WHERE submitted_at > %1$lld"
		 " OR received_at > %1$lld OR finished_at > %1$lld OR "
		 "refused_at > %1$lld OR"
		 " returned_at > %1$lld) + (SELECT count(*) FROM ratings"
		 " WHERE at > %1$lld) + (SELECT count(*) FROM feedback WHERE"
		 " received_at > %1$lld OR answered_at > %1$lld)",
		 (long long)now);
	CHECK_INT(count_rows(st, sql), 0);
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM events WHERE action IN ('register',"
		 " 'accept', 'refuse') AND at >= %lld",
		 (long long)civil_time_at(until_day(), 0));
	CHECK(count_rows(st, sql) > 0);
	static const struct {
		int status;
		enum dossier_op op;
	} first[] = {{ST_REGISTERED, OP_ACCEPT}, {ST_ACCEPTED, OP_START}};
	for (size_t i = 0; i < sizeof(first) / sizeof(*first); i++) {
		char code[64];
		latest_open(st, first[i].status, code, sizeof(code));
		CHECK(code[0] != '\0');
		const struct actor staff = ACTOR_OPERATOR("canbo.motcua");
		struct op_request req = {
			.params = {.op = first[i].op, .at = now},
			.code = code,
			.actor = &staff};
		enum mc_code rc = app_lifecycle(&db.app, &req, NULL, &err);
		if (rc)
			fprintf(stderr, "%s: %s\n", code, err.message);
		CHECK_INT(rc, MC_OK);
	}
	tmpdb_close(&db);
}

/* ---- the 2025 reorganisation ----------------------------------------- */

static int64_t line_received(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->lines[i].key, key) == 0)
			return r->lines[i].row.received_total;
	return -1;
}

/* The 2024 report as it was and restated: the old departments and
 * districts, then the same dossiers on today's units, the same total,
 * and the aggregates equal to the scan. */
static void check_2024_reports(struct app *app)
{
	struct report_query q = {.by = REPORT_BY_UNIT};
	q.period.from = civil_days(2024, 1, 1);
	q.period.to = civil_days(2024, 12, 31);
	struct report was, now, scan;
	CHECK_INT(app_report(app, &q, &was, NULL), MC_OK);
	int64_t planning = line_received(&was, "000.00.03.H56");
	int64_t finance = line_received(&was, "000.00.04.H56");
	CHECK(planning > 0 && finance > 0);
	CHECK(line_received(&was, "000.00.31.H56") > 0); /* a district */
	CHECK(line_received(&was, "000.01.00.H56") < 0); /* not yet */
	/* a 2024 dossier moved at the merger counts where it is now */
	int64_t merged = line_received(&was, "000.00.17.H56");
	q.restated = true;
	CHECK_INT(app_report(app, &q, &now, NULL), MC_OK);
	CHECK_INT(line_received(&now, "000.00.03.H56"), -1);
	CHECK_INT(line_received(&now, "000.00.04.H56"), -1);
	CHECK_INT(line_received(&now, "000.00.31.H56"), -1);
	CHECK_INT(line_received(&now, "000.00.17.H56"),
		  planning + finance + (merged > 0 ? merged : 0));
	CHECK(line_received(&now, "000.01.00.H56") > 0);
	CHECK_INT(now.total.received_total, was.total.received_total);
	CHECK_INT(now.total.resolved_total, was.total.resolved_total);
	CHECK_INT(app_report_scan(app, &q, &scan, NULL), MC_OK);
	CHECK_INT(scan.n, now.n);
	for (size_t i = 0; i < scan.n && i < now.n; i++)
		CHECK(memcmp(&scan.lines[i].row, &now.lines[i].row,
			     sizeof(scan.lines[i].row)) == 0);
	report_release(&was);
	report_release(&now);
	report_release(&scan);
}

TEST(lives_through_the_2025_reorganisation)
{
	struct tmpdb db;
	struct demo_options opt = {.seed = 3,
				   .until = civil_days(2025, 12, 31),
				   .dossiers = N_DOSSIERS};
	struct demo_summary sum;
	if (!built_with(&db, &opt, &sum))
		return;
	struct store *st = db.app.st;
	/* 10 departments into 5 new ones; 9 districts and 110 communes into
	 * 37 communes under the province, each with a successor in service
	 * from the day after its closing */
	CHECK_INT(count_rows(st, "SELECT count(*) FROM units WHERE valid_to"
				 " IS NOT NULL AND level = 1"),
		  10);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM units WHERE valid_to"
				 " IS NOT NULL AND level > 1"),
		  9 + 110);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM units WHERE"
				 " valid_from IS NOT NULL AND level = 1"),
		  5);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM units WHERE"
				 " valid_from IS NOT NULL AND level = 3 AND"
				 " parent = '000.00.00.H56'"),
		  37);
	CHECK_INT(sum.closed_units, 129);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM units o LEFT JOIN"
				 " units n ON n.code = o.successor WHERE"
				 " o.valid_to IS NOT NULL AND (n.code IS NULL"
				 " OR n.valid_from != o.valid_to + 1 OR"
				 " n.valid_to IS NOT NULL)"),
		  0);
	/* nothing filed at a unit out of service that day: after 1 July
	 * 2025 no district dossier at all */
	CHECK_INT(count_rows(st, "SELECT count(*) FROM events e JOIN units u"
				 " ON u.code = e.unit_code WHERE e.old_status"
				 " = 0 AND ((e.at + 25200) / 86400 > u.valid_to"
				 " OR (e.at + 25200) / 86400 < u.valid_from)"),
		  0);
	CHECK(count_rows(st, "SELECT count(*) FROM events e JOIN units u ON"
			     " u.code = e.unit_code WHERE e.old_status = 0"
			     " AND u.valid_from IS NOT NULL") > 0);
	/* a closed department's procedures are filed at its successor
	 * from its first day on, nowhere else */
	CHECK(count_rows(st, "SELECT count(*) FROM dossiers a JOIN units o"
			     " ON o.code = a.unit_code WHERE o.level = 1 AND"
			     " o.valid_to IS NOT NULL") > 0);
	CHECK_INT(count_rows(st,
			     "SELECT count(*) FROM (SELECT DISTINCT"
			     " a.procedure_code AS p, o.valid_to AS closed,"
			     " o.successor AS next FROM events f JOIN"
			     " dossiers a ON a.id = f.dossier_id JOIN units o"
			     " ON o.code = f.unit_code WHERE f.old_status = 0"
			     " AND o.level = 1 AND o.valid_to IS NOT NULL) x"
			     " JOIN dossiers b ON b.procedure_code = x.p JOIN"
			     " events e ON e.dossier_id = b.id AND"
			     " e.old_status = 0 WHERE (e.at + 25200) / 86400"
			     " > x.closed AND e.unit_code != x.next"),
		  0);
	CHECK(count_rows(st, "SELECT count(*) FROM events e JOIN units u ON"
			     " u.code = e.unit_code WHERE e.old_status = 0"
			     " AND u.code = '000.00.17.H56'") > 0);
	/* the open dossiers were moved by the transfer operation, logged
	 * from the closed unit to its successor, at or after the closing */
	int64_t moved = count_rows(st, "SELECT count(*) FROM events WHERE"
				       " action = 'transfer'");
	CHECK(moved > 0);
	CHECK_INT(moved, (int64_t)sum.transferred);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM events e JOIN units o ON"
				 " e.note LIKE 'from ' || o.code || ':%' WHERE"
				 " e.action = 'transfer' AND (o.successor !="
				 " e.unit_code OR (e.at + 25200) / 86400 <="
				 " o.valid_to)"),
		  0);
	CHECK_INT(count_rows(st, "SELECT count(*) FROM dossiers d JOIN units"
				 " u ON u.code = d.unit_code WHERE u.valid_to"
				 " IS NOT NULL AND d.status IN (2, 4)"),
		  0);
	/* the event log still agrees with the summary */
	CHECK_INT(count_rows(st, "SELECT count(*) FROM events"),
		  (int64_t)sum.events);
	check_2024_reports(&db.app);
	/* before and after the reorganisation, filings and transfers
	 * alike went to units that offer the procedure */
	CHECK(check_offered(&db.app) > 100);
	check_birth_not_at_health(&db.app);
	tmpdb_close(&db);
}

/* The benchmark's province keeps the pre-2025 shape. */
TEST(no_reorganisation_keeps_the_old_units)
{
	struct tmpdb db;
	struct demo_options opt = {.seed = 3,
				   .until = civil_days(2025, 12, 31),
				   .dossiers = 500,
				   .no_reorganisation = true};
	struct demo_summary sum;
	if (!built_with(&db, &opt, &sum))
		return;
	CHECK_INT(sum.units, 136);
	CHECK_INT(sum.closed_units, 0);
	CHECK_INT(count_rows(db.app.st, "SELECT count(*) FROM events WHERE"
					" action = 'transfer'"),
		  0);
	CHECK(check_offered(&db.app) > 100);
	tmpdb_close(&db);
}

TEST(refuses_a_database_with_units)
{
	struct tmpdb db;
	tmpdb_open(&db);
	if (!db.open || build(&db, 3, NULL) != MC_OK) {
		CHECK(0);
		tmpdb_close(&db);
		return;
	}
	char before[65], after[65];
	CHECK_INT(store_digest(db.app.st, before, NULL), MC_OK);
	struct demo_options opt = {
		.seed = 4, .until = until_day(), .dossiers = 10};
	struct mc_err err;
	CHECK_INT(demo_build(&db.app, &opt, NULL, &err), MC_ERR_CONFLICT);
	CHECK(strstr(err.message, "already has units") != NULL);
	CHECK_INT(mc_code_exit_status(err.code), 2);
	CHECK_INT(store_digest(db.app.st, after, NULL), MC_OK);
	CHECK_STR(after, before);
	tmpdb_close(&db);
}

TEST(rejects_too_many_dossiers)
{
	struct tmpdb db;
	tmpdb_open(&db);
	struct demo_options opt = {.seed = 1,
				   .until = until_day(),
				   .dossiers = DEMO_MAX_DOSSIERS + 1};
	struct mc_err err;
	if (db.open)
		CHECK_INT(demo_build(&db.app, &opt, NULL, &err),
			  MC_ERR_TOO_LARGE);
	tmpdb_close(&db);
}

/* The larger provinces of `make bench`: generated districts and
 * communes with codes of their own, several years of filings. */
struct span {
	size_t units, districts, dossiers;
	int64_t first, last;
};

static int count_unit(const struct unit *u, void *ctx)
{
	struct span *s = ctx;
	s->units++;
	s->districts += u->level == LEVEL_DISTRICT;
	return 0;
}

static int span_dossier(const struct dossier *d, void *ctx)
{
	struct span *s = ctx;
	int64_t t = d->submitted != MC_NO_TIME ? d->submitted : d->received;
	if (d->channel != CHANNEL_ONLINE)
		t = d->received != MC_NO_TIME ? d->received : d->refused;
	int64_t day = civil_local_day(t);
	if (!s->dossiers || day < s->first)
		s->first = day;
	if (!s->dossiers || day > s->last)
		s->last = day;
	s->dossiers++;
	return 0;
}

TEST(larger_province_over_years)
{
	struct tmpdb db;
	struct demo_options opt = {.seed = 5,
				   .until = until_day(),
				   .dossiers = 4000,
				   .districts = 12,
				   .communes = 20,
				   .years = 2};
	struct demo_summary sum;
	if (!built_with(&db, &opt, &sum))
		return;
	struct span s = {0};
	CHECK_INT(store_unit_each(db.app.st, count_unit, &s, NULL), MC_OK);
	CHECK_INT(s.units, 1 + 16 + 12 + 12 * 20); /* no code made twice */
	CHECK_INT(sum.units, s.units);
	CHECK_INT(s.districts, 12);
	CHECK_INT(store_dossier_each(db.app.st, MC_NO_TIME, MC_NO_TIME,
				     span_dossier, &s, NULL),
		  MC_OK);
	CHECK_INT(s.dossiers, 4000);
	CHECK(s.last <= until_day());
	CHECK(s.first >=
	      until_day() - 2 * 365 - 5); /* postal: posted earlier */
	CHECK(s.first < until_day() - 365 - 300);
	tmpdb_close(&db);
}

TEST(rejects_sizes_out_of_range)
{
	struct tmpdb db;
	tmpdb_open(&db);
	struct demo_options bad[] = {
		{.seed = 1,
		 .until = until_day(),
		 .dossiers = 10,
		 .districts = DEMO_MAX_DISTRICTS + 1},
		{.seed = 1,
		 .until = until_day(),
		 .dossiers = 10,
		 .communes = DEMO_MAX_COMMUNES + 1},
		{.seed = 1,
		 .until = until_day(),
		 .dossiers = 10,
		 .years = DEMO_MAX_YEARS + 1},
		{.seed = 1,
		 .until = civil_days(CALENDAR_FIRST_YEAR + 1, 6, 1),
		 .dossiers = 10,
		 .years = 3},
		/* a day after the clock's */
		{.seed = 1,
		 .until = until_day() + 1,
		 .dossiers = 10,
		 .now = civil_time_at(until_day(), 10 * 3600)}};
	for (size_t i = 0; db.open && i < sizeof(bad) / sizeof(*bad); i++) {
		struct mc_err err;
		CHECK_INT(demo_build(&db.app, &bad[i], NULL, &err),
			  MC_ERR_INPUT);
	}
	tmpdb_close(&db);
}

TEST_MAIN(T(same_seed_same_data), T(every_dossier_valid_and_mixed),
	  T(ratings_feedback_and_publication),
	  T(nothing_after_the_moment_it_runs),
	  T(lives_through_the_2025_reorganisation),
	  T(no_reorganisation_keeps_the_old_units),
	  T(refuses_a_database_with_units), T(rejects_too_many_dossiers),
	  T(larger_province_over_years), T(rejects_sizes_out_of_range))
