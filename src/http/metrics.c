/*
 * metrics.c - request counters by route and status and a latency
 * histogram, lock-free (atomics), for GET /metrics.
 */
#include <stdlib.h>

#include "http/http_int.h"

static const int statuses[HTTP_N_STATUS] = {
	200, 201, 400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 503, 0,
};
/* upper bounds in microseconds; the last bucket is +Inf */
static const uint64_t bucket_us[HTTP_N_BUCKETS] = {
	250,   500,   1000,   2500,   5000,    10000,
	25000, 50000, 100000, 250000, 1000000, 5000000,
};

bool http_metrics_init(struct http_metrics *m, size_t n_routes)
{
	m->n_routes = n_routes;
	m->requests =
		calloc((n_routes + 1) * HTTP_N_STATUS, sizeof(*m->requests));
	return m->requests != NULL;
}

void http_metrics_release(struct http_metrics *m)
{
	free(m->requests);
	m->requests = NULL;
}

static int status_slot(int status)
{
	for (int i = 0; i < HTTP_N_STATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return HTTP_N_STATUS - 1;
}

void http_metrics_record(struct http_metrics *m, int route, int status,
			 uint64_t micros)
{
	size_t row = route < 0 ? m->n_routes : (size_t)route;
	atomic_fetch_add(
		&m->requests[row * HTTP_N_STATUS + (size_t)status_slot(status)],
		1);
	int b = 0;
	while (b < HTTP_N_BUCKETS && micros > bucket_us[b])
		b++;
	atomic_fetch_add(&m->buckets[b], 1);
	atomic_fetch_add(&m->count, 1);
	atomic_fetch_add(&m->sum_us, micros);
}

void http_metrics_event(struct http_metrics *m, enum http_event ev)
{
	atomic_fetch_add(&m->events[ev], 1);
}

static void events_text(const struct http_metrics *m, struct strbuf *sb)
{
	static const char *const names[HTTP_N_EVENTS] = {
		"password_check", "secret_check", "login_throttled",
		"write_limited",  "share_used",   "connection_refused",
		"deadline_cut",
	};
	strbuf_puts(sb, "# HELP motcua_http_events_total What the server's "
			"defences did.\n"
			"# TYPE motcua_http_events_total counter\n");
	for (int e = 0; e < HTTP_N_EVENTS; e++)
		strbuf_addf(sb, "motcua_http_events_total{event=\"%s\"} %lu\n",
			    names[e], atomic_load(&m->events[e]));
}

static void requests_text(const struct http_metrics *m, struct strbuf *sb)
{
	strbuf_puts(sb, "# HELP motcua_http_requests_total HTTP requests by "
			"route and status.\n"
			"# TYPE motcua_http_requests_total counter\n");
	for (size_t r = 0; r <= m->n_routes; r++) {
		for (int s = 0; s < HTTP_N_STATUS; s++) {
			unsigned long n = atomic_load(
				&m->requests[r * HTTP_N_STATUS + (size_t)s]);
			if (!n)
				continue;
			if (r < m->n_routes)
				strbuf_addf(sb,
					    "motcua_http_requests_total{"
					    "route=\"%s %s\",",
					    http_routes[r].method,
					    http_routes[r].path);
			else
				strbuf_puts(sb, "motcua_http_requests_total{"
						"route=\"unmatched\",");
			if (statuses[s])
				strbuf_addf(sb, "status=\"%d\"} %lu\n",
					    statuses[s], n);
			else
				strbuf_addf(sb, "status=\"other\"} %lu\n", n);
		}
	}
}

void http_metrics_text(const struct http_metrics *m, struct strbuf *sb)
{
	requests_text(m, sb);
	strbuf_puts(sb, "# HELP motcua_http_request_duration_seconds Time "
			"from request to answer.\n"
			"# TYPE motcua_http_request_duration_seconds "
			"histogram\n");
	unsigned long cum = 0;
	for (int b = 0; b <= HTTP_N_BUCKETS; b++) {
		cum += atomic_load(&m->buckets[b]);
		if (b < HTTP_N_BUCKETS)
			strbuf_addf(sb,
				    "motcua_http_request_duration_seconds"
				    "_bucket{le=\"%g\"} %lu\n",
				    (double)bucket_us[b] / 1e6, cum);
		else
			strbuf_addf(sb,
				    "motcua_http_request_duration_seconds"
				    "_bucket{le=\"+Inf\"} %lu\n",
				    cum);
	}
	strbuf_addf(sb,
		    "motcua_http_request_duration_seconds_sum %.6f\n"
		    "motcua_http_request_duration_seconds_count %lu\n",
		    (double)atomic_load(&m->sum_us) / 1e6,
		    atomic_load(&m->count));
	events_text(m, sb);
}
