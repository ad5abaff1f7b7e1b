/*
 * server.c - libmicrohttpd glue: start and stop the daemon, read each
 * request's body under the size limit, hand the complete request to the
 * router, and free everything the request owned in the completed
 * callback (so a request cannot leak, whatever path it took).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/files.h"
#include "app/pki.h"
#include "http/http_int.h"

/* Per-connection memory for the request line, headers and MHD's read
 * and write buffers (larger headers answer 431 from MHD itself). */
#define HTTP_CONN_MEMORY ((size_t)16 * 1024)

void http_addr_text(const struct sockaddr *sa, char *out, size_t size)
{
	snprintf(out, size, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
			  out, (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
			  &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  (socklen_t)size);
}

/* The last address of X-Forwarded-For: the one the trusted proxy added
 * itself (those before it are the client's word). */
static bool forwarded_for(struct http_req *r, char *out, size_t size)
{
	const char *xff = http_value(r, MHD_HEADER_KIND, "X-Forwarded-For");
	if (!xff)
		return false;
	const char *last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	last += strspn(last, " \t");
	size_t n = strcspn(last, " \t");
	char buf[64];
	unsigned char bin[16];
	if (!n || n >= sizeof(buf))
		return false;
	memcpy(buf, last, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, bin) != 1 &&
	    inet_pton(AF_INET6, buf, bin) != 1)
		return false;
	snprintf(out, size, "%s", buf);
	return true;
}

/* Looked up on demand (a login's throttle, the log): the peer, or what
 * the configured proxy says the peer was. */
const char *http_client_addr(struct http_req *r)
{
	if (r->client[0])
		return r->client;
	if (!r->conn) { /* offline.c: no peer */
		snprintf(r->client, sizeof(r->client), "offline");
		return r->client;
	}
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	http_addr_text(ci ? ci->client_addr : NULL, r->client,
		       sizeof(r->client));
	const char *proxy = r->srv->cfg.trusted_proxy;
	if (proxy && strcmp(proxy, r->client) == 0)
		forwarded_for(r, r->client, sizeof(r->client));
	return r->client;
}

static struct http_req *req_new(struct http_server *srv,
				struct MHD_Connection *conn, const char *method,
				const char *url)
{
	struct http_req *r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->srv = srv;
	r->conn = conn;
	r->method = method;
	r->url = url;
	r->route = -1;
	r->start_us = http_now_us();
	strbuf_init(&r->body);
	atomic_fetch_add(&srv->in_flight, 1);
	return r;
}

static enum MHD_Result queue(struct http_req *r)
{
	if (!r->resp)
		http_reply_error(r, 500, "internal_error", "",
				 "the handler gave no answer");
	if (!r->resp)
		return MHD_NO;
	return MHD_queue_response(r->conn, (unsigned)r->status, r->resp);
}

/* A body over the limit is read and dropped up to this much, so that a
 * client that sends it all before reading its answer gets the 413
 * rather than a reset connection; past it the 413 goes out at once and
 * the connection is closed. */
#define HTTP_DRAIN_MAX ((size_t)8 << 20)

/* Over the limit: keep reading (and dropping) so the client sees the 413
 * rather than a reset connection. */
static void take_body(struct http_req *r, const char *data, size_t *size)
{
	r->seen += *size;
	if (!r->too_large && r->body.len + *size > r->srv->cfg.max_body)
		r->too_large = true;
	if (!r->too_large)
		strbuf_add(&r->body, data, *size);
	*size = 0;
}

/* The Content-Length MHD accepted (0 when none). */
static unsigned long long declared_length(struct http_req *r)
{
	const char *cl = MHD_lookup_connection_value(
		r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	return cl ? strtoull(cl, NULL, 10) : 0;
}

/* Past the drain limit the rest of the body is not read: say that the
 * connection ends here, so the client stops sending. */
static void too_large_reply(struct http_req *r)
{
	http_reply_error(r, 413, "too_large", "body",
			 "body: the request body is over %zu bytes",
			 r->srv->cfg.max_body);
	if (r->seen > HTTP_DRAIN_MAX || declared_length(r) > HTTP_DRAIN_MAX)
		http_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
}

/* A request that arrived as the server began to stop changes nothing. */
static void stopping_reply(struct http_req *r)
{
	http_reply_error(r, 503, "unavailable", "",
			 "the server is stopping; try again");
	http_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	struct http_req *r = *con_cls;
	bool early = false;
	if (!r) {
		r = req_new(cls, conn, method, url);
		if (!r)
			return MHD_NO;
		*con_cls = r;
		/* counted in flight (req_new) before looking at the flag, so
		 * either the stop waits for this request or it is refused */
		unsigned long long length = declared_length(r);
		if (atomic_load(&r->srv->stopping))
			r->refused = true;
		else if (http_dispatch_stream(r)) {
			if (!r->resp)
				return MHD_YES; /* to the document store */
			/* refused before its body: not read at all */
			http_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
			http_conn_reading(conn, false);
			return queue(r);
		} else if (length <= r->srv->cfg.max_body)
			return MHD_YES;
		else
			r->too_large = true;
		if (r->too_large && length <= HTTP_DRAIN_MAX)
			return MHD_YES; /* read and dropped, then answered */
	} else if (r->resp) {
		*upload_size = 0; /* answered past the drain limit */
		return MHD_YES;
	} else if (*upload_size && r->stream) {
		r->seen += *upload_size;
		bool going = http_stream_data(r, upload, *upload_size);
		*upload_size = 0;
		if (going || r->seen <= HTTP_DRAIN_MAX)
			return MHD_YES; /* a failure is answered at the end */
		early = true; /* past the drain limit: answered now */
	} else if (*upload_size) {
		take_body(r, upload, upload_size);
		if (r->seen <= HTTP_DRAIN_MAX)
			return MHD_YES;
	}
	/* the whole request is in: answering is not bound by the deadline */
	http_conn_reading(conn, false);
	if (r->refused)
		stopping_reply(r);
	else if (r->too_large)
		too_large_reply(r);
	else if (r->body.oom)
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
	else
		http_dispatch(r);
	if (early)
		http_add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)toe;
	struct http_server *srv = cls;
	struct http_req *r = *con_cls;
	if (!r)
		return;
	uint64_t us = http_now_us() - r->start_us;
	http_metrics_record(&srv->metrics, r->route, r->status, us);
	http_log_request(srv, r, us);
	/* a kept-alive connection waits for its next request: the deadline
	 * runs from here */
	if (conn)
		http_conn_reading(conn, true);
	if (r->resp)
		MHD_destroy_response(r->resp);
	http_stream_free(r);
	strbuf_release(&r->body);
	free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
}

static enum mc_code parse_listen(const char *s, struct sockaddr_in *sa,
				 struct mc_err *err)
{
	char host[64];
	const char *colon = strrchr(s, ':');
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	char *end;
	long port = colon ? strtol(colon + 1, &end, 10) : -1;
	if (!colon || (size_t)(colon - s) >= sizeof(host) || *end ||
	    colon[1] == '\0' || port < 0 || port > 65535)
		return mc_fail(err, MC_ERR_INPUT, "listen",
			       "listen: \"%s\" is not HOST:PORT", s);
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return mc_fail(err, MC_ERR_INPUT, "listen",
			       "listen: \"%s\" is not an IPv4 address", host);
	sa->sin_port = htons((uint16_t)port);
	return MC_OK;
}

static void defaults(struct http_config *c)
{
	if (!c->listen)
		c->listen = "127.0.0.1:8080";
	if (!c->threads)
		c->threads = 4;
	if (!c->max_conns)
		c->max_conns = 256;
	if (!c->max_body)
		c->max_body = (size_t)1 << 20;
	if (!c->login_account_tries)
		c->login_account_tries = 5;
	if (!c->login_address_tries)
		c->login_address_tries = 20;
	if (!c->filings_per_address)
		c->filings_per_address = 30;
	if (!c->filings_per_unit)
		c->filings_per_unit = 2000;
	if (!c->conns_per_address)
		c->conns_per_address = 32;
	if (!c->request_deadline)
		c->request_deadline = 30;
	if (!c->uploads_per_address)
		c->uploads_per_address = 120;
}

static enum mc_code start_daemon(struct http_server *srv,
				 const struct sockaddr_in *sa,
				 struct mc_err *err)
{
	srv->daemon = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG,
		0, http_accept_policy, srv, on_request, srv,
		/* first, so that MHD's start-up messages come here too */
		MHD_OPTION_EXTERNAL_LOGGER, http_log_library, srv,
		MHD_OPTION_NOTIFY_CONNECTION, http_conn_notify, srv,
		MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
		MHD_OPTION_THREAD_POOL_SIZE, srv->cfg.threads,
		MHD_OPTION_CONNECTION_LIMIT, srv->cfg.max_conns,
		/* headers and MHD's own buffers; bodies go to our strbuf,
		 * so this does not bound them. MHD clears the whole pool
		 * after every request: 64 KiB cost a 64 KiB memset each. */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, HTTP_CONN_MEMORY,
		MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, srv, MHD_OPTION_END);
	if (!srv->daemon)
		return mc_fail(err, MC_ERR_IO, "listen",
			       "listen: cannot serve on %s", srv->cfg.listen);
	const union MHD_DaemonInfo *di =
		MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : ntohs(sa->sin_port);
	return MC_OK;
}

/* Undo http_server_start from wherever it got to. */
static void server_free(struct http_server *srv, bool guarded)
{
	http_pool_close(&srv->pool);
	if (guarded)
		http_limits_stop(srv);
	http_log_close(&srv->log);
	http_metrics_release(&srv->metrics);
	free(srv);
}

static enum mc_code open_pool(struct http_server *srv, struct mc_err *err)
{
	enum mc_code rc = http_pool_open(&srv->pool, srv->cfg.db_path,
					 srv->cfg.threads, srv->cfg.now, err);
	for (unsigned i = 0; !rc && srv->cfg.busy_ms && i < srv->pool.n; i++)
		app_busy_timeout(&srv->pool.apps[i], srv->cfg.busy_ms);
	char dir[4096];
	if (srv->cfg.files_dir)
		snprintf(dir, sizeof(dir), "%s", srv->cfg.files_dir);
	else
		snprintf(dir, sizeof(dir), "%s.files", srv->cfg.db_path);
	/* a store per handle: libmagic's is one thread's at a time */
	for (unsigned i = 0; !rc && i < srv->pool.n; i++) {
		struct app *app = &srv->pool.apps[i];
		if (!(rc = app_files_open(app, dir, err)))
			app_files_limits(app, srv->cfg.max_file,
					 srv->cfg.max_dossier);
	}
	for (unsigned i = 0; !rc && srv->cfg.pki_dir && i < srv->pool.n; i++)
		rc = app_pki_open(&srv->pool.apps[i], srv->cfg.pki_dir, false,
				  err);
	return rc;
}

enum mc_code http_server_start(const struct http_config *cfg,
			       struct http_server **out, struct mc_err *err)
{
	*out = NULL;
	struct http_server *srv = calloc(1, sizeof(*srv));
	if (!srv)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	srv->log.access_fd = srv->log.error_fd = -1;
	srv->cfg = *cfg;
	defaults(&srv->cfg);
	struct sockaddr_in sa;
	enum mc_code rc = parse_listen(srv->cfg.listen, &sa, err);
	if (!rc)
		rc = account_dummy_hash(srv->dummy_hash, err);
	if (!rc && !http_metrics_init(&srv->metrics, http_n_routes))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc)
		rc = http_log_open(&srv->log, srv->cfg.access_log,
				   srv->cfg.error_log, err);
	if (rc) {
		server_free(srv, false);
		return rc;
	}
	if (!http_limits_start(srv)) {
		server_free(srv, false);
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	if ((rc = open_pool(srv, err)) || (rc = start_daemon(srv, &sa, err))) {
		server_free(srv, true);
		return rc;
	}
	*out = srv;
	return MC_OK;
}

uint16_t http_server_port(const struct http_server *srv) { return srv->port; }

void http_server_reopen_logs(struct http_server *srv)
{
	http_log_reopen(&srv->log);
}

void http_server_stop(struct http_server *srv, int timeout_ms)
{
	if (!srv)
		return;
	/* set before in_flight is read: a request that MHD had accepted but
	 * not yet handed to us is then refused rather than run while the
	 * daemon stops under it (committed, its answer lost) */
	atomic_store(&srv->stopping, true);
	MHD_socket fd = MHD_quiesce_daemon(srv->daemon);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
	/* Requests already being read or answered finish; idle keep-alive
	 * connections are closed by MHD_stop_daemon. */
	for (int waited = 0;
	     atomic_load(&srv->in_flight) > 0 && waited < timeout_ms;
	     waited += 10)
		usleep(10 * 1000);
	MHD_stop_daemon(srv->daemon);
	server_free(srv, true);
}
