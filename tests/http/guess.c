/*
 * guess.c - guessing passwords and tracking codes: the login throttle
 * per account and per address with backoff (an address's invented names
 * do not lock another account, X-Forwarded-For only from the configured
 * proxy, concurrent guesses never pass more than the free tries), an
 * unknown user name verified against the dummy hash, and the public
 * lookup answering an unknown code exactly like a wrong secret.
 */
#include <pthread.h>

#include "env.h"
#include "test.h"

/* A login's status, with extra header lines (X-Forwarded-For). */
static int login(struct env *e, const char *user, const char *pw,
		 const char *extra, char **retry_after)
{
	char body[256];
	struct reply r;
	snprintf(body, sizeof(body),
		 "{\"username\":\"%s\",\"password\":\"%s\"}", user, pw);
	client_request(e->port, "POST", "/api/v1/auth/login", extra, body, &r);
	int st = r.status;
	if (retry_after)
		*retry_after = reply_header(&r, "Retry-After");
	reply_release(&r);
	return st;
}

TEST(invented_names_do_not_lock_another_account)
{
	struct env e;
	char name[32];
	env_open(&e);
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "nobody%d", i);
		CHECK_INT(login(&e, name, "guess-guess", NULL, NULL), 401);
	}
	/* the same address, another user's right password */
	CHECK_INT(login(&e, "clerk31", PW, NULL, NULL), 200);
	env_close(&e);
}

TEST(an_account_lock_is_its_own)
{
	struct env e;
	char *retry = NULL;
	env_open(&e);
	for (int i = 0; i < 5; i++)
		CHECK_INT(login(&e, "clerk31", "wrong-password", NULL, NULL),
			  401);
	/* clerk31 waits, even with the right password; officer31 not */
	CHECK_INT(login(&e, "clerk31", PW, NULL, &retry), 429);
	CHECK(retry && atoi(retry) > 0 && atoi(retry) <= 30);
	free(retry);
	CHECK_INT(login(&e, "officer31", PW, NULL, NULL), 200);
	CHECK(env_event(&e, "login_throttled") == 1);
	env_close(&e);
}

/* The backoff in the store, on a clock of our own: 5 free failures, then
 * 30 s, 60 s, 120 s ... from the last failure, capped. */
TEST(backoff_doubles_from_the_last_failure)
{
	struct fixture f;
	struct mc_err err;
	int64_t t = 1700000000, wait = -1;
	fixture_open(&f);
	struct login_key k = {"user:x", 5, 30, 900, 0};
	for (int i = 0; i < 5; i++) {
		CHECK(!store_login_attempt(f.app.st, &k, 1, t + i, 3600, &wait,
					   &err));
		CHECK_INT(wait, 0);
	}
	t += 4; /* the fifth failure */
	static const int64_t waits[] = {30, 60, 120, 240, 480, 900, 900};
	for (size_t i = 0; i < sizeof(waits) / sizeof(*waits); i++) {
		CHECK(!store_login_attempt(f.app.st, &k, 1, t + 1, 3600, &wait,
					   &err));
		CHECK_INT(wait, waits[i] - 1);
		/* refused attempts are not failures: the wait stays */
		CHECK(!store_login_attempt(f.app.st, &k, 1, t + 2, 3600, &wait,
					   &err));
		CHECK_INT(wait, waits[i] - 2);
		t += waits[i];
		CHECK(!store_login_attempt(f.app.st, &k, 1, t, 3600, &wait,
					   &err));
		CHECK_INT(wait, 0); /* admitted, and counted */
	}
	/* a right password takes the key's failures back */
	CHECK(!store_login_forget(f.app.st, "user:x", 0, 0, &err));
	CHECK(!store_login_attempt(f.app.st, &k, 1, t + 1, 3600, &wait, &err));
	CHECK_INT(wait, 0);
	fixture_close(&f);
}

#define XFF(a) "X-Forwarded-For: " a "\r\n"

TEST(forwarded_for_only_from_the_trusted_proxy)
{
	struct env e;
	env_open_with(&e, (struct http_config){.login_address_tries = 3,
					       .trusted_proxy = "127.0.0.1"});
	CHECK_INT(login(&e, "nobody1", "guess-guess", XFF("203.0.113.5"), NULL),
		  401);
	CHECK_INT(login(&e, "nobody2", "guess-guess",
			XFF("10.9.9.9, 203.0.113.5"), NULL),
		  401);
	CHECK_INT(login(&e, "nobody3", "guess-guess", XFF("203.0.113.5"), NULL),
		  401);
	/* that address waits; another behind the same proxy does not */
	CHECK_INT(login(&e, "clerk31", PW, XFF("203.0.113.5"), NULL), 429);
	CHECK_INT(login(&e, "clerk31", PW, XFF("203.0.113.6"), NULL), 200);
	/* a forged first entry is the client's word, not the proxy's */
	CHECK_INT(
		login(&e, "clerk31", PW, XFF("203.0.113.6, 203.0.113.5"), NULL),
		429);
	CHECK_INT(login(&e, "officer31", PW, NULL, NULL), 200);
	env_close(&e);

	/* without a trusted proxy the header is ignored: the peer counts */
	env_open_with(&e, (struct http_config){.login_address_tries = 3});
	CHECK_INT(login(&e, "nobody1", "guess-guess", XFF("203.0.113.1"), NULL),
		  401);
	CHECK_INT(login(&e, "nobody2", "guess-guess", XFF("203.0.113.2"), NULL),
		  401);
	CHECK_INT(login(&e, "nobody3", "guess-guess", XFF("203.0.113.3"), NULL),
		  401);
	CHECK_INT(login(&e, "clerk31", PW, XFF("203.0.113.9"), NULL), 429);
	env_close(&e);
}

struct racer {
	struct env *e;
	pthread_barrier_t *start;
	int status;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	pthread_barrier_wait(r->start);
	r->status = login(r->e, "clerk31", "wrong-password", NULL, NULL);
	return NULL;
}

TEST(concurrent_guesses_never_pass_the_free_tries)
{
	enum { N = 12 };
	struct env e;
	struct racer rs[N];
	pthread_t th[N];
	pthread_barrier_t start;
	env_open_with(&e, (struct http_config){.threads = 4});
	pthread_barrier_init(&start, NULL, N);
	for (int i = 0; i < N; i++) {
		rs[i] = (struct racer){&e, &start, 0};
		pthread_create(&th[i], NULL, race, &rs[i]);
	}
	int verified = 0, throttled = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		verified += rs[i].status == 401;
		throttled += rs[i].status == 429;
	}
	pthread_barrier_destroy(&start);
	CHECK_INT(verified, 5);
	CHECK_INT(throttled, N - 5);
	CHECK_INT(env_event(&e, "password_check"), 5);
	env_close(&e);
}

TEST(unknown_names_cost_a_verification)
{
	struct env e;
	env_open(&e);
	long before = env_event(&e, "password_check");
	CHECK_INT(before, 0);
	CHECK_INT(login(&e, "no-such-user", "guess-guess", NULL, NULL), 401);
	CHECK_INT(env_event(&e, "password_check"), 1);
	CHECK_INT(login(&e, "clerk31", "guess-guess", NULL, NULL), 401);
	CHECK_INT(env_event(&e, "password_check"), 2);
	CHECK_INT(login(&e, "clerk31", PW, NULL, NULL), 200);
	CHECK_INT(env_event(&e, "password_check"), 3);
	env_close(&e);
}

#define FILING                                                     \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\"," \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"

/* The status, headers other than Date, and body of a lookup. */
static char *lookup(struct env *e, const char *path, int *status)
{
	struct reply r;
	struct strbuf sb;
	strbuf_init(&sb);
	client_request(e->port, "GET", path, NULL, NULL, &r);
	*status = r.status;
	for (const char *p = r.head; p && *p;) {
		size_t n = strcspn(p, "\r\n");
		if (strncmp(p, "Date:", 5) != 0)
			strbuf_addf(&sb, "%.*s\n", (int)n, p);
		p += n;
		p += strspn(p, "\r\n");
	}
	strbuf_puts(&sb, r.body ? r.body : "");
	reply_release(&r);
	return sb.buf;
}

TEST(unknown_code_answers_and_works_like_a_wrong_secret)
{
	struct env e;
	struct reply r;
	char path[300], code[64];
	int st_wrong, st_unknown;
	env_open(&e);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL, FILING, &r);
	CHECK_INT(r.status, 201);
	snprintf(code, sizeof(code), "%s",
		 json_string_value(json_object_get(r.json, "code")));
	reply_release(&r);

	long checks = env_event(&e, "secret_check");
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s?secret=%032d",
		 code, 0);
	char *wrong = lookup(&e, path, &st_wrong);
	CHECK_INT(env_event(&e, "secret_check"), checks + 1);
	/* a code of the same shape that was never given */
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s-9?secret=%032d", code, 0);
	char *unknown = lookup(&e, path, &st_unknown);
	CHECK_INT(env_event(&e, "secret_check"), checks + 2);
	CHECK_INT(st_wrong, 404);
	CHECK_INT(st_unknown, 404);
	CHECK_STR(unknown, wrong);
	free(wrong);
	free(unknown);

	/* without a secret: still one comparison, still the same answer */
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s", code);
	free(lookup(&e, path, &st_wrong));
	CHECK_INT(st_wrong, 404);
	CHECK_INT(env_event(&e, "secret_check"), checks + 3);
	/* the rating route takes the same path */
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s-9/rating",
		 code);
	client_request(e.port, "POST", path, NULL,
		       "{\"secret\":\"x\",\"rating\":\"satisfied\"}", &r);
	CHECK_INT(r.status, 404);
	reply_release(&r);
	CHECK_INT(env_event(&e, "secret_check"), checks + 4);
	env_close(&e);
}

TEST_MAIN(T(invented_names_do_not_lock_another_account),
	  T(an_account_lock_is_its_own),
	  T(backoff_doubles_from_the_last_failure),
	  T(forwarded_for_only_from_the_trusted_proxy),
	  T(concurrent_guesses_never_pass_the_free_tries),
	  T(unknown_names_cost_a_verification),
	  T(unknown_code_answers_and_works_like_a_wrong_secret))
