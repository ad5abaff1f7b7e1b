/*
 * index.c - the service index routes against a real server on the
 * fixture province: a citizen rates a returned dossier once (409 before
 * the return and the second time), feedback and its answer, targets set
 * by the level above, allocation, the index and the targets check within
 * the account's subtree, publication and its verified snapshot. Every
 * refused request leaves the store digest as it was.
 */
#include "env.h"
#include "test.h"

#define FILING(unit)                                                 \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" unit "\","       \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Trần Thị Bình\"," \
	"\"SoGiayToChuHoSo\":\"001190012345\",\"LoaiDoiTuong\":\"1\"}"

static int call(struct env *e, const char *method, const char *path,
		const struct session *s, const char *body)
{
	struct reply r;
	client_request(e->port, method, path, s ? s->headers : NULL, body, &r);
	int st = r.status;
	reply_release(&r);
	return st;
}

/* A dossier filed online in `unit`; code and secret copied out. */
static void file_online(struct env *e, char code[64], char secret[64])
{
	struct reply r;
	client_request(e->port, "POST", "/api/v1/dossiers", NULL,
		       FILING(COMMUNE), &r);
	CHECK_INT(r.status, 201);
	snprintf(code, 64, "%s",
		 json_string_value(json_object_get(r.json, "code")));
	snprintf(secret, 64, "%s",
		 json_string_value(json_object_get(r.json, "secret")));
	reply_release(&r);
}

static void step(struct env *e, const struct session *s, const char *code,
		 const char *op, const char *body)
{
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/%s", code, op);
	CHECK_INT(call(e, "POST", path, s, body), 200);
}

static int rate(struct env *e, const char *code, const char *secret,
		const char *rating)
{
	char path[200], body[200];
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s/rating", code);
	snprintf(body, sizeof(body), "{\"secret\":\"%s\",\"rating\":\"%s\"}",
		 secret, rating);
	return call(e, "POST", path, NULL, body);
}

TEST(a_returned_dossier_is_rated_once)
{
	struct env e;
	struct session clerk, officer;
	char code[64], secret[64], before[65], after[65];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "officer31", &officer);
	file_online(&e, code, secret);
	fixture_digest(&e.f, before);
	CHECK_INT(rate(&e, code, secret, "satisfied"), 409);
	CHECK_INT(rate(&e, code, "0123", "satisfied"), 404);
	CHECK_INT(rate(&e, "000.31.21.H56-000101-0001", secret, "satisfied"),
		  404);
	CHECK_STR(fixture_digest(&e.f, after), before);
	step(&e, &clerk, code, "receive", "{\"decision\":\"accept\"}");
	step(&e, &officer, code, "start", "{}");
	step(&e, &officer, code, "finish", "{}");
	CHECK_INT(rate(&e, code, secret, "neutral"), 409);
	step(&e, &clerk, code, "return", "{}");
	fixture_digest(&e.f, before);
	CHECK_INT(rate(&e, code, secret, "happy"), 400);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(rate(&e, code, secret, "dissatisfied"), 201);
	fixture_digest(&e.f, before);
	CHECK_INT(rate(&e, code, secret, "satisfied"), 409);
	CHECK_STR(fixture_digest(&e.f, after), before);
	env_close(&e);
}

TEST(feedback_is_sent_listed_and_answered_in_scope)
{
	struct env e;
	struct session officer, other;
	struct reply r;
	char code[64], secret[64], path[200], body[300], id[40];
	char before[65], after[65];
	env_open(&e);
	env_login(&e, "officer31", &officer);
	env_login(&e, "officer06", &other);
	file_online(&e, code, secret);
	fixture_digest(&e.f, before);
	CHECK_INT(call(&e, "POST", "/api/v1/public/feedback", NULL,
		       "{\"text\":\"x\"}"),
		  400);
	CHECK_INT(call(&e, "POST", "/api/v1/public/feedback", NULL,
		       "{\"unit\":\"" DISTRICT "\"}"),
		  400);
	CHECK_INT(call(&e, "POST", "/api/v1/public/feedback", NULL,
		       "{\"text\":\"x\",\"unit\":\"nope\"}"),
		  404);
	snprintf(body, sizeof(body),
		 "{\"text\":\"x\",\"dossier\":\"%s\","
		 "\"secret\":\"bad\"}",
		 code);
	CHECK_INT(call(&e, "POST", "/api/v1/public/feedback", NULL, body), 404);
	CHECK_STR(fixture_digest(&e.f, after), before);
	snprintf(body, sizeof(body),
		 "{\"text\":\"Chờ lâu quá\","
		 "\"dossier\":\"%s\",\"secret\":\"%s\"}",
		 code, secret);
	client_request(e.port, "POST", "/api/v1/public/feedback", NULL, body,
		       &r);
	CHECK_INT(r.status, 201);
	CHECK_STR(json_string_value(json_object_get(r.json, "unit")), COMMUNE);
	snprintf(id, sizeof(id), "%s",
		 json_string_value(json_object_get(r.json, "id")));
	reply_release(&r);

	client_request(e.port, "GET", "/api/v1/feedback?open=1",
		       officer.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *list = json_object_get(r.json, "feedback");
	CHECK_INT(json_array_size(list), 1);
	CHECK_STR(json_string_value(
			  json_object_get(json_array_get(list, 0), "text")),
		  "Chờ lâu quá");
	reply_release(&r);
	CHECK_INT(call(&e, "GET", "/api/v1/feedback?unit=" DEPARTMENT, &officer,
		       NULL),
		  403);
	CHECK_INT(call(&e, "GET", "/api/v1/feedback", NULL, NULL), 401);

	snprintf(path, sizeof(path), "/api/v1/feedback/%s/answer", id);
	fixture_digest(&e.f, before);
	CHECK_INT(call(&e, "POST", path, &other, "{\"answer\":\"ok\"}"), 404);
	CHECK_INT(call(&e, "POST", path, &officer, "{}"), 400);
	CHECK_INT(call(&e, "POST", "/api/v1/feedback/PA-x/answer", &officer,
		       "{\"answer\":\"ok\"}"),
		  404);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(call(&e, "POST", path, &officer, "{\"answer\":\"Đã xử lý\"}"),
		  200);
	fixture_digest(&e.f, before);
	CHECK_INT(call(&e, "POST", path, &officer, "{\"answer\":\"again\"}"),
		  409);
	CHECK_STR(fixture_digest(&e.f, after), before);
	client_request(e.port, "GET", "/api/v1/feedback?open=1",
		       officer.headers, NULL, &r);
	CHECK_INT(json_array_size(json_object_get(r.json, "feedback")), 0);
	reply_release(&r);
	env_close(&e);
}

#define TARGET(unit, value)                                    \
	"{\"unit\":\"" unit "\",\"period\":\"month:2024-04\"," \
	"\"indicator\":\"online_dossiers\",\"value\":" value "}"

TEST(targets_are_set_by_the_level_above)
{
	struct env e;
	struct session leader, admin, officer;
	struct reply r;
	char before[65], after[65];
	env_open(&e);
	env_login(&e, "leader31", &leader);
	env_login(&e, "admin", &admin);
	env_login(&e, "officer31", &officer);
	fixture_digest(&e.f, before);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &leader,
		       TARGET(DISTRICT, "60")),
		  403);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &leader,
		       TARGET(DEPARTMENT, "60")),
		  403);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &officer,
		       TARGET(COMMUNE, "60")),
		  403);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &leader,
		       TARGET(COMMUNE, "101")),
		  400);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &leader,
		       TARGET(COMMUNE, "60.125")),
		  400);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &leader,
		       "{\"unit\":\"" COMMUNE "\",\"period\":\"month:2024-04\","
		       "\"indicator\":\"speed\",\"value\":60}"),
		  400);
	CHECK_INT(call(&e, "POST", "/api/v1/targets/allocate", &leader,
		       "{\"unit\":\"" DEPARTMENT
		       "\",\"period\":\"month:2024-04\"}"),
		  403);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(call(&e, "PUT", "/api/v1/targets", &admin,
		       TARGET(DISTRICT, "70")),
		  200);
	CHECK_INT(call(&e, "POST", "/api/v1/targets", &leader,
		       TARGET(COMMUNE, "65.5")),
		  200);
	client_request(e.port, "GET",
		       "/api/v1/targets?period=month:2024-04&unit=" COMMUNE,
		       leader.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	bool seen = false;
	json_t *row;
	size_t i;
	json_array_foreach (json_object_get(r.json, "rows"), i, row) {
		if (strcmp(json_string_value(json_object_get(row, "indicator")),
			   "online_dossiers"))
			continue;
		seen = true;
		CHECK(json_real_value(json_object_get(row, "target")) == 65.5);
		CHECK(json_is_true(json_object_get(row, "below_parent")));
	}
	CHECK(seen);
	reply_release(&r);
	client_request(
		e.port, "POST", "/api/v1/targets/allocate", leader.headers,
		"{\"unit\":\"" DISTRICT "\",\"period\":\"month:2024-04\"}", &r);
	CHECK_INT(r.status, 200);
	CHECK(json_integer_value(json_object_get(r.json, "written")) > 0);
	reply_release(&r);
	CHECK_INT(call(&e, "GET", "/api/v1/targets?unit=" DEPARTMENT, &leader,
		       NULL),
		  403);
	env_close(&e);
}

TEST(the_index_is_the_command_lines_json_within_scope)
{
	struct env e;
	struct session leader, officer;
	struct reply r;
	env_open(&e);
	env_april(&e);
	env_login(&e, "leader31", &leader);
	env_login(&e, "officer31", &officer);
	client_request(e.port, "GET",
		       "/api/v1/index?period=month:2024-04&min=0",
		       leader.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *cli =
		env_cli_json(&e, "index --period month:2024-04 --unit " DISTRICT
				 " --min-dossiers 0");
	CHECK(cli != NULL);
	CHECK(json_equal(r.json, cli));
	json_decref(cli);
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(
				  json_object_get(
					  json_object_get(r.json, "total"),
					  "indicators"),
				  "online_dossiers"),
			  "denominator")),
		  3);
	CHECK_STR(json_string_value(json_object_get(r.json, "from")),
		  "2024-04-01");
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(r.json, "total"), "key")),
		  DISTRICT);
	json_t *ind =
		json_object_get(json_object_get(r.json, "total"), "indicators");
	CHECK(json_object_get(ind, "satisfaction") != NULL);
	reply_release(&r);
	CHECK_INT(call(&e, "GET", "/api/v1/index?by=level", &leader, NULL),
		  200);
	CHECK_INT(call(&e, "GET", "/api/v1/index?unit=" DEPARTMENT, &leader,
		       NULL),
		  403);
	CHECK_INT(call(&e, "GET", "/api/v1/index?by=field", &leader, NULL),
		  400);
	CHECK_INT(call(&e, "GET", "/api/v1/index?min=-1", &leader, NULL), 400);
	CHECK_INT(call(&e, "GET", "/api/v1/index?period=month:2024-13", &leader,
		       NULL),
		  400);
	CHECK_INT(call(&e, "GET", "/api/v1/index", &officer, NULL), 403);
	CHECK_INT(call(&e, "GET", "/api/v1/index", NULL, NULL), 401);
	env_close(&e);
}

TEST(a_published_month_is_served_verified)
{
	struct env e;
	struct session leader, admin;
	struct reply r;
	char before[65], after[65];
	env_open(&e);
	env_login(&e, "leader31", &leader);
	env_login(&e, "admin", &admin);
	client_request(e.port, "GET", "/api/v1/publications/month:2024-04",
		       NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK(*reply_error_field(&r));
	reply_release(&r);
	fixture_digest(&e.f, before);
	CHECK_INT(call(&e, "POST", "/api/v1/publications", &leader,
		       "{\"period\":\"month:2024-04\"}"),
		  403);
	CHECK_INT(call(&e, "POST", "/api/v1/publications", &admin,
		       "{\"period\":\"month:2024-4\"}"),
		  400);
	CHECK_INT(call(&e, "POST", "/api/v1/publications", &admin,
		       "{\"period\":\"month:2024-13\"}"),
		  400);
	CHECK_INT(call(&e, "GET", "/api/v1/publications/month:2024-4", NULL,
		       NULL),
		  400);
	CHECK_STR(fixture_digest(&e.f, after), before);
	client_request(e.port, "POST", "/api/v1/publications", admin.headers,
		       "{\"period\":\"month:2024-04\"}", &r);
	CHECK_INT(r.status, 201);
	char checksum[80];
	snprintf(checksum, sizeof(checksum), "%s",
		 json_string_value(json_object_get(r.json, "checksum")));
	reply_release(&r);
	fixture_digest(&e.f, before);
	CHECK_INT(call(&e, "POST", "/api/v1/publications", &admin,
		       "{\"period\":\"month:2024-04\"}"),
		  409);
	CHECK_STR(fixture_digest(&e.f, after), before);
	client_request(e.port, "GET", "/api/v1/publications/month:2024-04",
		       NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(r.json, "checksum")),
		  checksum);
	CHECK(json_is_true(json_object_get(r.json, "verified")));
	json_t *content = json_object_get(r.json, "content");
	CHECK(json_is_array(
		json_object_get(json_object_get(content, "index"), "rows")));
	CHECK(json_is_object(json_object_get(content, "report")));
	reply_release(&r);
	env_close(&e);
}

TEST_MAIN(T(a_returned_dossier_is_rated_once),
	  T(feedback_is_sent_listed_and_answered_in_scope),
	  T(targets_are_set_by_the_level_above),
	  T(the_index_is_the_command_lines_json_within_scope),
	  T(a_published_month_is_served_verified))
