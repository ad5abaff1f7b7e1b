/*
 * tests/fuzz/http_fuzz.c - the API through the real router: an input is
 * one request as text,
 *     METHOD URL?QUERY\n
 *     Name: value\n        (headers; Cookie: carries the session)
 *     \n
 *     BODY
 * answered by http_offline_request, which hands it to http_dispatch as
 * the server does (route, session, CSRF, role, handler), on the test
 * province with three signed-in sessions whose cookies and CSRF tokens
 * the seeds know. For any input: an answer, never a 5xx (an input that
 * makes the server fail is a bug), a JSON body on /api paths, an error
 * body with a code and a message on a refusal, and a refused request
 * leaves the database exactly as it was. `make fuzz` runs it under
 * libFuzzer; as a test it runs the seeds below, each with the status and
 * field it must get (tests/fuzz/fuzz.h).
 */
#include <jansson.h>

#include "app/account.h"
#include "fixture.h"
#include "fuzz/fuzz.h"
#include "http/http_int.h"
#include "store/sqlite_int.h"

#define MAX_HEADERS 32

static struct fixture fx;
static struct http_server *srv;

/* Three sessions: the token of each is its letter 64 times, the CSRF
 * token the capital letter 64 times. */
static const struct {
	const char *name, *role, *unit;
	char letter;
} accounts[] = {
	{"admin", "admin", "000.00.00.H56", 'a'},
	{"officer31", "officer", "000.00.31.H56", 'b'},
	{"clerk31", "clerk", "000.00.31.H56", 'c'},
};

static void sign_in(char letter, int64_t user_id)
{
	char token[65], csrf[65], hash[65];
	struct mc_err err;
	memset(token, letter, 64);
	memset(csrf, letter - 'a' + 'A', 64);
	token[64] = csrf[64] = '\0';
	http_token_hash(token, hash);
	if (store_session_put(fx.app.st, hash, user_id, csrf,
			      (int64_t)4102444800 /* 2100 */, &err))
		fuzz_fail(err.message, NULL, 0);
}

static void stop(void)
{
	http_server_stop(srv, 1000);
	fixture_close(&fx);
}

static void start(void)
{
	struct mc_err err;
	fixture_open(&fx);
	for (size_t i = 0; i < sizeof(accounts) / sizeof(*accounts); i++) {
		struct user u;
		if (account_add(&fx.app, accounts[i].name, accounts[i].role,
				accounts[i].unit, "correct-horse-1", &err) ||
		    store_user_get(fx.app.st, accounts[i].name, &u, &err))
			fuzz_fail(err.message, NULL, 0);
		sign_in(accounts[i].letter, u.id);
		user_release(&u);
	}
	struct http_config cfg = {
		.db_path = fx.db, .listen = "127.0.0.1:0", .threads = 2};
	if (http_server_start(&cfg, &srv, &err))
		fuzz_fail(err.message, NULL, 0);
	atexit(stop);
}

struct request {
	char *text; /* a NUL-terminated copy, cut in place */
	const char *method, *url, *body;
	size_t body_len;
	struct http_field headers[MAX_HEADERS];
	size_t n_headers;
};

/* The request line, the headers and the body; false when there is no
 * request line. */
static bool parse(const uint8_t *data, size_t size, struct request *q)
{
	q->text = malloc(size + 1);
	if (!q->text)
		return false;
	memcpy(q->text, data, size);
	q->text[size] = '\0';
	char *line = q->text, *nl = strchr(line, '\n');
	char *sp = strchr(line, ' ');
	if (!nl || !sp || sp > nl)
		return false;
	*sp = *nl = '\0';
	q->method = line;
	q->url = sp + 1;
	for (line = nl + 1; (nl = strchr(line, '\n')) && nl != line;
	     line = nl + 1) {
		*nl = '\0';
		char *colon = strchr(line, ':');
		if (!colon || q->n_headers == MAX_HEADERS)
			continue;
		*colon = '\0';
		const char *value = colon + 1 + strspn(colon + 1, " ");
		q->headers[q->n_headers++] =
			(struct http_field){MHD_HEADER_KIND, line, value};
	}
	q->body = nl ? nl + 1 : "";
	q->body_len = (size_t)((const char *)q->text + size - q->body);
	if (!nl)
		q->body_len = 0;
	return true;
}

/* What the answer must be, whatever was asked. */
static void check_answer(const struct request *q, int status,
			 const struct strbuf *body, const uint8_t *data,
			 size_t size, struct fuzz_verdict *v)
{
	if (status < 200 || status >= 500)
		fuzz_fail(body->buf ? body->buf : "no answer", data, size);
	v->code = status;
	if (strncmp(q->url, "/api/", 5) != 0 || status == 304)
		return;
	json_t *j = json_loadb(body->buf ? body->buf : "", body->len,
			       JSON_DECODE_ANY, NULL);
	if (!j)
		fuzz_fail("an API answer that is not JSON", data, size);
	if (status >= 400) {
		json_t *e = json_object_get(j, "error");
		const char *code =
			json_string_value(json_object_get(e, "code"));
		const char *msg =
			json_string_value(json_object_get(e, "message"));
		const char *field =
			json_string_value(json_object_get(e, "field"));
		if (!code || !msg || !*msg)
			fuzz_fail("a refusal without a code and a message",
				  data, size);
		snprintf(v->field, sizeof(v->field), "%s", field ? field : "");
	}
	json_decref(j);
}

/* Whether another connection (the server's) committed since the last
 * call: the digest is computed again only then, which keeps reads fast. */
static bool committed(void)
{
	static int64_t seen = -1;
	sqlite3_stmt *s;
	int64_t now = -2;
	if (sqlite3_prepare_v2(sq(fx.app.st)->db, "PRAGMA data_version", -1, &s,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		now = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	bool changed = now != seen;
	seen = now;
	return changed;
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	static char digest[65]; /* of the database as it stands */
	if (!srv)
		start();
	if (committed())
		fixture_digest(&fx, digest);
	struct request q = {0};
	if (parse(data, size, &q)) {
		struct strbuf body;
		char after[65];
		strbuf_init(&body);
		int status = http_offline_request(srv, q.method, q.url,
						  q.headers, q.n_headers,
						  q.body, q.body_len, &body);
		check_answer(&q, status, &body, data, size, v);
		if (committed()) {
			fixture_digest(&fx, after);
			if (status >= 400 && strcmp(after, digest) != 0)
				fuzz_fail("a refused request changed the "
					  "database",
					  data, size);
			memcpy(digest, after, sizeof(digest));
		}
		strbuf_release(&body);
	}
	free(q.text);
}

#define ADMIN                     \
	"Cookie: motcua_session=" \
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
#define OFFICER                               \
	"Cookie: theme=dark; motcua_session=" \
	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n"
#define OFFICER_CSRF     \
	"X-CSRF-Token: " \
	"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\n"
#define CLERK                                                                \
	"Cookie: motcua_session="                                            \
	"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc\n" \
	"x-csrf-token: "                                                     \
	"CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC\n"
#define FILING(unit)                                                          \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" unit "\","                \
	"\"ChuHoSo\":\"Lê Thị Hoa\",\"SoGiayToChuHoSo\":\"001190012345\"," \
	"\"LoaiDoiTuong\":\"1\"}"

static const struct fuzz_seed seeds[] = {
	{"GET /api/v1/units\n\n", 200, ""},
	{"GET /api/v1/procedures?q=khai+sinh&online=partial\n\n", 200, ""},
	{"GET /api/v1/procedures?online=sometimes\n\n", 400, "online"},
	{"GET /api/v1/calendar/due?from=2024-06-07%2008:00&days=5\n\n", 200,
	 ""},
	{"GET /api/v1/calendar/due?from=2024-06-07%2008:00&days=-5\n\n", 400,
	 "days"},
	{"DELETE /api/v1/units\n\n", 405, ""},
	{"GET /api/v1/nowhere\n\n", 404, ""},
	{"POST /api/v1/dossiers\nContent-Type: application/json\n\n" FILING(
		 "000.00.31.H56"),
	 201, ""},
	{"POST /api/v1/dossiers\n\n{\"MaTTHC\":\"9.999999\"}", 404, "MaTTHC"},
	{"POST /api/v1/dossiers\n\n[", 400, "body"},
	{"GET /api/v1/dossiers\n\n", 401, ""},
	{"GET /api/v1/dossiers?limit=5\n" ADMIN "\n", 200, ""},
	{"GET /api/v1/dossiers?limit=abc\n" ADMIN "\n", 400, "limit"},
	{"GET /api/v1/dossiers?unit=000.00.06.H56\n" OFFICER "\n", 403, "unit"},
	{"POST /api/v1/dossiers/X/start\n" OFFICER "\n{}", 403, "X-CSRF-Token"},
	{"POST /api/v1/dossiers/X/start\n" OFFICER OFFICER_CSRF "\n{}", 404,
	 "MaHoSo"},
	{"POST /api/v1/dossiers/X/start\n" CLERK "\n{}", 403, ""},
	{"POST /api/v1/dossiers/receive\n" CLERK "\n"
	 "{\"decision\":\"accept\",\"filing\":" FILING("000.31.21.H56") "}",
	 201, ""},
	{"POST /api/v1/dossiers/receive\n" CLERK "\n"
	 "{\"decision\":\"accept\",\"filing\":" FILING("000.00.06.H56") "}",
	 403, "DonViXuLy"},
	{"GET /api/v1/public/dossiers/X?secret=zz\n\n", 404, NULL},
	{"POST /api/v1/auth/login\n\n{\"username\":\"admin\"}", 400,
	 "password"},
	{"GET /api/v1/auth/me\n" CLERK "\n", 200, ""},
};

FUZZ_MAIN(judge, seeds)
