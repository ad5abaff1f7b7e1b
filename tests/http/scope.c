/*
 * scope.c - every lifecycle route and every role against a dossier of
 * another unit: staff of district 000.00.31.H56 never see or change a
 * dossier of department 000.00.06.H56 (404: existence not revealed; 403
 * when the role may not run the operation at all), and nothing changes.
 */
#include "env.h"
#include "test.h"

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
			int want = rt->roles & bits[u] ? 404 : 403;
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

TEST_MAIN(T(district_staff_cannot_touch_another_units_dossier),
	  T(search_sees_only_the_subtree), T(the_own_officer_processes))
