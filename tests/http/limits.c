/*
 * limits.c - every text member of every POST body has its limit
 * (core/limits.h): one byte over it is 400 naming the member, a
 * bidirectional override is refused, and nothing is stored.
 */
#include "core/limits.h"
#include "env.h"
#include "test.h"

enum who { NOBODY, CLERK, OFFICER, ADMIN };

static const struct {
	enum who who;
	const char *path; /* {code}: a dossier of the district */
	const char *body; /* %s: the long value */
	enum limit_id limit;
	const char *field;
} cases[] = {
	{NOBODY, "/api/v1/auth/login",
	 "{\"username\":\"%s\",\"password\":\"x\"}", LIMIT_USERNAME,
	 "username"},
	{NOBODY, "/api/v1/auth/login",
	 "{\"username\":\"clerk31\",\"password\":\"%s\"}", LIMIT_PASSWORD,
	 "password"},
	{NOBODY, "/api/v1/public/feedback",
	 "{\"text\":\"%s\",\"unit\":\"" DISTRICT "\"}", LIMIT_TEXT, "text"},
	{NOBODY, "/api/v1/public/feedback", "{\"text\":\"x\",\"unit\":\"%s\"}",
	 LIMIT_CODE, "unit"},
	{NOBODY, "/api/v1/public/feedback",
	 "{\"text\":\"x\",\"dossier\":\"%s\",\"secret\":\"s\"}",
	 LIMIT_DOSSIER_CODE, "dossier"},
	{NOBODY, "/api/v1/public/dossiers/{code}/rating",
	 "{\"secret\":\"%s\",\"rating\":\"satisfied\"}", LIMIT_SECRET,
	 "secret"},
	{NOBODY, "/api/v1/public/dossiers/{code}/rating",
	 "{\"secret\":\"s\",\"rating\":\"%s\"}", LIMIT_WORD, "rating"},
	{OFFICER, "/api/v1/dossiers/{code}/stop", "{\"note\":\"%s\"}",
	 LIMIT_NOTE, "note"},
	{OFFICER, "/api/v1/dossiers/{code}/transfer", "{\"to\":\"%s\"}",
	 LIMIT_CODE, "to"},
	{OFFICER, "/api/v1/dossiers/{code}/finish",
	 "{\"results\":[{\"name\":\"KQ\",\"url\":\"%s\"}]}", LIMIT_URL,
	 "results[0].url"},
	{OFFICER, "/api/v1/dossiers/{code}/finish",
	 "{\"results\":[{\"name\":\"%s\"}]}", LIMIT_COMPONENT,
	 "results[0].name"},
	{CLERK, "/api/v1/dossiers/{code}/receive", "{\"decision\":\"%s\"}",
	 LIMIT_WORD, "decision"},
	{CLERK, "/api/v1/dossiers/receive",
	 "{\"decision\":\"refuse\",\"note\":\"%s\",\"filing\":{}}", LIMIT_NOTE,
	 "note"},
	{OFFICER, "/api/v1/feedback/PA-1/answer", "{\"answer\":\"%s\"}",
	 LIMIT_TEXT, "answer"},
	{OFFICER, "/api/v1/feedback/PA-1/answer",
	 "{\"answer\":\"x\",\"outcome\":\"%s\"}", LIMIT_WORD, "outcome"},
	{ADMIN, "/api/v1/targets",
	 "{\"unit\":\"" DISTRICT "\",\"period\":\"month:2024-04\","
	 "\"indicator\":\"%s\",\"value\":50}",
	 LIMIT_WORD, "indicator"},
	{ADMIN, "/api/v1/targets/allocate",
	 "{\"unit\":\"%s\",\"period\":\"month:2024-04\"}", LIMIT_CODE, "unit"},
	{ADMIN, "/api/v1/publications", "{\"period\":\"%s\"}", LIMIT_WORD,
	 "period"},
};

/* The case's body with a value of n bytes ("a" repeated, or `value`). */
static char *body_of(size_t i, size_t n, const char *value)
{
	struct strbuf v, b;
	strbuf_init(&v);
	strbuf_init(&b);
	if (value)
		strbuf_puts(&v, value);
	for (size_t k = 0; !value && k < n; k++)
		strbuf_add(&v, "a", 1);
	strbuf_addf(&b, cases[i].body, v.buf ? v.buf : "");
	strbuf_release(&v);
	return b.buf;
}

static void path_of(size_t i, const char *code, char *out, size_t size)
{
	const char *p = cases[i].path, *brace = strstr(p, "{code}");
	if (brace)
		snprintf(out, size, "%.*s%s%s", (int)(brace - p), p, code,
			 brace + 6);
	else
		snprintf(out, size, "%s", p);
}

TEST(every_member_is_refused_one_byte_over_its_limit)
{
	struct env e;
	struct session s[4];
	struct reply r;
	char before[65], after[65], path[200];
	env_open(&e);
	env_login(&e, "clerk31", &s[CLERK]);
	env_login(&e, "officer31", &s[OFFICER]);
	env_login(&e, "admin", &s[ADMIN]);
	char *code = env_dossier(&e, DISTRICT);
	fixture_digest(&e.f, before);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		path_of(i, code, path, sizeof(path));
		char *body = body_of(i, limits[cases[i].limit].max + 1, NULL);
		client_request(e.port, "POST", path,
			       cases[i].who ? s[cases[i].who].headers : NULL,
			       body, &r);
		if (r.status != 400)
			fprintf(stderr, "%s %s -> %d\n", path, cases[i].field,
				r.status);
		CHECK_INT(r.status, 400);
		CHECK_STR(reply_error_field(&r), cases[i].field);
		reply_release(&r);
		free(body);
		/* a bidirectional override is refused as well */
		body = body_of(i, 0, "a\\u202eb");
		client_request(e.port, "POST", path,
			       cases[i].who ? s[cases[i].who].headers : NULL,
			       body, &r);
		CHECK_INT(r.status, 400);
		CHECK_STR(reply_error_field(&r), cases[i].field);
		reply_release(&r);
		free(body);
	}
	CHECK_STR(fixture_digest(&e.f, after), before);
	free(code);
	env_close(&e);
}

/* At the limit the value passes the check: whatever the route answers
 * then, it is not a refusal of this member's length. */
TEST(the_limit_itself_passes)
{
	struct env e;
	struct session s[4];
	struct reply r;
	char path[200];
	env_open(&e);
	env_login(&e, "clerk31", &s[CLERK]);
	env_login(&e, "officer31", &s[OFFICER]);
	env_login(&e, "admin", &s[ADMIN]);
	char *code = env_dossier(&e, DISTRICT);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		path_of(i, code, path, sizeof(path));
		char *body = body_of(i, limits[cases[i].limit].max, NULL);
		client_request(e.port, "POST", path,
			       cases[i].who ? s[cases[i].who].headers : NULL,
			       body, &r);
		const char *m = json_string_value(json_object_get(
			json_object_get(r.json, "error"), "message"));
		CHECK(!m || !strstr(m, "-byte limit"));
		reply_release(&r);
		free(body);
	}
	free(code);
	env_close(&e);
}

TEST_MAIN(T(every_member_is_refused_one_byte_over_its_limit),
	  T(the_limit_itself_passes))
