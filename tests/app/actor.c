/*
 * actor.c - who may act, checked by the application inside each
 * operation's transaction or read view: every lifecycle operation
 * against every role (the expected answers written out here,
 * independently of src/app/actor.c); every operation on scoped data
 * (each lifecycle operation, a dossier's reading, the staff search,
 * the printed forms, the feedback list and its answer) by an actor
 * without the role, by one outside the unit, and by one allowed, the
 * refusals changing nothing; and the actor as the event log records it.
 */
#include "test.h"

#include "app/app.h"
#include "app/dossier.h"
#include "app/form.h"
#include "app/index.h"
#include "app/index_http.h"
#include "app/quality.h"
#include "app/report.h"
#include "app/summary.h"
#include "core/civil.h"
#include "fixture.h"
#include "store/sqlite_int.h"

#define PROVINCE "000.00.00.H56"
#define DEPARTMENT "000.00.06.H56"
#define DISTRICT "000.00.31.H56"
#define COMMUNE "000.31.21.H56"

enum { ADMIN, LEADER, OFFICER, CLERK, CITIZEN, OPERATOR, N_ROLES };
static const unsigned role_bit[N_ROLES] = {ROLE_ADMIN,   ROLE_LEADER,
					   ROLE_OFFICER, ROLE_CLERK,
					   ROLE_CITIZEN, ROLE_OPERATOR};

/* 1: may run it. Rows in enum dossier_op order; columns as the enum
 * above. The counter receives and hands over, the officer processes, the
 * leader decides, the administrator and the operator do everything, the
 * citizen only files online. */
static const char may[OP__COUNT][N_ROLES] = {
	[OP_REGISTER] = {0, 0, 0, 0, 1, 1},
	[OP_ACCEPT] = {1, 0, 0, 1, 0, 1},
	[OP_REFUSE] = {1, 0, 0, 1, 0, 1},
	[OP_ASK_SUPPLEMENT_AT_RECEPTION] = {1, 0, 0, 1, 0, 1},
	[OP_START] = {1, 0, 1, 0, 0, 1},
	[OP_TRANSFER] = {1, 0, 1, 0, 0, 1},
	[OP_REQUEST_SUPPLEMENT] = {1, 0, 1, 0, 0, 1},
	[OP_COMPLETE_SUPPLEMENT] = {1, 0, 1, 1, 0, 1},
	[OP_REQUEST_FINANCIAL] = {1, 0, 1, 0, 0, 1},
	[OP_FULFIL_FINANCIAL] = {1, 0, 1, 1, 0, 1},
	[OP_FINISH] = {1, 1, 1, 0, 0, 1},
	[OP_STOP] = {1, 1, 1, 0, 0, 1},
	[OP_RETURN] = {1, 0, 0, 1, 0, 1},
	[OP_WITHDRAW] = {1, 0, 0, 1, 0, 1},
	[OP_RESCHEDULE] = {1, 1, 1, 0, 0, 1},
};

static struct fixture fx;
static int64_t clock_at;

static enum mc_code act(const struct actor *a, const char *code,
			enum dossier_op op, const struct dossier *filing,
			struct dossier *out, struct mc_err *err)
{
	int64_t at = clock_at += 60;
	struct op_request req = {
		.actor = a,
		.params = {.op = op,
			   .at = at,
			   .note = "lý do",
			   .to_unit = DISTRICT,
			   .new_due = at + 60 * 86400}, /* reschedule */
		.code = code,
		.filing = code ? NULL : filing,
	};
	return app_lifecycle(&fx.app, &req, out, err);
}

/* A dossier of the commune in a status where `op` may run, made by the
 * operator; NULL for a new online filing (OP_REGISTER). */
static char *ready_for(enum dossier_op op)
{
	static const enum dossier_op before[OP__COUNT] = {
		[OP_COMPLETE_SUPPLEMENT] = OP_REQUEST_SUPPLEMENT,
		[OP_FULFIL_FINANCIAL] = OP_REQUEST_FINANCIAL,
		[OP_RETURN] = OP_FINISH,
	};
	if (op == OP_REGISTER)
		return NULL;
	bool online = op == OP_ACCEPT || op == OP_REFUSE ||
		      op == OP_ASK_SUPPLEMENT_AT_RECEPTION;
	struct dossier f, d;
	struct mc_err err;
	fixture_filing(&f, "1.000001", COMMUNE,
		       online ? CHANNEL_ONLINE : CHANNEL_DIRECT);
	CHECK_INT(act(&fixture_operator, NULL, online ? OP_REGISTER : OP_ACCEPT,
		      &f, &d, &err),
		  MC_OK);
	char *code = strdup(d.code);
	dossier_release(&d);
	dossier_release(&f);
	if (before[op]) {
		CHECK_INT(act(&fixture_operator, code, before[op], NULL, NULL,
			      &err),
			  MC_OK);
	}
	return code;
}

TEST(every_operation_against_every_role)
{
	fixture_open(&fx);
	clock_at = fixture_time("2024-06-03 08:00");
	for (int op = 0; op < OP__COUNT; op++) {
		for (int r = 0; r < N_ROLES; r++) {
			struct actor a = {.role = role_bit[r],
					  .name = "someone",
					  .unit = role_bit[r] & ROLE_STAFF
							  ? DISTRICT
							  : NULL};
			struct dossier f;
			struct mc_err err;
			char before[65], after[65];
			char *code = ready_for((enum dossier_op)op);
			fixture_filing(&f, "1.000001", COMMUNE, CHANNEL_ONLINE);
			fixture_digest(&fx, before);
			enum mc_code rc = act(&a, code, (enum dossier_op)op, &f,
					      NULL, &err);
			if (rc != (may[op][r] ? MC_OK : MC_ERR_FORBIDDEN))
				fprintf(stderr, "%s by %s: %s\n",
					dossier_op_name((enum dossier_op)op),
					actor_role_name(role_bit[r]),
					rc ? err.message : "done");
			CHECK_INT(rc, may[op][r] ? MC_OK : MC_ERR_FORBIDDEN);
			if (rc) {
				CHECK_STR(err.field, "actor");
				CHECK_STR(fixture_digest(&fx, after), before);
			}
			dossier_release(&f);
			free(code);
		}
	}
	fixture_close(&fx);
}

struct last_event {
	char action[32], actor[32], role[16], unit[32];
};

static int keep_last(const struct dossier_event *ev, void *ctx)
{
	struct last_event *l = ctx;
	snprintf(l->action, sizeof(l->action), "%s", ev->action);
	snprintf(l->actor, sizeof(l->actor), "%s", str_or_empty(ev->actor));
	snprintf(l->role, sizeof(l->role), "%s", str_or_empty(ev->actor_role));
	snprintf(l->unit, sizeof(l->unit), "%s", str_or_empty(ev->actor_unit));
	return 0;
}

TEST(staff_act_only_inside_their_units_and_the_log_names_them)
{
	fixture_open(&fx);
	clock_at = fixture_time("2024-06-03 08:00");
	const struct actor department = {ROLE_OFFICER, "canbo06", DEPARTMENT,
					 7};
	const struct actor district = {ROLE_OFFICER, "canbo31", DISTRICT, 8};
	const struct actor clerk06 = {ROLE_CLERK, "motcua06", DEPARTMENT, 9};
	struct mc_err err, unknown;
	char before[65], after[65];
	char *code = ready_for(OP_START);
	fixture_digest(&fx, before);
	/* outside the units: worded exactly as an unknown code */
	CHECK_INT(act(&department, code, OP_START, NULL, NULL, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_INT(act(&department, "000.31.21.H56-240603-9999", OP_START, NULL,
		      NULL, &unknown),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "MaHoSo");
	char *at = strstr(unknown.message, "000.31.21.H56-240603-9999");
	CHECK(at && strncmp(err.message, unknown.message,
			    (size_t)(at - unknown.message)) == 0);
	/* a counter filing at a unit that is not the clerk's */
	struct dossier f;
	fixture_filing(&f, "1.000001", COMMUNE, CHANNEL_DIRECT);
	CHECK_INT(act(&clerk06, NULL, OP_ACCEPT, &f, NULL, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_STR(err.field, "DonViXuLy");
	dossier_release(&f);
	CHECK_STR(fixture_digest(&fx, after), before);

	/* the district's officer (the commune is below the district) */
	CHECK_INT(act(&district, code, OP_START, NULL, NULL, &err), MC_OK);
	struct last_event l = {0};
	CHECK_INT(store_event_each(fx.app.st, code, keep_last, &l, &err),
		  MC_OK);
	CHECK_STR(l.action, "start");
	CHECK_STR(l.actor, "canbo31");
	CHECK_STR(l.role, "officer");
	CHECK_STR(l.unit, DISTRICT);
	/* after a transfer to the department the district's officer is out,
	 * the department's is in */
	const struct actor admin = {ROLE_ADMIN, "admin", PROVINCE, 1};
	struct op_request move = {
		.actor = &admin,
		.params = {.op = OP_TRANSFER,
			   .at = clock_at += 60,
			   .to_unit = DEPARTMENT},
		.code = code,
	};
	CHECK_INT(app_lifecycle(&fx.app, &move, NULL, &err), MC_OK);
	CHECK_INT(act(&district, code, OP_FINISH, NULL, NULL, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_INT(act(&department, code, OP_FINISH, NULL, NULL, &err), MC_OK);
	free(code);
	fixture_close(&fx);
}

TEST(an_operation_without_an_actor_is_refused)
{
	fixture_open(&fx);
	clock_at = fixture_time("2024-06-03 08:00");
	char *code = ready_for(OP_START);
	struct mc_err err;
	char before[65], after[65];
	const struct actor nameless = {.role = ROLE_OFFICER, .unit = DISTRICT};
	const struct actor no_role = {.name = "x", .unit = DISTRICT};
	fixture_digest(&fx, before);
	CHECK_INT(act(NULL, code, OP_START, NULL, NULL, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_INT(act(&nameless, code, OP_START, NULL, NULL, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_INT(act(&no_role, code, OP_START, NULL, NULL, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_STR(fixture_digest(&fx, after), before);
	free(code);
	fixture_close(&fx);
}

/* ---- every operation on scoped data, inside and outside the units ---- */

/* A dossier and a feedback of the commune, made afresh for each try. */
struct scoped_data {
	char *code;
	char feedback[32];
};

static int count_event(const struct dossier_event *ev, void *ctx)
{
	(void)ev;
	++*(int *)ctx;
	return 0;
}

static int count_dossier(const struct dossier *d, void *ctx)
{
	(void)d;
	++*(int *)ctx;
	return 0;
}

static int count_feedback(const struct feedback_row *f, void *ctx)
{
	(void)f;
	++*(int *)ctx;
	return 0;
}

static enum mc_code read_one(const struct actor *a, struct scoped_data *x,
			     struct mc_err *err)
{
	struct dossier d;
	int events = 0;
	const struct dossier_read rq = {.actor = a,
					.code = x->code,
					.events = count_event,
					.ctx = &events};
	enum mc_code rc = app_dossier_read(&fx.app, &rq, &d, NULL, err);
	if (!rc) {
		CHECK_STR(d.code, x->code);
		CHECK(events > 0);
		dossier_release(&d);
	}
	return rc;
}

static enum mc_code search(const struct actor *a, struct scoped_data *x,
			   struct mc_err *err)
{
	(void)x;
	int n = 0;
	const struct dossier_query q = {COMMUNE, 0, MC_NO_TIME};
	enum mc_code rc =
		app_dossier_search(&fx.app, a, &q, count_dossier, &n, err);
	CHECK(rc || n > 0);
	return rc;
}

static enum mc_code print(const struct actor *a, struct scoped_data *x,
			  struct mc_err *err)
{
	struct strbuf pdf;
	const struct form_request rq = {
		.kind = FORM_CONTROL, .code = x->code, .actor = a};
	strbuf_init(&pdf);
	enum mc_code rc = app_form(&fx.app, &rq, &pdf, NULL, err);
	CHECK(rc ? pdf.len == 0 : pdf.len > 0);
	strbuf_release(&pdf);
	return rc;
}

static enum mc_code feedback_list(const struct actor *a, struct scoped_data *x,
				  struct mc_err *err)
{
	(void)x;
	int n = 0;
	const struct feedback_query q = {
		.actor = a, .unit = COMMUNE, .limit = 10};
	enum mc_code rc =
		app_feedback_list(&fx.app, &q, count_feedback, &n, err);
	CHECK(rc || n > 0);
	return rc;
}

static enum mc_code feedback_answer(const struct actor *a,
				    struct scoped_data *x, struct mc_err *err)
{
	return app_feedback_answer(&fx.app, a, x->feedback, "đã trả lời",
				   "answered", clock_at += 60, err);
}

static struct report_period month_of_june(void)
{
	struct report_period p;
	CHECK_INT(report_period_parse("month:2024-06", 1, &p, "period", NULL),
		  MC_OK);
	return p;
}

static enum mc_code report(const struct actor *a, struct scoped_data *x,
			   struct mc_err *err)
{
	(void)x;
	struct report rep;
	const struct report_query q = {.period = month_of_june(),
				       .unit = COMMUNE,
				       .by = REPORT_BY_UNIT};
	enum mc_code rc = app_report_as(&fx.app, a, &q, &rep, err);
	if (!rc)
		report_release(&rep);
	return rc;
}

static enum mc_code summary(const struct actor *a, struct scoped_data *x,
			    struct mc_err *err)
{
	(void)x;
	struct summary s;
	const struct summary_query q = {.period = "month:2024-06",
					.unit = COMMUNE};
	enum mc_code rc = app_summary_as(&fx.app, a, &q, &s, err);
	if (!rc)
		summary_release(&s);
	return rc;
}

static enum mc_code quality(const struct actor *a, struct scoped_data *x,
			    struct mc_err *err)
{
	(void)x;
	struct quality_list l;
	const struct quality_query q = {.all_time = true, .unit = COMMUNE};
	enum mc_code rc = app_quality_as(&fx.app, a, &q, &l, err);
	if (!rc)
		quality_list_release(&l);
	return rc;
}

static enum mc_code index_of(const struct actor *a, struct scoped_data *x,
			     struct mc_err *err)
{
	(void)x;
	struct index_table t;
	const struct index_query q = {.period = month_of_june(),
				      .unit = COMMUNE};
	enum mc_code rc = app_index_as(&fx.app, a, &q, &t, err);
	if (!rc)
		index_table_release(&t);
	return rc;
}

static enum mc_code targets_check(const struct actor *a, struct scoped_data *x,
				  struct mc_err *err)
{
	(void)x;
	struct target_report rep;
	enum mc_code rc = app_target_check_as(&fx.app, a, "month:2024-06",
					      COMMUNE, &rep, err);
	if (!rc)
		target_report_release(&rep);
	return rc;
}

static enum mc_code target_set(const struct actor *a, struct scoped_data *x,
			       struct mc_err *err)
{
	(void)x;
	return app_target_set(&fx.app, a, COMMUNE, "year:2024", "on_time", "90",
			      err);
}

static enum mc_code target_allocate(const struct actor *a,
				    struct scoped_data *x, struct mc_err *err)
{
	(void)x;
	size_t written;
	return app_target_allocate(&fx.app, a, DISTRICT, "year:2024", &written,
				   err);
}

/* One operation: the roles that may run it, what an actor of such a
 * role gets outside its units, and what any other role gets. */
static const struct scoped_op {
	const char *name;
	unsigned roles;
	enum mc_code outside, no_role;
	enum mc_code (*run)(const struct actor *a, struct scoped_data *x,
			    struct mc_err *err);
} scoped_ops[] = {
	{"read a dossier and its log", ROLE_STAFF, MC_ERR_NOT_FOUND,
	 MC_ERR_NOT_FOUND, read_one},
	{"search the dossiers of a unit", ROLE_STAFF, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, search},
	{"print a form", ROLE_STAFF, MC_ERR_NOT_FOUND, MC_ERR_NOT_FOUND, print},
	{"list a unit's feedback", ROLE_STAFF, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, feedback_list},
	{"answer feedback", ROLE_STAFF, MC_ERR_NOT_FOUND, MC_ERR_FORBIDDEN,
	 feedback_answer},
	{"report II.06a", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, report},
	{"summary", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, summary},
	{"quality list", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, quality},
	{"service index", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, index_of},
	{"check targets", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, targets_check},
	{"set a target", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, target_set},
	{"allocate targets", ROLE_LEADER | ROLE_ADMIN, MC_ERR_FORBIDDEN,
	 MC_ERR_FORBIDDEN, target_allocate},
};
#define N_SCOPED_OPS (sizeof(scoped_ops) / sizeof(*scoped_ops))

/* The operation the row's dossier is made ready for. */
static enum dossier_op lifecycle_op;

static void scoped_data_make(struct scoped_data *x, int n)
{
	struct mc_err err;
	x->code = ready_for(lifecycle_op);
	snprintf(x->feedback, sizeof(x->feedback), "PA-240603-%08d", n);
	CHECK_INT(app_feedback_submit(&fx.app, x->feedback, COMMUNE, NULL,
				      "Hồ sơ chậm", clock_at += 60, &err),
		  MC_OK);
}

/* Run `run` as `a`; a refusal must be `want` and leave every table as
 * it was. */
static void try_as(const char *name, const struct actor *a,
		   enum mc_code (*run)(const struct actor *,
				       struct scoped_data *, struct mc_err *),
		   enum mc_code want)
{
	static int n;
	struct scoped_data x;
	struct mc_err err;
	char before[65], after[65];
	scoped_data_make(&x, ++n);
	fixture_digest(&fx, before);
	enum mc_code rc = run(a, &x, &err);
	if (rc != want)
		fprintf(stderr, "%s by %s of %s: %s\n", name,
			actor_role_name(a->role), str_or_empty(a->unit),
			rc ? err.message : "done");
	CHECK_INT(rc, want);
	if (want)
		CHECK_STR(fixture_digest(&fx, after), before);
	free(x.code);
}

/* A lifecycle operation as one more row: lifecycle_op on the dossier
 * of the commune made ready for it (a new online filing for
 * OP_REGISTER). */
static enum mc_code lifecycle(const struct actor *a, struct scoped_data *x,
			      struct mc_err *err)
{
	struct dossier f;
	fixture_filing(&f, "1.000001", COMMUNE, CHANNEL_ONLINE);
	enum mc_code rc = act(a, x->code, lifecycle_op, &f, NULL, err);
	dossier_release(&f);
	return rc;
}

TEST(every_scoped_operation_inside_and_outside_the_units)
{
	fixture_open(&fx);
	clock_at = fixture_time("2024-06-03 08:00");
	for (size_t i = 0; i < N_SCOPED_OPS + OP__COUNT; i++) {
		struct scoped_op o;
		if (i < N_SCOPED_OPS) {
			o = scoped_ops[i];
			lifecycle_op = OP_START; /* an accepted dossier */
		} else {
			lifecycle_op = (enum dossier_op)(i - N_SCOPED_OPS);
			unsigned roles = 0;
			for (int r = 0; r < N_ROLES; r++)
				roles |= may[lifecycle_op][r] ? role_bit[r] : 0;
			o = (struct scoped_op){
				dossier_op_name(lifecycle_op), roles,
				lifecycle_op == OP_REGISTER ? MC_OK
							    : MC_ERR_NOT_FOUND,
				MC_ERR_FORBIDDEN, lifecycle};
		}
		for (int r = 0; r < N_ROLES; r++) {
			unsigned bit = role_bit[r];
			bool staff = bit & ROLE_STAFF, allowed = bit & o.roles;
			struct actor in = {bit, "someone",
					   staff ? DISTRICT : NULL, 0};
			struct actor out = {bit, "someone",
					    staff ? DEPARTMENT : NULL, 0};
			if (bit == ROLE_OPERATOR) /* may do everything */
				allowed = true;
			try_as(o.name, &in, o.run, allowed ? MC_OK : o.no_role);
			if (staff)
				try_as(o.name, &out, o.run,
				       allowed ? o.outside : o.no_role);
		}
	}
	fixture_close(&fx);
}

/* Publishing speaks for the province: its administrators (and the
 * operator) only, checked in the transaction that stores the snapshot. */
TEST(only_the_province_publishes)
{
	fixture_open(&fx);
	const struct actor province = {ROLE_ADMIN, "admin", PROVINCE, 1};
	const struct actor district = {ROLE_ADMIN, "admin31", DISTRICT, 2};
	const struct actor leader = {ROLE_LEADER, "lanhdao", PROVINCE, 3};
	const struct actor citizen = ACTOR_CITIZEN;
	const struct actor *refused[] = {&district, &leader, &citizen, NULL};
	struct mc_err err;
	char before[65], after[65];
	fixture_digest(&fx, before);
	for (size_t i = 0; i < 4; i++) {
		CHECK_INT(
			app_publish(&fx.app, refused[i], "month:2024-05", &err),
			MC_ERR_FORBIDDEN);
		CHECK_STR(err.field, "actor");
	}
	CHECK_STR(fixture_digest(&fx, after), before);
	CHECK_INT(app_publish(&fx.app, &province, "month:2024-05", &err),
		  MC_OK);
	CHECK_INT(
		app_publish(&fx.app, &fixture_operator, "month:2024-06", &err),
		MC_OK);
	fixture_close(&fx);
}

/* The scope walks the units in the store: when that read fails, the
 * answer is the failure (500 over HTTP), neither a refusal nor a
 * permission. */
TEST(a_failed_read_of_the_units_is_no_answer_on_scope)
{
	fixture_open(&fx);
	clock_at = fixture_time("2024-06-03 08:00");
	const struct actor officer = {ROLE_OFFICER, "canbo31", DISTRICT, 8};
	const struct dossier_query q = {COMMUNE, 0, MC_NO_TIME};
	struct mc_err err;
	int n = 0;
	CHECK_INT(sqlite3_exec(sq(fx.app.st)->db,
			       "ALTER TABLE units RENAME TO units_away", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	CHECK_INT(app_dossier_search(&fx.app, &officer, &q, count_dossier, &n,
				     &err),
		  MC_ERR_DB);
	CHECK_INT(n, 0);
	const struct actor leader = {ROLE_LEADER, "lanhdao31", DISTRICT, 9};
	CHECK_INT(app_target_set(&fx.app, &leader, COMMUNE, "year:2024",
				 "on_time", "90", &err),
		  MC_ERR_DB);
	CHECK_INT(sqlite3_exec(sq(fx.app.st)->db,
			       "ALTER TABLE units_away RENAME TO units", NULL,
			       NULL, NULL),
		  SQLITE_OK);
	CHECK_INT(app_dossier_search(&fx.app, &officer, &q, count_dossier, &n,
				     &err),
		  MC_OK);
	fixture_close(&fx);
}

TEST_MAIN(T(every_operation_against_every_role),
	  T(a_failed_read_of_the_units_is_no_answer_on_scope),
	  T(only_the_province_publishes),
	  T(every_scoped_operation_inside_and_outside_the_units),
	  T(staff_act_only_inside_their_units_and_the_log_names_them),
	  T(an_operation_without_an_actor_is_refused))
