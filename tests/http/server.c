/*
 * server.c - the server's own answers, over a raw socket: HEAD (the
 * headers of GET, no body; api.c checks it on every GET route), a client that
 * sends a 2 MiB body before reading gets a JSON 413 (the body is drained, not
 * reset), a body nested too deep is refused naming its member, and every answer
 * of ours is JSON; what libmicrohttpd answers itself (a malformed
 * Content-Length) keeps its status.
 */
#include <errno.h>
#include <signal.h>

#include "env.h"
#include "test.h"

/* Send all of req (false when the server reset or closed early), then
 * read the whole answer into out. */
static bool raw_exchange(unsigned port, const char *head, size_t body_len,
			 struct reply *out)
{
	memset(out, 0, sizeof(*out));
	int fd = client_connect(port);
	if (fd < 0)
		return false;
	bool sent = send(fd, head, strlen(head), MSG_NOSIGNAL) ==
		    (ssize_t)strlen(head);
	char chunk[65536];
	memset(chunk, 'x', sizeof(chunk));
	for (size_t off = 0; sent && off < body_len;) {
		size_t n = body_len - off < sizeof(chunk) ? body_len - off
							  : sizeof(chunk);
		ssize_t k = send(fd, chunk, n, MSG_NOSIGNAL);
		if (k <= 0)
			sent = false;
		else
			off += (size_t)k;
	}
	client_read_reply(fd, out);
	return sent;
}

TEST(a_client_that_sends_2_mib_reads_a_json_413)
{
	struct env e;
	struct reply r;
	char head[300];
	env_open(&e);
	size_t big = (size_t)2 << 20;
	snprintf(head, sizeof(head),
		 "POST /api/v1/dossiers HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		 "Connection: close\r\nContent-Type: application/json\r\n"
		 "Content-Length: %zu\r\n\r\n",
		 big);
	CHECK(raw_exchange(e.port, head, big, &r)); /* no reset while sending */
	CHECK_INT(r.status, 413);
	CHECK_STR(reply_error_field(&r), "body");
	reply_release(&r);
	env_close(&e);
}

TEST(head_answers_every_get_route_without_a_body)
{
	struct env e;
	struct reply r, g;
	env_open(&e);
	static const char *const paths[] = {
		"/api/v1/units", "/api/v1/procedures/1.000001",
		"/api/v1/calendar/holidays?year=2024", "/api/v1/openapi.json",
		"/metrics"};
	for (size_t i = 0; i < sizeof(paths) / sizeof(*paths); i++) {
		client_request(e.port, "GET", paths[i], NULL, NULL, &g);
		client_request(e.port, "HEAD", paths[i], NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(r.body && !*r.body);
		char *len = reply_header(&r, "Content-Length");
		char *type = reply_header(&r, "Content-Type");
		char *gtype = reply_header(&g, "Content-Type");
		CHECK(len && g.body &&
		      (i == 4 || (size_t)atol(len) == strlen(g.body)));
		CHECK_STR(type, gtype);
		free(len);
		free(type);
		free(gtype);
		reply_release(&r);
		reply_release(&g);
	}
	/* HEAD is offered wherever GET is */
	client_request(e.port, "DELETE", "/api/v1/units", NULL, NULL, &r);
	CHECK_INT(r.status, 405);
	char *allow = reply_header(&r, "Allow");
	CHECK_STR(allow, "GET, HEAD");
	free(allow);
	reply_release(&r);
	env_close(&e);
}

TEST(deep_nesting_names_the_member)
{
	struct env e;
	struct reply r;
	struct strbuf sb;
	env_open(&e);
	strbuf_init(&sb);
	strbuf_puts(&sb, "{\"MaTTHC\":\"1.000001\",\"TaiLieuNop\":");
	for (int i = 0; i < 5000; i++)
		strbuf_add(&sb, "[", 1);
	for (int i = 0; i < 5000; i++)
		strbuf_add(&sb, "]", 1);
	strbuf_puts(&sb, "}");
	client_request(e.port, "POST", "/api/v1/dossiers", NULL, sb.buf, &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "TaiLieuNop");
	reply_release(&r);
	strbuf_reset(&sb);
	for (int i = 0; i < 20; i++)
		strbuf_puts(&sb, "{\"a\":");
	strbuf_puts(&sb, "1");
	for (int i = 0; i < 20; i++)
		strbuf_puts(&sb, "}");
	client_request(e.port, "POST", "/api/v1/public/feedback", NULL, sb.buf,
		       &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "a");
	reply_release(&r);
	/* eight levels are allowed: a filing needs three */
	strbuf_release(&sb);
	env_close(&e);
}

/* Our refusals are all JSON; libmicrohttpd answers a Content-Length it
 * cannot read itself, with its own page (no hook in 0.9.75): its status
 * is the one a client checks. */
TEST(refusals_are_json_and_keep_their_status)
{
	struct env e;
	struct reply r;
	env_open(&e);
	static const struct {
		const char *method, *path;
		int status;
	} ours[] = {
		{"GET", "/api/v1/nope", 404},
		{"DELETE", "/api/v1/units", 405},
		{"GET", "/api/v1/dossiers", 401},
		{"POST", "/api/v1/dossiers", 400},
	};
	for (size_t i = 0; i < sizeof(ours) / sizeof(*ours); i++) {
		client_request(e.port, ours[i].method, ours[i].path, NULL,
			       strcmp(ours[i].method, "POST") ? NULL : "[", &r);
		CHECK_INT(r.status, ours[i].status);
		char *type = reply_header(&r, "Content-Type");
		CHECK(type && strstr(type, "application/json"));
		CHECK(json_is_string(json_object_get(
			json_object_get(r.json, "error"), "code")));
		free(type);
		reply_release(&r);
	}
	raw_exchange(e.port,
		     "POST /api/v1/dossiers HTTP/1.1\r\nHost: 127.0.0.1\r\n"
		     "Connection: close\r\nContent-Length: -5\r\n\r\n",
		     0, &r);
	CHECK_INT(r.status, 400);
	reply_release(&r);
	env_close(&e);
}

TEST_MAIN(T(a_client_that_sends_2_mib_reads_a_json_413),
	  T(head_answers_every_get_route_without_a_body),
	  T(deep_nesting_names_the_member),
	  T(refusals_are_json_and_keep_their_status))
