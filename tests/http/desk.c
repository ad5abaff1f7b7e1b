/*
 * desk.c - what the staff desks list beyond one dossier: the counter's
 * queue of online filings counted per unit (GET /dossiers?by_unit=1)
 * and the transfers a unit sent (GET /transfers), with their scope and
 * their refusals; the reason key every error answer carries for the
 * pages to translate; and the page a bad address outside the API gets.
 */
#include "env.h"
#include "test.h"

static void file_online(struct env *e, const char *unit)
{
	char body[400];
	struct reply r;
	snprintf(body, sizeof(body),
		 "{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"%s\","
		 "\"ChuHoSo\":\"Nguyễn Văn An\","
		 "\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}",
		 unit);
	client_request(e->port, "POST", "/api/v1/dossiers", NULL, body, &r);
	CHECK_INT(r.status, 201);
	reply_release(&r);
}

static int get(struct env *e, const char *path, const struct session *s,
	       struct reply *r)
{
	client_request(e->port, "GET", path, s ? s->headers : NULL, NULL, r);
	return r->status;
}

TEST(the_queue_counts_every_waiting_filing_per_unit)
{
	struct env e;
	struct session clerk;
	struct reply r;
	env_open(&e);
	file_online(&e, DISTRICT);
	file_online(&e, COMMUNE);
	file_online(&e, DISTRICT);
	env_login(&e, "clerk31", &clerk);
	CHECK_INT(get(&e, "/api/v1/dossiers?status=1&by_unit=1&limit=1", &clerk,
		      &r),
		  200);
	CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 3);
	CHECK_INT(json_array_size(json_object_get(r.json, "items")), 1);
	json_t *by = json_object_get(r.json, "by_unit");
	CHECK_INT(json_array_size(by), 2);
	/* most first, whatever page is shown */
	CHECK_STR(json_string_value(
			  json_object_get(json_array_get(by, 0), "unit")),
		  DISTRICT);
	CHECK_INT(json_integer_value(
			  json_object_get(json_array_get(by, 0), "hits")),
		  2);
	CHECK_STR(json_string_value(
			  json_object_get(json_array_get(by, 1), "unit")),
		  COMMUNE);
	/* the oldest filing first */
	const char *first = json_string_value(json_object_get(
		json_array_get(json_object_get(r.json, "items"), 0), "code"));
	CHECK(first && strstr(first, DISTRICT) == first &&
	      strcmp(first + strlen(first) - 5, "-0001") == 0);
	reply_release(&r);
	/* without asking, no counts; a wrong flag names itself */
	get(&e, "/api/v1/dossiers?status=1", &clerk, &r);
	CHECK(json_object_get(r.json, "by_unit") == NULL);
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/dossiers?by_unit=2", &clerk, &r), 400);
	CHECK_STR(reply_error_field(&r), "by_unit");
	reply_release(&r);
	env_close(&e);
}

TEST(a_unit_follows_the_dossiers_it_transferred)
{
	struct env e;
	struct session o31, o06, leader;
	struct reply r;
	char path[160];
	env_open(&e);
	char *code = env_dossier(&e, DISTRICT);
	env_login(&e, "officer31", &o31);
	env_login(&e, "officer06", &o06);
	env_login(&e, "leader31", &leader);
	CHECK_INT(get(&e, "/api/v1/transfers", &o31, &r), 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/transfer", code);
	client_request(e.port, "POST", path, o31.headers,
		       "{\"to\":\"" DEPARTMENT "\",\"note\":\"thẩm định\"}",
		       &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	/* gone from the sender's reach, but listed as sent, as it is now */
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s", code);
	CHECK_INT(get(&e, path, &o31, &r), 404);
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/transfers", &leader, &r), 200);
	json_t *items = json_object_get(r.json, "items");
	CHECK_INT(json_array_size(items), 1);
	json_t *t = json_array_get(items, 0),
	       *d = json_object_get(t, "dossier");
	CHECK_STR(json_string_value(json_object_get(t, "from")), DISTRICT);
	CHECK_STR(json_string_value(json_object_get(t, "to")), DEPARTMENT);
	CHECK_STR(json_string_value(json_object_get(t, "note")), "thẩm định");
	CHECK_STR(json_string_value(json_object_get(t, "actor")), "officer31");
	CHECK_STR(json_string_value(json_object_get(d, "code")), code);
	CHECK_STR(json_string_value(json_object_get(d, "unit_code")),
		  DEPARTMENT);
	CHECK_INT(json_integer_value(json_object_get(d, "status")), 4);
	reply_release(&r);
	/* the receiving unit sent nothing; another unit's list is not
	 * the district's to read; limits name themselves */
	CHECK_INT(get(&e, "/api/v1/transfers", &o06, &r), 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "items")), 0);
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/transfers?unit=" DEPARTMENT, &o31, &r), 403);
	CHECK_STR(reply_error_field(&r), "unit");
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/transfers?limit=0", &o31, &r), 400);
	CHECK_STR(reply_error_field(&r), "limit");
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/transfers", NULL, &r), 401);
	reply_release(&r);
	free(code);
	env_close(&e);
}

static const char *reason_of(const struct reply *r)
{
	return json_string_value(
		json_object_get(json_object_get(r->json, "error"), "reason"));
}

TEST(every_error_names_its_field_and_reason)
{
	struct env e;
	struct session clerk;
	struct reply r;
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	client_request(e.port, "POST", "/api/v1/dossiers/receive",
		       clerk.headers,
		       "{\"decision\":\"accept\",\"filing\":{\"MaTTHC\":"
		       "\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\","
		       "\"ChuHoSo\":\"An\",\"SoGiayToChuHoSo\":\"12345\","
		       "\"LoaiDoiTuong\":\"1\"}}",
		       &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "SoGiayToChuHoSo");
	CHECK_STR(reason_of(&r), "citizen_id");
	reply_release(&r);
	client_request(e.port, "POST", "/api/v1/auth/login", NULL,
		       "{\"username\":\"clerk31\",\"password\":\"nope\"}", &r);
	CHECK_INT(r.status, 401);
	CHECK_STR(reason_of(&r), "login_failed");
	CHECK_STR(reply_error_field(&r), "password");
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/dossiers/" DISTRICT "-991231-0001", &clerk,
		      &r),
		  404);
	CHECK_STR(reason_of(&r), "dossier_unknown");
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/dossiers", NULL, &r), 401);
	CHECK_STR(reason_of(&r), "signed_out");
	reply_release(&r);
	/* without a reason of its own, the code stands for it */
	CHECK_INT(get(&e, "/api/v1/dossiers?by_unit=2", &clerk, &r), 400);
	CHECK_STR(reason_of(&r), "invalid_input");
	reply_release(&r);
	env_close(&e);
}

TEST(a_bad_address_gets_a_page_and_the_api_json)
{
	struct env e;
	struct reply r;
	env_open(&e);
	CHECK_INT(get(&e, "/ho-so/khong-co", NULL, &r), 404);
	char *type = reply_header(&r, "Content-Type");
	CHECK(type && strncmp(type, "text/html", 9) == 0);
	CHECK(r.body && strstr(r.body, "Không tìm thấy trang"));
	free(type);
	reply_release(&r);
	CHECK_INT(get(&e, "/no-such-page.html", NULL, &r), 404);
	CHECK(r.body && strstr(r.body, "Không tìm thấy trang"));
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/no-such-thing", NULL, &r), 404);
	CHECK(r.json != NULL);
	reply_release(&r);
	env_close(&e);
}

TEST_MAIN(T(the_queue_counts_every_waiting_filing_per_unit),
	  T(a_unit_follows_the_dossiers_it_transferred),
	  T(every_error_names_its_field_and_reason),
	  T(a_bad_address_gets_a_page_and_the_api_json))
