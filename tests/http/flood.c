/*
 * flood.c - what one client may take: anonymous filings per address and
 * per unit (the counter keeps receiving), numbers past 9,999, half-sent
 * requests from one address (another client is still served), and a
 * request trickled a byte at a time (cut at the deadline).
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/time.h>

#include "env.h"
#include "test.h"

#define FILING_AT(unit)                                            \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" unit "\","     \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"
#define FILING FILING_AT(DISTRICT)
#define COUNTER_FILING                                                       \
	"{\"decision\":\"accept\",\"filing\":{\"MaTTHC\":\"1.000001\","      \
	"\"DonViXuLy\":\"" DISTRICT "\",\"KenhThucHien\":\"1\","             \
	"\"ChuHoSo\":\"Trần Bình\",\"SoGiayToChuHoSo\":\"079190000001\"," \
	"\"LoaiDoiTuong\":\"1\"}}"

static int post_from(struct env *e, const char *src, const char *path,
		     const struct session *s, const char *body, char **code,
		     char **retry)
{
	struct reply r;
	client_request_from(e->port, src, "POST", path, s ? s->headers : NULL,
			    body, &r);
	int st = r.status;
	if (code) {
		const char *c =
			json_string_value(json_object_get(r.json, "code"));
		if (!c)
			c = json_string_value(json_object_get(
				json_object_get(r.json, "error"), "field"));
		*code = c ? strdup(c) : NULL;
	}
	if (retry)
		*retry = reply_header(&r, "Retry-After");
	reply_release(&r);
	return st;
}

TEST(anonymous_writes_are_limited_per_address)
{
	struct env e;
	struct session clerk;
	char *retry = NULL, *field = NULL;
	env_open_with(&e, (struct http_config){.filings_per_address = 3});
	env_login(&e, "clerk31", &clerk);
	for (int i = 0; i < 3; i++)
		CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers", NULL,
				    FILING, NULL, NULL),
			  201);
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers", NULL, FILING,
			    NULL, &retry),
		  429);
	CHECK(retry && atoi(retry) > 0 && atoi(retry) <= 3600);
	free(retry);
	/* feedback shares the address's budget */
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/public/feedback", NULL,
			    "{\"text\":\"x\",\"unit\":\"" DISTRICT "\"}", NULL,
			    NULL),
		  429);
	/* another address files; the counter receives from the same one */
	CHECK_INT(post_from(&e, "127.0.0.3", "/api/v1/dossiers", NULL, FILING,
			    NULL, NULL),
		  201);
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, NULL, NULL),
		  201);
	int64_t counts[11];
	struct mc_err err;
	CHECK(!store_dossier_count_by_status(e.f.app.st, counts, &err));
	CHECK_INT(counts[1], 4); /* the refused filing stored nothing */
	CHECK_INT(counts[2], 1);
	(void)field;
	env_close(&e);
}

TEST(a_unit_s_online_share_leaves_the_counter)
{
	struct env e;
	struct session clerk;
	char *retry = NULL, *field = NULL, *code = NULL;
	env_open_with(&e, (struct http_config){.filings_per_unit = 3});
	env_login(&e, "clerk31", &clerk);
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, NULL, NULL),
		  201);
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers", NULL, FILING,
			    NULL, NULL),
		  201);
	CHECK_INT(post_from(&e, "127.0.0.3", "/api/v1/dossiers", NULL, FILING,
			    NULL, NULL),
		  201);
	CHECK_INT(post_from(&e, "127.0.0.4", "/api/v1/dossiers", NULL, FILING,
			    NULL, NULL),
		  201);
	/* three online filings numbered today: the share is used */
	CHECK_INT(post_from(&e, "127.0.0.5", "/api/v1/dossiers", NULL, FILING,
			    &field, &retry),
		  429);
	CHECK_STR(field, "DonViXuLy");
	CHECK(retry && atoi(retry) > 0 && atoi(retry) <= 86400);
	free(field);
	free(retry);
	/* the counter still receives, and another unit still files */
	CHECK_INT(post_from(&e, "127.0.0.5", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, &code, NULL),
		  201);
	CHECK(code && strstr(code, "-0005"));
	free(code);
	CHECK_INT(post_from(&e, "127.0.0.5", "/api/v1/dossiers", NULL,
			    FILING_AT(COMMUNE), NULL, NULL),
		  201);
	env_close(&e);
}

TEST(a_refused_filing_gives_its_share_back)
{
	struct env e;
	env_open_with(&e, (struct http_config){.filings_per_unit = 1});
	/* the unit's one online filing of the day, on a procedure that is
	 * not in the catalogue: refused, so the share is not used */
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers", NULL,
			    "{\"MaTTHC\":\"9.999999\",\"DonViXuLy\":\"" DISTRICT
			    "\",\"KenhThucHien\":\"2\",\"ChuHoSo\":\"An\","
			    "\"SoGiayToChuHoSo\":\"001090012345\","
			    "\"LoaiDoiTuong\":\"1\"}",
			    NULL, NULL),
		  404);
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers", NULL, FILING,
			    NULL, NULL),
		  201);
	CHECK_INT(post_from(&e, "127.0.0.2", "/api/v1/dossiers", NULL, FILING,
			    NULL, NULL),
		  429);
	env_close(&e);
}

/* Set the unit's last number of today straight in the database. */
static void set_last_number(struct env *e, const char *unit, int last)
{
	sqlite3 *db;
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "INSERT OR REPLACE INTO dossier_counters VALUES('%s', %lld, "
		 "%d)",
		 unit, (long long)civil_local_day((int64_t)time(NULL)), last);
	CHECK(sqlite3_open(e->f.db, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK);
	sqlite3_close(db);
}

TEST(numbers_go_on_past_9999)
{
	struct env e;
	struct session clerk;
	char *code = NULL;
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	set_last_number(&e, DISTRICT, 9998);
	CHECK_INT(post_from(&e, "127.0.0.1", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, &code, NULL),
		  201);
	CHECK(code && strlen(code) > 5 &&
	      strcmp(code + strlen(code) - 5, "-9999") == 0);
	free(code);
	CHECK_INT(post_from(&e, "127.0.0.1", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, &code, NULL),
		  201);
	CHECK(code && strlen(code) > 6 &&
	      strcmp(code + strlen(code) - 6, "-10000") == 0);
	/* the five-digit code is tracked like any other */
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s", code ? code : "");
	struct reply r;
	client_request(e.port, "GET", path, clerk.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	free(code);
	/* the last number the format allows, then a clear refusal */
	set_last_number(&e, DISTRICT, 99998);
	CHECK_INT(post_from(&e, "127.0.0.1", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, NULL, NULL),
		  201);
	CHECK_INT(post_from(&e, "127.0.0.1", "/api/v1/dossiers/receive", &clerk,
			    COUNTER_FILING, &code, NULL),
		  422);
	CHECK_STR(code, "DonViXuLy");
	free(code);
	env_close(&e);
}

/* A connection from src that sent the start of a request and waits. */
static int half_sent(unsigned port, const char *src)
{
	int fd = client_connect_from(port, src);
	static const char part[] = "POST /api/v1/dossiers HTTP/1.1\r\n"
				   "Host: 127.0.0.1\r\nContent-Le";
	if (fd >= 0 && send(fd, part, sizeof(part) - 1, MSG_NOSIGNAL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Whether a GET from 127.0.0.1 is answered 200 while others hang. The
 * bound (15 s) is below MHD's 30 s idle timeout, which would otherwise
 * free the slots and hide a server that let them be taken. */
static bool served(unsigned port)
{
	int fd = client_connect(port);
	struct timeval tv = {15, 0};
	static const char req[] =
		"GET /api/v1/units HTTP/1.1\r\n"
		"Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
	char buf[32] = "";
	if (fd < 0)
		return false;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	bool ok = send(fd, req, sizeof(req) - 1, MSG_NOSIGNAL) > 0 &&
		  recv(fd, buf, sizeof(buf) - 1, 0) > 12 &&
		  strncmp(buf, "HTTP/1.1 200", 12) == 0;
	close(fd);
	return ok;
}

TEST(half_sent_requests_from_one_address_leave_room)
{
	enum { N = 40 };
	struct env e;
	int fds[N];
	env_open_with(&e, (struct http_config){.max_conns = 32,
					       .conns_per_address = 8});
	for (int i = 0; i < N; i++)
		fds[i] = half_sent(e.port, "127.0.0.2");
	/* another client is served while they hang */
	CHECK(served(e.port));
	/* all but 8 of them were refused (a few more may slip in while
	 * the worker threads accept at once) */
	CHECK(env_event(&e, "connection_refused") >= N - 8 - 2);
	for (int i = 0; i < N; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	env_close(&e);
}

/* Send text a byte every 100 ms; whether the server cut the connection
 * before the last byte went (a read of 0 or a failed send). */
static bool trickle(int fd, const char *text)
{
	for (const char *p = text; *p; p++) {
		char buf[256];
		struct timespec pause = {0, 100 * 1000000L};
		if (send(fd, p, 1, MSG_NOSIGNAL) != 1)
			return true;
		nanosleep(&pause, NULL);
		ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n == 0 ||
		    (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			return true;
		if (n > 0)
			return false; /* answered: not cut */
	}
	return false;
}

TEST(a_trickled_request_is_cut_at_the_deadline)
{
	struct env e;
	env_open_with(&e, (struct http_config){.request_deadline = 1});
	/* headers: 60 bytes at 10 a second take 6 s, the deadline is 1 s */
	int fd = client_connect(e.port);
	CHECK(fd >= 0);
	CHECK(trickle(fd, "GET /api/v1/units HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			  "X-Slow: aaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"));
	close(fd);
	/* a body: the headers arrive at once, the body a byte at a time */
	fd = client_connect(e.port);
	static const char head[] = "POST /api/v1/dossiers HTTP/1.1\r\n"
				   "Host: 127.0.0.1\r\nContent-Length: 60\r\n"
				   "Content-Type: application/json\r\n\r\n";
	CHECK(send(fd, head, sizeof(head) - 1, MSG_NOSIGNAL) > 0);
	CHECK(trickle(fd,
		      "{\"MaTTHC\":\"1.000001\",\"ChuHoSo\":\"aaaaaaaaaaaaaa"
		      "aaaaaaaaaaa\"}"));
	close(fd);
	CHECK(env_event(&e, "deadline_cut") == 2);
	/* an ordinary request is not cut */
	struct reply r;
	CHECK(client_request(e.port, "GET", "/api/v1/units", NULL, NULL, &r) ==
	      0);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	env_close(&e);
}

TEST_MAIN(T(anonymous_writes_are_limited_per_address),
	  T(a_unit_s_online_share_leaves_the_counter),
	  T(a_refused_filing_gives_its_share_back), T(numbers_go_on_past_9999),
	  T(half_sent_requests_from_one_address_leave_room),
	  T(a_trickled_request_is_cut_at_the_deadline))
