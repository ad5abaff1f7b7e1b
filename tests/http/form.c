/*
 * tests/http/form.c - the printed forms over HTTP: staff download the
 * forms of the dossiers in their units (a PDF), staff of another unit get
 * the 404 an unknown code gets; the citizen downloads with code and
 * secret, the secret printed on the receipt, and a wrong secret answers
 * exactly like an unknown code; a form number or paper that does not
 * exist is refused naming it.
 */
#include "env.h"
#include "test.h"

#define FILING(unit, proc)                                         \
	"{\"MaTTHC\":\"" proc "\",\"DonViXuLy\":\"" unit "\","     \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"

/* Runs of white space as one space: text wrapped in a cell reads as
 * one line. */
static void collapse(char *t)
{
	char *w = t;
	for (const char *r = t; *r; r++) {
		bool space = *r == ' ' || *r == '\n' || *r == '\f';
		if (!space || (w > t && w[-1] != ' '))
			*w++ = space ? ' ' : *r;
	}
	*w = '\0';
}

/* GET path; *pdf_text the body read back by pdftotext when it is a PDF
 * (static, white space collapsed), else NULL. */
static int get(struct env *e, const char *path, const struct session *s,
	       char **body, const char **pdf_text)
{
	struct reply r;
	client_request(e->port, "GET", path, s ? s->headers : NULL, NULL, &r);
	int st = r.status;
	static char text[1 << 16];
	if (pdf_text)
		*pdf_text = NULL;
	char *type = reply_header(&r, "Content-Type");
	if (pdf_text && type && strcmp(type, "application/pdf") == 0 &&
	    r.body_len > 5 && memcmp(r.body, "%PDF-", 5) == 0) {
		char path_pdf[] = "/tmp/motcua-http-pdf-XXXXXX", cmd[128];
		int fd = mkstemp(path_pdf);
		CHECK(write(fd, r.body, r.body_len) == (ssize_t)r.body_len);
		close(fd);
		snprintf(cmd, sizeof(cmd), "pdftotext -raw '%s' -", path_pdf);
		FILE *p = popen(cmd, "r");
		size_t n = p ? fread(text, 1, sizeof(text) - 1, p) : 0;
		text[n] = '\0';
		if (p)
			pclose(p);
		unlink(path_pdf);
		collapse(text);
		*pdf_text = text;
	}
	free(type);
	if (body)
		*body = strdup(r.body ? r.body : "");
	reply_release(&r);
	return st;
}

TEST(staff_download_in_scope_only)
{
	struct env e;
	struct session own, other;
	char path[300];
	const char *text;
	env_open(&e);
	char *code = env_dossier(&e, DEPARTMENT);
	env_login(&e, "officer06", &own);
	env_login(&e, "officer31", &other);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/forms/01.pdf", code);
	CHECK_INT(get(&e, path, &own, NULL, &text), 200);
	CHECK(text && strstr(text, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"));
	CHECK(text && strstr(text, code));
	/* staff do not hold the secret: not printed */
	CHECK(text && !strstr(text, "Mã bí mật tra cứu hồ sơ:"));
	snprintf(path, sizeof(path),
		 "/api/v1/dossiers/%s/forms/06.pdf?paper=a5", code);
	CHECK_INT(get(&e, path, &own, NULL, &text), 200);
	CHECK(text && strstr(text, "PHIẾU KIỂM SOÁT"));
	CHECK(text && strstr(text, "Tiếp nhận hồ sơ"));

	char *outside, *unknown;
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/forms/06.pdf", code);
	CHECK_INT(get(&e, path, &other, &outside, NULL), 404);
	CHECK_INT(get(&e, "/api/v1/dossiers/NOPE-1/forms/06.pdf", &other,
		      &unknown, NULL),
		  404);
	CHECK(strstr(outside, "is not known") &&
	      strstr(unknown, "is not known"));
	free(outside);
	free(unknown);
	CHECK_INT(get(&e, path, NULL, NULL, NULL), 401);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/forms/05.pdf", code);
	CHECK_INT(get(&e, path, &own, NULL, NULL), 404);
	snprintf(path, sizeof(path),
		 "/api/v1/dossiers/%s/forms/01.pdf?paper=a3", code);
	CHECK_INT(get(&e, path, &own, NULL, NULL), 400);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/forms/03.pdf", code);
	CHECK_INT(get(&e, path, &own, NULL, NULL), 409);
	free(code);
	env_close(&e);
}

TEST(citizen_download_with_code_and_secret)
{
	struct env e;
	struct reply r;
	char path[300], code[64] = "", secret[64] = "";
	const char *text;
	env_open(&e);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       FILING(DEPARTMENT, "1.000001"), &r);
	CHECK_INT(r.status, 201);
	snprintf(code, sizeof(code), "%s",
		 str_or_empty(
			 json_string_value(json_object_get(r.json, "code"))));
	snprintf(secret, sizeof(secret), "%s",
		 str_or_empty(
			 json_string_value(json_object_get(r.json, "secret"))));
	reply_release(&r);
	/* registered, not yet received: no receipt, but the control slip */
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/forms/01.pdf?secret=%s", code,
		 secret);
	CHECK_INT(get(&e, path, NULL, NULL, NULL), 409);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT, .at = (int64_t)time(NULL)},
		.code = code};
	CHECK_INT(app_lifecycle(&e.f.app, &req, NULL, NULL), MC_OK);
	CHECK_INT(get(&e, path, NULL, NULL, &text), 200);
	CHECK(text && strstr(text, code));
	CHECK(text && strstr(text, secret)); /* printed: the citizen holds it */
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/forms/06.pdf?secret=%s", code,
		 secret);
	CHECK_INT(get(&e, path, NULL, NULL, &text), 200);
	CHECK(text && strstr(text, "Tiếp nhận hồ sơ"));
	CHECK(text && !strstr(text, "tester")); /* no staff names */

	char *wrong, *unknown, *none;
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/forms/01.pdf?secret="
		 "00000000000000000000000000000000",
		 code);
	CHECK_INT(get(&e, path, NULL, &wrong, NULL), 404);
	CHECK_INT(get(&e,
		      "/api/v1/public/dossiers/NOPE-1/forms/01.pdf?secret="
		      "00000000000000000000000000000000",
		      NULL, &unknown, NULL),
		  404);
	CHECK_STR(wrong, unknown);
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s/forms/01.pdf",
		 code);
	CHECK_INT(get(&e, path, NULL, &none, NULL), 404);
	CHECK_STR(none, unknown);
	free(wrong);
	free(unknown);
	free(none);

	/* the counter right after filing passes the secret: printed once
	 * it matches; a wrong one is refused like an unknown code */
	struct session clerk;
	env_login(&e, "officer06", &clerk);
	snprintf(path, sizeof(path),
		 "/api/v1/dossiers/%s/forms/01.pdf?secret=%s", code, secret);
	CHECK_INT(get(&e, path, &clerk, NULL, &text), 200);
	CHECK(text && strstr(text, secret));
	char other[64];
	snprintf(other, sizeof(other), "%s", secret);
	other[31] = other[31] == '0' ? '1' : '0';
	snprintf(path, sizeof(path),
		 "/api/v1/dossiers/%s/forms/01.pdf?secret=%s", code, other);
	CHECK_INT(get(&e, path, &clerk, NULL, NULL), 404);
	env_close(&e);
}

TEST_MAIN(T(staff_download_in_scope_only),
	  T(citizen_download_with_code_and_secret))
