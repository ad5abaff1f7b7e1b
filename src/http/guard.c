/*
 * guard.c - what one client may hold or send: connections per address
 * (MHD's accept policy), a deadline for each request's headers and body
 * that trickled bytes do not extend (a watchdog thread), and anonymous
 * writes per address per hour (a table of fixed windows). See "Flooding"
 * in docs/internals/http.md.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "http/http_int.h"

/* How often the watchdog looks (the deadline is kept to about this). */
#define WATCH_MS 100
/* The rate table: slots, and how far a key looks for its slot. */
#define RATE_SLOTS 4096
#define RATE_PROBE 16

uint64_t http_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000;
}

/* ---- connections and their deadline -------------------------------------- */

struct http_conn {
	struct http_conn *prev, *next;
	int fd;
	bool cut;
	char addr[64];
	/* when the request being read began (monotonic µs); 0 while a
	 * request is being answered, which the deadline does not bound */
	atomic_ullong reading_since;
};

static unsigned count_addr(struct http_limits *l, const char *addr)
{
	unsigned n = 0;
	for (struct http_conn *c = l->conns; c; c = c->next)
		n += strcmp(c->addr, addr) == 0;
	return n;
}

enum MHD_Result http_accept_policy(void *cls, const struct sockaddr *sa,
				   socklen_t len)
{
	(void)len;
	struct http_server *srv = cls;
	struct http_limits *l = &srv->limits;
	char addr[64];
	http_addr_text(sa, addr, sizeof(addr));
	const char *proxy = srv->cfg.trusted_proxy;
	if (proxy && strcmp(proxy, addr) == 0)
		return MHD_YES; /* many clients behind one address */
	pthread_mutex_lock(&l->lock);
	bool ok = count_addr(l, addr) < srv->cfg.conns_per_address;
	pthread_mutex_unlock(&l->lock);
	if (!ok)
		http_metrics_event(&srv->metrics, HTTP_EV_CONN_REFUSED);
	return ok ? MHD_YES : MHD_NO;
}

static struct http_conn *conn_new(struct MHD_Connection *conn)
{
	struct http_conn *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	const union MHD_ConnectionInfo *fd = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	const union MHD_ConnectionInfo *ca = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	c->fd = fd ? fd->connect_fd : -1;
	http_addr_text(ca ? ca->client_addr : NULL, c->addr, sizeof(c->addr));
	atomic_init(&c->reading_since, http_now_us());
	return c;
}

/* MHD calls CLOSED before it closes the socket, under no lock of ours:
 * taking ours here means the watchdog never shuts down a socket number
 * that a new connection has already reused. */
void http_conn_notify(void *cls, struct MHD_Connection *conn, void **ctx,
		      enum MHD_ConnectionNotificationCode code)
{
	struct http_limits *l = &((struct http_server *)cls)->limits;
	struct http_conn *c = *ctx;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		if (!(c = conn_new(conn)))
			return;
		pthread_mutex_lock(&l->lock);
		c->next = l->conns;
		if (l->conns)
			l->conns->prev = c;
		l->conns = c;
		pthread_mutex_unlock(&l->lock);
		*ctx = c;
		return;
	}
	if (!c)
		return;
	pthread_mutex_lock(&l->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		l->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&l->lock);
	free(c);
	*ctx = NULL;
}

static struct http_conn *conn_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(
		conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

void http_conn_reading(struct MHD_Connection *conn, bool reading)
{
	struct http_conn *c = conn_of(conn);
	if (c)
		atomic_store(&c->reading_since, reading ? http_now_us() : 0);
}

/* Shut down (not close: MHD owns the descriptor) every socket whose
 * request has been arriving for longer than the deadline. */
static void cut_late(struct http_server *srv, uint64_t now)
{
	struct http_limits *l = &srv->limits;
	uint64_t deadline = (uint64_t)srv->cfg.request_deadline * 1000000u;
	for (struct http_conn *c = l->conns; c; c = c->next) {
		uint64_t since = atomic_load(&c->reading_since);
		if (c->cut || !since || now - since <= deadline || c->fd < 0)
			continue;
		shutdown(c->fd, SHUT_RDWR);
		c->cut = true;
		http_metrics_event(&srv->metrics, HTTP_EV_DEADLINE_CUT);
	}
}

static void *watchdog(void *arg)
{
	struct http_server *srv = arg;
	struct http_limits *l = &srv->limits;
	pthread_mutex_lock(&l->lock);
	while (!l->stop) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += WATCH_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&l->wake, &l->lock, &ts);
		cut_late(srv, http_now_us());
	}
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

/* ---- anonymous writes per address ------------------------------------------
 */

struct rate_slot {
	char key[64];
	int64_t start; /* the window's start; 0: free */
	unsigned n;
};

static size_t key_hash(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The key's slot: its own, else a free or expired one, else the oldest
 * within reach (an address flooding the table forgets others' counts
 * sooner, not its own). */
static struct rate_slot *rate_slot(struct http_limits *l, const char *key,
				   int64_t now, int64_t period)
{
	size_t h = key_hash(key);
	struct rate_slot *pick = NULL;
	for (size_t i = 0; i < RATE_PROBE; i++) {
		struct rate_slot *s = &l->rates[(h + i) % RATE_SLOTS];
		if (s->start && strcmp(s->key, key) == 0)
			return s;
		bool stale = !s->start || s->start + period <= now;
		if (!pick || (stale && pick->start) ||
		    (!stale && pick->start && s->start < pick->start))
			pick = s;
	}
	snprintf(pick->key, sizeof(pick->key), "%s", key);
	pick->start = 0;
	return pick;
}

/* Take one of `limit` per hour for key; the seconds to wait when none
 * is left, else 0. */
static int64_t rate_take(struct http_req *r, const char *key, unsigned limit)
{
	struct http_limits *l = &r->srv->limits;
	const int64_t period = 3600;
	int64_t now = (int64_t)time(NULL), wait = 0;
	pthread_mutex_lock(&l->lock);
	struct rate_slot *s = rate_slot(l, key, now, period);
	if (!s->start || s->start + period <= now) {
		s->start = now;
		s->n = 0;
	}
	if (s->n < limit)
		s->n++;
	else
		wait = s->start + period - now;
	pthread_mutex_unlock(&l->lock);
	if (wait)
		http_metrics_event(&r->srv->metrics, HTTP_EV_WRITE_LIMITED);
	return wait;
}

bool http_anon_write_ok(struct http_req *r)
{
	unsigned limit = r->srv->cfg.filings_per_address;
	int64_t wait = rate_take(r, http_client_addr(r), limit);
	if (!wait)
		return true;
	r->reason = "write_limited";
	http_reply_retry(r, 429, "too_many_requests", "", wait,
			 "this address has sent %u filings, ratings or "
			 "feedback within the hour; try again in %lld seconds",
			 limit, (long long)wait);
	return false;
}

bool http_anon_upload_ok(struct http_req *r)
{
	char key[80];
	unsigned limit = r->srv->cfg.uploads_per_address;
	snprintf(key, sizeof(key), "upload %s", http_client_addr(r));
	int64_t wait = rate_take(r, key, limit);
	if (!wait)
		return true;
	r->reason = "upload_limited";
	http_reply_retry(r, 429, "too_many_requests", "", wait,
			 "this address has sent %u uploads within the hour; "
			 "try again in %lld seconds",
			 limit, (long long)wait);
	return false;
}

/* ---- lifetime ------------------------------------------------------------ */

bool http_limits_start(struct http_server *srv)
{
	struct http_limits *l = &srv->limits;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->wake, NULL);
	l->rates = calloc(RATE_SLOTS, sizeof(*l->rates));
	if (!l->rates || pthread_create(&l->watchdog, NULL, watchdog, srv)) {
		free(l->rates);
		pthread_cond_destroy(&l->wake);
		pthread_mutex_destroy(&l->lock);
		return false;
	}
	return true;
}

/* After MHD_stop_daemon: every connection has been notified closed. */
void http_limits_stop(struct http_server *srv)
{
	struct http_limits *l = &srv->limits;
	pthread_mutex_lock(&l->lock);
	l->stop = true;
	pthread_cond_signal(&l->wake);
	pthread_mutex_unlock(&l->lock);
	pthread_join(l->watchdog, NULL);
	free(l->rates);
	pthread_cond_destroy(&l->wake);
	pthread_mutex_destroy(&l->lock);
}
