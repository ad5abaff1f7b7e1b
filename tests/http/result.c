/*
 * tests/http/result.c - the electronic result over HTTP: the officer
 * finishes a dossier naming a result file it holds, the server signs it
 * with the unit's key; the citizen downloads file and .p7s from the
 * tracking answer with code and secret (a wrong secret answers exactly
 * like an unknown code), the openssl command verifies the pair, and
 * anyone finds the result on the verification route by its SHA-256 or
 * the dossier code. Refusals name the field and change nothing.
 */
#include <fcntl.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/files.h"
#include "env.h"
#include "pki/pki.h"
#include "test.h"

#define FILING(unit, proc)                                         \
	"{\"MaTTHC\":\"" proc "\",\"DonViXuLy\":\"" unit "\","     \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"

static const char content[] = "%PDF-1.4\nGiay phep xay dung so 5\n%%EOF\n";
static char keys[80], dir[96];

/* The key directory of the district (before the server starts). */
static void make_keys(void)
{
	struct pki *p = NULL;
	struct mc_err err = {0};
	bool made;
	int64_t t = fixture_time("2026-01-01 00:00");
	snprintf(keys, sizeof(keys), "/tmp/motcua-http-result-XXXXXX");
	if (!mkdtemp(keys) || chmod(keys, 0700) ||
	    pki_open(keys, false, &p, &err) ||
	    pki_demo_ca(p, "Tỉnh Thử", t, &made, &err) ||
	    pki_demo_issue(p, DISTRICT, "Huyện Một", "Tỉnh Thử", t, &err)) {
		fprintf(stderr, "keys: %s\n", err.message);
		exit(1);
	}
	pki_close(p);
}

/* An online filing at the district, accepted and started by the
 * operator: its code and secret. */
static void filed(struct env *e, char *code, char *secret)
{
	struct reply r;
	client_request(e->port, "POST", "/api/v1/dossiers", NULL,
		       FILING(DISTRICT, "1.000001"), &r);
	CHECK_INT(r.status, 201);
	snprintf(code, 64, "%s",
		 json_string_value(json_object_get(r.json, "code")));
	snprintf(secret, 80, "%s",
		 json_string_value(json_object_get(r.json, "secret")));
	reply_release(&r);
	enum dossier_op ops[] = {OP_ACCEPT, OP_START};
	for (size_t i = 0; i < 2; i++) {
		struct op_request req = {
			.actor = &fixture_operator,
			.params = {.op = ops[i], .at = (int64_t)time(NULL)},
			.code = code};
		struct mc_err err;
		struct dossier out;
		CHECK_INT(app_lifecycle(&e->f.app, &req, &out, &err), MC_OK);
		dossier_release(&out);
	}
}

/* The result file attached to the dossier as its officer would (the
 * multipart upload is tests/http/upload.c's): its SHA-256. */
static void attach(struct env *e, const char *code, char sha[65])
{
	char path[128], store[128];
	struct mc_err err = {0};
	snprintf(path, sizeof(path), "%s/giay-phep.pdf", keys);
	FILE *f = fopen(path, "wb");
	fwrite(content, 1, sizeof(content) - 1, f);
	fclose(f);
	snprintf(store, sizeof(store), "%s.files", e->f.db);
	CHECK_INT(app_files_open(&e->f.app, store, &err), MC_OK);
	struct actor officer = {
		.role = ROLE_OFFICER, .name = "officer31", .unit = DISTRICT};
	struct file_attach a = {.dossier_code = code,
				.role = FILE_RESULT,
				.name = "giay-phep.pdf",
				.actor = &officer};
	struct dossier_file out;
	int fd = open(path, O_RDONLY);
	CHECK_INT(app_file_attach(&e->f.app, &a, fd, &out, &err), MC_OK);
	close(fd);
	snprintf(sha, 65, "%s", out.sha256);
	dossier_file_release(&out);
}

static int get(struct env *e, const char *path, struct reply *r)
{
	client_request(e->port, "GET", path, NULL, NULL, r);
	return r->status;
}

static void save(const char *name, const struct reply *r)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	fwrite(r->body, 1, r->body_len, f);
	fclose(f);
}

TEST(the_officer_issues_and_the_citizen_downloads)
{
	struct env e;
	struct session officer;
	struct reply r;
	char code[64], secret[80], sha[65], path[300], body[400];
	make_keys();
	snprintf(dir, sizeof(dir), "%s", keys);
	env_open_with(&e, (struct http_config){.pki_dir = keys});
	env_login(&e, "officer31", &officer);
	filed(&e, code, secret);
	attach(&e, code, sha);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/finish", code);

	/* refused: a file the dossier does not hold, a URL beside a file */
	char before[65], after[65];
	fixture_digest(&e.f, before);
	snprintf(body, sizeof(body),
		 "{\"results\":[{\"name\":\"Giấy phép\",\"file\":\"%064d\"}]}",
		 0);
	client_request(e.port, "POST", path, officer.headers, body, &r);
	CHECK_INT(r.status, 404);
	CHECK_STR(reply_error_field(&r), "results");
	reply_release(&r);
	snprintf(body, sizeof(body),
		 "{\"results\":[{\"name\":\"Giấy phép\",\"file\":\"%s\","
		 "\"url\":\"https://x/y.pdf\"}]}",
		 sha);
	client_request(e.port, "POST", path, officer.headers, body, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "results");
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);

	snprintf(body, sizeof(body),
		 "{\"results\":[{\"name\":\"Giấy phép xây dựng\",\"code\":"
		 "\"5/GPXD\",\"file\":\"%s\"}]}",
		 sha);
	client_request(e.port, "POST", path, officer.headers, body, &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);

	/* the tracking answer names the file and its signature */
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s?secret=%s",
		 code, secret);
	CHECK_INT(get(&e, path, &r), 200);
	json_t *res = json_array_get(json_object_get(r.json, "results"), 0);
	CHECK_STR(json_string_value(json_object_get(res, "file")), sha);
	CHECK_STR(json_string_value(json_object_get(res, "number")), "5/GPXD");
	char sig[65] = "";
	snprintf(sig, sizeof(sig), "%s",
		 json_string_value(json_object_get(res, "signature")) ?: "");
	reply_release(&r);
	CHECK(strlen(sig) == 64);

	/* the citizen downloads both; openssl verifies them */
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/results/%s?secret=%s", code, sha,
		 secret);
	CHECK_INT(get(&e, path, &r), 200);
	CHECK(r.body_len == sizeof(content) - 1 &&
	      memcmp(r.body, content, r.body_len) == 0);
	char *type = reply_header(&r, "Content-Type");
	CHECK_STR(type, "application/pdf");
	free(type);
	save("down.pdf", &r);
	reply_release(&r);
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/results/%s?secret=%s", code, sig,
		 secret);
	CHECK_INT(get(&e, path, &r), 200);
	type = reply_header(&r, "Content-Type");
	CHECK_STR(type, "application/pkcs7-signature");
	free(type);
	char *disp = reply_header(&r, "Content-Disposition");
	CHECK(disp && strstr(disp, "giay-phep.pdf.p7s"));
	free(disp);
	save("down.pdf.p7s", &r);
	reply_release(&r);
	char cmd[600];
	snprintf(
		cmd, sizeof(cmd),
		"openssl cms -verify -binary -inform DER -in '%s/down.pdf.p7s' "
		"-content '%s/down.pdf' -CAfile '%s/ca.pem' -out /dev/null "
		"2>/dev/null",
		dir, dir, keys);
	CHECK_INT(system(cmd), 0);

	/* a wrong secret answers exactly as an unknown code */
	struct reply wrong, unknown;
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/results/%s?secret=%064d", code,
		 sha, 7);
	get(&e, path, &wrong);
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s-9/results/%s?secret=%064d", code,
		 sha, 7);
	get(&e, path, &unknown);
	CHECK_INT(wrong.status, 404);
	CHECK_INT(unknown.status, 404);
	CHECK_STR(wrong.body, unknown.body);
	reply_release(&wrong);
	reply_release(&unknown);
	/* with the secret, a hash that is not a result of the dossier */
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/results/%064d?secret=%s", code, 0,
		 secret);
	CHECK_INT(get(&e, path, &r), 404);
	CHECK_STR(reply_error_field(&r), "file");
	reply_release(&r);

	/* anyone finds it by its content, or by the dossier code */
	snprintf(path, sizeof(path), "/api/v1/public/verify?sha256=%s", sha);
	CHECK_INT(get(&e, path, &r), 200);
	json_t *v = json_array_get(json_object_get(r.json, "results"), 0);
	CHECK(json_is_true(json_object_get(v, "intact")));
	CHECK(json_is_true(json_object_get(v, "trusted")));
	CHECK_STR(json_string_value(json_object_get(v, "dossier")), code);
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(v, "signer"), "unit_code")),
		  DISTRICT);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/public/verify?code=%s", code);
	CHECK_INT(get(&e, path, &r), 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "results")), 1);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/public/verify?sha256=%064d", 0);
	CHECK_INT(get(&e, path, &r), 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "results")), 0);
	reply_release(&r);
	CHECK_INT(get(&e, "/api/v1/public/verify?code=nope", &r), 404);
	CHECK_STR(reply_error_field(&r), "code");
	reply_release(&r);
	env_close(&e);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", keys);
	CHECK_INT(system(cmd), 0);
}

/* --public-url: the receipt's QR code opens the verification page at
 * the address citizens reach, whatever Host the request came with. */
TEST(the_receipt_points_to_the_public_verification_page)
{
	struct env e;
	struct session clerk;
	struct reply r;
	char path[200], cmd[600], pdf[160], qr[512] = "";
	env_open_with(&e,
		      (struct http_config){
			      .public_url = "https://dichvucong.example.vn/"});
	env_login(&e, "clerk31", &clerk);
	char *code = env_dossier(&e, DISTRICT);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/forms/01.pdf", code);
	client_request(e.port, "GET", path, clerk.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	snprintf(pdf, sizeof(pdf), "%s/f01.pdf", e.f.dir);
	FILE *f = fopen(pdf, "wb");
	fwrite(r.body, 1, r.body_len, f);
	fclose(f);
	reply_release(&r);
	snprintf(cmd, sizeof(cmd),
		 "pdftoppm -r 150 -png -f 1 -l 1 '%s' '%s/f01' 2>/dev/null && "
		 "zbarimg --raw -q '%s'/f01*.png 2>/dev/null",
		 pdf, e.f.dir, e.f.dir);
	FILE *p = popen(cmd, "r");
	size_t n = p ? fread(qr, 1, sizeof(qr) - 1, p) : 0;
	if (p)
		pclose(p);
	qr[n] = '\0';
	qr[strcspn(qr, "\n")] = '\0';
	char want[256];
	snprintf(want, sizeof(want),
		 "https://dichvucong.example.vn/verify.html?code=%s", code);
	CHECK_STR(qr, want);
	free(code);
	env_close(&e);
}

TEST_MAIN({"the_officer_issues_and_the_citizen_downloads",
	   the_officer_issues_and_the_citizen_downloads},
	  {"the_receipt_points_to_the_public_verification_page",
	   the_receipt_points_to_the_public_verification_page})
