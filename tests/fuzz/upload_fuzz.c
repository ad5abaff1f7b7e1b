/*
 * tests/fuzz/upload_fuzz.c - the multipart path of a streamed upload, as
 * the server takes it from a socket (libmicrohttpd's post processor needs
 * a real connection): an input is
 *     PARAMS\n       what follows "multipart/form-data" in Content-Type
 *     BODY           the request body, sent as it is
 * posted by a signed-in clerk to POST /api/v1/dossiers/{code}/files of a
 * dossier of the clerk's district, on a server whose limits are 2 KiB
 * per file and 8 KiB per dossier. For any input: an answer, never a 5xx;
 * JSON with an error code and message on a refusal; a refusal leaves the
 * database and the document store exactly as they were; an acceptance
 * names a stored file whose bytes hash to its name and whose size is the
 * one answered. `make fuzz` runs it under libFuzzer; as a test it runs
 * the seeds below with the status and field each must get.
 */
#include <dirent.h>
#include <jansson.h>

#include "app/account.h"
#include "app/files.h"
#include "docstore/docstore.h"
#include "fixture.h"
#include "fuzz/fuzz.h"
#include "http/client.h"
#include "http/http_int.h"
#include "store/sqlite_int.h"

static struct fixture fx;
static struct http_server *srv;
static char code[64], store_dir[160];

#define TOKEN "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define CSRF "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC"

static void stop(void)
{
	char cmd[256];
	http_server_stop(srv, 1000);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", store_dir);
	if (system(cmd) != 0)
		perror(cmd);
	fixture_close(&fx);
}

static void start(void)
{
	struct mc_err err;
	struct user u;
	char hash[65];
	fixture_open(&fx);
	if (account_add(&fx.app, "clerk31", "clerk", "000.00.31.H56",
			"correct-horse-1", &err) ||
	    store_user_get(fx.app.st, "clerk31", &u, &err))
		fuzz_fail(err.message, NULL, 0);
	http_token_hash(TOKEN, hash);
	if (store_session_put(fx.app.st, hash, u.id, CSRF,
			      (int64_t)4102444800 /* 2100 */, &err))
		fuzz_fail(err.message, NULL, 0);
	user_release(&u);
	struct dossier f, d;
	fixture_filing(&f, "1.000001", "000.31.21.H56", CHANNEL_DIRECT);
	struct op_request req = {.actor = &fixture_operator,
				 .params = {.op = OP_ACCEPT,
					    .at = fixture_time("2024-06-03 "
							       "08:00")},
				 .filing = &f};
	if (app_lifecycle(&fx.app, &req, &d, &err))
		fuzz_fail(err.message, NULL, 0);
	snprintf(code, sizeof(code), "%s", d.code);
	dossier_release(&d);
	dossier_release(&f);
	snprintf(store_dir, sizeof(store_dir), "%s.files", fx.db);
	if (app_files_open(&fx.app, store_dir, &err))
		fuzz_fail(err.message, NULL, 0);
	struct http_config cfg = {.db_path = fx.db,
				  .listen = "127.0.0.1:0",
				  .threads = 2,
				  .max_file = 2048,
				  .max_dossier = 8192};
	if (http_server_start(&cfg, &srv, &err))
		fuzz_fail(err.message, NULL, 0);
	atexit(stop);
}

/* Entries of the document store, temporary files included. */
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

static void send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k <= 0)
			return; /* the server may answer early and close */
		p += k;
		n -= (size_t)k;
	}
}

static int post(const uint8_t *data, size_t size, struct reply *out)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t plen = nl ? (size_t)(nl - data) : size;
	const char *body = nl ? (const char *)nl + 1 : "";
	size_t blen = nl ? size - plen - 1 : 0;
	struct strbuf head;
	strbuf_init(&head);
	strbuf_addf(&head,
		    "POST /api/v1/dossiers/%s/files?component=TP01 HTTP/1.1\r\n"
		    "Host: 127.0.0.1\r\nConnection: close\r\n"
		    "Cookie: motcua_session=" TOKEN "\r\n"
		    "X-CSRF-Token: " CSRF "\r\n"
		    "Content-Type: multipart/form-data",
		    code);
	for (size_t i = 0; i < plen; i++) /* one header line, whatever */
		if (data[i] != '\r' && data[i] != '\n' && data[i])
			strbuf_add(&head, (const char *)data + i, 1);
	strbuf_addf(&head, "\r\nContent-Length: %zu\r\n\r\n", blen);
	memset(out, 0, sizeof(*out));
	int fd = client_connect(http_server_port(srv));
	if (fd < 0)
		fuzz_fail("cannot connect", data, size);
	send_all(fd, head.buf, head.len);
	send_all(fd, body, blen);
	client_read_reply(fd, out);
	strbuf_release(&head);
	return out->status;
}

/* An accepted file is stored, hashing to its name, of the size given. */
static void check_stored(json_t *file, const uint8_t *data, size_t size)
{
	const char *sha = json_string_value(json_object_get(file, "sha256"));
	json_int_t n = json_integer_value(json_object_get(file, "size"));
	int64_t got = -1;
	struct mc_err err;
	if (!sha || docstore_read(app_docstore(&fx.app), sha, -1, &got, &err) ||
	    got != n)
		fuzz_fail("an accepted file that is not stored as answered",
			  data, size);
	/* the next input starts from an empty dossier again */
	sqlite3_exec(sq(fx.app.st)->db, "DELETE FROM dossier_files", NULL, NULL,
		     NULL);
	docstore_remove(app_docstore(&fx.app), sha, NULL);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	char before[65], after[65];
	if (!srv)
		start();
	fixture_digest(&fx, before);
	int files = stored();
	struct reply r;
	int status = post(data, size, &r);
	if (status < 200 || status >= 500)
		fuzz_fail(r.body ? r.body : "no answer", data, size);
	v->code = status;
	if (!r.json)
		fuzz_fail("an answer that is not JSON", data, size);
	if (status == 201) {
		check_stored(json_object_get(r.json, "file"), data, size);
	} else {
		json_t *e = json_object_get(r.json, "error");
		const char *msg =
			json_string_value(json_object_get(e, "message"));
		const char *field =
			json_string_value(json_object_get(e, "field"));
		if (!json_string_value(json_object_get(e, "code")) || !msg ||
		    !*msg)
			fuzz_fail("a refusal without a code and a message",
				  data, size);
		snprintf(v->field, sizeof(v->field), "%s", field ? field : "");
		fixture_digest(&fx, after);
		if (strcmp(before, after) != 0 || stored() != files)
			fuzz_fail("a refused upload changed the database or "
				  "the store",
				  data, size);
	}
	reply_release(&r);
}

#define DISPO(name, file)                                   \
	"Content-Disposition: form-data; name=\"" name "\"" \
	"; filename=\"" file "\"\r\n"
#define PART(name, file, bytes)                                              \
	"--XB\r\n" DISPO(name,                                               \
			 file) "Content-Type: application/pdf\r\n\r\n" bytes \
			       "\r\n"
#define END "--XB--\r\n"
#define PDF "%PDF-1.4\n1 0 obj <<>> endobj\n"
#define K64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define K1 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64 K64

static const struct fuzz_seed seeds[] = {
	{"; boundary=XB\n" PART("file", "don.pdf", PDF) END, 201, ""},
	{"; boundary=\"XB\"\n" PART("file", "a/b/don.pdf", PDF) END, 201, ""},
	{"; boundary=XB\n" PART("file", "don.pdf", PDF K1) END, 201, ""},
	{"; boundary=XB\n" PART("file", "lon.pdf", PDF K1 K1) END, 413,
	 "lon.pdf"},
	{"; boundary=XB\n" PART("file", "run.pdf", "#!/bin/sh\necho x\n") END,
	 400, "run.pdf"},
	{"; boundary=XB\n" PART("file", "rong.pdf", "") END, 400, "rong.pdf"},
	{"; boundary=XB\n" PART("anh", "don.pdf", PDF) END, 400, "body"},
	{"; boundary=XB\n--XB\r\nContent-Disposition: form-data; "
	 "name=\"file\"\r\n\r\n" PDF "\r\n" END,
	 400, "file"},
	{"; boundary=XB\n" PART("file", "a.pdf", PDF) PART("file", "b.pdf", PDF)
		 END,
	 400, "file"},
	{"; boundary=XB\n" END, 400, "file"},
	{"; boundary=XB\n", 400, "file"},
	{"\n" PART("file", "don.pdf", PDF) END, 400, "body"},
	{"; boundary=ZZ\n" PART("file", "don.pdf", PDF) END, 400, "file"},
	{"; boundary=XB\n" PART("file", "don.pdf", PDF), 400, "body"},
	{"; boundary=XB\n--XB\r\n" DISPO("file", "don.pdf") "\r\n" PDF, 400,
	 "body"},
};

FUZZ_MAIN(judge, seeds)
