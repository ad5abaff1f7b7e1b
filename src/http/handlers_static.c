/*
 * handlers_static.c - the web application's files (web/: pages, styles,
 * scripts) served as they are from the directory given by --web.
 *
 * Only names of [A-Za-z0-9._-] not starting with a dot, one directory
 * level deep, are served: there is no path that could climb out of the
 * directory. Answers carry an ETag (size and modification time) and
 * "no-cache", so browsers revalidate cheaply and never run stale pages
 * after an upgrade; a matching If-None-Match answers 304.
 *
 * A path outside the API that names no file gets the page 404.html
 * (status 404) when the directory has one, so a person who typed a bad
 * address sees a page in their language with the way back, not JSON.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http/http_int.h"

#define STATIC_MAX_SIZE ((off_t)4 << 20)

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".mjs", "text/javascript; charset=utf-8"},
	{".json", "application/json; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".webmanifest", "application/manifest+json"},
	{".txt", "text/plain; charset=utf-8"},
};

/* The content type of a file name, NULL for a kind we do not serve. */
static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof(types) / sizeof(*types); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

/* One path segment we are willing to serve. */
static bool safe_segment(const char *s)
{
	if (!s || !*s || *s == '.' || strlen(s) > 100)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' ||
		      *s == '-'))
			return false;
	return true;
}

/* Read the whole file; NULL when it is missing, not a regular file or
 * too large. */
static char *slurp(const char *path, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	char *buf = NULL;
	if (fstat(fd, st) == 0 && S_ISREG(st->st_mode) &&
	    st->st_size <= STATIC_MAX_SIZE &&
	    (buf = malloc((size_t)st->st_size + 1))) {
		ssize_t n = read(fd, buf, (size_t)st->st_size);
		if (n != (ssize_t)st->st_size) {
			free(buf);
			buf = NULL;
		}
	}
	close(fd);
	return buf;
}

static void cache_headers(struct http_req *r, const char *etag,
			  const char *type)
{
	MHD_del_response_header(r->resp, MHD_HTTP_HEADER_CACHE_CONTROL,
				"no-store");
	http_add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	http_add_header(r, MHD_HTTP_HEADER_ETAG, etag);
	if (strncmp(type, "text/html", 9) == 0) {
		http_add_header(r, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; "
				"style-src 'self'; script-src 'self'; "
				"object-src 'none'; base-uri 'none'; "
				"frame-ancestors 'none'");
		http_add_header(r, "Referrer-Policy", "no-referrer");
	}
}

void http_page_not_found(struct http_req *r)
{
	const char *root = r->srv->cfg.web_root ? r->srv->cfg.web_root : "web";
	char path[1024];
	struct stat st;
	snprintf(path, sizeof(path), "%s/404.html", root);
	char *buf = strncmp(r->url, "/api/", 5) ? slurp(path, &st) : NULL;
	if (!buf) {
		http_reply_error(r, 404, "not_found", "path", "no such page");
		return;
	}
	http_reply_text(r, 404, "text/html; charset=utf-8", buf,
			(size_t)st.st_size);
	free(buf);
	cache_headers(r, "\"404\"", "text/html");
}

static void not_found(struct http_req *r) { http_page_not_found(r); }

static void serve_file(struct http_req *r, const char *dir, const char *name)
{
	const char *root = r->srv->cfg.web_root ? r->srv->cfg.web_root : "web";
	const char *type = type_of(name);
	char path[1024], etag[64];
	struct stat st;
	if (!type || (dir && !safe_segment(dir)) || !safe_segment(name))
		return not_found(r);
	snprintf(path, sizeof(path), "%s/%s%s%s", root, dir ? dir : "",
		 dir ? "/" : "", name);
	char *buf = slurp(path, &st);
	if (!buf)
		return not_found(r);
	snprintf(etag, sizeof(etag), "\"%" PRIx64 "-%" PRIx64 "\"",
		 (uint64_t)st.st_size, (uint64_t)st.st_mtime);
	const char *inm =
		http_value(r, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && strcmp(inm, etag) == 0)
		http_reply_text(r, 304, type, "", 0);
	else
		http_reply_text(r, 200, type, buf, (size_t)st.st_size);
	free(buf);
	cache_headers(r, etag, type);
}

void h_static_index(struct http_req *r) { serve_file(r, NULL, "index.html"); }

void h_static_file(struct http_req *r) { serve_file(r, NULL, r->param[0]); }

void h_static_nested(struct http_req *r)
{
	serve_file(r, r->param[0], r->param[1]);
}
