/*
 * handlers_files.c - the files of dossiers over HTTP: uploads as
 * multipart/form-data streamed to the document store (libmicrohttpd's
 * post processor; a file is never whole in memory), by staff to a
 * dossier of their units or by anyone to an upload of a filing in
 * progress, and the lists of what a dossier or an upload holds.
 *
 * A streamed request is routed and admitted (session, CSRF, role) when
 * its headers are in, before any byte of its body is kept
 * (http_dispatch_stream); an anonymous one also takes one of its
 * address's uploads of the hour. Each piece of the body goes through
 * the post processor; the part named "file" goes to app_file_write as
 * it arrives. When the body is in, http_dispatch runs the route's
 * handler, which ends the upload (app_file_end: type, fsync, the
 * reference) and answers. See docs/internals/http.md, "Uploads".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/files.h"
#include "http/http_int.h"

#define POST_BUFFER 16384 /* the post processor's own buffer */

struct http_stream {
	struct MHD_PostProcessor *pp;
	struct app_upload *upload;
	struct actor actor;
	bool failed, parts_done;
	int status; /* of the failure */
	struct mc_err err;
};

bool http_stream_route(const struct http_route *rt)
{
	return rt->fn == h_dossier_file_upload || rt->fn == h_upload_file;
}

static bool anonymous(const struct http_req *r)
{
	return http_routes[r->route].fn == h_upload_file;
}

static void fail_stream(struct http_stream *st, int status, const char *field,
			const char *fmt, const char *what)
{
	st->failed = true;
	st->status = status;
	mc_fail(&st->err, MC_ERR_INPUT, field, fmt, what);
}

/* The role and component of the file from the query. */
static bool attach_request(struct http_req *r, struct file_attach *a)
{
	const char *role = http_query(r, "role");
	memset(a, 0, sizeof(*a));
	a->role = role ? file_role_by_key(role) : FILE_COMPONENT;
	a->component = http_query(r, "component");
	a->actor = &r->stream->actor;
	if (anonymous(r)) {
		a->upload_token = r->param[0];
		if (role && a->role != FILE_COMPONENT)
			a->role = 0; /* an upload holds components only */
	} else {
		a->dossier_code = r->param[0];
	}
	return true;
}

/* The first bytes of the file part: begin the upload with a handle. */
static void begin_file(struct http_req *r, const char *filename)
{
	struct http_stream *st = r->stream;
	struct file_attach a;
	attach_request(r, &a);
	a.name = filename;
	struct app *app = http_pool_acquire(&r->srv->pool);
	if (app_file_begin(app, &a, &st->upload, &st->err)) {
		st->failed = true;
		st->status = http_status_of(st->err.code);
	}
	http_pool_release(&r->srv->pool, app);
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *filename,
			       const char *content_type,
			       const char *transfer_encoding, const char *data,
			       uint64_t off, size_t size)
{
	(void)kind, (void)content_type, (void)transfer_encoding;
	struct http_req *r = cls;
	struct http_stream *st = r->stream;
	if (st->failed)
		return MHD_NO;
	if (!key || strcmp(key, "file") != 0) {
		fail_stream(st, 400, "body",
			    "%.60s: not a part of an upload; send one part "
			    "named file",
			    key ? key : "(unnamed)");
		return MHD_NO;
	}
	if (!filename) {
		fail_stream(st, 400, "file",
			    "%s: must be a file part "
			    "(Content-Disposition with a filename)",
			    "file");
		return MHD_NO;
	}
	if (off == 0 && st->upload) {
		fail_stream(st, 400, "file", "%s: send one file per request",
			    "file");
		return MHD_NO;
	}
	if (off == 0)
		begin_file(r, filename);
	if (!st->failed && size &&
	    app_file_write(st->upload, data, size, &st->err)) {
		st->failed = true;
		st->status = http_status_of(st->err.code);
	}
	return st->failed ? MHD_NO : MHD_YES;
}

bool http_stream_start(struct http_req *r)
{
	const char *type = http_value(r, MHD_HEADER_KIND, "Content-Type");
	if (!type || strncasecmp(type, "multipart/form-data", 19) != 0) {
		http_reply_error(r, 415, "unsupported_media_type", "body",
				 "body: must be multipart/form-data with one "
				 "part named file");
		return false;
	}
	if (anonymous(r) && !http_anon_upload_ok(r))
		return false;
	struct http_stream *st = calloc(1, sizeof(*st));
	if (!st) {
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
		return false;
	}
	r->stream = st;
	st->actor = r->signed_in ? http_actor(r) : ACTOR_CITIZEN;
	st->pp = MHD_create_post_processor(r->conn, POST_BUFFER, on_part, r);
	if (!st->pp) {
		http_reply_error(r, 400, "invalid_input", "body",
				 "body: the multipart boundary is missing or "
				 "not usable");
		return false;
	}
	return true;
}

bool http_stream_data(struct http_req *r, const char *data, size_t size)
{
	struct http_stream *st = r->stream;
	if (st->failed || !st->pp)
		return false;
	if (MHD_post_process(st->pp, data, size) != MHD_YES && !st->failed)
		fail_stream(st, 400, "body",
			    "%s: is not multipart/form-data as it says",
			    "body");
	return !st->failed;
}

void http_stream_free(struct http_req *r)
{
	struct http_stream *st = r->stream;
	if (!st)
		return;
	if (st->pp)
		MHD_destroy_post_processor(st->pp);
	app_file_abort(st->upload);
	free(st);
	r->stream = NULL;
}

/* ---- answers ------------------------------------------------------------- */

static json_t *file_json(const struct dossier_file *f)
{
	return json_pack("{s:s,s:s,s:o,s:s,s:s,s:I,s:o,s:o}", "sha256",
			 f->sha256, "role", file_role_key(f->role), "component",
			 http_str(f->component), "name", f->name, "type",
			 f->type, "size", (json_int_t)f->size, "added_by",
			 http_str(f->added_by), "added_at",
			 http_time(f->added_at));
}

/* The body is in: end the upload and answer. */
static void finish_upload(struct http_req *r)
{
	struct http_stream *st = r->stream;
	if (!st) { /* a request without a connection (offline.c) */
		http_reply_error(r, 415, "unsupported_media_type", "body",
				 "body: must be multipart/form-data with one "
				 "part named file");
		return;
	}
	if (st->pp && !st->failed) {
		/* the last part ends here */
		if (MHD_destroy_post_processor(st->pp) != MHD_YES &&
		    !st->failed)
			fail_stream(st, 400, "body",
				    "%s: the multipart body ends early",
				    "body");
		st->pp = NULL;
	}
	if (!st->failed && !st->upload)
		fail_stream(st, 400, "file",
			    "%s: is required (one part named "
			    "file)",
			    "file");
	if (st->failed) {
		app_file_abort(st->upload);
		st->upload = NULL;
		http_reply_mc(r, &st->err);
		return;
	}
	struct dossier_file f;
	struct mc_err err;
	struct app_upload *u = st->upload;
	st->upload = NULL; /* ended (and freed) whatever happens */
	if (app_file_end(r->app, u, &f, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 201, json_pack("{s:o}", "file", file_json(&f)));
	dossier_file_release(&f);
}

void h_dossier_file_upload(struct http_req *r) { finish_upload(r); }

void h_upload_file(struct http_req *r) { finish_upload(r); }

static int add_file(const struct dossier_file *f, void *ctx)
{
	json_array_append_new(ctx, file_json(f));
	return 0;
}

void h_dossier_files(struct http_req *r)
{
	struct mc_err err;
	struct actor actor = http_actor(r);
	json_t *a = json_array();
	if (app_files_list(r->app, &actor, r->param[0], add_file, a, &err)) {
		json_decref(a);
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, json_pack("{s:o}", "files", a));
}

void h_upload_open(struct http_req *r)
{
	struct mc_err err;
	char token[65];
	int64_t expires;
	if (!http_anon_upload_ok(r))
		return;
	if (app_upload_open(r->app, http_client_addr(r), token, &expires,
			    &err)) {
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(
		r, 201,
		json_pack("{s:s,s:o,s:I,s:I}", "upload", token, "expires_at",
			  http_time(expires), "max_file_bytes",
			  (json_int_t)app_files_max_file(r->app), "max_bytes",
			  (json_int_t)app_files_max_dossier(r->app)));
}

void h_upload_get(struct http_req *r)
{
	struct mc_err err;
	json_t *a = json_array();
	if (app_upload_list(r->app, r->param[0], add_file, a, &err)) {
		json_decref(a);
		http_reply_mc(r, &err);
		return;
	}
	http_reply_json(r, 200, json_pack("{s:o}", "files", a));
}

void h_dossier_file_get(struct http_req *r)
{
	struct mc_err err;
	struct dossier_file f;
	int fd;
	struct actor actor = http_actor(r);
	if (app_file_open(r->app, &actor, r->param[0], r->param[1], &fd, &f,
			  &err)) {
		http_reply_mc(r, &err);
		return;
	}
	http_reply_file(r, f.type, f.name, fd, f.size);
	dossier_file_release(&f);
}

/* The usual extension of an accepted type, for a download's name. */
static const char *extension(const char *type)
{
	static const struct {
		const char *part, *ext;
	} map[] = {{"pdf", ".pdf"},
		   {"wordprocessingml", ".docx"},
		   {"spreadsheetml", ".xlsx"},
		   {"opendocument.text", ".odt"},
		   {"zip", ".zip"},
		   {"jpeg", ".jpg"},
		   {"png", ".png"},
		   {"tiff", ".tif"}};
	for (size_t i = 0; type && i < sizeof(map) / sizeof(*map); i++)
		if (strstr(type, map[i].part))
			return map[i].ext;
	return "";
}

void h_procedure_form(struct http_req *r)
{
	struct mc_err err;
	const char *type;
	int64_t size;
	int fd;
	char name[160];
	if (app_procedure_form(r->app, r->param[0], r->param[1], &fd, &type,
			       &size, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	snprintf(name, sizeof(name), "mau-%.60s-%.60s%s", r->param[0],
		 r->param[1], extension(type));
	http_reply_file(r, type, name, fd, size);
}
