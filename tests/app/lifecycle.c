/*
 * lifecycle.c - lifecycle operations end to end on a stored province:
 * the happy path with due dates and supplement pauses, and a table of bad
 * inputs, each refused with the right code and field and with the
 * database digest unchanged.
 */
#include "test.h"

#include "app/app.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"

static struct fixture fx;

static enum mc_code op_code(const char *code, enum dossier_op op,
			    const char *at, const char *note,
			    struct dossier *out, struct mc_err *err)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = op, .at = fixture_time(at), .note = note},
		.code = code,
	};
	return app_lifecycle(&fx.app, &req, out, err);
}

static enum mc_code op_new(const struct dossier *filing, enum dossier_op op,
			   const char *at, const char *note,
			   struct dossier *out, struct mc_err *err)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = op, .at = fixture_time(at), .note = note},
		.filing = filing,
	};
	return app_lifecycle(&fx.app, &req, out, err);
}

static char *registered(const char *at)
{
	struct dossier f, d;
	struct mc_err err;
	fixture_filing(&f, "1.000001", "000.00.06.H56", CHANNEL_ONLINE);
	CHECK_INT(op_new(&f, OP_REGISTER, at, NULL, &d, &err), MC_OK);
	char *code = strdup(d.code);
	dossier_release(&f);
	dossier_release(&d);
	return code;
}

struct count {
	int n;
	int last_new;
};

static int count_event(const struct dossier_event *ev, void *ctx)
{
	struct count *c = ctx;
	c->n++;
	c->last_new = ev->new_status;
	return 0;
}

TEST(online_dossier_through_its_whole_life)
{
	struct dossier d;
	struct mc_err err;
	char due[CIVIL_BUF];
	char *code = registered("2024-06-07 08:15");
	CHECK_STR(code, "000.00.06.H56-240607-0001");

	/* Friday 09:00 + 5 working days = next Friday 09:00 */
	CHECK_INT(op_code(code, OP_ACCEPT, "2024-06-07 09:00", NULL, &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_ACCEPTED);
	CHECK_STR(civil_format_local(d.due, due), "2024-06-14 09:00");
	dossier_release(&d);

	/* paused Monday 09:00 to Wednesday 09:00: 16 working hours */
	CHECK_INT(op_code(code, OP_REQUEST_SUPPLEMENT, "2024-06-10 09:00",
			  "thiếu bản sao giấy khai sinh", &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_SUPPLEMENT);
	dossier_release(&d);
	CHECK_INT(op_code(code, OP_COMPLETE_SUPPLEMENT, "2024-06-12 09:00",
			  NULL, &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_PROCESSING);
	CHECK_STR(civil_format_local(d.due, due), "2024-06-18 09:00");
	CHECK_INT(d.n_supplements, 1);
	dossier_release(&d);

	CHECK_INT(op_code(code, OP_FINISH, "2024-06-17 10:00", NULL, &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_FINISHED);
	dossier_release(&d);
	struct op_request ret = {
		.actor = &fixture_operator,
		.params = {.op = OP_RETURN,
			   .at = fixture_time("2024-06-17 15:00"),
			   .delivery = DELIVERY_POST},
		.code = code,
	};
	CHECK_INT(app_lifecycle(&fx.app, &ret, &d, &err), MC_OK);
	CHECK_INT(d.status, ST_RETURNED);
	CHECK_INT(d.delivery, DELIVERY_POST);
	dossier_release(&d);

	struct count c = {0};
	CHECK_INT(store_event_each(fx.app.st, code, count_event, &c, &err),
		  MC_OK);
	CHECK_INT(c.n, 6);
	CHECK_INT(c.last_new, ST_RETURNED);
	free(code);
}

TEST(counter_filing_is_numbered_per_unit_per_day)
{
	struct dossier f, d;
	struct mc_err err;
	fixture_filing(&f, "1.000002", "000.00.31.H56", CHANNEL_DIRECT);
	CHECK_INT(op_new(&f, OP_ACCEPT, "2024-06-07 14:00", NULL, &d, &err),
		  MC_OK);
	CHECK_STR(d.code, "000.00.31.H56-240607-0001");
	CHECK_INT(d.status, ST_ACCEPTED);
	dossier_release(&d);
	CHECK_INT(op_new(&f, OP_ACCEPT, "2024-06-07 14:05", NULL, &d, &err),
		  MC_OK);
	CHECK_STR(d.code, "000.00.31.H56-240607-0002");
	dossier_release(&d);
	CHECK_INT(op_new(&f, OP_ACCEPT, "2024-06-10 08:00", NULL, &d, &err),
		  MC_OK);
	CHECK_STR(d.code, "000.00.31.H56-240610-0001");
	dossier_release(&d);
	dossier_release(&f);
}

TEST(transfer_moves_the_dossier_and_logs_the_old_unit)
{
	struct dossier f, d;
	struct mc_err err;
	fixture_filing(&f, "1.000002", "000.31.21.H56", CHANNEL_DIRECT);
	CHECK_INT(op_new(&f, OP_ACCEPT, "2024-06-11 08:00", NULL, &d, &err),
		  MC_OK);
	char *code = strdup(d.code);
	dossier_release(&d);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_TRANSFER,
			   .at = fixture_time("2024-06-11 10:00"),
			   .to_unit = "000.00.31.H56"},
		.code = code,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, &d, &err), MC_OK);
	CHECK_STR(d.unit_code, "000.00.31.H56");
	CHECK_INT(d.status, ST_PROCESSING);
	dossier_release(&d);
	dossier_release(&f);
	free(code);
}

TEST(reception_supplement_returns_to_the_queue)
{
	struct dossier d;
	struct mc_err err;
	char *code = registered("2024-06-12 08:00");
	CHECK_INT(op_code(code, OP_ASK_SUPPLEMENT_AT_RECEPTION,
			  "2024-06-12 09:00", "thiếu tờ khai", &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_SUPPLEMENT);
	CHECK(d.received == MC_NO_TIME);
	dossier_release(&d);
	CHECK_INT(op_code(code, OP_COMPLETE_SUPPLEMENT, "2024-06-13 09:00",
			  NULL, &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_REGISTERED);
	dossier_release(&d);
	CHECK_INT(op_code(code, OP_ACCEPT, "2024-06-13 10:00", NULL, &d, &err),
		  MC_OK);
	CHECK_INT(d.status, ST_ACCEPTED);
	dossier_release(&d);
	free(code);
}

/* ---- refused inputs ---------------------------------------------------- */

struct bad_case {
	const char *what;
	enum mc_code code;
	const char *field;
};

static void expect_refused(const struct bad_case *c, enum mc_code got,
			   const struct mc_err *err, const char *before)
{
	char after[65];
	fixture_digest(&fx, after);
	if (got != c->code || strcmp(err->field, c->field) != 0 ||
	    strcmp(before, after) != 0 || err->message[0] == '\0') {
		fprintf(stderr, "case \"%s\": got %s field \"%s\" (%s)%s\n",
			c->what, mc_code_name(got), err->field, err->message,
			strcmp(before, after) ? ", DATABASE CHANGED" : "");
		test_failed_checks++;
	}
}

static enum mc_code bad_filing(const char *proc, const char *unit,
			       enum channel ch, const char *id,
			       enum dossier_op op, const char *at,
			       struct mc_err *err)
{
	struct dossier f, d;
	fixture_filing(&f, proc, unit, ch);
	str_set(&f.applicant_id, id);
	enum mc_code rc = op_new(&f, op, at, "lý do", &d, err);
	if (!rc)
		dossier_release(&d);
	dossier_release(&f);
	return rc;
}

TEST(bad_filings_change_nothing)
{
	static const struct {
		struct bad_case c;
		const char *proc, *unit, *id, *at;
		enum channel ch;
		enum dossier_op op;
	} cases[] = {
		{{"online-only window", MC_ERR_RULE, "KenhThucHien"},
		 "1.000003",
		 "000.00.06.H56",
		 "001090012345",
		 "2023-08-01 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"postal in online-only window", MC_ERR_RULE, "KenhThucHien"},
		 "1.000003",
		 "000.00.06.H56",
		 "001090012345",
		 "2023-12-31 09:00",
		 CHANNEL_POSTAL,
		 OP_ACCEPT},
		{{"no online service", MC_ERR_RULE, "KenhThucHien"},
		 "1.000002",
		 "000.00.06.H56",
		 "001090012345",
		 "2024-06-07 09:00",
		 CHANNEL_ONLINE,
		 OP_REGISTER},
		{{"unknown unit", MC_ERR_NOT_FOUND, "DonViXuLy"},
		 "1.000001",
		 "000.00.99.H56",
		 "001090012345",
		 "2024-06-07 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"unknown procedure", MC_ERR_NOT_FOUND, "MaTTHC"},
		 "9.999999",
		 "000.00.06.H56",
		 "001090012345",
		 "2024-06-07 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"citizen ID of 11 digits", MC_ERR_INPUT, "SoGiayToChuHoSo"},
		 "1.000001",
		 "000.00.06.H56",
		 "00109001234",
		 "2024-06-07 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"citizen ID with a letter", MC_ERR_INPUT, "SoGiayToChuHoSo"},
		 "1.000001",
		 "000.00.06.H56",
		 "00109001234A",
		 "2024-06-07 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"citizen ID of unknown province", MC_ERR_INPUT,
		  "SoGiayToChuHoSo"},
		 "1.000001",
		 "000.00.06.H56",
		 "003090012345",
		 "2024-06-07 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"merged unit after its end", MC_ERR_RULE, "DonViXuLy"},
		 "1.000001",
		 "000.00.32.H56",
		 "001090012345",
		 "2025-07-01 09:00",
		 CHANNEL_DIRECT,
		 OP_ACCEPT},
		{{"finish a new filing", MC_ERR_STATE, "TrangThaiHoSo"},
		 "1.000001",
		 "000.00.06.H56",
		 "001090012345",
		 "2024-06-07 09:00",
		 CHANNEL_DIRECT,
		 OP_FINISH},
		{{"online filing at the counter", MC_ERR_INPUT, "KenhThucHien"},
		 "1.000001",
		 "000.00.06.H56",
		 "001090012345",
		 "2024-06-07 09:00",
		 CHANNEL_ONLINE,
		 OP_ACCEPT},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char before[65];
		struct mc_err err;
		mc_err_clear(&err);
		fixture_digest(&fx, before);
		enum mc_code rc =
			bad_filing(cases[i].proc, cases[i].unit, cases[i].ch,
				   cases[i].id, cases[i].op, cases[i].at, &err);
		expect_refused(&cases[i].c, rc, &err, before);
	}
}

TEST(bad_operations_change_nothing)
{
	struct dossier d;
	struct mc_err err;
	char *code = registered("2024-06-14 08:00");
	static const struct {
		struct bad_case c;
		enum dossier_op op;
		const char *at, *note;
	} cases[] = {
		{{"finish before acceptance", MC_ERR_STATE, "TrangThaiHoSo"},
		 OP_FINISH,
		 "2024-06-14 09:00",
		 NULL},
		{{"return before finish", MC_ERR_STATE, "TrangThaiHoSo"},
		 OP_RETURN,
		 "2024-06-14 09:00",
		 NULL},
		{{"refuse without reason", MC_ERR_INPUT, "note"},
		 OP_REFUSE,
		 "2024-06-14 09:00",
		 NULL},
		{{"complete with none open", MC_ERR_STATE, "TrangThaiHoSo"},
		 OP_COMPLETE_SUPPLEMENT,
		 "2024-06-14 09:00",
		 NULL},
		{{"accept before it was filed", MC_ERR_INPUT, "NgayTiepNhan"},
		 OP_ACCEPT,
		 "2024-06-13 09:00",
		 NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char before[65];
		mc_err_clear(&err);
		fixture_digest(&fx, before);
		enum mc_code rc = op_code(code, cases[i].op, cases[i].at,
					  cases[i].note, &d, &err);
		if (!rc)
			dossier_release(&d);
		expect_refused(&cases[i].c, rc, &err, before);
	}
	char before[65];
	fixture_digest(&fx, before);
	struct bad_case future = {"dated in the future", MC_ERR_INPUT, "at"};
	expect_refused(
		&future,
		op_code(code, OP_ACCEPT, "2099-06-14 09:00", NULL, &d, &err),
		&err, before);
	struct bad_case unknown = {"unknown dossier", MC_ERR_NOT_FOUND,
				   "MaHoSo"};
	expect_refused(&unknown,
		       op_code("000.00.06.H56-240614-9999", OP_ACCEPT,
			       "2024-06-14 09:00", NULL, &d, &err),
		       &err, before);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_TRANSFER,
			   .at = fixture_time("2024-06-14 10:00"),
			   .to_unit = "000.00.99.H56"},
		.code = code,
	};
	CHECK_INT(op_code(code, OP_ACCEPT, "2024-06-14 09:00", NULL, &d, &err),
		  MC_OK);
	dossier_release(&d);
	fixture_digest(&fx, before);
	struct bad_case transfer = {"transfer to unknown unit",
				    MC_ERR_NOT_FOUND, "to"};
	expect_refused(&transfer, app_lifecycle(&fx.app, &req, &d, &err), &err,
		       before);
	free(code);
}

TEST(calendar_change_recomputes_open_due_dates)
{
	struct dossier f, d;
	struct mc_err err;
	char due[CIVIL_BUF];
	fixture_filing(&f, "1.000002", "000.00.06.H56", CHANNEL_DIRECT);
	/* Monday 2024-07-01 09:00 + 3 working days = Thursday 09:00 */
	CHECK_INT(op_new(&f, OP_ACCEPT, "2024-07-01 09:00", NULL, &d, &err),
		  MC_OK);
	CHECK_STR(civil_format_local(d.due, due), "2024-07-04 09:00");
	char *code = strdup(d.code);
	dossier_release(&d);
	struct calendar_override off = {civil_days(2024, 7, 2), false,
					"Nghỉ đột xuất"};
	size_t changed = 0;
	CHECK_INT(app_calendar_change(&fx.app, &off, false, "admin", &changed,
				      &err),
		  MC_OK);
	CHECK(changed >= 1);
	CHECK_INT(store_dossier_get(fx.app.st, code, &d, &err), MC_OK);
	CHECK_STR(civil_format_local(d.due, due), "2024-07-05 09:00");
	dossier_release(&d);
	CHECK_INT(app_calendar_change(&fx.app, &off, true, "admin", &changed,
				      &err),
		  MC_OK);
	CHECK_INT(store_dossier_get(fx.app.st, code, &d, &err), MC_OK);
	CHECK_STR(civil_format_local(d.due, due), "2024-07-04 09:00");
	dossier_release(&d);
	dossier_release(&f);
	free(code);
}

/* A day off added by another process (here another handle) counts in
 * the next operation without reopening. */
TEST(a_calendar_row_from_elsewhere_is_seen)
{
	struct app other;
	struct mc_err err;
	struct dossier f, d;
	char due[CIVIL_BUF];
	CHECK_INT(app_open(fx.db, &other, &err), MC_OK);
	struct calendar_override off = {civil_days(2024, 8, 6), false,
					"Nghỉ do bão"};
	CHECK_INT(store_calendar_put(other.st, &off, &err), MC_OK);
	app_close(&other);
	/* Monday 2024-08-05 09:00 + 3 working days, Tuesday off: Friday */
	fixture_filing(&f, "1.000002", "000.00.06.H56", CHANNEL_DIRECT);
	CHECK_INT(op_new(&f, OP_ACCEPT, "2024-08-05 09:00", NULL, &d, &err),
		  MC_OK);
	CHECK_STR(civil_format_local(d.due, due), "2024-08-09 09:00");
	dossier_release(&d);
	dossier_release(&f);
}

static void all(void) { fixture_open(&fx); }

static void setup(void) { all(); }
static void teardown(void) { fixture_close(&fx); }

TEST_MAIN_WITH(setup, teardown, T(online_dossier_through_its_whole_life),
	       T(counter_filing_is_numbered_per_unit_per_day),
	       T(transfer_moves_the_dossier_and_logs_the_old_unit),
	       T(reception_supplement_returns_to_the_queue),
	       T(bad_filings_change_nothing), T(bad_operations_change_nothing),
	       T(calendar_change_recomputes_open_due_dates),
	       T(a_calendar_row_from_elsewhere_is_seen))
