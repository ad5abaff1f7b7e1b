/*
 * client.h - a tiny HTTP/1.1 client over plain sockets for the API tests
 * (one request per connection) and a signed-in session. Header-only,
 * because each test file under tests/http is its own binary.
 */
#ifndef MC_TESTS_HTTP_CLIENT_H
#define MC_TESTS_HTTP_CLIENT_H

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/str.h"

struct reply {
	int status;
	char *head; /* status line and headers */
	char *body;
	size_t body_len; /* bytes of body (a PDF holds NULs) */
	json_t *json;    /* parsed body, NULL when not JSON */
};

static inline void reply_release(struct reply *r)
{
	free(r->head);
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof(*r));
}

/* A connection to 127.0.0.1:port from the loopback address src (any of
 * 127.0.0.0/8, so that one machine is many clients; NULL: 127.0.0.1). */
static inline int client_connect_from(unsigned port, const char *src)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port)};
	struct sockaddr_in me = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	if (src && fd >= 0 &&
	    (inet_pton(AF_INET, src, &me.sin_addr) != 1 ||
	     bind(fd, (struct sockaddr *)&me, sizeof(me)) < 0)) {
		close(fd);
		return -1;
	}
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static inline int client_connect(unsigned port)
{
	return client_connect_from(port, NULL);
}

static inline void split_reply(struct strbuf *in, struct reply *out)
{
	char *sep = in->buf ? strstr(in->buf, "\r\n\r\n") : NULL;
	if (!sep)
		return;
	out->head = strndup(in->buf, (size_t)(sep - in->buf));
	out->body_len = in->len - (size_t)(sep + 4 - in->buf);
	out->body = malloc(out->body_len + 1);
	if (out->body) {
		memcpy(out->body, sep + 4, out->body_len);
		out->body[out->body_len] = '\0';
	}
	sscanf(in->buf, "HTTP/1.%*d %d", &out->status);
	out->json = json_loads(out->body, JSON_DECODE_ANY, NULL);
}

/* Read the whole answer on fd until the server closes it, and close. */
static inline void client_read_reply(int fd, struct reply *out)
{
	struct strbuf in;
	char buf[8192];
	ssize_t n;
	strbuf_init(&in);
	while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
		strbuf_add(&in, buf, (size_t)n);
	close(fd);
	split_reply(&in, out);
	strbuf_release(&in);
}

/* One request from src; extra is more header lines, each ending in
 * \r\n. */
static inline int client_request_from(unsigned port, const char *src,
				      const char *method, const char *path,
				      const char *extra, const char *body,
				      struct reply *out)
{
	memset(out, 0, sizeof(*out));
	int fd = client_connect_from(port, src);
	if (fd < 0)
		return -1;
	struct strbuf req;
	strbuf_init(&req);
	strbuf_addf(&req,
		    "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		    "Connection: close\r\n%s",
		    method, path, extra ? extra : "");
	if (body)
		strbuf_addf(&req,
			    "Content-Type: application/json\r\n"
			    "Content-Length: %zu\r\n\r\n%s",
			    strlen(body), body);
	else
		strbuf_puts(&req, "\r\n");
	size_t off = 0;
	while (off < req.len) {
		ssize_t n =
			send(fd, req.buf + off, req.len - off, MSG_NOSIGNAL);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	client_read_reply(fd, out);
	strbuf_release(&req);
	return out->status ? 0 : -1;
}

static inline int client_request(unsigned port, const char *method,
				 const char *path, const char *extra,
				 const char *body, struct reply *out)
{
	return client_request_from(port, NULL, method, path, extra, body, out);
}

/* The value of a header (case-sensitive name) in a reply, copied. */
static inline char *reply_header(const struct reply *r, const char *name)
{
	char key[128];
	snprintf(key, sizeof(key), "\r\n%s: ", name);
	const char *p = r->head ? strstr(r->head, key) : NULL;
	if (!p)
		return NULL;
	p += strlen(key);
	return strndup(p, strcspn(p, "\r\n"));
}

static inline const char *reply_error_field(const struct reply *r)
{
	return json_string_value(
		json_object_get(json_object_get(r->json, "error"), "field"));
}

/* A signed-in client: the headers to send with each request. */
struct session {
	char headers[400];
};

static inline int client_login(unsigned port, const char *user,
			       const char *password, struct session *s)
{
	char body[256];
	struct reply r;
	snprintf(body, sizeof(body),
		 "{\"username\":\"%s\",\"password\":\"%s\"}", user, password);
	if (client_request(port, "POST", "/api/v1/auth/login", NULL, body,
			   &r) ||
	    r.status != 200) {
		int st = r.status;
		reply_release(&r);
		return st ? st : -1;
	}
	char *cookie = reply_header(&r, "Set-Cookie");
	const char *csrf = json_string_value(json_object_get(r.json, "csrf"));
	snprintf(s->headers, sizeof(s->headers),
		 "Cookie: %.*s\r\nX-CSRF-Token: %s\r\n",
		 (int)strcspn(cookie ? cookie : "", ";"), cookie ? cookie : "",
		 csrf ? csrf : "");
	free(cookie);
	reply_release(&r);
	return 200;
}

#endif
