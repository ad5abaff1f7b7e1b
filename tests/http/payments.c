/*
 * tests/http/payments.c - paying at the counter over HTTP: the clerk
 * shows a dossier's VietQR and reconciles the bank's statement (a second
 * upload changes nothing), takes cash (an officer may not; another amount
 * is refused by name), the officer records the tax authority's notice,
 * and the leader reads the payments report, whose lines add up.
 */
#include "app/counter.h"
#include "core/vietqr.h"
#include "env.h"
#include "test.h"

static struct env e;
static struct session clerk, officer, leader;

static void setup(void)
{
	env_open(&e);
	struct bank_account a = {.unit_code = "000.00.00.H56",
				 .bin = "970415",
				 .account = "113366668888",
				 .holder = "KHO BAC TINH THU"};
	struct mc_err err;
	if (app_bank_account_set(&e.f.app, &fixture_operator, &a, &err)) {
		fprintf(stderr, "setup: %s\n", err.message);
		exit(1);
	}
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "officer31", &officer);
	env_login(&e, "leader31", &leader);
}

static void teardown(void) { env_close(&e); }

static int post(const struct session *s, const char *path, const char *body,
		struct reply *r)
{
	client_request(e.port, "POST", path, s->headers, body, r);
	return r->status;
}

static const char *str(const struct reply *r, const char *key)
{
	return json_string_value(json_object_get(r->json, key));
}

static json_int_t num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

TEST(qr_then_statement)
{
	char *code = env_dossier(&e, DISTRICT);
	char path[160], before[65], after[65];
	struct reply r;
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/vietqr", code);
	CHECK_INT(post(&clerk, path, NULL, &r), 200);
	CHECK_INT(num(r.json, "amount"), 50000);
	const char *payload = str(&r, "payload");
	CHECK(payload && vietqr_check(payload, strlen(payload), NULL) == MC_OK);
	CHECK_STR(str(&r, "note"), code);
	reply_release(&r);
	char csv[300];
	snprintf(csv, sizeof(csv),
		 "Ngày;Số tiền;Nội dung\r\n07/06/2024;50.000;CK %s\r\n"
		 "07/06/2024;9.000;ung ho\r\n",
		 code);
	CHECK_INT(post(&clerk, "/api/v1/payments/reconcile", csv, &r), 200);
	json_t *counts = json_object_get(r.json, "counts");
	CHECK_INT(num(counts, "paid"), 1);
	CHECK_INT(num(counts, "unmatched"), 1);
	json_t *first = json_array_get(json_object_get(r.json, "lines"), 0);
	CHECK_STR(json_string_value(json_object_get(first, "code")), code);
	reply_release(&r);
	fixture_digest(&e.f, before);
	CHECK_INT(post(&clerk, "/api/v1/payments/reconcile", csv, &r), 200);
	CHECK_INT(num(json_object_get(r.json, "counts"), "already"), 1);
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	/* a statement that cannot be read names the line and field */
	CHECK_INT(post(&clerk, "/api/v1/payments/reconcile",
		       "Ngày;Số tiền;Nội dung\n07/06/2024;1,5;x\n", &r),
		  400);
	CHECK_STR(reply_error_field(&r), "line 2: amount");
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	free(code);
}

TEST(cash_by_the_clerk_only)
{
	char *code = env_dossier(&e, DISTRICT);
	char path[160], before[65], after[65];
	struct reply r;
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/cash", code);
	fixture_digest(&e.f, before);
	CHECK_INT(post(&officer, path, "{\"amount\":50000}", &r), 403);
	CHECK_STR(reply_error_field(&r), "role");
	reply_release(&r);
	CHECK_INT(post(&clerk, path, "{\"amount\":40000}", &r), 400);
	CHECK_STR(reply_error_field(&r), "amount");
	reply_release(&r);
	CHECK_INT(post(&clerk, path, "{\"amount\":\"50.000\"}", &r), 400);
	CHECK_STR(reply_error_field(&r), "amount");
	reply_release(&r);
	CHECK_INT(post(&clerk, path, "{\"amount\":50000,\"paid\":true}", &r),
		  400);
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(post(&clerk, path, "{\"amount\":50000}", &r), 200);
	CHECK_STR(str(&r, "status"), "paid");
	reply_release(&r);
	free(code);
}

TEST(notice_waits_and_report_adds_up)
{
	char *code = env_dossier(&e, DISTRICT);
	char path[160];
	struct reply r;
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/obligation", code);
	CHECK_INT(post(&officer, path,
		       "{\"number\":\"12/TB-CCT\",\"date\":\"2024-06-08\","
		       "\"amount\":8188730383,\"due\":\"2024-05-01\"}",
		       &r),
		  400);
	CHECK_STR(reply_error_field(&r), "due");
	reply_release(&r);
	CHECK_INT(post(&officer, path,
		       "{\"number\":\"12/TB-CCT\",\"date\":\"2024-06-08\","
		       "\"amount\":8188730383,\"due\":\"2024-07-08\"}",
		       &r),
		  200);
	CHECK_INT(num(r.json, "status"), 6);
	reply_release(&r);
	/* the report is the leader's, of the current month */
	char query[160], month[CIVIL_BUF];
	civil_format_date(civil_local_day((int64_t)time(NULL)), month);
	snprintf(query, sizeof(query),
		 "/api/v1/reports/payments?from=%.8s01&to=%s&by=method", month,
		 month);
	client_request(e.port, "GET", query, clerk.headers, NULL, &r);
	CHECK_INT(r.status, 403);
	reply_release(&r);
	client_request(e.port, "GET", query, leader.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *lines = json_object_get(r.json, "lines");
	json_int_t sum = 0;
	for (size_t i = 0; i < json_array_size(lines); i++)
		sum += num(json_object_get(json_array_get(lines, i), "row"),
			   "amount");
	json_t *total = json_object_get(r.json, "total");
	CHECK_INT(sum, num(total, "amount"));
	CHECK(num(total, "count") >= 0);
	reply_release(&r);
	client_request(e.port, "GET", "/api/v1/reports/payments?by=field",
		       leader.headers, NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "by");
	reply_release(&r);
	free(code);
}

TEST_MAIN_WITH(setup, teardown, T(qr_then_statement), T(cash_by_the_clerk_only),
	       T(notice_waits_and_report_adds_up))
