/*
 * sqlite.c - the SQLite store: dossier round trip with every field,
 * upsert by code, the append-only event log, schema version, rollback,
 * and a committed write surviving a crash of the writing process.
 */
#include "test.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"

static struct fixture fx;

static void full_dossier(struct dossier *d)
{
	fixture_filing(d, "1.000001", "000.00.06.H56", CHANNEL_ONLINE);
	str_set(&d->code, "000.00.06.H56-240607-0042");
	str_set(&d->procedure_name, "Đăng ký khai sinh");
	str_set(&d->field_code, "G01");
	str_set(&d->email, "an@example.vn");
	str_set(&d->summary, "Khai sinh cho con \"Bé Na\"\n");
	str_set(&d->extra, "{\"MaDinhDanhCuaHoSo\":\"x\"}");
	d->submitted = fixture_time("2024-06-07 08:00");
	d->received = fixture_time("2024-06-07 09:00");
	d->due = fixture_time("2024-06-14 09:00");
	d->finished = fixture_time("2024-06-12 10:00");
	d->returned = fixture_time("2024-06-12 15:00");
	d->status = ST_RETURNED;
	d->delivery = DELIVERY_POST;
	d->verified = true;
	d->paid_online = PAID_PROVINCIAL;
	struct dossier_component *c =
		ARRAY_PUSH(d->components, d->n_components, d->cap_components);
	str_set(&c->code, "TP01");
	str_set(&c->file_name, "to-khai.pdf");
	str_set(&c->url, "https://files/1");
	c->digitized = c->from_national_store = true;
	struct dossier_fee *f = ARRAY_PUSH(d->fees, d->n_fees, d->cap_fees);
	str_set(&f->code, "LP01");
	str_set(&f->name, "Lệ phí");
	f->amount = 50000;
	f->method = 2;
	struct dossier_result *r =
		ARRAY_PUSH(d->results, d->n_results, d->cap_results);
	str_set(&r->name, "Giấy khai sinh");
	str_set(&r->url, "https://files/kq");
	struct supplement_round *s = ARRAY_PUSH(
		d->supplements, d->n_supplements, d->cap_supplements);
	s->requested = fixture_time("2024-06-10 09:00");
	s->completed = fixture_time("2024-06-11 09:00");
	s->due_before = fixture_time("2024-06-13 09:00");
	s->due_after = d->due;
}

/* The full dossier stored, as the round trip leaves it (for the tests
 * that need a stored dossier, run alone or after it). */
static void full_dossier_stored(void)
{
	struct dossier d;
	if (store_dossier_get(fx.app.st, "000.00.06.H56-240607-0042", &d,
			      NULL) == MC_OK) {
		dossier_release(&d);
		return;
	}
	full_dossier(&d);
	CHECK_INT(store_begin(fx.app.st, NULL), MC_OK);
	CHECK_INT(store_dossier_put(fx.app.st, &d, NULL, NULL), MC_OK);
	CHECK_INT(store_commit(fx.app.st, NULL), MC_OK);
	dossier_release(&d);
}

TEST(dossier_round_trip_keeps_every_field)
{
	struct dossier d, back;
	struct mc_err err;
	full_dossier(&d);
	CHECK_INT(store_begin(fx.app.st, &err), MC_OK);
	CHECK_INT(store_dossier_put(fx.app.st, &d, NULL, &err), MC_OK);
	CHECK_INT(store_commit(fx.app.st, &err), MC_OK);
	CHECK(d.handle > 0);
	CHECK_INT(store_dossier_get(fx.app.st, d.code, &back, &err), MC_OK);
	CHECK_STR(back.summary, d.summary);
	CHECK_STR(back.email, "an@example.vn");
	CHECK_STR(back.extra, d.extra);
	CHECK_INT(back.due, d.due);
	CHECK_INT(back.returned, d.returned);
	CHECK_INT(back.refused, MC_NO_TIME);
	CHECK_INT(back.paid_online, PAID_PROVINCIAL);
	CHECK_INT(back.delivery, DELIVERY_POST);
	CHECK_INT(back.n_components, 1);
	CHECK(back.components[0].digitized && !back.components[0].reused &&
	      back.components[0].from_national_store);
	CHECK_STR(back.components[0].file_name, "to-khai.pdf");
	CHECK_INT(back.fees[0].amount, 50000);
	CHECK_INT(back.fees[0].method, 2);
	CHECK_STR(back.results[0].url, "https://files/kq");
	CHECK_INT(back.n_supplements, 1);
	CHECK_INT(back.supplements[0].completed, d.supplements[0].completed);
	CHECK_INT(back.supplements[0].due_after, d.due);
	dossier_release(&back);

	/* same code again: an update of the same row */
	int64_t id = d.handle;
	d.handle = 0;
	d.status = ST_FINISHED;
	d.returned = MC_NO_TIME;
	CHECK_INT(store_dossier_put(fx.app.st, &d, NULL, &err), MC_OK);
	CHECK_INT(d.handle, id);
	CHECK_INT(store_dossier_get(fx.app.st, d.code, &back, &err), MC_OK);
	CHECK_INT(back.status, ST_FINISHED);
	CHECK_INT(back.returned, MC_NO_TIME);
	dossier_release(&back);
	dossier_release(&d);
}

TEST(unknown_references_are_refused)
{
	struct dossier d;
	struct mc_err err;
	char before[65], after[65];
	fixture_digest(&fx, before);
	full_dossier(&d);
	str_set(&d.code, "X-1");
	str_set(&d.unit_code, "nowhere");
	CHECK_INT(store_begin(fx.app.st, &err), MC_OK);
	CHECK_INT(store_dossier_put(fx.app.st, &d, NULL, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "DonViXuLy");
	str_set(&d.unit_code, "000.00.06.H56");
	str_set(&d.procedure_code, "0.000000");
	CHECK_INT(store_dossier_put(fx.app.st, &d, NULL, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "MaTTHC");
	store_rollback(fx.app.st);
	CHECK_STR(fixture_digest(&fx, after), before);
	dossier_release(&d);

	struct unit u;
	unit_init(&u);
	str_set(&u.code, "000.99.99.H56");
	str_set(&u.name, "Mồ côi");
	str_set(&u.parent, "000.98.98.H56");
	CHECK_INT(store_unit_put(fx.app.st, &u, &err), MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "parent");
	unit_release(&u);
	CHECK_STR(fixture_digest(&fx, after), before);
}

TEST(event_log_is_append_only)
{
	struct mc_err err;
	full_dossier_stored();
	struct dossier_event ev = {
		.dossier_code = "000.00.06.H56-240607-0042",
		.at = fixture_time("2024-06-12 15:00"),
		.action = "return",
		.old_status = 9,
		.new_status = 10,
	};
	CHECK_INT(store_event_append(fx.app.st, &ev, &err), MC_OK);
	sqlite3 *db;
	CHECK_INT(sqlite3_open(fx.db, &db), SQLITE_OK);
	CHECK(sqlite3_exec(db, "UPDATE events SET note = 'x'", NULL, NULL,
			   NULL) != SQLITE_OK);
	CHECK(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL) !=
	      SQLITE_OK);
	sqlite3_close(db);
	ev.dossier_code = "nope";
	CHECK_INT(store_event_append(fx.app.st, &ev, &err), MC_ERR_NOT_FOUND);
}

TEST(schema_version_and_reopen)
{
	int version = store_schema_version(fx.app.st);
	CHECK(version >= 3);
	struct store *again;
	struct mc_err err;
	CHECK_INT(store_open(fx.db, &again, &err), MC_OK);
	CHECK_INT(store_schema_version(again), version);
	store_close(again);
}

TEST(committed_write_survives_a_crash)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct store *st;
		struct unit u;
		if (store_open(fx.db, &st, NULL))
			_exit(3);
		unit_init(&u);
		str_set(&u.code, "000.77.77.H56");
		str_set(&u.name, "Xã Sau Sự Cố");
		str_set(&u.parent, "000.00.31.H56");
		u.level = LEVEL_COMMUNE;
		if (store_begin(st, NULL) || store_unit_put(st, &u, NULL) ||
		    store_commit(st, NULL))
			_exit(4);
		/* a second write that is never committed */
		store_begin(st, NULL);
		str_set(&u.code, "000.77.78.H56");
		store_unit_put(st, &u, NULL);
		raise(SIGKILL);
		_exit(5);
	}
	int status;
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	struct store *st;
	struct unit u;
	CHECK_INT(store_open(fx.db, &st, NULL), MC_OK);
	CHECK_INT(store_unit_get(st, "000.77.77.H56", &u, NULL), MC_OK);
	CHECK_STR(u.name, "Xã Sau Sự Cố");
	unit_release(&u);
	CHECK_INT(store_unit_get(st, "000.77.78.H56", &u, NULL),
		  MC_ERR_NOT_FOUND);
	store_close(st);
}

TEST(next_code_skips_imported_numbers)
{
	struct dossier d;
	struct mc_err err;
	char *code = NULL;
	/* 0042 exists (stored whole); numbers before it are free */
	full_dossier_stored();
	int64_t day = civil_days(2024, 6, 7);
	for (int i = 0; i < 41; i++)
		CHECK_INT(store_dossier_next_code(fx.app.st, "000.00.06.H56",
						  day, &code, &err),
			  MC_OK);
	CHECK_STR(code, "000.00.06.H56-240607-0041");
	CHECK_INT(store_dossier_next_code(fx.app.st, "000.00.06.H56", day,
					  &code, &err),
		  MC_OK);
	CHECK_STR(code, "000.00.06.H56-240607-0043");
	free(code);
	(void)d;
}

TEST(backup_copies_everything_and_opens)
{
	struct mc_err err;
	char path[160], before[65], after[65];
	full_dossier_stored();
	snprintf(path, sizeof(path), "%s/copy.db", fx.dir);
	CHECK_INT(store_backup(fx.app.st, path, &err), MC_OK);
	struct store *copy;
	CHECK_INT(store_open(path, &copy, &err), MC_OK);
	fixture_digest(&fx, before);
	CHECK_INT(store_digest(copy, after, &err), MC_OK);
	CHECK_STR(after, before);
	CHECK_INT(store_schema_version(copy), store_schema_version(fx.app.st));
	store_close(copy);
	/* a path that exists is never written over */
	CHECK_INT(store_backup(fx.app.st, path, &err), MC_ERR_CONFLICT);
	CHECK_STR(err.field, "out");
}

static void setup(void) { fixture_open(&fx); }
static void teardown(void) { fixture_close(&fx); }

TEST_MAIN_WITH(setup, teardown, T(dossier_round_trip_keeps_every_field),
	       T(unknown_references_are_refused), T(event_log_is_append_only),
	       T(schema_version_and_reopen),
	       T(committed_write_survives_a_crash),
	       T(next_code_skips_imported_numbers),
	       T(backup_copies_everything_and_opens))
