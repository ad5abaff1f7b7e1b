/*
 * log.c - the access log (one JSON line per request) and the error log
 * (one JSON line per 5xx answer, with the reason kept from the client,
 * and one per message of libmicrohttpd itself).
 * Each line is one write(2) on an O_APPEND descriptor, so threads need
 * no lock; reopening (SIGHUP, for logrotate) dup2()s the new file onto
 * the same descriptor number, so a writer never sees a closed one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "http/http_int.h"

static int open_log(const char *path)
{
	return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
}

enum mc_code http_log_open(struct http_log *l, const char *access,
			   const char *error, struct mc_err *err)
{
	l->access_path = access;
	l->error_path = error;
	l->access_fd = access ? open_log(access) : -1;
	l->error_fd = error ? open_log(error) : dup(2);
	if ((access && l->access_fd < 0) || l->error_fd < 0) {
		int e = errno;
		http_log_close(l);
		return mc_fail(err, MC_ERR_IO,
			       access ? "access-log" : "error-log",
			       "%s: cannot open \"%s\": %s",
			       access ? "access-log" : "error-log",
			       access ? access : error, strerror(e));
	}
	return MC_OK;
}

static void reopen_one(int fd, const char *path)
{
	if (fd < 0 || !path)
		return;
	int nfd = open_log(path);
	if (nfd < 0)
		return; /* keep writing where we were */
	dup2(nfd, fd);
	close(nfd);
}

void http_log_reopen(struct http_log *l)
{
	reopen_one(l->access_fd, l->access_path);
	reopen_one(l->error_fd, l->error_path);
}

void http_log_close(struct http_log *l)
{
	if (l->access_fd >= 0)
		close(l->access_fd);
	if (l->error_fd >= 0)
		close(l->error_fd);
	l->access_fd = l->error_fd = -1;
}

/* "2026-12-04T03:30:00.123Z": UTC, as log collectors expect. */
static void add_time(struct strbuf *sb)
{
	struct timespec ts;
	struct tm tm;
	char buf[40];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strbuf_addf(sb, "{\"time\":\"%s.%03ldZ\"", buf, ts.tv_nsec / 1000000);
}

/* Only what names the request, never its query, body or cookies. */
static void add_request(struct strbuf *sb, struct http_req *r, uint64_t us)
{
	add_time(sb);
	strbuf_puts(sb, ",\"method\":");
	strbuf_json_string(sb, r->method ? r->method : "");
	strbuf_puts(sb, ",\"route\":");
	http_str_add(sb, r->route >= 0 ? http_routes[r->route].path : NULL);
	strbuf_addf(sb, ",\"status\":%d,\"ms\":%.3f", r->status,
		    (double)us / 1000.0);
	strbuf_puts(sb, ",\"user\":");
	http_str_add(sb, r->signed_in ? r->user.username : NULL);
	strbuf_puts(sb, ",\"unit\":");
	http_str_add(sb, r->signed_in     ? r->user.unit
			 : r->log_unit[0] ? r->log_unit
					  : NULL);
	strbuf_puts(sb, ",\"addr\":");
	strbuf_json_string(sb, http_client_addr(r));
}

static void write_line(int fd, struct strbuf *sb)
{
	strbuf_add(sb, "}\n", 2);
	if (!sb->oom && fd >= 0) {
		ssize_t n = write(fd, sb->buf, sb->len);
		(void)n; /* a full disk loses the line, not the answer */
	}
}

void http_log_library(void *cls, const char *fmt, va_list ap)
{
	struct http_server *srv = cls;
	char msg[512];
	struct strbuf sb;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	msg[strcspn(msg, "\r\n")] = '\0';
	strbuf_init(&sb);
	add_time(&sb);
	strbuf_puts(&sb, ",\"library\":");
	strbuf_json_string(&sb, msg);
	write_line(srv->log.error_fd, &sb);
	strbuf_release(&sb);
}

void http_log_request(struct http_server *srv, struct http_req *r, uint64_t us)
{
	struct http_log *l = &srv->log;
	bool failed = r->status >= 500;
	if (l->access_fd < 0 && !failed)
		return;
	struct strbuf sb;
	strbuf_init(&sb);
	add_request(&sb, r, us);
	if (l->access_fd >= 0) {
		struct strbuf line = sb;
		strbuf_init(&sb);
		strbuf_add(&sb, line.buf, line.len);
		write_line(l->access_fd, &line);
		strbuf_release(&line);
	}
	if (failed) {
		strbuf_puts(&sb, ",\"error\":");
		strbuf_json_string(&sb, r->detail[0] ? r->detail : "(none)");
		write_line(l->error_fd, &sb);
	}
	strbuf_release(&sb);
}

void http_log_refusal(struct http_req *r, const char *reason)
{
	struct strbuf sb;
	strbuf_init(&sb);
	add_request(&sb, r, http_now_us() - r->start_us);
	strbuf_puts(&sb, ",\"refused\":");
	strbuf_json_string(&sb, reason ? reason : "");
	write_line(r->srv->log.error_fd, &sb);
	strbuf_release(&sb);
}
