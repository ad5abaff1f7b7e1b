/*
 * tests/app/alloc.c - allocation failures along whole operations: the
 * Nth allocation fails, for every N from the first until the operation
 * runs through without reaching N, along an import of a small file of
 * each kind and along every lifecycle operation. After each failure the
 * operation must have answered an error (or, where it could do without
 * the memory, exactly what the uninjected run gives) and the database
 * must be exactly as before, digest for digest.
 *
 * The library's malloc, calloc, realloc, strdup and strndup are linked to
 * the counting wrappers below, and its time to a clock that stands still
 * (-Wl,--wrap=..., see the Makefile). SQLite and jansson keep their own
 * allocators: SQLite's out-of-memory paths are SQLite's to test (a full
 * disk is tests/store/faults.c), and jansson, when its string buffer
 * cannot grow, drops a character and still returns the document, which
 * no caller can see (docs/internals/testing.md).
 */
#include <execinfo.h>
#include <stdio.h>
#include <time.h>

#include "app/import.h"
#include "app/index.h"
#include "core/civil.h"
#include "fixture.h"
#include "test.h"

static long alloc_count, fail_at; /* fail_at 0: never */
static long injected;             /* failures given since the last reset */

static bool fail_now(void)
{
	if (!fail_at || ++alloc_count != fail_at)
		return false;
	injected++;
	if (getenv("ALLOC_BT")) { /* where each failure is injected */
		void *bt[12];
		int k = backtrace(bt, 12);
		backtrace_symbols_fd(bt, k, 2);
		fprintf(stderr, "----\n");
	}
	return true;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}
void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}
char *__wrap_strdup(const char *s)
{
	return fail_now() ? NULL : __real_strdup(s);
}
char *__wrap_strndup(const char *s, size_t n)
{
	return fail_now() ? NULL : __real_strndup(s, n);
}

/* The library's clock stands still in this test, so that two runs of an
 * import (which stamps its dossiers with the time) store the same rows. */
time_t __real_time(time_t *t);
time_t __wrap_time(time_t *t);
time_t __wrap_time(time_t *t)
{
	static time_t frozen;
	if (!frozen)
		frozen = __real_time(NULL);
	if (t)
		*t = frozen;
	return frozen;
}

static void arm(long n)
{
	alloc_count = 0;
	injected = 0;
	fail_at = n;
}

/* One operation on the fixture, run again for each N. */
typedef enum mc_code (*operation)(struct fixture *f, const void *arg,
				  struct mc_err *err);

/* Every allocation of op fails once, in turn. `prepare` (no failures)
 * brings a fresh fixture to the state op starts from. Returns how many
 * allocations op makes. */
static long each_allocation(const char *name,
			    void (*prepare)(struct fixture *f, const void *arg),
			    operation op, const void *arg)
{
	struct fixture f;
	struct mc_err err;
	char start[65], done[65], now[65];
	/* the uninjected run: what success looks like */
	fixture_open(&f);
	prepare(&f, arg);
	fixture_digest(&f, start);
	arm(0);
	enum mc_code clean = op(&f, arg, &err);
	if (clean)
		fprintf(stderr, "%s: %s\n", name, err.message);
	CHECK_INT(clean, MC_OK);
	fixture_digest(&f, done);
	fixture_close(&f);

	fixture_open(&f);
	prepare(&f, arg);
	CHECK_STR(fixture_digest(&f, now), start);
	long n;
	for (n = 1;; n++) {
		arm(n);
		enum mc_code rc = op(&f, arg, &err);
		long failed = injected;
		arm(0);
		if (!failed) { /* ran through: the clean result */
			if (rc)
				fprintf(stderr, "%s: %ld: %s\n", name, n,
					err.message);
			CHECK_INT(rc, MC_OK);
			CHECK_STR(fixture_digest(&f, now), done);
			break;
		}
		fixture_digest(&f, now);
		if (rc == MC_OK && strcmp(now, done) == 0) {
			/* it did without that memory, and got it right:
			 * start again from the state before */
			fixture_close(&f);
			fixture_open(&f);
			prepare(&f, arg);
			continue;
		}
		if (rc == MC_OK || strcmp(now, start) != 0) {
			fprintf(stderr, "%s: allocation %ld failed: %s, %s\n",
				name, n, rc ? err.message : "success",
				strcmp(now, start) ? "database changed"
						   : "database as before");
			test_failed_checks++;
			fixture_close(&f);
			fixture_open(&f);
			prepare(&f, arg);
		}
	}
	fixture_close(&f);
	return n - 1;
}

/* ---- imports ------------------------------------------------------------ */

struct import_case {
	enum mc_code (*fn)(struct app *app, FILE *in,
			   struct import_stats *stats, struct mc_err *err);
	const char *text;
};

static enum mc_code import_op(struct fixture *f, const void *arg,
			      struct mc_err *err)
{
	const struct import_case *c = arg;
	FILE *in = fmemopen((void *)c->text, strlen(c->text), "r");
	if (!in)
		return mc_fail(err, MC_ERR_IO, "", "fmemopen");
	struct import_stats stats;
	enum mc_code rc = c->fn(&f->app, in, &stats, err);
	fclose(in);
	return rc;
}

static void no_preparation(struct fixture *f, const void *arg)
{
	(void)f;
	(void)arg;
}

#define DOSSIER_LINE(code, status)                                              \
	"{\"MaHoSo\":\"" code "\",\"MaTTHC\":\"1.000001\",\"TenTTHC\":\"Thủ " \
	"tục\",\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Trần Thị B\","        \
	"\"SoGiayToChuHoSo\":\"052190001234\",\"LoaiDoiTuong\":\"1\","          \
	"\"NgayNopHoSo\":\"20240603070000\",\"NgayTiepNhan\":"                  \
	"\"20240603080000\",\"NgayHenTra\":\"20240610170000\","                 \
	"\"TrangThaiHoSo\":\"" status "\",\"DonViXuLy\":\"000.31.21.H56\","     \
	"\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"TP1\",\"DuocSoHoa\":\"1\"}],"   \
	"\"DanhSachLePhi\":[{\"MaPhiLePhi\":\"LP1\",\"Gia\":\"50000\","         \
	"\"HinhThucThu\":\"1\"}]}\n"

TEST(every_allocation_of_an_import_fails_cleanly)
{
	static const struct import_case cases[] = {
		{import_units,
		 "{\"code\":\"000.31.22.H56\",\"name\":\"Xã Hai\",\"parent\":"
		 "\"000.00.31.H56\",\"level\":\"commune\",\"valid_from\":null,"
		 "\"valid_to\":null,\"successor\":null}\n"},
		{import_procedures,
		 "{\"code\":\"2.000889\",\"name\":\"Chứng thực bản sao\","
		 "\"field_code\":\"CT\",\"field_name\":\"Chứng thực\","
		 "\"time_limit\":{\"value\":8,\"unit\":\"working_hours\"},"
		 "\"online_level\":\"partial\",\"paper_result\":false,"
		 "\"fees\":[{\"code\":\"LP\",\"name\":\"Phí\",\"amount\":2000}]"
		 ","
		 "\"online_only\":[]}\n"},
		{import_dossiers,
		 DOSSIER_LINE("X-1", "4") DOSSIER_LINE("X-2", "2")},
		{import_feedback,
		 "{\"id\":\"F1\",\"unit\":\"000.00.06.H56\",\"received_at\":"
		 "\"2024-07-10 08:00\",\"answered_at\":\"2024-07-15 08:00\","
		 "\"outcome\":\"answered\"}\n"},
	};
	/* ratings and targets allocate only inside jansson: nothing of
	 * ours to fail there */
	static const char *const names[] = {"units", "procedures", "dossiers",
					    "feedback"};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		long n = each_allocation(names[i], no_preparation, import_op,
					 &cases[i]);
		fprintf(stderr,
			"import %s: %ld allocations, each failed once\n",
			names[i], n);
		CHECK(n > 0);
	}
}

/* ---- lifecycle operations ------------------------------------------------ */

static const struct actor clerk = {ROLE_CLERK, "motcua31", "000.00.31.H56", 3};

/* The dossier of a lifecycle case, made by the operator in `prepare`. */
#define CODE "000.31.21.H56-240603-0001"

struct step {
	enum dossier_op op;
	enum dossier_op before[2]; /* OP_REGISTER: none */
	bool online;
};

static enum mc_code run_step(struct fixture *f, enum dossier_op op,
			     const struct actor *a, bool online, int k,
			     struct mc_err *err)
{
	struct dossier filing;
	long armed = fail_at; /* the filing is the caller's, not counted */
	fail_at = 0;
	bool is_new = op == OP_REGISTER ||
		      (!online && (op == OP_ACCEPT || op == OP_REFUSE ||
				   op == OP_ASK_SUPPLEMENT_AT_RECEPTION));
	fixture_filing(&filing, "1.000001", "000.31.21.H56",
		       online ? CHANNEL_ONLINE : CHANNEL_DIRECT);
	struct op_request req = {
		.actor = a,
		.params = {.op = op,
			   .at = fixture_time("2024-06-03 08:00") + k * 3600,
			   .note = "lý do",
			   .to_unit = "000.00.31.H56"},
		.code = is_new ? NULL : CODE,
		.filing = is_new ? &filing : NULL,
	};
	fail_at = armed;
	struct dossier out;
	enum mc_code rc = app_lifecycle(&f->app, &req, &out, err);
	if (!rc)
		dossier_release(&out);
	dossier_release(&filing);
	return rc;
}

static bool new_filing(const struct step *s)
{
	return s->op == OP_REGISTER ||
	       (!s->online && (s->op == OP_ACCEPT || s->op == OP_REFUSE ||
			       s->op == OP_ASK_SUPPLEMENT_AT_RECEPTION));
}

static void prepare_step(struct fixture *f, const void *arg)
{
	const struct step *s = arg;
	struct mc_err err;
	if (!new_filing(s)) {
		enum dossier_op first = s->online ? OP_REGISTER : OP_ACCEPT;
		CHECK_INT(run_step(f, first, &fixture_operator, s->online, 0,
				   &err),
			  MC_OK);
	}
	for (int i = 0; i < 2 && s->before[i] != OP_REGISTER; i++)
		CHECK_INT(run_step(f, s->before[i], &fixture_operator, false,
				   i + 1, &err),
			  MC_OK);
}

static enum mc_code step_op(struct fixture *f, const void *arg,
			    struct mc_err *err)
{
	const struct step *s = arg;
	const struct actor officer = {ROLE_OFFICER, "canbo31", "000.00.31.H56",
				      4};
	bool counter = actor_op_roles(s->op) & ROLE_CLERK;
	const struct actor citizen = ACTOR_CITIZEN;
	const struct actor *a = s->op == OP_REGISTER ? &citizen
				: counter            ? &clerk
						     : &officer;
	return run_step(f, s->op, a, s->online, 3, err);
}

TEST(every_allocation_of_each_lifecycle_operation_fails_cleanly)
{
	static const struct step steps[] = {
		{OP_REGISTER, {OP_REGISTER}, false},
		{OP_ACCEPT, {OP_REGISTER}, false},
		{OP_ACCEPT, {OP_REGISTER}, true},
		{OP_REFUSE, {OP_REGISTER}, true},
		{OP_ASK_SUPPLEMENT_AT_RECEPTION, {OP_REGISTER}, true},
		{OP_START, {OP_REGISTER}, false},
		{OP_TRANSFER, {OP_START}, false},
		{OP_REQUEST_SUPPLEMENT, {OP_START}, false},
		{OP_COMPLETE_SUPPLEMENT, {OP_REQUEST_SUPPLEMENT}, false},
		{OP_REQUEST_FINANCIAL, {OP_START}, false},
		{OP_FULFIL_FINANCIAL, {OP_REQUEST_FINANCIAL}, false},
		{OP_FINISH, {OP_START}, false},
		{OP_STOP, {OP_START}, false},
		{OP_RETURN, {OP_FINISH}, false},
		{OP_WITHDRAW, {OP_START}, false},
	};
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		const char *name = dossier_op_name(steps[i].op);
		long n =
			each_allocation(name, prepare_step, step_op, &steps[i]);
		fprintf(stderr, "%s: %ld allocations, each failed once\n", name,
			n);
		CHECK(n > 0);
	}
}

/* ---- readers ------------------------------------------------------------ */

/* Every reader of the store answers an error when a copy fails, never a
 * record with a NULL field. */
static struct fixture rf;

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

static int count_unit(const struct unit *u, void *ctx)
{
	(void)u;
	++*(int *)ctx;
	return 0;
}

static enum mc_code read_user_row(void)
{
	struct user u;
	enum mc_code rc = store_user_get(rf.app.st, "canbo31", &u, NULL);
	if (!rc)
		user_release(&u);
	return rc;
}

static enum mc_code read_session_row(void)
{
	struct user u;
	char csrf[65];
	enum mc_code rc = store_session_get(rf.app.st, "hash", 1, &u, csrf,
					    sizeof(csrf), NULL);
	if (!rc)
		user_release(&u);
	return rc;
}

static enum mc_code read_search_rows(void)
{
	struct dossier_query q = {"000.00.00.H56", 0, MC_NO_TIME};
	int n = 0;
	return store_dossier_search(rf.app.st, &q, count_dossier, &n, NULL);
}

static enum mc_code read_feedback_row(void)
{
	struct feedback_row f;
	enum mc_code rc = store_feedback_get(rf.app.st, "F1", &f, NULL);
	if (!rc)
		feedback_row_release(&f);
	return rc;
}

static enum mc_code read_feedback_rows(void)
{
	int n = 0;
	return store_feedback_each(rf.app.st, "000.00.00.H56", false, 10,
				   count_feedback, &n, NULL);
}

static enum mc_code read_unit_rows(void)
{
	int n = 0;
	return store_unit_each(rf.app.st, count_unit, &n, NULL);
}

static void stored_rows(void)
{
	struct mc_err err;
	struct user u = {0,    "canbo31", "x", "officer", "000.00.31.H56",
			 true, 1};
	CHECK_INT(store_user_add(rf.app.st, &u, &err), MC_OK);
	CHECK_INT(store_session_put(rf.app.st, "hash", u.id, "csrf", 2, &err),
		  MC_OK);
	struct step accept = {OP_ACCEPT, {OP_REGISTER}, false};
	CHECK_INT(step_op(&rf, &accept, &err), MC_OK);
	struct import_case feedback = {
		import_feedback,
		"{\"id\":\"F1\",\"unit\":\"000.00.06.H56\",\"received_at\":"
		"\"2024-07-10 08:00\"}\n"};
	CHECK_INT(import_op(&rf, &feedback, &err), MC_OK);
}

TEST(every_reader_answers_an_error_when_a_copy_fails)
{
	static const struct {
		const char *name;
		enum mc_code (*fn)(void);
	} readers[] = {
		{"store_user_get", read_user_row},
		{"store_session_get", read_session_row},
		{"store_dossier_search", read_search_rows},
		{"store_feedback_get", read_feedback_row},
		{"store_feedback_each", read_feedback_rows},
		{"store_unit_each", read_unit_rows},
	};
	fixture_open(&rf);
	stored_rows();
	for (size_t i = 0; i < sizeof(readers) / sizeof(*readers); i++) {
		long n;
		for (n = 1;; n++) {
			arm(n);
			enum mc_code rc = readers[i].fn();
			long failed = injected;
			arm(0);
			if (!failed) {
				CHECK_INT(rc, MC_OK);
				break;
			}
			if (rc == MC_OK)
				fprintf(stderr,
					"%s: allocation %ld failed, "
					"answered success\n",
					readers[i].name, n);
			CHECK(rc != MC_OK);
		}
		fprintf(stderr, "%s: %ld allocations, each failed once\n",
			readers[i].name, n - 1);
		CHECK(n > 1);
	}
	fixture_close(&rf);
}

TEST_MAIN(T(every_allocation_of_an_import_fails_cleanly),
	  T(every_allocation_of_each_lifecycle_operation_fails_cleanly),
	  T(every_reader_answers_an_error_when_a_copy_fails))
