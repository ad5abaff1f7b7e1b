/*
 * scope.c - every lifecycle route and every role against a dossier of
 * another unit: staff of district 000.00.31.H56 never see or change a
 * dossier of department 000.00.06.H56 (404: existence not revealed; 403
 * when the role may not run the operation at all), and nothing changes.
 */
#include <pthread.h>

#include "env.h"
#include "test.h"

#include "core/str.h"
#include "http/http_int.h"

static int post(struct env *e, const char *path, const struct session *s)
{
	struct reply r;
	client_request(e->port, "POST", path, s->headers,
		       "{\"note\":\"x\",\"decision\":\"refuse\"}", &r);
	int st = r.status;
	reply_release(&r);
	return st;
}

static int get(struct env *e, const char *path, const struct session *s)
{
	struct reply r;
	client_request(e->port, "GET", path, s->headers, NULL, &r);
	int st = r.status;
	reply_release(&r);
	return st;
}

TEST(district_staff_cannot_touch_another_units_dossier)
{
	static const char *const users[] = {"officer31", "clerk31", "leader31"};
	static const unsigned bits[] = {ROLE_OFFICER, ROLE_CLERK, ROLE_LEADER};
	struct env e;
	char before[65], after[65], path[300];
	env_open(&e);
	char *other = env_dossier(&e, DEPARTMENT);
	char *own = env_dossier(&e, COMMUNE);
	fixture_digest(&e.f, before);
	for (size_t u = 0; u < 3; u++) {
		struct session s;
		env_login(&e, users[u], &s);
		snprintf(path, sizeof(path), "/api/v1/dossiers/%s", other);
		CHECK_INT(get(&e, path, &s), 404);
		snprintf(path, sizeof(path), "/api/v1/dossiers/%s", own);
		CHECK_INT(get(&e, path, &s), 200);
		for (size_t i = 0; i < http_n_routes; i++) {
			const struct http_route *rt = &http_routes[i];
			const char *tail = strstr(rt->path, "{code}/");
			if (rt->op < 0 || !tail)
				continue;
			snprintf(path, sizeof(path), "/api/v1/dossiers/%s/%s",
				 other, tail + 7);
			int want = http_route_roles(rt) & bits[u] ? 404 : 403;
			int got = post(&e, path, &s);
			if (got != want)
				fprintf(stderr, "%s %s\n", users[u], path);
			CHECK_INT(got, want);
		}
		CHECK_INT(get(&e, "/api/v1/dossiers?unit=" DEPARTMENT, &s),
			  403);
	}
	CHECK_STR(fixture_digest(&e.f, after), before);
	struct session a;
	env_login(&e, "admin", &a);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s", other);
	CHECK_INT(get(&e, path, &a), 200);
	free(other);
	free(own);
	env_close(&e);
}

TEST(search_sees_only_the_subtree)
{
	struct env e;
	struct session s;
	struct reply r;
	env_open(&e);
	free(env_dossier(&e, DEPARTMENT));
	free(env_dossier(&e, COMMUNE));
	free(env_dossier(&e, DISTRICT));
	env_login(&e, "officer31", &s);
	client_request(e.port, "GET", "/api/v1/dossiers", s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 2);
	reply_release(&r);
	env_login(&e, "officer06", &s);
	client_request(e.port, "GET", "/api/v1/dossiers", s.headers, NULL, &r);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 1);
	reply_release(&r);
	env_close(&e);
}

/* An imported dossier of `unit` with no due date (an anomaly). */
static void odd_dossier(struct env *e, const char *code, const char *unit)
{
	struct dossier d;
	fixture_filing(&d, "1.000001", unit, CHANNEL_DIRECT);
	str_set(&d.code, code);
	d.status = ST_PROCESSING;
	d.received = fixture_time("2024-06-03 08:00");
	d.origin = ORIGIN_IMPORT;
	str_set(&d.import_file, "thang-6.jsonl");
	d.imported_at = fixture_time("2024-07-01 09:00");
	struct mc_err err;
	CHECK_INT(app_dossier_put(&e->f.app, &d, NULL, &err), MC_OK);
	dossier_release(&d);
}

/* The quality list follows the reports' scope: a district's leader sees
 * its subtree's anomalies, not a department's; officers not at all. */
TEST(the_quality_list_keeps_to_the_subtree)
{
	struct env e;
	struct session s;
	struct reply r;
	env_open(&e);
	odd_dossier(&e, "CU-COMMUNE-1", COMMUNE);
	odd_dossier(&e, "CU-DEPT-1", DEPARTMENT);
	env_login(&e, "leader31", &s);
	client_request(e.port, "GET", "/api/v1/quality", s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *items = json_object_get(r.json, "items");
	CHECK_INT(json_array_size(items), 1);
	json_t *it = json_array_get(items, 0);
	CHECK_STR(json_string_value(json_object_get(it, "code")),
		  "CU-COMMUNE-1");
	CHECK_STR(json_string_value(json_object_get(it, "kind")),
		  "due_missing");
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(it, "fields"), "NgayTiepNhan")),
		  "2024-06-03 08:00");
	CHECK(json_is_null(
		json_object_get(json_object_get(it, "fields"), "NgayHenTra")));
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/quality?unit=" DEPARTMENT, &s), 403);
	CHECK_INT(get(&e, "/api/v1/quality?period=month:2024-13", &s), 400);
	client_request(e.port, "GET", "/api/v1/quality?period=month:2024-08",
		       s.headers, NULL, &r);
	CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
	reply_release(&r);
	client_request(e.port, "GET", "/api/v1/quality?format=csv", s.headers,
		       NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body &&
	      strstr(r.body, "\xEF\xBB\xBF\"Mã hồ sơ\";\"Đơn vị\";"
			     "\"Loại (kind)\";\"Bất thường\";"
			     "\"Anomaly\";\"Trường liên quan "
			     "(fields)\"\r\n\"CU-COMMUNE-1\";\"" COMMUNE
			     "\";\"due_missing\";\"Thiếu ngày hẹn "
			     "trả\"") == r.body);
	reply_release(&r);
	/* the dossier says where it came from and what is odd */
	client_request(e.port, "GET", "/api/v1/dossiers/CU-COMMUNE-1",
		       s.headers, NULL, &r);
	json_t *origin = json_object_get(r.json, "origin");
	CHECK_STR(json_string_value(json_object_get(origin, "kind")), "import");
	CHECK_STR(json_string_value(json_object_get(origin, "file")),
		  "thang-6.jsonl");
	CHECK_STR(
		json_string_value(json_object_get(
			json_array_get(json_object_get(r.json, "anomalies"), 0),
			"kind")),
		"due_missing");
	reply_release(&r);
	env_login(&e, "officer31", &s);
	CHECK_INT(get(&e, "/api/v1/quality", &s), 403);
	env_login(&e, "admin", &s);
	client_request(e.port, "GET", "/api/v1/quality", s.headers, NULL, &r);
	CHECK_INT(json_array_size(json_object_get(r.json, "items")), 2);
	reply_release(&r);
	env_close(&e);
}

TEST(the_own_officer_processes)
{
	struct env e;
	struct session s;
	char path[300];
	env_open(&e);
	char *code = env_dossier(&e, COMMUNE);
	env_login(&e, "officer31", &s);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/start", code);
	CHECK_INT(post(&e, path, &s), 200);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/finish", code);
	CHECK_INT(post(&e, path, &s), 200);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/finish", code);
	CHECK_INT(post(&e, path, &s), 409);
	free(code);
	env_close(&e);
}

/* ---- the scope race ------------------------------------------------------
 * An administrator transfers a dossier of district 31 to the department
 * while the district's officer asks for a supplement (or finishes it).
 * Whatever the interleaving, the officer's step either happened while the
 * dossier was still the district's (before the transfer in the log) or
 * was refused: it never commits on the department's dossier. */

#define RACE_ROUNDS 60

struct racer {
	struct env *e;
	const struct session *s;
	pthread_barrier_t *go;
	char path[300];
	const char *body;
	unsigned delay_us; /* spreads the interleavings over the rounds */
	int status;
};

static void *race(void *arg)
{
	struct racer *rc = arg;
	struct reply r;
	pthread_barrier_wait(rc->go);
	if (rc->delay_us)
		usleep(rc->delay_us);
	client_request(rc->e->port, "POST", rc->path, rc->s->headers, rc->body,
		       &r);
	rc->status = r.status;
	reply_release(&r);
	return NULL;
}

struct race_log {
	int transfer, step, n; /* positions in the log, -1 none */
	const char *step_name;
	char step_unit[64];
};

static int race_event(const struct dossier_event *ev, void *ctx)
{
	struct race_log *l = ctx;
	if (strcmp(ev->action, "transfer") == 0)
		l->transfer = l->n;
	if (strcmp(ev->action, l->step_name) == 0) {
		l->step = l->n;
		snprintf(l->step_unit, sizeof(l->step_unit), "%s",
			 ev->unit_code);
	}
	l->n++;
	return 0;
}

/* One round; false when the officer's step committed after the transfer. */
static bool race_round(struct env *e, const struct session *admin,
		       const struct session *officer, const char *step,
		       unsigned delay_us, int *officer_won)
{
	char *code = env_dossier(e, DISTRICT);
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, 2);
	struct racer t = {e, admin, &go, "", "{\"to\":\"" DEPARTMENT "\"}",
			  0, 0};
	struct racer o = {e, officer, &go, "", "{\"note\":\"x\"}", delay_us, 0};
	snprintf(t.path, sizeof(t.path), "/api/v1/dossiers/%s/transfer", code);
	snprintf(o.path, sizeof(o.path), "/api/v1/dossiers/%s/%s", code, step);
	pthread_t a, b;
	pthread_create(&a, NULL, race, &t);
	pthread_create(&b, NULL, race, &o);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_barrier_destroy(&go);
	struct race_log l = {-1, -1, 0, step, ""};
	CHECK_INT(store_event_each(e->f.app.st, code, race_event, &l, NULL),
		  MC_OK);
	free(code);
	bool ok = l.step < 0 || l.transfer < 0 || l.step < l.transfer;
	/* the officer's answer agrees with the log: 200 when it happened,
	 * else refused without revealing the dossier (404) or because the
	 * transfer came too late for a finished dossier (409) */
	CHECK(o.status == (l.step >= 0 ? 200 : 404));
	CHECK(l.step < 0 || strcmp(l.step_unit, DISTRICT) == 0);
	CHECK(t.status == (l.transfer >= 0 ? 200 : 409));
	*officer_won += l.step >= 0;
	return ok;
}

TEST(a_transfer_racing_an_officers_step_never_lets_it_through)
{
	static const char *const steps[] = {"request-supplement", "finish"};
	struct env e;
	struct session admin, officer;
	env_open(&e);
	env_login(&e, "admin", &admin);
	env_login(&e, "officer31", &officer);
	int late = 0, won = 0;
	for (int i = 0; i < RACE_ROUNDS; i++)
		late += !race_round(&e, &admin, &officer, steps[i % 2],
				    (unsigned)(i % 6) * 150, &won);
	fprintf(stderr,
		"scope race: %d rounds, officer first in %d, "
		"after the transfer in %d\n",
		RACE_ROUNDS, won, late);
	CHECK_INT(late, 0);
	env_close(&e);
}

TEST_MAIN(T(district_staff_cannot_touch_another_units_dossier),
	  T(the_quality_list_keeps_to_the_subtree),
	  T(search_sees_only_the_subtree), T(the_own_officer_processes),
	  T(a_transfer_racing_an_officers_step_never_lets_it_through))
