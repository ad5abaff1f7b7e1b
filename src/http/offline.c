/*
 * offline.c - one request given as its parts (method, URL with its query,
 * headers, body) answered without a connection: the query and the Cookie
 * header are split as the server library splits them, then http_dispatch
 * routes, checks and handles it exactly as for a request from the socket.
 * The fuzz target of the API (tests/fuzz/http_fuzz.c) drives the router
 * through it.
 */
#include <stdlib.h>
#include <string.h>

#include "http/http_int.h"

#define MAX_FIELDS 64

struct parts {
	struct http_field f[MAX_FIELDS];
	size_t n;
	char *text; /* the copies the fields point into */
};

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Percent-decoding in place, '+' as a space in a query. */
static void unescape(char *s, bool query)
{
	char *out = s;
	for (; *s; s++) {
		int hi, lo;
		if (*s == '%' && (hi = hex(s[1])) >= 0 &&
		    (lo = hex(s[2])) >= 0) {
			*out++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*out++ = query && *s == '+' ? ' ' : *s;
		}
	}
	*out = '\0';
}

static void add(struct parts *p, enum MHD_ValueKind kind, const char *name,
		const char *value)
{
	if (p->n < MAX_FIELDS)
		p->f[p->n++] = (struct http_field){kind, name, value};
}

/* "a=1&b=2" (cut in place) as query arguments. */
static void split_query(struct parts *p, char *q)
{
	char *save;
	for (char *tok = strtok_r(q, "&", &save); tok;
	     tok = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(tok, '=');
		if (eq)
			*eq++ = '\0';
		unescape(tok, true);
		if (eq)
			unescape(eq, true);
		add(p, MHD_GET_ARGUMENT_KIND, tok, eq ? eq : "");
	}
}

/* "a=1; b=2" (cut in place) as cookies. */
static void split_cookies(struct parts *p, char *c)
{
	char *save;
	for (char *tok = strtok_r(c, ";", &save); tok;
	     tok = strtok_r(NULL, ";", &save)) {
		tok += strspn(tok, " \t");
		char *eq = strchr(tok, '=');
		if (!eq)
			continue;
		*eq++ = '\0';
		add(p, MHD_COOKIE_KIND, tok, eq);
	}
}

/* Copies of the path, query and cookies in one block, cut into fields. */
static bool parse(struct parts *p, const char *url,
		  const struct http_field *headers, size_t n_headers,
		  char **path)
{
	size_t len = strlen(url) + 2;
	for (size_t i = 0; i < n_headers; i++)
		len += strlen(headers[i].value) + 1;
	char *buf = p->text = malloc(len);
	if (!buf)
		return false;
	*path = buf;
	strcpy(buf, url);
	char *q = strchr(buf, '?');
	if (q)
		*q++ = '\0';
	unescape(buf, false);
	char *cookies = buf + strlen(url) + 1;
	cookies[0] = '\0';
	for (size_t i = 0; i < n_headers; i++) {
		add(p, MHD_HEADER_KIND, headers[i].name, headers[i].value);
		if (strcasecmp(headers[i].name, "Cookie") == 0) {
			strcpy(cookies, headers[i].value);
			split_cookies(p, cookies);
			cookies += strlen(headers[i].value) + 1;
		}
	}
	if (q)
		split_query(p, q);
	return true;
}

int http_offline_request(struct http_server *srv, const char *method,
			 const char *url, const struct http_field *headers,
			 size_t n_headers, const char *body, size_t body_len,
			 struct strbuf *answer)
{
	struct parts p = {.n = 0};
	struct http_req r = {.srv = srv, .method = method, .route = -1};
	char *path;
	strbuf_reset(answer);
	if (!parse(&p, url, headers, n_headers, &path))
		return 0;
	r.url = path;
	r.fields = p.f;
	r.n_fields = p.n;
	r.answer = answer;
	snprintf(r.client, sizeof(r.client), "192.0.2.1");
	strbuf_init(&r.body);
	strbuf_add(&r.body, body, body_len);
	if (r.body.oom)
		http_reply_error(&r, 500, "out_of_memory", "", "out of memory");
	else
		http_dispatch(&r);
	if (r.resp)
		MHD_destroy_response(r.resp);
	strbuf_release(&r.body);
	free(p.text);
	return r.resp ? r.status : 0;
}
