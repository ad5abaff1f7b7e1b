/*
 * server.h - the HTTP server (libmicrohttpd, epoll, a thread pool): the
 * JSON API under /api/v1, its OpenAPI document and /metrics. See
 * docs/internals/http.md.
 *
 * The server owns one application handle (struct app, its own store
 * connection) per worker thread; handles are never shared between
 * threads at the same time.
 */
#ifndef MC_HTTP_SERVER_H
#define MC_HTTP_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Startup configuration: the only state the server does not own. */
struct http_config {
	const char *db_path;
	const char *listen;   /* "127.0.0.1:8080"; port 0 picks a free one */
	unsigned threads;     /* worker threads, 0: 4 */
	unsigned max_conns;   /* 0: 256 */
	size_t max_body;      /* 0: 1 MiB; larger bodies get 413 */
	const char *web_root; /* the pages (web/); NULL: "web" */
	/* who is asking: X-Forwarded-For is believed only from this peer
	 * (the TLS proxy's address); NULL: never */
	const char *trusted_proxy;
	/* failed logins before the backoff starts: per account (0: 5) and
	 * per address (0: 20) */
	unsigned login_account_tries, login_address_tries;
	/* the moment every handle takes as now (tests, $MOTCUA_NOW; see
	 * app_now); 0: the clock */
	int64_t now;
	/* flooding (docs/internals/http.md): anonymous writes (filings,
	 * ratings, feedback) per address per hour (0: 30); anonymous
	 * filings per unit per day (0: 2,000; the counter is not bound);
	 * connections per address (0: 32; not the trusted proxy); seconds
	 * for a request's headers and body from its first byte (0: 30) */
	unsigned filings_per_address, filings_per_unit;
	unsigned conns_per_address, request_deadline;
	/* logs: one JSON line per request (NULL: none), and one per 5xx
	 * answer with its reason (NULL: standard error) */
	const char *access_log, *error_log;
	int busy_ms; /* a write's wait for the lock (0: STORE_BUSY_MS) */
	/* the document store (NULL: DB.files) and its limits in bytes per
	 * file and per dossier (0: 20 MiB, 100 MiB); anonymous uploads
	 * (an upload opened, a file sent) per address per hour (0: 120) */
	const char *files_dir;
	int64_t max_file, max_dossier;
	unsigned uploads_per_address;
	/* the units' signing keys (docs/internals/pki.md); NULL: none, so
	 * results cannot be signed and /verify answers 409 */
	const char *pki_dir;
	/* the address citizens reach the pages at (https://...), for the
	 * QR codes printed on forms; NULL: as each request reached us */
	const char *public_url;
};

struct http_server;

enum mc_code http_server_start(const struct http_config *cfg,
			       struct http_server **out, struct mc_err *err);
/* Reopen the log files by name (after logrotate moved them: SIGHUP). */
void http_server_reopen_logs(struct http_server *srv);
/* The port actually bound. */
uint16_t http_server_port(const struct http_server *srv);
/* Stop accepting, wait (up to timeout_ms) for the requests in flight to
 * finish, stop the threads, close every database handle, free srv. */
void http_server_stop(struct http_server *srv, int timeout_ms);

#endif
