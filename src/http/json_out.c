/*
 * json_out.c - answers: JSON values, the one error shape
 * {"error":{"code","message","field"}}, the one mapping from mc_code to an
 * HTTP status, files to save (a CSV, a workbook: libxlsxwriter writes
 * only to a file, so each is made in the temporary directory, read back
 * and removed at once), and small readers of query arguments and JSON
 * bodies.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/civil.h"
#include "http/http_int.h"

/* Seconds a client is asked to wait when the database is busy. */
#define BUSY_RETRY 2

/* data, len: the body, kept for a request without a connection */
static void set_response(struct http_req *r, int status,
			 struct MHD_Response *resp, const char *type,
			 const void *data, size_t len)
{
	if (!resp)
		return;
	if (r->answer) {
		strbuf_reset(r->answer);
		strbuf_add(r->answer, data, len);
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				"no-store");
	if (r->resp)
		MHD_destroy_response(r->resp);
	r->resp = resp;
	r->status = status;
}

void http_reply_json(struct http_req *r, int status, json_t *v)
{
	char *text = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
	json_decref(v);
	if (!text) {
		static const char oom[] = "{\"error\":{\"code\":\"out_of_memory"
					  "\",\"message\":\"out of memory\","
					  "\"field\":\"\"}}";
		set_response(r, 500,
			     MHD_create_response_from_buffer(
				     sizeof(oom) - 1, (void *)oom,
				     MHD_RESPMEM_PERSISTENT),
			     "application/json", oom, sizeof(oom) - 1);
		return;
	}
	size_t len = strlen(text);
	set_response(r, status,
		     MHD_create_response_from_buffer(len, text,
						     MHD_RESPMEM_MUST_FREE),
		     "application/json; charset=utf-8", text, len);
}

void http_reply_strbuf(struct http_req *r, int status, struct strbuf *sb)
{
	if (sb->oom || !sb->buf) {
		strbuf_release(sb);
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
		return;
	}
	/* the buffer goes to MHD, which frees it with the response */
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		sb->len, sb->buf, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		strbuf_release(sb);
		return;
	}
	set_response(r, status, resp, "application/json; charset=utf-8",
		     sb->buf, sb->len);
	strbuf_init(sb);
}

void http_reply_text(struct http_req *r, int status, const char *type,
		     const char *text, size_t len)
{
	set_response(r, status,
		     MHD_create_response_from_buffer(len, (void *)text,
						     MHD_RESPMEM_MUST_COPY),
		     type, text, len);
}

/* ---- files to save ---------------------------------------------------- */

static void disposition(struct http_req *r, const char *filename)
{
	char disp[192];
	snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", filename);
	http_add_header(r, "Content-Disposition", disp);
}

/* Content-Disposition for a name a person gave a file (cleaned already):
 * an ASCII fallback and the name itself as RFC 5987 UTF-8. */
static void disposition_utf8(struct http_req *r, const char *kind,
			     const char *name)
{
	char ascii[256], enc[800];
	size_t a = 0, e = 0;
	for (const unsigned char *p = (const unsigned char *)name;
	     *p && a + 1 < sizeof(ascii); p++)
		ascii[a++] = (*p < 0x20 || *p > 0x7e || *p == '"' ||
			      *p == '\\' || *p == '%')
				     ? '_'
				     : (char)*p;
	ascii[a] = '\0';
	for (const unsigned char *p = (const unsigned char *)name;
	     *p && e + 4 < sizeof(enc); p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			enc[e++] = (char)*p;
		else
			e += (size_t)snprintf(enc + e, sizeof(enc) - e,
					      "%%%02X", *p);
	}
	enc[e] = '\0';
	char disp[1200];
	snprintf(disp, sizeof(disp), "%s; filename=\"%s\"; filename*=UTF-8''%s",
		 kind, ascii, enc);
	http_add_header(r, "Content-Disposition", disp);
}

/* A name safe in a quoted header value: what is not ASCII letters,
 * digits, '.', '-' or '_' becomes '_'. */
static void ascii_name(const char *name, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *c = name; *c && n + 1 < cap; c++)
		out[n++] =
			((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
			 (*c >= '0' && *c <= '9') || strchr(".-_", *c))
				? *c
				: '_';
	out[n] = '\0';
}

void http_reply_file(struct http_req *r, const char *type, const char *name,
		     int fd, int64_t size)
{
	char safe[160];
	ascii_name(name, safe, sizeof(safe));
	if (r->answer) { /* no connection: the bytes into the answer */
		struct strbuf sb;
		strbuf_init(&sb);
		char buf[65536];
		ssize_t n;
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			strbuf_add(&sb, buf, (size_t)n);
		close(fd);
		http_reply_attachment(r, type, safe, &sb);
		return;
	}
	/* MHD reads the file as it sends it, and closes fd */
	struct MHD_Response *resp =
		MHD_create_response_from_fd((uint64_t)size, fd);
	if (!resp) {
		close(fd);
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
		return;
	}
	set_response(r, 200, resp, type, NULL, 0);
	disposition_utf8(r, "attachment", name);
}

void http_reply_attachment(struct http_req *r, const char *type,
			   const char *filename, struct strbuf *sb)
{
	if (sb->oom) {
		strbuf_release(sb);
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
		return;
	}
	http_reply_text(r, 200, type, sb->buf ? sb->buf : "", sb->len);
	strbuf_release(sb);
	disposition(r, filename);
}

/* The whole of file f into sb (false when reading fails). */
static bool slurp(FILE *f, struct strbuf *sb)
{
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(sb, buf, n);
	return !ferror(f) && !sb->oom;
}

void http_reply_workbook(struct http_req *r, const char *filename,
			 http_workbook_fn write, const void *what)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/motcua-book-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	struct mc_err err;
	struct strbuf sb;
	strbuf_init(&sb);
	bool ok = fd >= 0 && write(what, path, &err) == MC_OK;
	FILE *f = ok ? fopen(path, "rb") : NULL;
	ok = f && slurp(f, &sb);
	if (f)
		fclose(f);
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	if (!ok) {
		strbuf_release(&sb);
		http_reply_error(r, 500, "internal", "format",
				 "format: the workbook could not be written");
		return;
	}
	http_reply_attachment(r, HTTP_XLSX_TYPE, filename, &sb);
}

static void reply_error_v(struct http_req *r, int status, const char *code,
			  const char *field, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* the error log's reason, unless a more precise one is kept */
	if (status >= 500 && !r->detail[0])
		snprintf(r->detail, sizeof(r->detail), "%.319s", msg);
	const char *reason = r->reason ? r->reason : code;
	r->reason = NULL;
	json_t *e = json_pack("{s:{s:s,s:s,s:s,s:s}}", "error", "code", code,
			      "reason", reason, "message", msg, "field",
			      field ? field : "");
	if (!e) /* the message quoted bytes that are not UTF-8 */
		e = json_pack("{s:{s:s,s:s,s:s,s:s}}", "error", "code", code,
			      "reason", "not_utf8", "message",
			      "the request holds text that is not "
			      "valid UTF-8",
			      "field", "");
	http_reply_json(r, status, e);
}

void http_reply_error(struct http_req *r, int status, const char *code,
		      const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	reply_error_v(r, status, code, field, fmt, ap);
	va_end(ap);
}

void http_reply_retry(struct http_req *r, int status, const char *code,
		      const char *field, int64_t wait, const char *fmt, ...)
{
	char secs[24];
	va_list ap;
	va_start(ap, fmt);
	reply_error_v(r, status, code, field, fmt, ap);
	va_end(ap);
	snprintf(secs, sizeof(secs), "%lld", (long long)(wait > 0 ? wait : 1));
	http_add_header(r, MHD_HTTP_HEADER_RETRY_AFTER, secs);
}

int http_status_of(enum mc_code code)
{
	switch (code) {
	case MC_OK: return 200;
	case MC_ERR_INPUT: return 400;
	case MC_ERR_NOT_FOUND: return 404;
	case MC_ERR_STATE: return 409;
	case MC_ERR_CONFLICT: return 409;
	case MC_ERR_RULE: return 422;
	case MC_ERR_TOO_LARGE: return 413;
	case MC_ERR_FORBIDDEN: return 403;
	case MC_ERR_NOMEM:
	case MC_ERR_IO:
	case MC_ERR_DB:
	case MC_ERR_INTERNAL: return 500;
	case MC_ERR_BUSY: return 503;
	}
	return 500;
}

void http_reply_mc(struct http_req *r, const struct mc_err *err)
{
	int status = http_status_of(err->code);
	if (status >= 500)
		snprintf(r->detail, sizeof(r->detail), "%s", err->message);
	/* our own failures name no field and keep SQLite's words inside */
	if (status == 503)
		http_reply_retry(r, 503, mc_code_name(err->code), "",
				 BUSY_RETRY,
				 "the database is busy with another write "
				 "(an import?); the request changed nothing, "
				 "try again in %d seconds",
				 BUSY_RETRY);
	else if (status == 500)
		http_reply_error(r, 500, mc_code_name(err->code), "",
				 "the server failed; the request changed "
				 "nothing");
	else {
		r->reason = err->reason;
		http_reply_error(r, status, mc_code_name(err->code), err->field,
				 "%s",
				 err->message[0] ? err->message
						 : mc_code_name(err->code));
	}
}

void http_add_header(struct http_req *r, const char *name, const char *value)
{
	if (r->resp)
		MHD_add_response_header(r->resp, name, value);
}

const char *http_value(struct http_req *r, enum MHD_ValueKind kind,
		       const char *name)
{
	if (r->conn)
		return MHD_lookup_connection_value(r->conn, kind, name);
	for (size_t i = 0; i < r->n_fields; i++) {
		const struct http_field *f = &r->fields[i];
		if (f->kind == kind &&
		    (kind == MHD_HEADER_KIND ? strcasecmp(f->name, name)
					     : strcmp(f->name, name)) == 0)
			return f->value;
	}
	return NULL;
}

const char *http_query(struct http_req *r, const char *name)
{
	return http_value(r, MHD_GET_ARGUMENT_KIND, name);
}

/* Whether text nests at most LIMIT_DEPTH deep; when it does not, key
 * gets the top-level member the deep value is in ("" outside any). A
 * scan of its own, so jansson never recurses into a hostile body. */
static bool shallow(const char *text, size_t len, char *key, size_t size)
{
	int depth = 0;
	bool in_string = false, want_key = false;
	size_t start = 0;
	key[0] = '\0';
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\') {
				i++;
			} else if (c == '"') {
				in_string = false;
				if (start) /* a key of the top object */
					snprintf(key, size, "%.*s",
						 (int)(i - start),
						 text + start);
			}
			continue;
		}
		if (c == '"') {
			in_string = true;
			start = want_key ? i + 1 : 0;
			want_key = false;
		} else if (c == '{' || c == '[') {
			if (++depth > LIMIT_DEPTH)
				return false;
			want_key = depth == 1 && c == '{';
		} else if (c == '}' || c == ']') {
			depth--;
		} else if (c == ',' && depth == 1) {
			want_key = true;
		}
	}
	return true;
}

json_t *http_body_object(struct http_req *r)
{
	json_error_t je;
	char key[64];
	const char *text = r->body.buf ? r->body.buf : "";
	if (!shallow(text, r->body.len, key, sizeof(key))) {
		http_reply_error(r, 400, "invalid_input", *key ? key : "body",
				 "%s: nests deeper than %d levels",
				 *key ? key : "body", LIMIT_DEPTH);
		return NULL;
	}
	json_t *v = json_loadb(text, r->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		http_reply_error(r, 400, "invalid_input", "body",
				 "body: not valid JSON at line %d column %d: "
				 "%s",
				 je.line, je.column, je.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		http_reply_error(r, 400, "invalid_input", "body",
				 "body: must be a JSON object");
		return NULL;
	}
	return v;
}

bool http_only_fields(struct http_req *r, json_t *o, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach (o, key, v) {
		const char *const *a = allowed;
		while (*a && strcmp(*a, key) != 0)
			a++;
		if (!*a) {
			http_reply_error(r, 400, "invalid_input", key,
					 "%s: is not a known field", key);
			return false;
		}
	}
	return true;
}

bool http_opt_string(struct http_req *r, json_t *o, const char *key,
		     enum limit_id limit, const char **out)
{
	json_t *v = json_object_get(o, key);
	struct mc_err err;
	*out = NULL;
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v)) {
		http_reply_error(r, 400, "invalid_input", key,
				 "%s: must be a string", key);
		return false;
	}
	if (limit_check(limit, key, json_string_value(v), &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	*out = json_string_value(v);
	return true;
}

bool http_need_string(struct http_req *r, json_t *o, const char *key,
		      enum limit_id limit, const char **out)
{
	if (!http_opt_string(r, o, key, limit, out))
		return false;
	if (*out && **out)
		return true;
	http_reply_error(r, 400, "invalid_input", key, "%s: is required", key);
	return false;
}

/* "2024-04-01T08:00:00+07:00" into buf, by hand: snprintf was a visible
 * share of the public lookup. */
#define TIME_BUF 40
static void time_text(int64_t t, char buf[TIME_BUF])
{
	int64_t day = civil_local_day(t);
	int sec = civil_local_second(t), y, m, d;
	civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999) { /* not on a hot path; keep printf's form */
		snprintf(buf, TIME_BUF,
			 "%04d-%02d-%02dT%02d:%02d:%02d"
			 "+07:00",
			 y, m, d, sec / 3600, sec / 60 % 60, sec % 60);
		return;
	}
	int f[6] = {y / 100, y % 100, m, d, sec / 3600, sec / 60 % 60};
	static const char sep[6] = {0, 0, '-', '-', 'T', ':'};
	char *o = buf;
	for (int i = 0; i < 6; i++) {
		if (sep[i])
			*o++ = sep[i];
		*o++ = (char)('0' + f[i] / 10);
		*o++ = (char)('0' + f[i] % 10);
	}
	memcpy(o, ":00+07:00", 10);
	o[1] = (char)('0' + sec % 60 / 10);
	o[2] = (char)('0' + sec % 10);
}

json_t *http_time(int64_t t)
{
	if (t == MC_NO_TIME)
		return json_null();
	char buf[TIME_BUF];
	time_text(t, buf);
	return json_string(buf);
}

void http_time_add(struct strbuf *sb, int64_t t)
{
	if (t == MC_NO_TIME) {
		strbuf_add(sb, "null", 4);
		return;
	}
	char buf[TIME_BUF];
	time_text(t, buf);
	strbuf_add(sb, "\"", 1);
	strbuf_puts(sb, buf);
	strbuf_add(sb, "\"", 1);
}

void http_str_add(struct strbuf *sb, const char *s)
{
	if (s)
		strbuf_json_string(sb, s);
	else
		strbuf_add(sb, "null", 4);
}

json_t *http_date(int64_t day)
{
	char buf[CIVIL_BUF];
	if (day == MC_NO_TIME)
		return json_null();
	return json_string(civil_format_date(day, buf));
}

json_t *http_str(const char *s) { return s ? json_string(s) : json_null(); }
