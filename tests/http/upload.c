/*
 * upload.c - files over HTTP as multipart/form-data, streamed to the
 * document store: a clerk attaches a scan to a dossier of the district
 * (far larger than the server keeps of a request body), staff of another
 * unit get the answer of an unknown code, every refusal (no session,
 * limits per file and per dossier, a type not accepted, a body that is
 * not one file part) leaves the database and the store as they were; an
 * anonymous upload belongs to a filing in progress, is limited per
 * address, expires, and its files become the filing's components.
 */
#include <dirent.h>
#include <sodium.h>
#include <sqlite3.h>

#include <fcntl.h>

#include "app/files.h"
#include "docstore/docstore.h"
#include "env.h"
#include "store/sqlite_int.h"
#include "test.h"

#define FILING                                                     \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\"," \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"
#define BOUNDARY "----motcua7MA4YWxkTrZu0gW"

static char store_dir[160];

/* Files in the document store, temporary ones included. */
static int stored(void)
{
	int n = 0;
	DIR *d = opendir(store_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char sub[480];
		snprintf(sub, sizeof(sub), "%s/%s", store_dir, e->d_name);
		DIR *s = opendir(sub);
		struct dirent *f;
		n += !s;
		while (s && (f = readdir(s)))
			n += f->d_name[0] != '.';
		if (s)
			closedir(s);
	}
	if (d)
		closedir(d);
	return n;
}

static void open_env(struct env *e, struct http_config cfg)
{
	env_open_with(e, cfg);
	snprintf(store_dir, sizeof(store_dir), "%s.files", e->f.db);
}

static void close_env(struct env *e)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", store_dir);
	CHECK_INT(system(cmd), 0);
	env_close(e);
}

/* A PDF of n bytes: a header, then bytes of `fill`. */
static char *pdf(size_t n, char fill)
{
	char *b = malloc(n);
	memset(b, fill, n);
	memcpy(b, "%PDF-1.4\n", 9);
	return b;
}

static void hex_sha256(const char *b, size_t n, char out[65])
{
	unsigned char h[32];
	crypto_hash_sha256(h, (const unsigned char *)b, n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* POST path with a body of `parts` parts named `name`, each the file
 * (name, b, n); the raw bytes go out as they are. */
static int post_parts(struct env *e, const char *src, const char *path,
		      const struct session *s, const char *part_name,
		      const char *filename, const char *b, size_t n, int parts,
		      struct reply *out)
{
	struct strbuf body, req;
	strbuf_init(&body);
	strbuf_init(&req);
	for (int i = 0; i < parts; i++) {
		strbuf_addf(&body,
			    "--" BOUNDARY "\r\nContent-Disposition: form-data;"
			    " name=\"%s\"; filename=\"%s\"\r\n"
			    "Content-Type: application/pdf\r\n\r\n",
			    part_name, filename);
		strbuf_add(&body, b, n);
		strbuf_puts(&body, "\r\n");
	}
	strbuf_puts(&body, "--" BOUNDARY "--\r\n");
	strbuf_addf(
		&req,
		"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
		"\r\n%sContent-Type: multipart/form-data; boundary=" BOUNDARY
		"\r\nContent-Length: %zu\r\n\r\n",
		path, s ? s->headers : "", body.len);
	strbuf_add(&req, body.buf, body.len);
	memset(out, 0, sizeof(*out));
	int fd = client_connect_from(e->port, src);
	size_t off = 0;
	while (fd >= 0 && off < req.len) {
		ssize_t k =
			send(fd, req.buf + off, req.len - off, MSG_NOSIGNAL);
		if (k <= 0)
			break;
		off += (size_t)k;
	}
	if (fd >= 0)
		client_read_reply(fd, out);
	strbuf_release(&body);
	strbuf_release(&req);
	return out->status;
}

static int post_file(struct env *e, const char *path, const struct session *s,
		     const char *filename, const char *b, size_t n,
		     struct reply *out)
{
	return post_parts(e, NULL, path, s, "file", filename, b, n, 1, out);
}

static const char *file_sha(const struct reply *r)
{
	return json_string_value(
		json_object_get(json_object_get(r->json, "file"), "sha256"));
}

TEST(a_clerk_streams_a_scan_far_over_the_body_limit)
{
	struct env e;
	struct session clerk;
	struct reply r;
	char path[160], want[65];
	open_env(&e, (struct http_config){.max_body = 64 * 1024});
	env_login(&e, "clerk31", &clerk);
	char *code = env_dossier(&e, COMMUNE);
	size_t n = 3 * 1024 * 1024 + 17;
	char *b = pdf(n, 'x');
	hex_sha256(b, n, want);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files?component=TP01",
		 code);
	CHECK_INT(post_file(&e, path, &clerk, "scan don.pdf", b, n, &r), 201);
	CHECK_STR(file_sha(&r), want);
	json_t *f = json_object_get(r.json, "file");
	CHECK_INT(json_integer_value(json_object_get(f, "size")), (long)n);
	CHECK_STR(json_string_value(json_object_get(f, "type")),
		  "application/pdf");
	CHECK_STR(json_string_value(json_object_get(f, "component")), "TP01");
	CHECK_STR(json_string_value(json_object_get(f, "added_by")), "clerk31");
	reply_release(&r);
	CHECK_INT(stored(), 1);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files", code);
	CHECK_INT(client_request(e.port, "GET", path, clerk.headers, NULL, &r),
		  0);
	CHECK_INT(r.status, 200);
	CHECK_INT(json_array_size(json_object_get(r.json, "files")), 1);
	CHECK_STR(json_string_value(json_object_get(
			  json_array_get(json_object_get(r.json, "files"), 0),
			  "name")),
		  "scan don.pdf");
	reply_release(&r);
	free(b);
	free(code);
	close_env(&e);
}

TEST(refusals_store_nothing)
{
	struct env e;
	struct session clerk, officer06;
	struct reply r;
	char path[160], before[65], after[65];
	open_env(&e, (struct http_config){.max_file = 100 * 1024,
					  .max_dossier = 150 * 1024});
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "officer06", &officer06);
	char *code = env_dossier(&e, COMMUNE);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files", code);
	char *big = pdf(120 * 1024, 'b'), *small = pdf(100 * 1024, 's');
	char *more = pdf(60 * 1024, 'm');
	fixture_digest(&e.f, before);
	CHECK_INT(post_file(&e, path, &officer06, "don.pdf", small, 1000, &r),
		  404);
	CHECK_STR(reply_error_field(&r), "MaHoSo");
	reply_release(&r);
	CHECK_INT(post_file(&e, path, NULL, "don.pdf", small, 1000, &r), 401);
	reply_release(&r);
	struct session forged = clerk;
	char *x = strstr(forged.headers, "X-CSRF-Token: ");
	if (x)
		x[14] = x[14] == '0' ? '1' : '0';
	CHECK_INT(post_file(&e, path, &forged, "don.pdf", small, 1000, &r),
		  403);
	reply_release(&r);
	CHECK_INT(post_file(&e, path, &clerk, "lon.pdf", big, 120 * 1024, &r),
		  413);
	CHECK(strstr(r.body, "lon.pdf: is larger than the limit of 0.1 MiB "
			     "per file"));
	reply_release(&r);
	CHECK_INT(post_file(&e, path, &clerk, "run.pdf", "#!/bin/sh\necho\n",
			    15, &r),
		  400);
	CHECK(strstr(r.body, "run.pdf: type \\\"text/x-shellscript\\\" is not "
			     "accepted"));
	reply_release(&r);
	CHECK_INT(post_parts(&e, NULL, path, &clerk, "anh", "a.pdf", small,
			     1000, 1, &r),
		  400);
	CHECK(strstr(r.body, "anh: not a part of an upload"));
	reply_release(&r);
	CHECK_INT(post_parts(&e, NULL, path, &clerk, "file", "a.pdf", small,
			     1000, 2, &r),
		  400);
	CHECK_STR(reply_error_field(&r), "file");
	reply_release(&r);
	CHECK_INT(client_request(e.port, "POST", path, clerk.headers, "{}", &r),
		  0);
	CHECK_INT(r.status, 415);
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(stored(), 0);
	CHECK_INT(post_file(&e, path, &clerk, "don.pdf", small, 100 * 1024, &r),
		  201);
	reply_release(&r);
	fixture_digest(&e.f, before);
	CHECK_INT(post_file(&e, path, &clerk, "them.pdf", more, 60 * 1024, &r),
		  413);
	CHECK(strstr(r.body, "would hold more than the limit of 0.1 MiB per "
			     "dossier"));
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(stored(), 1);
	free(big);
	free(small);
	free(more);
	free(code);
	close_env(&e);
}

/* A new upload's token, from src. */
static char *open_upload(struct env *e, const char *src, int *status)
{
	struct reply r;
	client_request_from(e->port, src, "POST", "/api/v1/public/uploads",
			    NULL, "{}", &r);
	*status = r.status;
	const char *t = json_string_value(json_object_get(r.json, "upload"));
	char *token = t ? strdup(t) : NULL;
	reply_release(&r);
	return token;
}

TEST(an_anonymous_upload_becomes_the_filings_components)
{
	struct env e;
	struct session officer;
	struct reply r;
	char path[200], want[65];
	int st;
	open_env(&e, (struct http_config){0});
	env_login(&e, "officer31", &officer);
	char *token = open_upload(&e, NULL, &st);
	CHECK_INT(st, 201);
	CHECK(token && strlen(token) == 64);
	char *b = pdf(5000, 'c');
	hex_sha256(b, 5000, want);
	snprintf(path, sizeof(path),
		 "/api/v1/public/uploads/%s/files?component=TP01", token);
	CHECK_INT(post_file(&e, path, NULL, "../../don.pdf", b, 5000, &r), 201);
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(r.json, "file"), "name")),
		  "don.pdf");
	reply_release(&r);
	/* the same component again: the second file replaces the first */
	b[100] = 'd';
	CHECK_INT(post_file(&e, path, NULL, "don2.pdf", b, 5000, &r), 201);
	hex_sha256(b, 5000, want);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/public/uploads/%s", token);
	CHECK_INT(client_request(e.port, "GET", path, NULL, NULL, &r), 0);
	CHECK_INT(json_array_size(json_object_get(r.json, "files")), 1);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers?upload=%s", token);
	CHECK_INT(client_request(e.port, "POST", path, NULL, FILING, &r), 0);
	CHECK_INT(r.status, 201);
	char *code = strdup(json_string_value(
		json_object_get(json_object_get(r.json, "dossier"), "code")));
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files", code);
	CHECK_INT(
		client_request(e.port, "GET", path, officer.headers, NULL, &r),
		0);
	json_t *f = json_array_get(json_object_get(r.json, "files"), 0);
	CHECK_STR(json_string_value(json_object_get(f, "sha256")), want);
	CHECK_STR(json_string_value(json_object_get(f, "component")), "TP01");
	CHECK_STR(json_string_value(json_object_get(f, "added_by")), "congdan");
	CHECK_INT(json_array_size(json_object_get(r.json, "files")), 1);
	reply_release(&r);
	/* used: a second filing with it is refused, and nothing stored */
	char before[65], after[65];
	fixture_digest(&e.f, before);
	snprintf(path, sizeof(path), "/api/v1/dossiers?upload=%s", token);
	CHECK_INT(client_request(e.port, "POST", path, NULL, FILING, &r), 0);
	CHECK_INT(r.status, 404);
	CHECK_STR(reply_error_field(&r), "upload");
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	/* the superseded file is held by nothing: gc takes it at once */
	struct files_gc gc;
	struct mc_err err;
	CHECK_INT(app_files_open(&e.f.app, store_dir, &err), MC_OK);
	CHECK_INT(stored(), 2);
	CHECK_INT(app_files_gc(&e.f.app, 0, &gc, &err), MC_OK);
	CHECK_INT(gc.removed, 1);
	CHECK_INT(stored(), 1);
	free(code);
	free(token);
	free(b);
	close_env(&e);
}

TEST(anonymous_uploads_are_limited_per_address_and_expire)
{
	struct env e;
	struct reply r;
	char path[200], before[65], after[65];
	int st;
	open_env(&e, (struct http_config){.uploads_per_address = 3});
	char *token = open_upload(&e, "127.0.0.3", &st);
	CHECK_INT(st, 201);
	char *b = pdf(2000, 'e');
	snprintf(path, sizeof(path),
		 "/api/v1/public/uploads/%s/files?component=TP01", token);
	CHECK_INT(post_parts(&e, "127.0.0.3", path, NULL, "file", "a.pdf", b,
			     2000, 1, &r),
		  201);
	reply_release(&r);
	CHECK_INT(post_parts(&e, "127.0.0.3", path, NULL, "file", "b.pdf", b,
			     1999, 1, &r),
		  201);
	reply_release(&r);
	fixture_digest(&e.f, before);
	int n = stored();
	CHECK_INT(post_parts(&e, "127.0.0.3", path, NULL, "file", "c.pdf", b,
			     1998, 1, &r),
		  429);
	reply_release(&r);
	free(open_upload(&e, "127.0.0.3", &st));
	CHECK_INT(st, 429);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(stored(), n);
	/* another address is served; an expired upload is refused */
	CHECK_INT(sqlite3_exec(sq(e.f.app.st)->db,
			       "UPDATE uploads SET expires_at = 1", NULL, NULL,
			       NULL),
		  SQLITE_OK);
	fixture_digest(&e.f, before);
	CHECK_INT(post_parts(&e, "127.0.0.4", path, NULL, "file", "d.pdf", b,
			     1997, 1, &r),
		  404);
	CHECK_STR(reply_error_field(&r), "upload");
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers?upload=%s", token);
	CHECK_INT(client_request_from(e.port, "127.0.0.4", "POST", path, NULL,
				      FILING, &r),
		  0);
	CHECK_INT(r.status, 404);
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(stored(), n);
	free(token);
	free(b);
	close_env(&e);
}

static long openings(struct env *e, const char *who)
{
	sqlite3_stmt *s;
	long n = -1;
	if (sqlite3_prepare_v2(sq(e->f.app.st)->db,
			       "SELECT count(*) FROM file_openings"
			       " WHERE actor = ?",
			       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, who, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return n;
}

TEST(officers_open_the_files_of_their_units_and_each_opening_is_logged)
{
	struct env e;
	struct session clerk, officer, officer06;
	struct reply r;
	char path[240], want[65], got[65];
	open_env(&e, (struct http_config){0});
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "officer31", &officer);
	env_login(&e, "officer06", &officer06);
	char *code = env_dossier(&e, COMMUNE);
	size_t n = 200000;
	char *b = pdf(n, 'q');
	b[5000] = '\0'; /* binary content survives */
	hex_sha256(b, n, want);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files?component=TP1",
		 code);
	CHECK_INT(post_file(&e, path, &clerk, "Giấy khai sinh.pdf", b, n, &r),
		  201);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files/%s", code,
		 want);
	CHECK_INT(
		client_request(e.port, "GET", path, officer.headers, NULL, &r),
		0);
	CHECK_INT(r.status, 200);
	CHECK_INT((long)r.body_len, (long)n);
	hex_sha256(r.body, r.body_len, got);
	CHECK_STR(got, want);
	char *type = reply_header(&r, "Content-Type");
	char *disp = reply_header(&r, "Content-Disposition");
	CHECK_STR(type, "application/pdf");
	CHECK(disp && strstr(disp, "filename*=UTF-8''Gi%E1%BA%A5y%20khai%20"
				   "sinh.pdf"));
	free(type);
	free(disp);
	reply_release(&r);
	CHECK_INT(openings(&e, "officer31"), 1);
	/* another unit's officer: the answer of an unknown code, unlogged */
	char before[65], after[65];
	fixture_digest(&e.f, before);
	CHECK_INT(client_request(e.port, "GET", path, officer06.headers, NULL,
				 &r),
		  0);
	CHECK_INT(r.status, 404);
	CHECK_STR(reply_error_field(&r), "MaHoSo");
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files/%064d", code,
		 0);
	CHECK_INT(
		client_request(e.port, "GET", path, officer.headers, NULL, &r),
		0);
	CHECK_INT(r.status, 404);
	CHECK_STR(reply_error_field(&r), "sha256");
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files/ABC..", code);
	CHECK_INT(
		client_request(e.port, "GET", path, officer.headers, NULL, &r),
		0);
	CHECK_INT(r.status, 400);
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	CHECK_INT(openings(&e, "officer06"), 0);
	free(b);
	free(code);
	close_env(&e);
}

TEST(anyone_downloads_a_components_blank_form)
{
	struct env e;
	struct reply r;
	struct mc_err err;
	struct docstore_info info;
	struct procedure p;
	char path[160], want[65], got[65];
	open_env(&e, (struct http_config){0});
	CHECK_INT(app_files_open(&e.f.app, store_dir, &err), MC_OK);
	char *b = pdf(4000, 'f');
	char file[160];
	snprintf(file, sizeof(file), "%s/to-khai.pdf", e.f.dir);
	FILE *out = fopen(file, "w");
	fwrite(b, 1, 4000, out);
	fclose(out);
	int fd = open(file, O_RDONLY);
	CHECK_INT(docstore_put(app_docstore(&e.f.app), fd, "to-khai.pdf", &info,
			       &err),
		  MC_OK);
	close(fd);
	unlink(file);
	hex_sha256(b, 4000, want);
	CHECK_INT(store_procedure_get(e.f.app.st, "1.000001", &p, &err), MC_OK);
	struct procedure_component *c =
		ARRAY_PUSH(p.components, p.n_components, p.cap_components);
	str_set(&c->code, "TK");
	str_set(&c->name, "Tờ khai");
	str_set(&c->form_sha256, info.sha256);
	CHECK_INT(store_procedure_put(e.f.app.st, &p, &err), MC_OK);
	procedure_release(&p);
	CHECK_INT(client_request(e.port, "GET",
				 "/api/v1/procedures/1.000001/forms/TK", NULL,
				 NULL, &r),
		  0);
	CHECK_INT(r.status, 200);
	hex_sha256(r.body, r.body_len, got);
	CHECK_STR(got, want);
	char *disp = reply_header(&r, "Content-Disposition");
	CHECK(disp && strstr(disp, "mau-1.000001-TK.pdf"));
	free(disp);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/procedures/1.000001");
	CHECK_INT(client_request(e.port, "GET", path, NULL, NULL, &r), 0);
	json_t *comp = json_array_get(json_object_get(r.json, "components"), 0);
	CHECK(json_is_true(json_object_get(comp, "form")));
	reply_release(&r);
	/* nothing refers to it but the catalogue: gc keeps it */
	struct files_gc gc;
	CHECK_INT(app_files_gc(&e.f.app, 0, &gc, &err), MC_OK);
	CHECK_INT(gc.removed, 0);
	CHECK_INT(stored(), 1);
	free(b);
	close_env(&e);
}

TEST_MAIN(T(anyone_downloads_a_components_blank_form),
	  T(a_clerk_streams_a_scan_far_over_the_body_limit),
	  T(officers_open_the_files_of_their_units_and_each_opening_is_logged),
	  T(refusals_store_nothing),
	  T(an_anonymous_upload_becomes_the_filings_components),
	  T(anonymous_uploads_are_limited_per_address_and_expire))
