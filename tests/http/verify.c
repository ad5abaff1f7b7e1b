/*
 * tests/http/verify.c - POST /api/v1/public/verify: anyone checks a
 * signed result from its SHA-256 and its .p7s; the verdict names the
 * signer's unit and the signing time, a file with another digest is not
 * intact, bad input is a 400 naming the field, and a server without a
 * key directory says so.
 */
#include <fcntl.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "env.h"
#include "pki/pki.h"
#include "test.h"

static char keys[64];
static const char content[] = "%PDF-1.4\nGiay phep\n%%EOF\n";

/* A key directory with the demonstration CA and the department's key;
 * the signature of content by it, as base64 (static). */
static const char *signed_b64(void)
{
	static char b64[8192];
	struct pki *p = NULL;
	struct mc_err err = {0};
	bool made;
	snprintf(keys, sizeof(keys), "/tmp/motcua-http-pki-XXXXXX");
	if (!mkdtemp(keys) || chmod(keys, 0700) ||
	    pki_open(keys, false, &p, &err) ||
	    pki_demo_ca(p, "Tỉnh Thử", fixture_time("2026-01-01 00:00"), &made,
			&err) ||
	    pki_demo_issue(p, DEPARTMENT, "Sở Tư pháp", "Tỉnh Thử",
			   fixture_time("2026-01-01 00:00"), &err)) {
		fprintf(stderr, "keys: %s\n", err.message);
		exit(1);
	}
	char path[128];
	snprintf(path, sizeof(path), "%s/r.pdf", keys);
	FILE *f = fopen(path, "wb");
	fwrite(content, 1, sizeof(content) - 1, f);
	fclose(f);
	int fd = open(path, O_RDONLY);
	unsigned char *sig;
	size_t n;
	CHECK_INT(pki_sign(p, DEPARTMENT, fd, fixture_time("2026-03-02 10:15"),
			   &sig, &n, &err),
		  MC_OK);
	close(fd);
	sodium_bin2base64(b64, sizeof(b64), sig, n,
			  sodium_base64_VARIANT_ORIGINAL);
	free(sig);
	pki_close(p);
	return b64;
}

static void hex_of(const char *text, size_t n, char hex[65])
{
	unsigned char md[32];
	SHA256((const unsigned char *)text, n, md);
	sodium_bin2hex(hex, 65, md, 32);
}

static int post(struct env *e, const char *sha, const char *sig, json_t **out)
{
	struct reply r;
	json_t *body = json_pack("{s:s,s:s}", "sha256", sha, "signature", sig);
	char *text = json_dumps(body, JSON_COMPACT);
	client_request(e->port, "POST", "/api/v1/public/verify",
		       "Content-Type: application/json\r\n", text, &r);
	*out = r.body ? json_loads(r.body, 0, NULL) : NULL;
	int st = r.status;
	free(text);
	json_decref(body);
	reply_release(&r);
	return st;
}

static const char *member(json_t *o, const char *path)
{
	const char *dot = strchr(path, '.');
	if (dot) {
		char head[32];
		snprintf(head, sizeof(head), "%.*s", (int)(dot - path), path);
		return member(json_object_get(o, head), dot + 1);
	}
	return json_string_value(json_object_get(o, path));
}

TEST(a_signed_result_is_checked_from_its_digest)
{
	const char *b64 = signed_b64();
	struct env e;
	env_open_with(&e, (struct http_config){.pki_dir = keys});
	char sha[65];
	hex_of(content, sizeof(content) - 1, sha);
	json_t *v = NULL;
	CHECK_INT(post(&e, sha, b64, &v), 200);
	CHECK(json_is_true(json_object_get(v, "intact")));
	CHECK(json_is_true(json_object_get(v, "trusted")));
	CHECK_STR(member(v, "signer.unit_code"), DEPARTMENT);
	CHECK_STR(member(v, "signer.unit_name"), "Sở Tư pháp");
	CHECK(strstr(member(v, "signer.subject") ?: "", "CN=Sở Tư pháp"));
	CHECK_STR(member(v, "signed_at"), "2026-03-02T10:15:00+07:00");
	json_decref(v);

	/* another file: one byte changed */
	char other[sizeof(content)];
	memcpy(other, content, sizeof(content));
	other[10] = 'X';
	hex_of(other, sizeof(content) - 1, sha);
	CHECK_INT(post(&e, sha, b64, &v), 200);
	CHECK(json_is_false(json_object_get(v, "intact")));
	CHECK(strstr(member(v, "problem") ?: "",
		     "not the one that was signed"));
	json_decref(v);

	/* bad input, each named */
	CHECK_INT(post(&e, "abc", b64, &v), 400);
	CHECK_STR(member(v, "error.field"), "sha256");
	json_decref(v);
	CHECK_INT(post(&e, sha, "%%%not base64", &v), 400);
	CHECK_STR(member(v, "error.field"), "signature");
	json_decref(v);
	CHECK_INT(post(&e, sha, "aGVsbG8=", &v), 400); /* "hello" */
	CHECK_STR(member(v, "error.field"), "signature");
	CHECK(strstr(member(v, "error.message") ?: "", "not a CMS"));
	json_decref(v);
	env_close(&e);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", keys);
	CHECK_INT(system(cmd), 0);
}

TEST(without_keys_the_server_says_so)
{
	struct env e;
	env_open(&e);
	json_t *v = NULL;
	char sha[65];
	hex_of(content, sizeof(content) - 1, sha);
	CHECK_INT(post(&e, sha, "aGVsbG8=", &v), 409);
	CHECK_STR(member(v, "error.field"), "pki");
	json_decref(v);
	env_close(&e);
}

TEST_MAIN({"a_signed_result_is_checked_from_its_digest",
	   a_signed_result_is_checked_from_its_digest},
	  {"without_keys_the_server_says_so", without_keys_the_server_says_so})
