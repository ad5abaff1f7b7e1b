/*
 * request_key.c - a write sent twice with its Idempotency-Key is done
 * once: a double submission at the counter makes one dossier and
 * answers the same code and tracking secret, also when both copies
 * race; the key on another request is 409 and a malformed key 400,
 * each changing nothing; two accounts' keys never meet; an online
 * filing and a lifecycle step replay the same way.
 */
#include <pthread.h>

#include "env.h"
#include "test.h"

#define KEY "Idempotency-Key: 0f6a2c1e-9b7d-4e2a-8c55-3d1f0a9e7b21\r\n"
#define FILING(name)                                                    \
	"{\"decision\":\"accept\",\"filing\":{\"MaTTHC\":\"1.000001\"," \
	"\"DonViXuLy\":\"" DISTRICT "\",\"ChuHoSo\":\"" name "\","      \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}}"

/* POST as s (NULL: anonymous) with the extra header lines. */
static void post(struct env *e, const char *path, const struct session *s,
		 const char *extra, const char *body, struct reply *r)
{
	char headers[800];
	snprintf(headers, sizeof(headers), "%s%s", s ? s->headers : "",
		 extra ? extra : "");
	client_request(e->port, "POST", path, headers, body, r);
}

static const char *str(const struct reply *r, const char *key)
{
	return json_string_value(json_object_get(r->json, key));
}

/* Dossiers of the district in the store, as the staff search counts. */
static long dossiers(struct env *e, const struct session *s)
{
	struct reply r;
	client_request(e->port, "GET", "/api/v1/dossiers?limit=1", s->headers,
		       NULL, &r);
	long n = (long)json_integer_value(json_object_get(r.json, "total"));
	reply_release(&r);
	return n;
}

TEST(a_double_submission_at_the_counter_makes_one_dossier)
{
	struct env e;
	struct session clerk;
	struct reply a, b, t;
	char path[200];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	long before = dossiers(&e, &clerk);
	post(&e, "/api/v1/dossiers/receive", &clerk, KEY, FILING("Lê Văn Một"),
	     &a);
	post(&e, "/api/v1/dossiers/receive", &clerk, KEY, FILING("Lê Văn Một"),
	     &b);
	CHECK_INT(a.status, 201);
	CHECK_INT(b.status, 201);
	CHECK_STR(str(&b, "code"), str(&a, "code"));
	CHECK_STR(str(&b, "secret"), str(&a, "secret"));
	char *first = reply_header(&a, "Idempotent-Replayed");
	char *again = reply_header(&b, "Idempotent-Replayed");
	CHECK(first == NULL);
	CHECK_STR(again, "true");
	CHECK_INT(dossiers(&e, &clerk), before + 1);
	/* the secret given back is the dossier's own */
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s?secret=%s",
		 str(&b, "code"), str(&b, "secret"));
	client_request(e.port, "GET", path, NULL, NULL, &t);
	CHECK_INT(t.status, 200);
	reply_release(&t);
	free(first);
	free(again);
	reply_release(&a);
	reply_release(&b);
	env_close(&e);
}

struct racer {
	struct env *e;
	const struct session *s;
	int status;
	char code[96];
};

static void *race(void *arg)
{
	struct racer *x = arg;
	struct reply r;
	post(x->e, "/api/v1/dossiers/receive", x->s, KEY, FILING("Lê Văn Đua"),
	     &r);
	x->status = r.status;
	snprintf(x->code, sizeof(x->code), "%s",
		 str(&r, "code") ? str(&r, "code") : "");
	reply_release(&r);
	return NULL;
}

TEST(racing_copies_of_one_submission_make_one_dossier)
{
	struct env e;
	struct session clerk;
	struct racer x[4];
	pthread_t th[4];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	long before = dossiers(&e, &clerk);
	for (int i = 0; i < 4; i++) {
		x[i] = (struct racer){.e = &e, .s = &clerk};
		pthread_create(&th[i], NULL, race, &x[i]);
	}
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	for (int i = 0; i < 4; i++) {
		CHECK_INT(x[i].status, 201);
		CHECK_STR(x[i].code, x[0].code);
	}
	CHECK_INT(dossiers(&e, &clerk), before + 1);
	env_close(&e);
}

TEST(a_key_on_another_request_or_malformed_changes_nothing)
{
	struct env e;
	struct session clerk;
	struct reply r;
	char before[65], after[65];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	post(&e, "/api/v1/dossiers/receive", &clerk, KEY, FILING("Lê Văn Một"),
	     &r);
	CHECK_INT(r.status, 201);
	reply_release(&r);
	fixture_digest(&e.f, before);
	post(&e, "/api/v1/dossiers/receive", &clerk, KEY, FILING("Lê Văn Hai"),
	     &r);
	CHECK_INT(r.status, 409);
	CHECK_STR(reply_error_field(&r), "Idempotency-Key");
	reply_release(&r);
	static const char *const bad[] = {
		"Idempotency-Key: short\r\n",
		"Idempotency-Key: has spaces in it, sixteen+\r\n",
		"Idempotency-Key: "
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"x"
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		"x"
		"xxx\r\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		post(&e, "/api/v1/dossiers/receive", &clerk, bad[i],
		     FILING("Lê Văn Ba"), &r);
		CHECK_INT(r.status, 400);
		CHECK_STR(reply_error_field(&r), "Idempotency-Key");
		reply_release(&r);
	}
	CHECK_STR(fixture_digest(&e.f, after), before);
	env_close(&e);
}

TEST(two_accounts_keys_never_meet)
{
	struct env e;
	struct session clerk, admin;
	struct reply a, b;
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "admin", &admin);
	post(&e, "/api/v1/dossiers/receive", &clerk, KEY, FILING("Lê Văn Một"),
	     &a);
	post(&e, "/api/v1/dossiers/receive", &admin, KEY, FILING("Lê Văn Một"),
	     &b);
	CHECK_INT(a.status, 201);
	CHECK_INT(b.status, 201);
	CHECK(strcmp(str(&a, "code"), str(&b, "code")) != 0);
	reply_release(&a);
	reply_release(&b);
	env_close(&e);
}

TEST(an_online_filing_and_a_step_replay_too)
{
	struct env e;
	struct session clerk;
	struct reply a, b;
	char path[200];
	static const char online[] =
		"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\","
		"\"ChuHoSo\":\"Nguyễn Văn An\",\"SoGiayToChuHoSo\":"
		"\"001090012345\",\"LoaiDoiTuong\":\"1\"}";
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	post(&e, "/api/v1/dossiers", NULL, KEY, online, &a);
	post(&e, "/api/v1/dossiers", NULL, KEY, online, &b);
	CHECK_INT(a.status, 201);
	CHECK_INT(b.status, 201);
	CHECK_STR(str(&b, "code"), str(&a, "code"));
	CHECK_STR(str(&b, "secret"), str(&a, "secret"));
	reply_release(&b);
	/* accepting it twice: the second answers the first's dossier
	 * instead of "not waiting for reception" */
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/receive",
		 str(&a, "code"));
	reply_release(&a);
	post(&e, path, &clerk, "Idempotency-Key: 5b0e8f52-accept-0001-aaaa\r\n",
	     "{\"decision\":\"accept\"}", &a);
	post(&e, path, &clerk, "Idempotency-Key: 5b0e8f52-accept-0001-aaaa\r\n",
	     "{\"decision\":\"accept\"}", &b);
	CHECK_INT(a.status, 200);
	CHECK_INT(b.status, 200);
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(b.json, "dossier"), "status")),
		  2);
	reply_release(&a);
	reply_release(&b);
	/* without a key the second is refused by the state, as before */
	post(&e, path, &clerk, NULL, "{\"decision\":\"accept\"}", &a);
	CHECK_INT(a.status, 409);
	reply_release(&a);
	env_close(&e);
}

TEST_MAIN(T(a_double_submission_at_the_counter_makes_one_dossier),
	  T(racing_copies_of_one_submission_make_one_dossier),
	  T(a_key_on_another_request_or_malformed_changes_nothing),
	  T(two_accounts_keys_never_meet),
	  T(an_online_filing_and_a_step_replay_too))
