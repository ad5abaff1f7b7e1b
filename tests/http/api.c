/*
 * api.c - the JSON API against a real server running in-process on the
 * fixture province: every documented route answers, error shapes and
 * statuses, a failed request changes nothing, sessions and CSRF, login
 * throttling, public lookup by secret, diacritics-insensitive search,
 * the calendar's days with their source.
 */
#include "env.h"
#include "test.h"

#define FILING(unit, proc)                                         \
	"{\"MaTTHC\":\"" proc "\",\"DonViXuLy\":\"" unit "\","     \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"

/* The status, with the router's own 404 (no such path, no field)
 * reported as 0 so that a handler's 404 for an unknown code passes. */
static int routed_status(struct env *e, const char *method, const char *path,
			 const struct session *s, const char *body)
{
	struct reply r;
	client_request(e->port, method, path, s ? s->headers : NULL, body, &r);
	const char *field = reply_error_field(&r);
	int st = r.status == 404 && (!field || !*field) ? 0 : r.status;
	reply_release(&r);
	return st;
}

static int status_of(struct env *e, const char *method, const char *path,
		     const struct session *s, const char *body)
{
	struct reply r;
	client_request(e->port, method, path, s ? s->headers : NULL, body, &r);
	int st = r.status;
	reply_release(&r);
	return st;
}

/* The path with {code} filled for its collection, {x} otherwise. */
static void fill_path(const char *tmpl, const char *dossier, char *out,
		      size_t size)
{
	const char *brace = strchr(tmpl, '{');
	if (!brace) {
		snprintf(out, size, "%s", tmpl);
		return;
	}
	const char *value = strstr(tmpl, "/units/")        ? DISTRICT
			    : strstr(tmpl, "/procedures/") ? "1.000001"
							   : dossier;
	snprintf(out, size, "%.*s%s%s", (int)(brace - tmpl), tmpl, value,
		 strchr(brace, '}') + 1);
}

static const char *query_for(const char *path)
{
	if (strstr(path, "holidays"))
		return "?year=2024";
	if (strstr(path, "calendar/due"))
		return "?from=2024-04-26%2016:00&days=3";
	return "";
}

TEST(every_documented_route_answers)
{
	struct env e;
	struct session admin;
	struct reply doc;
	env_open(&e);
	env_login(&e, "admin", &admin);
	char *code = env_dossier(&e, DISTRICT);
	client_request(e.port, "GET", "/api/v1/openapi.json", NULL, NULL, &doc);
	CHECK_INT(doc.status, 200);
	json_t *paths = json_object_get(doc.json, "paths"), *item;
	const char *tmpl;
	int n = 0;
	json_object_foreach (paths, tmpl, item) {
		const char *method;
		json_t *op;
		json_object_foreach (item, method, op) {
			char path[256], m[8], full[300];
			size_t k = 0;
			for (; method[k] && k < 7; k++)
				m[k] = (char)(method[k] - 32);
			m[k] = '\0';
			fill_path(tmpl, code, path, sizeof(path));
			snprintf(full, sizeof(full), "%s%s", path,
				 query_for(path));
			int st = routed_status(&e, m, full, &admin,
					       strcmp(m, "POST") ? NULL : "{}");
			if (st == 405 || st == 0)
				fprintf(stderr, "%s %s -> %d\n", m, full, st);
			CHECK(st != 405 && st != 0);
			n++;
		}
	}
	CHECK(n >= 25);
	reply_release(&doc);
	free(code);
	env_close(&e);
}

TEST(errors_have_one_shape_and_change_nothing)
{
	struct env e;
	struct session clerk, officer;
	struct reply r;
	char before[65], after[65], path[200];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "officer31", &officer);
	char *code = env_dossier(&e, DISTRICT);
	fixture_digest(&e.f, before);

	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       "{\"MaTTHC\":", &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "body");
	CHECK(json_is_string(
		json_object_get(json_object_get(r.json, "error"), "message")));
	reply_release(&r);

	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/transfer", code);
	client_request(e.port, "POST", path, officer.headers, "{\"to\":5}", &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "to");
	reply_release(&r);
	client_request(e.port, "POST", path, officer.headers, "{\"bogus\":1}",
		       &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "bogus");
	reply_release(&r);

	/* finishing a dossier that was never started: wrong state */
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/return", code);
	CHECK_INT(status_of(&e, "POST", path, &clerk, NULL), 409);
	CHECK_INT(status_of(&e, "GET", "/api/v1/units/nope", NULL, NULL), 404);
	CHECK_INT(status_of(&e, "GET", "/api/v1/nope", NULL, NULL), 404);

	/* online-only procedure refused at the counter: 422 */
	client_request(
		e.port, "POST", "/api/v1/dossiers/receive", clerk.headers,
		"{\"decision\":\"accept\",\"filing\":"
		"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"000.00.32.H56\","
		"\"KenhThucHien\":\"1\",\"ChuHoSo\":\"Trần Bình\","
		"\"SoGiayToChuHoSo\":\"079190000001\","
		"\"LoaiDoiTuong\":\"1\"}}",
		&r);
	/* 000.00.32.H56 is outside clerk31's units */
	CHECK_INT(r.status, 403);
	reply_release(&r);

	size_t big = ((size_t)1 << 20) + 10;
	char *huge = malloc(big + 1);
	memset(huge, ' ', big);
	huge[big] = '\0';
	CHECK_INT(status_of(&e, "POST", "/api/v1/dossiers", NULL, huge), 413);
	free(huge);

	CHECK_STR(fixture_digest(&e.f, after), before);
	free(code);
	env_close(&e);
}

TEST(online_only_window_is_422)
{
	struct env e;
	struct session admin;
	struct reply r;
	char before[65], after[65];
	env_open(&e);
	env_login(&e, "admin", &admin);
	/* make 1.000003 online-only around today */
	struct procedure p;
	struct mc_err err;
	CHECK(!store_procedure_get(e.f.app.st, "1.000003", &p, &err));
	int64_t today = civil_local_day((int64_t)time(NULL));
	p.online_only[0].from = today - 10;
	p.online_only[0].to = today + 10;
	CHECK(!store_procedure_put(e.f.app.st, &p, &err));
	procedure_release(&p);
	fixture_digest(&e.f, before);
	client_request(e.port, "POST", "/api/v1/dossiers/receive",
		       admin.headers,
		       "{\"decision\":\"accept\",\"filing\":"
		       "{\"MaTTHC\":\"1.000003\",\"DonViXuLy\":\"" DEPARTMENT
		       "\",\"KenhThucHien\":\"1\",\"ChuHoSo\":\"Trần Bình\","
		       "\"SoGiayToChuHoSo\":\"079190000001\","
		       "\"LoaiDoiTuong\":\"1\"}}",
		       &r);
	CHECK_INT(r.status, 422);
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(r.json, "error"), "code")),
		  "rule_violation");
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	env_close(&e);
}

TEST(login_cookie_csrf_and_throttle)
{
	struct env e;
	struct reply r;
	struct session s;
	env_open(&e);
	client_request(e.port, "POST", "/api/v1/auth/login", NULL,
		       "{\"username\":\"officer31\",\"password\":\"" PW "\"}",
		       &r);
	CHECK_INT(r.status, 200);
	char *cookie = reply_header(&r, "Set-Cookie");
	CHECK(cookie && strstr(cookie, "HttpOnly"));
	CHECK(cookie && strstr(cookie, "SameSite=Strict"));
	CHECK(cookie && strstr(cookie, "Path=/"));
	CHECK(json_string_value(json_object_get(r.json, "csrf")));
	free(cookie);
	reply_release(&r);

	env_login(&e, "officer31", &s);
	CHECK_INT(status_of(&e, "GET", "/api/v1/auth/me", &s, NULL), 200);
	CHECK_INT(status_of(&e, "GET", "/api/v1/auth/me", NULL, NULL), 401);
	CHECK_INT(status_of(&e, "GET", "/api/v1/dossiers", NULL, NULL), 401);
	/* the cookie without the CSRF header may read but not write */
	struct session no_csrf = s;
	*strstr(no_csrf.headers, "X-CSRF-Token") = '\0';
	CHECK_INT(status_of(&e, "GET", "/api/v1/dossiers", &no_csrf, NULL),
		  200);
	CHECK_INT(status_of(&e, "POST", "/api/v1/auth/logout", &no_csrf, NULL),
		  403);
	CHECK_INT(status_of(&e, "POST", "/api/v1/auth/logout", &s, NULL), 200);
	CHECK_INT(status_of(&e, "GET", "/api/v1/auth/me", &s, NULL), 401);

	for (int i = 0; i < 5; i++)
		CHECK_INT(client_login(e.port, "clerk31", "wrong-password", &s),
			  401);
	client_request(e.port, "POST", "/api/v1/auth/login", NULL,
		       "{\"username\":\"clerk31\",\"password\":\"" PW "\"}",
		       &r);
	CHECK_INT(r.status, 429);
	char *retry = reply_header(&r, "Retry-After");
	CHECK(retry && atoi(retry) > 0 && atoi(retry) <= 900);
	free(retry);
	reply_release(&r);
	env_close(&e);
}

TEST(public_lookup_needs_the_secret)
{
	struct env e;
	struct reply r;
	char path[300];
	env_open(&e);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       FILING(DISTRICT, "1.000001"), &r);
	CHECK_INT(r.status, 201);
	const char *code = json_string_value(json_object_get(r.json, "code"));
	const char *secret =
		json_string_value(json_object_get(r.json, "secret"));
	CHECK(code && secret && strlen(secret) == 32);
	char c[64] = "", sec[64] = "";
	snprintf(c, sizeof(c), "%s", code ? code : "");
	snprintf(sec, sizeof(sec), "%s", secret ? secret : "");
	reply_release(&r);

	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s?secret=%s", c,
		 sec);
	client_request(e.port, "GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_integer_value(json_object_get(r.json, "status")), 1);
	CHECK(r.body && !strstr(r.body, "actor"));
	CHECK(r.body && !strstr(r.body, "congdan"));
	reply_release(&r);
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/"
		 "%s?secret=00000000000000000000000000000000",
		 c);
	client_request(e.port, "GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	char *wrong = strdup(r.body ? r.body : "");
	reply_release(&r);
	client_request(e.port, "GET",
		       "/api/v1/public/dossiers/"
		       "nope?secret=00000000000000000000000000000000",
		       NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK_STR(r.body, wrong); /* the same answer as an unknown code */
	free(wrong);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s", c);
	CHECK_INT(status_of(&e, "GET", path, NULL, NULL), 404);
	env_close(&e);
}

TEST(search_ignores_diacritics)
{
	struct env e;
	struct session s;
	struct reply r;
	struct procedure p;
	struct mc_err err;
	env_open(&e);
	procedure_init(&p);
	str_set(&p.code, "2.000009");
	str_set(&p.name, "Đăng ký khai sinh");
	str_set(&p.field_code, "G01");
	p.limit_value = 3;
	CHECK(!store_procedure_put(e.f.app.st, &p, &err));
	procedure_release(&p);
	client_request(e.port, "GET", "/api/v1/procedures?q=dang%20ky%20KHAI",
		       NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 1);
	reply_release(&r);
	client_request(e.port, "GET", "/api/v1/procedures?q=d", NULL, NULL, &r);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 1);
	reply_release(&r);

	free(env_dossier(&e, COMMUNE));
	env_login(&e, "officer31", &s);
	client_request(e.port, "GET", "/api/v1/dossiers?q=nguyen%20AN",
		       s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 1);
	reply_release(&r);
	client_request(e.port, "GET", "/api/v1/dossiers?q=tran", s.headers,
		       NULL, &r);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 0);
	reply_release(&r);
	env_close(&e);
}

TEST(report_matches_the_cli_json)
{
	struct env e;
	struct session s;
	struct reply r;
	env_open(&e);
	env_april(&e);
	env_login(&e, "leader31", &s);
	client_request(e.port, "GET",
		       "/api/v1/reports/settlement?period=month:2024-04",
		       s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *cli = env_cli_json(
		&e, "report --period month:2024-04 --unit " DISTRICT);
	CHECK(cli != NULL);
	CHECK(json_equal(r.json, cli));
	json_decref(cli);
	/* the district's three April dossiers, so equal is not empty */
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(r.json, "total"), "received_total")),
		  3);
	CHECK_STR(json_string_value(json_object_get(r.json, "unit")), DISTRICT);
	CHECK_STR(json_string_value(json_object_get(r.json, "from")),
		  "2024-03-15");
	json_t *fig = json_object_get(r.json, "figures");
	CHECK_INT(json_integer_value(json_object_get(fig, "min_resolved")), 1);
	CHECK(json_is_array(json_object_get(fig, "at_full")));
	reply_release(&r);
	client_request(e.port, "GET",
		       "/api/v1/reports/settlement?period=month:2024-04"
		       "&level=commune&min_resolved=2",
		       s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(r.json, "level")),
		  "commune");
	fig = json_object_get(r.json, "figures");
	CHECK_INT(json_integer_value(json_object_get(fig, "min_resolved")), 2);
	reply_release(&r);
	/* the release: as JSON with the report it is drawn from, or text */
	client_request(e.port, "GET",
		       "/api/v1/reports/summary?period=month:2024-04",
		       s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(r.json, "title")),
		  "tháng 4 năm 2024");
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(r.json, "report"), "unit")),
		  DISTRICT);
	CHECK(json_array_size(json_object_get(r.json, "lines")) > 8);
	reply_release(&r);
	client_request(
		e.port, "GET",
		"/api/v1/reports/summary?period=month:2024-04&format=text",
		s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.head && strstr(r.head, "text/plain"));
	CHECK(r.body && strncmp(r.body,
				"Kết quả giải quyết thủ tục hành chính "
				"tháng 4 năm 2024\n",
				strlen("Kết quả giải quyết thủ tục hành chính "
				       "tháng 4 năm 2024\n")) == 0);
	reply_release(&r);
	CHECK_INT(status_of(&e, "GET", "/api/v1/reports/summary", &s, NULL),
		  400);
	CHECK_INT(status_of(&e, "GET",
			    "/api/v1/reports/summary?period=month:2024-04"
			    "&format=xml",
			    &s, NULL),
		  400);
	CHECK_INT(status_of(&e, "GET",
			    "/api/v1/reports/summary?period=month:2024-04"
			    "&unit=" DEPARTMENT,
			    &s, NULL),
		  403);
	CHECK_INT(status_of(&e, "GET",
			    "/api/v1/reports/settlement?level=canton", &s,
			    NULL),
		  400);
	CHECK_INT(status_of(&e, "GET",
			    "/api/v1/reports/settlement?min_resolved=0", &s,
			    NULL),
		  400);
	CHECK_INT(status_of(&e, "GET",
			    "/api/v1/reports/settlement?unit=" DEPARTMENT, &s,
			    NULL),
		  403);
	struct session o;
	env_login(&e, "officer31", &o);
	CHECK_INT(status_of(&e, "GET", "/api/v1/reports/settlement", &o, NULL),
		  403);
	env_close(&e);
}

TEST(metrics_count_requests)
{
	struct env e;
	struct reply r;
	env_open(&e);
	CHECK_INT(status_of(&e, "GET", "/api/v1/units", NULL, NULL), 200);
	client_request(e.port, "GET", "/metrics", NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, "motcua_http_requests_total{route=\"GET "
				       "/api/v1/units\",status=\"200\"} 1"));
	CHECK(r.body && strstr(r.body, "motcua_http_request_duration_seconds_"
				       "bucket{le=\"+Inf\"}"));
	CHECK(r.body && strstr(r.body, "motcua_dossiers{status=\"1\""));
	reply_release(&r);
	env_close(&e);
}

/* Each day of /calendar/holidays and each step of /calendar/due carries
 * where it comes from: the Government's decision with its notice. */
TEST(calendar_days_carry_their_source)
{
	struct env e;
	struct reply r;
	env_open(&e);
	client_request(e.port, "GET", "/api/v1/calendar/holidays?year=2024",
		       NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *days = json_object_get(r.json, "days"), *d;
	size_t i, tet = 0;
	json_array_foreach (days, i, d) {
		const char *date =
			json_string_value(json_object_get(d, "date"));
		const char *cite =
			json_string_value(json_object_get(d, "cite"));
		CHECK_STR(json_string_value(json_object_get(d, "source")),
			  "decision");
		if (date && strcmp(date, "2024-02-08") >= 0 &&
		    strcmp(date, "2024-02-14") <= 0) {
			tet++;
			CHECK(cite && strstr(cite, "5015/TB-LĐTBXH"));
		}
		if (date && strcmp(date, "2024-05-04") == 0)
			CHECK_STR(json_string_value(json_object_get(d, "kind")),
				  "swapped_working");
	}
	CHECK_INT(tet, 7);
	reply_release(&r);
	client_request(e.port, "GET",
		       "/api/v1/calendar/due?from=2024-05-03%2009:00&days=1"
		       "&explain=1",
		       NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *steps = json_object_get(r.json, "steps");
	CHECK_INT(json_array_size(steps), 2);
	json_t *sat = json_array_get(steps, 1);
	CHECK_STR(json_string_value(json_object_get(sat, "source")),
		  "decision");
	CHECK_INT(json_integer_value(json_object_get(sat, "seconds")), 7200);
	const char *due = json_string_value(json_object_get(r.json, "due"));
	CHECK(due && strncmp(due, "2024-05-04", 10) == 0);
	reply_release(&r);
	env_close(&e);
}

TEST_MAIN(T(every_documented_route_answers),
	  T(errors_have_one_shape_and_change_nothing),
	  T(online_only_window_is_422), T(login_cookie_csrf_and_throttle),
	  T(public_lookup_needs_the_secret), T(search_ignores_diacritics),
	  T(report_matches_the_cli_json), T(metrics_count_requests),
	  T(calendar_days_carry_their_source))
