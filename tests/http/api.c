/*
 * api.c - the JSON API against a real server running in-process on the
 * fixture province: every documented route answers what a user would
 * check (status and the value in the body, HEAD alike), error shapes and
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

static int status_of(struct env *e, const char *method, const char *path,
		     const struct session *s, const char *body)
{
	struct reply r;
	client_request(e->port, method, path, s ? s->headers : NULL, body, &r);
	int st = r.status;
	reply_release(&r);
	return st;
}

/* ---- every documented route, with what a user would check ---------------- */

enum who { ANON, ADMIN, LEADER, OFFICER, CLERK, LEAVING, N_WHO };

/* One step of the scenario: a request and what its answer must hold.
 * In paths and bodies {D} is a dossier received at the district's
 * counter, {R} one filed online and {RS} its secret, {S} one filed at
 * the counter here, {F} a feedback id: each taken from an earlier
 * answer (`keep`). `key` is a dotted path into the JSON answer ("#" in
 * `want` compares an array's size), or "" for a text body containing
 * `want`. */
struct step {
	const char *method, *route; /* as the OpenAPI document names it */
	enum who who;
	const char *path, *body;
	int status;
	const char *key, *want;
	const char *keep_key, *keep_as; /* tokens taken from the answer */
	const char *keep2_key, *keep2_as;
};

#define ONLINE_FILING                                              \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\"," \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"
#define COUNTER_FILING                                                  \
	"{\"decision\":\"accept\",\"filing\":{\"MaTTHC\":\"1.000004\"," \
	"\"DonViXuLy\":\"" DISTRICT "\",\"KenhThucHien\":\"1\","        \
	"\"ChuHoSo\":\"Trần Thị Bình\",\"SoGiayToChuHoSo\":\"079190000001\"}}"
#define TARGET                                                     \
	"{\"unit\":\"" DISTRICT "\",\"period\":\"month:2024-04\"," \
	"\"indicator\":\"online_dossiers\",\"value\":%s}"
#define OP(name) "/api/v1/dossiers/{code}/" name

#define STEP(m, rt, w, p, b, st, k, ...)                                  \
	{                                                                 \
		.method = m, .route = rt, .who = w, .path = p, .body = b, \
		.status = st, .key = k, .want = __VA_ARGS__               \
	}

static const struct step route_steps[] = {
	STEP("GET", "/api/v1/units", ANON, "/api/v1/units", NULL, 200, "units",
	     "#5"),
	STEP("GET", "/api/v1/units/{code}", ANON, "/api/v1/units/" DISTRICT,
	     NULL, 200, "code", DISTRICT),
	STEP("GET", "/api/v1/procedures", ANON, "/api/v1/procedures", NULL, 200,
	     "total", "4"),
	STEP("GET", "/api/v1/procedures/{code}", ANON,
	     "/api/v1/procedures/1.000001", NULL, 200, "code", "1.000001"),
	/* the fixture's procedures list no components (tests/http/upload.c) */
	STEP("GET", "/api/v1/procedures/{code}/forms/{component}", ANON,
	     "/api/v1/procedures/1.000001/forms/TK", NULL, 404, "error.field",
	     "component"),
	STEP("POST", "/api/v1/dossiers", ANON, "/api/v1/dossiers",
	     ONLINE_FILING, 201, "dossier.status", "1", .keep_key = "code",
	     .keep_as = "R", .keep2_key = "secret", .keep2_as = "RS"),
	STEP("POST", "/api/v1/dossiers/receive", CLERK,
	     "/api/v1/dossiers/receive", COUNTER_FILING, 201, "dossier.status",
	     "2", .keep_key = "code", .keep_as = "S"),
	STEP("POST", "/api/v1/public/dossiers/{code}/pay", ANON,
	     "/api/v1/public/dossiers/{R}/pay", "{\"secret\":\"{RS}\"}", 404,
	     "error.field", "gateway"),
	STEP("GET", "/api/v1/public/dossiers/{code}/payments", ANON,
	     "/api/v1/public/dossiers/{R}/payments?secret={RS}", NULL, 200,
	     "owed", "50000"),
	STEP("GET", "/api/v1/public/dossiers/{code}/receipts/{order}", ANON,
	     "/api/v1/public/dossiers/{R}/receipts/1.pdf?secret={RS}", NULL,
	     404, "error.field", "receipt"),
	STEP("GET", "/api/v1/dossiers/{code}/payments", OFFICER,
	     "/api/v1/dossiers/{R}/payments", NULL, 200, "charged", "50000"),
	STEP("GET", "/api/v1/dossiers/{code}/receipts/{order}", OFFICER,
	     "/api/v1/dossiers/{R}/receipts/1.pdf", NULL, 404, "error.field",
	     "receipt"),
	STEP("POST", "/api/v1/dossiers/{code}/receipts/{order}/cancel", CLERK,
	     "/api/v1/dossiers/{R}/receipts/1/cancel", "{\"reason\":\"nhầm\"}",
	     404, "error.field", "payment"),
	STEP("POST", "/api/v1/dossiers/{code}/fees/exempt", CLERK,
	     "/api/v1/dossiers/{S}/fees/exempt",
	     "{\"fee\":\"LP01\",\"reason\":\"Điều 5\"}", 404, "error.field",
	     "MaPhiLePhi"),
	STEP("GET", "/api/v1/payments/vnpay/ipn", ANON,
	     "/api/v1/payments/vnpay/ipn?vnp_TmnCode=X&vnp_TxnRef=1", NULL, 200,
	     "RspCode", "97"),
	STEP("GET", "/api/v1/public/payments/vnpay/return", ANON,
	     "/api/v1/public/payments/vnpay/return?vnp_TxnRef=1", NULL, 400,
	     "error.field", "vnp_SecureHash"),
	STEP("GET", "/api/v1/dossiers", OFFICER, "/api/v1/dossiers", NULL, 200,
	     "total", "3"),
	STEP("GET", "/api/v1/dossiers/{code}", OFFICER, "/api/v1/dossiers/{D}",
	     NULL, 200, "code", "{D}"),
	STEP("PUT", "/api/v1/units/{code}/account", ADMIN,
	     "/api/v1/units/000.00.00.H56/account",
	     "{\"bin\":\"970415\",\"account\":\"113366668888\","
	     "\"holder\":\"KHO BAC TINH THU\"}",
	     200, "account", "113366668888"),
	STEP("POST", "/api/v1/dossiers/{code}/vietqr", CLERK,
	     "/api/v1/dossiers/{D}/vietqr", NULL, 200, "amount", "50000"),
	STEP("POST", "/api/v1/payments/reconcile", CLERK,
	     "/api/v1/payments/reconcile",
	     "Ngày;Số tiền;Nội dung\n07/06/2024;50.000;CK {D}\n", 200,
	     "counts.paid", "1"),
	STEP("POST", "/api/v1/dossiers/{code}/obligation", OFFICER,
	     "/api/v1/dossiers/{S}/obligation",
	     "{\"number\":\"12/TB-CCT\",\"date\":\"2024-06-08\","
	     "\"amount\":8188730383,\"due\":\"2024-07-08\"}",
	     200, "status", "6"),
	/* the notice paid in cash at the counter */
	STEP("POST", "/api/v1/dossiers/{code}/cash", CLERK,
	     "/api/v1/dossiers/{S}/cash", "{\"amount\":8188730383}", 200,
	     "status", "paid"),
	STEP("GET", "/api/v1/dossiers/{code}", OFFICER, "/api/v1/dossiers/{S}",
	     NULL, 200, "status", "4"),
	STEP("GET", "/api/v1/reports/payments", LEADER,
	     "/api/v1/reports/payments?period=month:2024-04", NULL, 200, "by",
	     "unit"),
	STEP("POST", OP("receive"), CLERK, "/api/v1/dossiers/{R}/receive",
	     "{\"decision\":\"accept\"}", 200, "dossier.status", "2"),
	STEP("POST", OP("start"), OFFICER, "/api/v1/dossiers/{R}/start", "{}",
	     200, "dossier.status", "4"),
	STEP("POST", OP("transfer"), OFFICER, "/api/v1/dossiers/{R}/transfer",
	     "{\"to\":\"" COMMUNE "\"}", 200, "dossier.unit_code", COMMUNE),
	STEP("GET", "/api/v1/transfers", OFFICER, "/api/v1/transfers", NULL,
	     200, "items", "#1"),
	STEP("POST", OP("request-supplement"), OFFICER,
	     "/api/v1/dossiers/{R}/request-supplement",
	     "{\"note\":\"thiếu tờ khai\"}", 200, "dossier.status", "5"),
	STEP("POST", OP("complete-supplement"), CLERK,
	     "/api/v1/dossiers/{R}/complete-supplement", "{}", 200,
	     "dossier.status", "4"),
	STEP("POST", OP("request-financial"), OFFICER,
	     "/api/v1/dossiers/{R}/request-financial", "{}", 200,
	     "dossier.status", "6"),
	STEP("POST", OP("fulfil-financial"), CLERK,
	     "/api/v1/dossiers/{R}/fulfil-financial", "{}", 200,
	     "dossier.status", "4"),
	STEP("POST", OP("finish"), OFFICER, "/api/v1/dossiers/{R}/finish",
	     "{\"results\":[{\"name\":\"Giấy khai sinh\","
	     "\"url\":\"https://kq.example.vn/1\"}]}",
	     200, "dossier.status", "9"),
	STEP("POST", OP("return"), CLERK, "/api/v1/dossiers/{R}/return",
	     "{\"by_post\":true}", 200, "dossier.status", "10"),
	STEP("POST", OP("reschedule"), OFFICER,
	     "/api/v1/dossiers/{D}/reschedule",
	     "{\"new_due\":\"2099-12-31 16:00\",\"note\":\"cần xác minh\"}",
	     200, "dossier.code", "{D}"),
	STEP("GET", "/api/v1/dossiers/{code}/forms/{form}", OFFICER,
	     "/api/v1/dossiers/{D}/forms/04.pdf", NULL, 200, "", "%PDF-"),
	STEP("POST", OP("stop"), OFFICER, "/api/v1/dossiers/{D}/stop",
	     "{\"note\":\"không đủ điều kiện\"}", 200, "dossier.status", "8"),
	STEP("POST", OP("withdraw"), CLERK, "/api/v1/dossiers/{S}/withdraw",
	     "{}", 200, "dossier.status", "7"),
	STEP("GET", "/api/v1/dossiers/{code}/files", OFFICER,
	     "/api/v1/dossiers/{D}/files", NULL, 200, "files", "#0"),
	STEP("GET", "/api/v1/dossiers/{code}/files/{sha256}", OFFICER,
	     "/api/v1/dossiers/{D}/files/"
	     "0000000000000000000000000000000000000000000000000000000000000000",
	     NULL, 404, "error.field", "sha256"),
	/* a file goes as multipart/form-data (tests/http/upload.c) */
	STEP("POST", "/api/v1/dossiers/{code}/files", CLERK,
	     "/api/v1/dossiers/{D}/files?component=TP01", "{}", 415,
	     "error.field", "body"),
	STEP("POST", "/api/v1/public/uploads", ANON, "/api/v1/public/uploads",
	     NULL, 201, "max_bytes", "104857600", .keep_key = "upload",
	     .keep_as = "U"),
	STEP("GET", "/api/v1/public/uploads/{upload}", ANON,
	     "/api/v1/public/uploads/{U}", NULL, 200, "files", "#0"),
	STEP("POST", "/api/v1/public/uploads/{upload}/files", ANON,
	     "/api/v1/public/uploads/{U}/files?component=TP01", "{}", 415,
	     "error.field", "body"),
	STEP("GET", "/api/v1/public/dossiers/{code}", ANON,
	     "/api/v1/public/dossiers/{R}?secret={RS}", NULL, 200, "status",
	     "10"),
	STEP("GET", "/api/v1/public/dossiers/{code}/forms/{form}", ANON,
	     "/api/v1/public/dossiers/{R}/forms/01.pdf?secret={RS}", NULL, 200,
	     "", "%PDF-"),
	STEP("POST", "/api/v1/public/dossiers/{code}/rating", ANON,
	     "/api/v1/public/dossiers/{R}/rating",
	     "{\"secret\":\"{RS}\",\"rating\":\"satisfied\"}", 201, "rating",
	     "satisfied"),
	STEP("GET", "/api/v1/calendar/holidays", ANON,
	     "/api/v1/calendar/holidays?year=2024", NULL, 200, "days.0.date",
	     "2024-01-01"),
	/* Friday 16:00 + 3 working days: 27/4-1/5 off, Saturday 4/5 worked */
	STEP("GET", "/api/v1/calendar/due", ANON,
	     "/api/v1/calendar/due?from=2024-04-26%2016:00&days=3", NULL, 200,
	     "due", "2024-05-04T16:00:00+07:00"),
	STEP("GET", "/api/v1/forms/settlement", ANON,
	     "/api/v1/forms/settlement", NULL, 200, "columns.0.key",
	     "received_total"),
	STEP("GET", "/api/v1/forms/index", ANON, "/api/v1/forms/index", NULL,
	     200, "columns.8.key", "online_dossiers"),
	STEP("GET", "/api/v1/reports/settlement", LEADER,
	     "/api/v1/reports/settlement?period=month:2024-04", NULL, 200,
	     "from", "2024-03-15"),
	STEP("GET", "/api/v1/reports/summary", LEADER,
	     "/api/v1/reports/summary?period=month:2024-04", NULL, 200, "title",
	     "tháng 4 năm 2024"),
	STEP("GET", "/api/v1/quality", LEADER, "/api/v1/quality", NULL, 200,
	     "unit", DISTRICT),
	STEP("GET", "/api/v1/public/statistics", ANON,
	     "/api/v1/public/statistics?period=month:2024-04", NULL, 200, "to",
	     "2024-04-14"),
	STEP("GET", "/api/v1/index", LEADER,
	     "/api/v1/index?period=month:2024-04", NULL, 200, "from",
	     "2024-04-01"),
	STEP("GET", "/api/v1/targets", LEADER,
	     "/api/v1/targets?period=month:2024-04", NULL, 200, "unit",
	     DISTRICT),
	STEP("PUT", "/api/v1/targets", ADMIN, "/api/v1/targets", TARGET, 200,
	     "indicator", "online_dossiers"),
	STEP("POST", "/api/v1/targets", ADMIN, "/api/v1/targets", TARGET, 200,
	     "unit", DISTRICT),
	STEP("POST", "/api/v1/targets/allocate", ADMIN,
	     "/api/v1/targets/allocate",
	     "{\"unit\":\"" DISTRICT "\",\"period\":\"month:2024-04\"}", 200,
	     "unit", DISTRICT),
	STEP("POST", "/api/v1/publications", ADMIN, "/api/v1/publications",
	     "{\"period\":\"month:2024-04\"}", 201, "period", "month:2024-04"),
	STEP("GET", "/api/v1/publications/{period}", ANON,
	     "/api/v1/publications/month:2024-04", NULL, 200, "verified",
	     "true"),
	STEP("POST", "/api/v1/public/feedback", ANON, "/api/v1/public/feedback",
	     "{\"text\":\"Cán bộ hướng dẫn tận tình\",\"unit\":\"" DISTRICT
	     "\"}",
	     201, "unit", DISTRICT, .keep_key = "id", .keep_as = "F"),
	STEP("GET", "/api/v1/feedback", OFFICER, "/api/v1/feedback", NULL, 200,
	     "feedback.0.id", "{F}"),
	STEP("POST", "/api/v1/feedback/{id}/answer", OFFICER,
	     "/api/v1/feedback/{F}/answer", "{\"answer\":\"Cảm ơn ông bà\"}",
	     200, "answer", "Cảm ơn ông bà"),
	/* this server has no key directory (tests/http/verify.c has one) */
	STEP("POST", "/api/v1/public/verify", ANON, "/api/v1/public/verify",
	     "{\"sha256\":\"" "0000000000000000000000000000000000000000000000"
	     "000000000000000000\",\"signature\":\"aGVsbG8=\"}",
	     409, "error.field", "pki"),
	/* no electronic result yet: a hash that is not one is named */
	STEP("GET", "/api/v1/public/dossiers/{code}/results/{file}", ANON,
	     "/api/v1/public/dossiers/{R}/results/0000000000000000000000000000000000000000000000000000000000000000?secret={RS}", NULL, 404,
	     "error.field", "file"),
	STEP("GET", "/api/v1/dossiers/{code}/results/{file}", OFFICER,
	     "/api/v1/dossiers/{D}/results/0000000000000000000000000000000000000000000000000000000000000000", NULL, 404, "error.field",
	     "file"),
	STEP("GET", "/api/v1/public/verify", ANON,
	     "/api/v1/public/verify?code={R}", NULL, 409, "error.field", "pki"),
	STEP("GET", "/api/v1/qr.svg", ANON, "/api/v1/qr.svg?text=abc", NULL,
	     200, "", "<svg"),
	STEP("POST", "/api/v1/auth/login", ANON, "/api/v1/auth/login",
	     "{\"username\":\"leader31\",\"password\":\"" PW "\"}", 200,
	     "user.role", "leader"),
	STEP("GET", "/api/v1/auth/me", OFFICER, "/api/v1/auth/me", NULL, 200,
	     "user.username", "officer31"),
	STEP("POST", "/api/v1/auth/logout", LEAVING, "/api/v1/auth/logout",
	     NULL, 200, "signed_in", "false"),
	STEP("GET", "/api/v1/openapi.json", ANON, "/api/v1/openapi.json", NULL,
	     200, "openapi", "3.0.3"),
	STEP("GET", "/metrics", ANON, "/metrics", NULL, 200, "",
	     "motcua_http_requests_total{route=\"POST /api/v1/dossiers\","
	     "status=\"201\"} 1"),
};
#define N_STEPS (sizeof(route_steps) / sizeof(*route_steps))

struct tokens {
	char name[8][4];
	char value[8][80];
	size_t n;
};

/* s with every {NAME} of a kept token replaced. */
static void expand(const struct tokens *t, const char *s, struct strbuf *out)
{
	strbuf_reset(out);
	while (s && *s) {
		size_t i = 0;
		if (*s == '{')
			for (; i < t->n; i++) {
				size_t n = strlen(t->name[i]);
				if (strncmp(s + 1, t->name[i], n) == 0 &&
				    s[n + 1] == '}')
					break;
			}
		if (*s == '{' && i < t->n) {
			strbuf_puts(out, t->value[i]);
			s += strlen(t->name[i]) + 2;
		} else {
			strbuf_add(out, s++, 1);
		}
	}
	if (!out->buf)
		strbuf_add(out, "", 0);
}

/* The value at a dotted path ("dossier.status", "days.0.date"). */
static json_t *json_at(json_t *v, const char *path)
{
	char part[64];
	while (v && *path) {
		size_t n = strcspn(path, ".");
		snprintf(part, sizeof(part), "%.*s", (int)n, path);
		v = json_is_array(v)
			    ? json_array_get(v, strtoul(part, NULL, 10))
			    : json_object_get(v, part);
		path += n + (path[n] == '.');
	}
	return v;
}

/* A JSON scalar as text: strings as they are, numbers, true, false,
 * null; "#N" for an array of N. */
static void json_text(json_t *v, char *buf, size_t n)
{
	if (json_is_string(v))
		snprintf(buf, n, "%s", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
	else if (json_is_array(v))
		snprintf(buf, n, "#%zu", json_array_size(v));
	else
		snprintf(buf, n, "%s",
			 json_is_true(v)    ? "true"
			 : json_is_false(v) ? "false"
			 : json_is_null(v)  ? "null"
					    : "(absent)");
}

static void keep(struct tokens *t, json_t *answer, const char *key,
		 const char *as)
{
	if (!key || t->n == 8)
		return;
	snprintf(t->name[t->n], sizeof(t->name[0]), "%s", as);
	json_text(json_at(answer, key), t->value[t->n], sizeof(t->value[0]));
	t->n++;
}

/* HEAD of a GET route: the same status and type, the length of the
 * body, no body (the metrics change between the two; length skipped). */
static void check_head(struct env *e, const char *path, const char *headers,
		       const struct reply *get)
{
	struct reply h;
	client_request(e->port, "HEAD", path, headers, NULL, &h);
	char *len = reply_header(&h, "Content-Length");
	char *type = reply_header(&h, "Content-Type");
	char *want = reply_header(get, "Content-Type");
	CHECK_INT(h.status, get->status);
	CHECK(h.body && !*h.body);
	CHECK_STR(type, want);
	CHECK(len && (strncmp(path, "/metrics", 8) == 0 ||
		      (get->body && (size_t)atol(len) == get->body_len)));
	free(len);
	free(type);
	free(want);
	reply_release(&h);
}

static void run_step(struct env *e, const struct step *s,
		     const struct session *who, struct tokens *t)
{
	struct strbuf path, body, want;
	struct reply r;
	char got[200];
	strbuf_init(&path);
	strbuf_init(&body);
	strbuf_init(&want);
	expand(t, s->path, &path);
	if (s->body) {
		char text[600];
		snprintf(text, sizeof(text), s->body,
			 strcmp(s->method, "PUT") ? "70" : "60");
		expand(t, text, &body);
	}
	expand(t, s->want, &want);
	client_request(e->port, s->method, path.buf,
		       s->who ? who[s->who].headers : NULL,
		       s->body ? body.buf : NULL, &r);
	if (*s->key)
		json_text(json_at(r.json, s->key), got, sizeof(got));
	bool ok = r.status == s->status &&
		  (*s->key ? strcmp(got, want.buf) == 0
			   : r.body && strstr(r.body, want.buf));
	if (!ok)
		fprintf(stderr, "%s %s -> %d %s=%s, expected %d %s\n%.300s\n",
			s->method, path.buf, r.status, s->key,
			*s->key ? got : "(text)", s->status, want.buf,
			r.body ? r.body : "");
	CHECK(ok);
	if (strcmp(s->method, "GET") == 0)
		check_head(e, path.buf, s->who ? who[s->who].headers : NULL,
			   &r);
	keep(t, r.json, s->keep_key, s->keep_as);
	keep(t, r.json, s->keep2_key, s->keep2_as);
	reply_release(&r);
	strbuf_release(&path);
	strbuf_release(&body);
	strbuf_release(&want);
}

/* Every route the OpenAPI document lists has a step, and no step names
 * a route it does not list. */
static void check_coverage(json_t *paths)
{
	const char *tmpl, *method;
	json_t *item, *op;
	size_t listed = 0;
	json_object_foreach (paths, tmpl, item) {
		json_object_foreach (item, method, op) {
			bool found = false;
			for (size_t i = 0; i < N_STEPS && !found; i++)
				found = strcasecmp(route_steps[i].method,
						   method) == 0 &&
					strcmp(route_steps[i].route, tmpl) == 0;
			if (!found)
				fprintf(stderr, "no step for %s %s\n", method,
					tmpl);
			CHECK(found);
			listed++;
		}
	}
	for (size_t i = 0; i < N_STEPS; i++) {
		json_t *m = json_object_get(paths, route_steps[i].route);
		char lower[8];
		size_t k = 0;
		for (; route_steps[i].method[k] && k < 7; k++)
			lower[k] = (char)(route_steps[i].method[k] + 32);
		lower[k] = '\0';
		CHECK(json_object_get(m, lower) != NULL);
	}
	CHECK(listed >= 40);
}

TEST(every_documented_route_answers_as_a_user_expects)
{
	struct env e;
	struct session who[N_WHO];
	struct reply doc;
	struct tokens t = {0};
	env_open(&e);
	env_login(&e, "admin", &who[ADMIN]);
	env_login(&e, "leader31", &who[LEADER]);
	env_login(&e, "officer31", &who[OFFICER]);
	env_login(&e, "clerk31", &who[CLERK]);
	env_login(&e, "officer06", &who[LEAVING]);
	char *d = env_dossier(&e, DISTRICT);
	snprintf(t.name[0], sizeof(t.name[0]), "D");
	snprintf(t.value[0], sizeof(t.value[0]), "%s", d);
	t.n = 1;
	free(d);
	client_request(e.port, "GET", "/api/v1/openapi.json", NULL, NULL, &doc);
	CHECK_INT(doc.status, 200);
	check_coverage(json_object_get(doc.json, "paths"));
	reply_release(&doc);
	for (size_t i = 0; i < N_STEPS; i++)
		run_step(&e, &route_steps[i], who, &t);
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

/* Whether every column of GET /forms/settlement is in the report's
 * row, the OpenAPI row schema, and the CLI's text and CSV (by title). */
static void check_column(json_t *col, json_t *row, json_t *schema,
			 const char *text, const char *csv)
{
	const char *key = json_string_value(json_object_get(col, "key"));
	const char *title = json_string_value(json_object_get(col, "title_vi"));
	const char *type = json_string_value(json_object_get(col, "type"));
	CHECK(key && title && type);
	json_t *v = json_object_get(row, key);
	if (!v || !strstr(text, title))
		fprintf(stderr, "column %s (%s) missing\n", key, title);
	CHECK(v != NULL);
	if (strcmp(type, "rate") == 0)
		CHECK(json_is_real(v) || json_is_null(v));
	else
		CHECK(json_is_integer(v));
	CHECK(json_object_get(schema, key) != NULL);
	CHECK(strstr(text, title) != NULL);
	char quoted[200];
	snprintf(quoted, sizeof(quoted), "\"%s\"", title);
	CHECK(strstr(csv, quoted) != NULL);
}

TEST(form_columns_reach_every_output)
{
	struct env e;
	struct session s;
	struct reply form, rep, doc;
	env_open(&e);
	env_april(&e);
	env_login(&e, "leader31", &s);
	client_request(e.port, "GET", "/api/v1/forms/settlement", NULL, NULL,
		       &form);
	CHECK_INT(form.status, 200);
	CHECK_STR(json_string_value(json_object_get(form.json, "form")),
		  "II.06a");
	client_request(e.port, "GET",
		       "/api/v1/reports/settlement?period=month:2024-04",
		       s.headers, NULL, &rep);
	CHECK_INT(rep.status, 200);
	client_request(e.port, "GET", "/api/v1/openapi.json", NULL, NULL, &doc);
	json_t *schema = json_object_get(
		json_object_get(
			json_object_get(json_object_get(doc.json, "components"),
					"schemas"),
			"SettlementRow"),
		"properties");
	const char *args =
		"report --period month:2024-04 --figures --unit " DISTRICT;
	char *text = env_cli_output(&e, args, "text");
	char *csv = env_cli_output(&e, args, "csv");
	CHECK(text && csv && schema);
	json_t *cols = json_object_get(form.json, "columns"), *col;
	size_t i;
	CHECK(json_array_size(cols) >= 27);
	json_array_foreach (cols, i, col)
		check_column(col, json_object_get(rep.json, "total"), schema,
			     text, csv);
	free(text);
	free(csv);
	reply_release(&form);
	/* the index's columns: each title in the CLI's text and CSV */
	client_request(e.port, "GET", "/api/v1/forms/index", NULL, NULL, &form);
	args = "index --period month:2024-04 --unit " DISTRICT;
	text = env_cli_output(&e, args, "text");
	csv = env_cli_output(&e, args, "csv");
	CHECK(text && csv);
	cols = json_object_get(form.json, "columns");
	CHECK(json_array_size(cols) >= 20);
	json_array_foreach (cols, i, col) {
		const char *title =
			json_string_value(json_object_get(col, "title_vi"));
		char quoted[300];
		snprintf(quoted, sizeof(quoted), "\"%s", title);
		if (!text || !csv || !strstr(text, title) ||
		    !strstr(csv, quoted))
			fprintf(stderr, "index column %s missing\n", title);
		CHECK(text && strstr(text, title));
		CHECK(csv && strstr(csv, quoted));
	}
	free(text);
	free(csv);
	reply_release(&form);
	reply_release(&rep);
	reply_release(&doc);
	env_close(&e);
}

/* Whether v is what schema (OpenAPI 3.0, as the server writes it: type,
 * nullable, properties, required, additionalProperties, items, $ref into
 * schemas) says; prints the path of the first difference. */
static bool conforms(json_t *schemas, json_t *schema, json_t *v,
		     const char *path)
{
	const char *r = json_string_value(json_object_get(schema, "$ref"));
	if (r)
		schema = json_object_get(schemas, strrchr(r, '/') + 1);
	const char *type = json_string_value(json_object_get(schema, "type"));
	bool ok = schema && type;
	if (ok && json_is_null(v))
		ok = json_is_true(json_object_get(schema, "nullable"));
	else if (ok && strcmp(type, "object") == 0)
		ok = json_is_object(v);
	else if (ok && strcmp(type, "array") == 0)
		ok = json_is_array(v);
	else if (ok)
		ok = strcmp(type, "string") == 0    ? json_is_string(v)
		     : strcmp(type, "integer") == 0 ? json_is_integer(v)
		     : strcmp(type, "number") == 0  ? json_is_number(v)
		     : strcmp(type, "boolean") == 0 ? json_is_boolean(v)
						    : false;
	if (!ok) {
		fprintf(stderr, "schema: %s is not %s\n", path,
			type ? type
			: r  ? r
			     : "described");
		return false;
	}
	char sub[512];
	const char *key;
	json_t *m;
	size_t i;
	json_t *props = json_object_get(schema, "properties");
	json_object_foreach (json_is_object(v) ? v : NULL, key, m) {
		snprintf(sub, sizeof(sub), "%s.%s", path, key);
		json_t *p = json_object_get(props, key);
		if (!p) {
			fprintf(stderr, "schema: %s is not described\n", sub);
			return false;
		}
		if (!conforms(schemas, p, m, sub))
			return false;
	}
	json_array_foreach (json_object_get(schema, "required"), i, m)
		if (json_is_object(v) &&
		    !json_object_get(v, json_string_value(m))) {
			fprintf(stderr, "schema: %s.%s is missing\n", path,
				json_string_value(m));
			return false;
		}
	json_array_foreach (json_is_array(v) ? v : NULL, i, m) {
		snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
		if (!conforms(schemas, json_object_get(schema, "items"), m,
			      sub))
			return false;
	}
	return true;
}

/* The column of a table (GET /forms/settlement or /forms/index) in the
 * schema of its row: an index indicator or group under its part. */
static json_t *column_schema(json_t *row, json_t *col)
{
	const char *key = json_string_value(json_object_get(col, "key"));
	const char *part = json_string_value(json_object_get(col, "part"));
	json_t *props = json_object_get(row, "properties");
	if (part && strcmp(part, "indicator") == 0)
		props = json_object_get(json_object_get(props, "indicators"),
					"properties");
	else if (part && strcmp(part, "group") == 0)
		props = json_object_get(json_object_get(props, "groups"),
					"properties");
	return key ? json_object_get(props, key) : NULL;
}

/* The OpenAPI document's response schemas: every column of the report's
 * and the index's tables is in its row schema, with its titles, and the
 * answers of the routes (report by unit and by level, the public
 * statistics, the index, the summary) are exactly what the schemas say,
 * no member more or less. */
TEST(response_schemas_come_from_the_column_tables)
{
	struct env e;
	struct session s;
	struct reply doc, form, r;
	env_open(&e);
	env_april(&e);
	env_login(&e, "leader31", &s);
	client_request(e.port, "GET", "/api/v1/openapi.json", NULL, NULL, &doc);
	json_t *schemas = json_object_get(
		json_object_get(doc.json, "components"), "schemas");
	static const struct {
		const char *form, *row;
		size_t min;
	} tables[] = {{"/api/v1/forms/settlement", "SettlementRow", 27},
		      {"/api/v1/forms/index", "IndexRow", 20}};
	for (size_t t = 0; t < 2; t++) {
		client_request(e.port, "GET", tables[t].form, NULL, NULL,
			       &form);
		CHECK_INT(form.status, 200);
		json_t *cols = json_object_get(form.json, "columns"), *col;
		size_t i;
		CHECK(json_array_size(cols) >= tables[t].min);
		json_array_foreach (cols, i, col) {
			json_t *p = column_schema(
				json_object_get(schemas, tables[t].row), col);
			const char *desc = json_string_value(
				json_object_get(p, "description"));
			const char *vi = json_string_value(
				json_object_get(col, "title_vi"));
			if (!p)
				fprintf(stderr, "%s: %s not in the schema\n",
					tables[t].row,
					json_string_value(
						json_object_get(col, "key")));
			CHECK(p && desc && vi && strstr(desc, vi));
		}
		reply_release(&form);
	}
	static const struct {
		const char *path, *schema;
	} answers[] = {
		{"/api/v1/reports/settlement?period=month:2024-04",
		 "SettlementReport"},
		{"/api/v1/reports/settlement?period=month:2024-04&by=level",
		 "SettlementReport"},
		{"/api/v1/public/statistics?period=month:2024-04",
		 "SettlementReport"},
		{"/api/v1/index?period=month:2024-04&min=0", "IndexTable"},
		{"/api/v1/reports/summary?period=month:2024-04", "Summary"},
	};
	for (size_t a = 0; a < sizeof(answers) / sizeof(*answers); a++) {
		client_request(e.port, "GET", answers[a].path, s.headers, NULL,
			       &r);
		CHECK_INT(r.status, 200);
		json_t *schema = json_object_get(schemas, answers[a].schema);
		CHECK(schema != NULL);
		if (!conforms(schemas, schema, r.json, answers[a].path))
			CHECK(false);
		reply_release(&r);
	}
	/* the routes name their schemas */
	json_t *paths = json_object_get(doc.json, "paths");
	static const struct {
		const char *path, *schema;
	} refs[] = {{"/api/v1/reports/settlement", "SettlementReport"},
		    {"/api/v1/public/statistics", "SettlementReport"},
		    {"/api/v1/index", "IndexTable"},
		    {"/api/v1/reports/summary", "Summary"}};
	for (size_t k = 0; k < sizeof(refs) / sizeof(*refs); k++) {
		char *text =
			json_dumps(json_object_get(paths, refs[k].path), 0);
		char want[96];
		snprintf(want, sizeof(want), "\"#/components/schemas/%s\"",
			 refs[k].schema);
		CHECK(text && strstr(text, want));
		free(text);
	}
	reply_release(&doc);
	env_close(&e);
}

/* GET path?...&format=xlsx as s: a workbook Excel opens, as an
 * attachment named name, with title in its strings; format=pdf is
 * refused naming format. */
static void check_workbook(struct env *e, struct session *s, const char *path,
			   const char *name, const char *title)
{
	struct reply r;
	char url[300], want[200], file[300], cmd[700];
	snprintf(url, sizeof(url), "%s&format=xlsx", path);
	client_request(e->port, "GET", url, s->headers, NULL, &r);
	CHECK_INT(r.status, 200);
	char *type = reply_header(&r, "Content-Type");
	char *disp = reply_header(&r, "Content-Disposition");
	CHECK_STR(type, "application/vnd.openxmlformats-officedocument."
			"spreadsheetml.sheet");
	snprintf(want, sizeof(want), "attachment; filename=\"%s\"", name);
	CHECK_STR(disp, want);
	free(type);
	free(disp);
	snprintf(file, sizeof(file), "%s.api.xlsx", e->f.db);
	FILE *f = fopen(file, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(r.body, 1, r.body_len, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "unzip -tq '%s' >/dev/null", file);
	CHECK_INT(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "unzip -p '%s' xl/sharedStrings.xml | grep -q '%s'", file,
		 title);
	CHECK_INT(system(cmd), 0);
	unlink(file);
	reply_release(&r);
	snprintf(url, sizeof(url), "%s&format=pdf", path);
	client_request(e->port, "GET", url, s->headers, NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "format");
	reply_release(&r);
}

/* format=xlsx of the report, the public statistics and the index. */
TEST(reports_and_index_as_workbooks)
{
	struct env e;
	struct session s;
	env_open(&e);
	env_april(&e);
	env_login(&e, "leader31", &s);
	check_workbook(&e, &s,
		       "/api/v1/reports/settlement?period=month:2024-04",
		       "mau-II.06a-2024-03-15-2024-04-14.xlsx", "Mẫu II.06a");
	check_workbook(&e, &s, "/api/v1/public/statistics?period=month:2024-04",
		       "mau-II.06a-2024-03-15-2024-04-14.xlsx", "Mẫu II.06a");
	check_workbook(&e, &s, "/api/v1/index?period=month:2024-04",
		       "chi-so-2024-04-01-2024-04-30.xlsx", "CHỈ SỐ PHỤC VỤ");
	env_close(&e);
}

/* GET path as s answers the very bytes of `motcua ARGS --format csv`,
 * as a CSV attachment named name; returns the body (to free). */
static char *same_csv(struct env *e, struct session *s, const char *path,
		      const char *args, const char *name)
{
	struct reply r;
	client_request(e->port, "GET", path, s->headers, NULL, &r);
	CHECK_INT(r.status, 200);
	char *cli = env_cli_output(e, args, "csv");
	CHECK(cli != NULL);
	if (cli &&
	    (r.body_len != strlen(cli) || memcmp(r.body, cli, r.body_len))) {
		fprintf(stderr, "%s differs from motcua %s:\n%s\n---\n%s\n",
			path, args, r.body, cli);
		CHECK(false);
	}
	free(cli);
	char *type = reply_header(&r, "Content-Type");
	char *disp = reply_header(&r, "Content-Disposition");
	char want[200];
	snprintf(want, sizeof(want), "attachment; filename=\"%s\"", name);
	CHECK_STR(type, "text/csv; charset=utf-8");
	CHECK_STR(disp, want);
	free(type);
	free(disp);
	/* the dialect: byte-order mark, ';', CRLF */
	CHECK(r.body_len > 3 && memcmp(r.body, "\xEF\xBB\xBF\"", 4) == 0);
	CHECK(strstr(r.body, "\";\"") != NULL);
	CHECK(r.body_len > 2 &&
	      memcmp(r.body + r.body_len - 2, "\r\n", 2) == 0);
	char *body = r.body;
	r.body = NULL;
	reply_release(&r);
	return body;
}

/* The API's format=csv of the report, the index and the quality list
 * is the command line's CSV of the same query, byte for byte. */
TEST(csv_from_the_api_is_the_command_lines)
{
	struct env e;
	struct session s;
	env_open(&e);
	env_april(&e);
	env_login(&e, "leader31", &s);
	const char *name = "mau-II.06a-2024-03-15-2024-04-14.csv";
	char *csv = same_csv(
		&e, &s,
		"/api/v1/reports/settlement?period=month:2024-04&format=csv",
		"report --period month:2024-04 --unit " DISTRICT, name);
	/* the district's total: 3 received, 3 of them new */
	CHECK(csv && strstr(csv, "\"" DISTRICT "\";\"Tổng cộng\";3;0;3;"));
	free(csv);
	free(same_csv(&e, &s,
		      "/api/v1/reports/settlement?period=month:2024-04"
		      "&figures=1&by=level&format=csv",
		      "report --period month:2024-04 --figures --by level "
		      "--unit " DISTRICT,
		      name));
	csv = same_csv(&e, &s,
		       "/api/v1/index?period=month:2024-04&min=0&format=csv",
		       "index --period month:2024-04 --min-dossiers 0 "
		       "--unit " DISTRICT,
		       "chi-so-2024-04-01-2024-04-30.csv");
	CHECK(csv && strstr(csv, "\"" DISTRICT "\""));
	free(csv);
	free(same_csv(&e, &s, "/api/v1/quality?format=csv",
		      "quality --unit " DISTRICT, "chat-luong-du-lieu.csv"));
	struct reply r;
	client_request(e.port, "GET",
		       "/api/v1/reports/settlement?figures=2&format=csv",
		       s.headers, NULL, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "figures");
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

/* A running month over HTTP, the server fixed at 10 April 2024 10:00:
 * the report says as of when, and its overdue figure is the length of
 * the officer's overdue list at that moment. */
TEST(the_running_month_is_as_of_the_servers_now)
{
	struct env e;
	struct session s;
	struct reply r;
	env_open_with(&e, (struct http_config){
				  .now = fixture_time("2024-04-10 10:00")});
	env_april(&e);
	env_login(&e, "leader31", &s);
	client_request(e.port, "GET",
		       "/api/v1/reports/settlement?period=month:2024-04",
		       s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_STR(json_string_value(json_object_get(r.json, "as_of")),
		  "2024-04-10 10:00");
	json_int_t overdue = json_integer_value(json_object_get(
		json_object_get(r.json, "total"), "in_progress_overdue"));
	reply_release(&r);
	client_request(e.port, "GET", "/api/v1/dossiers?overdue=1", s.headers,
		       NULL, &r);
	CHECK_INT(r.status, 200);
	json_int_t listed =
		json_integer_value(json_object_get(r.json, "total"));
	json_t *items = json_object_get(r.json, "items");
	for (size_t i = 0; i < json_array_size(items); i++)
		CHECK(json_is_true(
			json_object_get(json_array_get(items, i), "overdue")));
	reply_release(&r);
	CHECK_INT(listed, 1); /* due 9/4; the transferred one is due 11/4 */
	CHECK_INT(overdue, listed);
	env_close(&e);
}

TEST_MAIN(T(every_documented_route_answers_as_a_user_expects),
	  T(errors_have_one_shape_and_change_nothing),
	  T(online_only_window_is_422), T(login_cookie_csrf_and_throttle),
	  T(public_lookup_needs_the_secret), T(search_ignores_diacritics),
	  T(report_matches_the_cli_json), T(form_columns_reach_every_output),
	  T(reports_and_index_as_workbooks),
	  T(response_schemas_come_from_the_column_tables),
	  T(csv_from_the_api_is_the_command_lines), T(metrics_count_requests),
	  T(calendar_days_carry_their_source),
	  T(the_running_month_is_as_of_the_servers_now))
