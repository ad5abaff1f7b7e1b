/*
 * http_int.h - what the server's files share: the server and request
 * records, the route table, replies, sessions and metrics. Not for use
 * outside src/http.
 */
#ifndef MC_HTTP_HTTP_INT_H
#define MC_HTTP_HTTP_INT_H

#include <jansson.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "app/account.h"
#include "app/app.h"
#include "core/civil.h"
#include "core/limits.h"
#include "core/str.h"
#include "http/server.h"

/* ---- roles and accounts ------------------------------------------------ */

/* The ROLE_ bits are the application's (app/actor.h). The role bit of
 * "admin", ...; 0 when unknown. */
unsigned http_role_bit(const char *role);

/* The signed-in account of a request. */
struct http_user {
	int64_t id;
	char username[64];
	char unit[64];
	unsigned role; /* one ROLE_ bit */
	char csrf[65];
};

/* ---- the app pool -------------------------------------------------------- */

struct http_pool {
	pthread_mutex_t lock; /* only for waiting when every handle is busy */
	pthread_cond_t freed;
	atomic_int waiters;
	struct app *apps;
	atomic_bool *busy;
	unsigned n;
};
/* n handles on db; now, when not 0, fixes each one's app->now. */
enum mc_code http_pool_open(struct http_pool *p, const char *db, unsigned n,
			    int64_t now, struct mc_err *err);
void http_pool_close(struct http_pool *p);
struct app *http_pool_acquire(struct http_pool *p);
void http_pool_release(struct http_pool *p, struct app *app);

/* ---- metrics ----------------------------------------------------------- */

#define HTTP_N_STATUS 14
#define HTTP_N_BUCKETS 12
/* What the defences did, counted for motcua_http_events_total. */
enum http_event {
	HTTP_EV_PASSWORD_CHECK, /* an argon2id verification, dummy or not */
	HTTP_EV_SECRET_CHECK,   /* a tracking-secret comparison, dummy or not */
	HTTP_EV_LOGIN_THROTTLED,
	HTTP_EV_WRITE_LIMITED, /* anonymous write over its address's rate */
	HTTP_EV_SHARE_USED,    /* online filing over its unit's daily share */
	HTTP_EV_CONN_REFUSED,  /* connection over its address's limit */
	HTTP_EV_DEADLINE_CUT,  /* request not in by the deadline: cut */
	HTTP_N_EVENTS
};
struct http_metrics {
	size_t n_routes;        /* + 1 slot for unmatched paths */
	atomic_ulong *requests; /* [(n_routes + 1) * HTTP_N_STATUS] */
	atomic_ulong buckets[HTTP_N_BUCKETS + 1];
	atomic_ulong count;
	atomic_ullong sum_us;
	atomic_ulong events[HTTP_N_EVENTS];
};
bool http_metrics_init(struct http_metrics *m, size_t n_routes);
void http_metrics_release(struct http_metrics *m);
void http_metrics_record(struct http_metrics *m, int route, int status,
			 uint64_t micros);
void http_metrics_event(struct http_metrics *m, enum http_event ev);
/* Append the Prometheus text of the counters and the histogram. */
void http_metrics_text(const struct http_metrics *m, struct strbuf *sb);

/* ---- guards (guard.c) and logs (log.c) -----------------------------------
 */

struct http_conn;
struct rate_slot;
struct http_limits {
	pthread_mutex_t lock; /* the connection list and the rate table */
	struct http_conn *conns;
	struct rate_slot *rates;
	pthread_t watchdog;
	pthread_cond_t wake;
	bool stop;
};
struct http_server;
struct http_req;
bool http_limits_start(struct http_server *srv);
void http_limits_stop(struct http_server *srv);
/* MHD's accept policy: refuse an address over its connection limit. */
enum MHD_Result http_accept_policy(void *cls, const struct sockaddr *sa,
				   socklen_t len);
/* MHD's connection notice: the connection list of the watchdog. */
void http_conn_notify(void *cls, struct MHD_Connection *conn, void **ctx,
		      enum MHD_ConnectionNotificationCode code);
/* The connection begins to read a request (true: the deadline runs) or
 * has read it whole and is answering (false: it does not). */
void http_conn_reading(struct MHD_Connection *conn, bool reading);
/* Take one anonymous write of the client's address for the hour; false
 * after answering 429. */
bool http_anon_write_ok(struct http_req *r);
/* The same for anonymous uploads (an upload opened, a file sent), with
 * their own count per address (uploads_per_address). */
bool http_anon_upload_ok(struct http_req *r);
/* Monotonic microseconds. */
uint64_t http_now_us(void);
/* A socket address as text ("unknown" when not IPv4 or IPv6). */
void http_addr_text(const struct sockaddr *sa, char *out, size_t size);

struct http_log {
	int access_fd, error_fd; /* -1: none */
	const char *access_path, *error_path;
};
/* Open the access log (NULL: none) and the error log (NULL: stderr). */
enum mc_code http_log_open(struct http_log *l, const char *access,
			   const char *error, struct mc_err *err);
/* Reopen both files by name onto the same descriptors (SIGHUP). */
void http_log_reopen(struct http_log *l);
void http_log_close(struct http_log *l);
/* MHD's own messages (MHD_OPTION_EXTERNAL_LOGGER), as error-log lines. */
void http_log_library(void *cls, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* An error-log line of a request refused for a reason worth keeping (a
 * payment callback with a wrong signature, ...), whatever its status. */
void http_log_refusal(struct http_req *r, const char *reason);
/* The access line of a finished request, and the error line of a 5xx. */
void http_log_request(struct http_server *srv, struct http_req *r,
		      uint64_t micros);

/* ---- server and request -------------------------------------------------- */

struct http_server {
	struct http_config cfg;
	struct MHD_Daemon *daemon;
	struct http_pool pool;
	struct http_metrics metrics;
	struct http_limits limits;
	struct http_log log;
	atomic_int in_flight;
	atomic_bool stopping; /* http_server_stop began: refuse new requests */
	uint16_t port;
	/* an argon2id hash of a random password: an unknown user name is
	 * verified against it, so it costs what a known one does */
	char dummy_hash[ACCOUNT_HASH_SIZE];
};

#define HTTP_MAX_PARAMS 3

/* One header, cookie or query argument of a request given as parts. */
struct http_field {
	enum MHD_ValueKind kind; /* MHD_HEADER_KIND, _COOKIE_, _GET_ARGUMENT_ */
	const char *name, *value;
};

struct http_stream;
struct http_req {
	struct http_server *srv;
	struct MHD_Connection *conn;
	const char *method, *url;
	struct strbuf body;
	size_t seen; /* body bytes received, kept or not */
	bool too_large;
	bool refused; /* arrived while stopping: 503 */
	uint64_t start_us;
	int route; /* index in the route table, -1 none */
	const char *param[HTTP_MAX_PARAMS];
	char path_buf[512]; /* the path, cut into params */
	struct app *app;    /* borrowed from the pool while dispatching */
	bool signed_in;
	struct http_user user;
	char client[64];   /* http_client_addr, "" until asked */
	char log_unit[64]; /* the unit an anonymous request was about */
	char detail[320];  /* why a 5xx failed, for the error log only */
	/* the next error's reason key ("reason" in its JSON, translated by
	 * the pages); NULL: the error's code */
	const char *reason;
	/* a request without a connection (offline.c): its headers, cookies
	 * and query arguments, and where the answer's body goes */
	const struct http_field *fields;
	size_t n_fields;
	struct strbuf *answer;
	/* a body streamed to the document store instead (handlers_files.c) */
	struct http_stream *stream;
	/* the reply */
	int status;
	struct MHD_Response *resp;
};

/* ---- routes ------------------------------------------------------------ */

typedef void (*http_handler)(struct http_req *r);

struct http_route {
	const char *method;
	const char *path; /* "/api/v1/units/{code}" */
	http_handler fn;
	unsigned roles; /* 0: anyone; else the ROLE_ bits allowed;
			   BY_OP: the operation's (http_route_roles) */
	int op;         /* enum dossier_op of a lifecycle route, else -1 */
	const char *tag, *summary;
	const char *query; /* documented query: "name:description;..." */
	const char *body;  /* request body, for the document; NULL none */
};

extern const struct http_route http_routes[];
extern const size_t http_n_routes;

#define HTTP_ROLES_BY_OP 0x80000000u
/* The staff roles a route admits, 0 for anyone. A lifecycle route's come
 * from the application's table (actor_op_roles); the application checks
 * them again inside the operation, this is only the early answer. */
unsigned http_route_roles(const struct http_route *rt);

/* The client's IP address as text ("unknown" when MHD has none). */
const char *http_client_addr(struct http_req *r);

/* Route and answer one complete request (body read). */
void http_dispatch(struct http_req *r);
/* A request whose headers are in: when its route streams its body
 * (http_stream_route), admit it as http_dispatch will, with an app
 * handle, and start the stream; false when the route does not stream.
 * When it does, r->resp is set if it was refused at once. */
bool http_dispatch_stream(struct http_req *r);

/* ---- streamed uploads (handlers_files.c) --------------------------------- */

/* Whether the route's handler takes its body as a stream. */
bool http_stream_route(const struct http_route *rt);
/* Start the stream of an admitted request (r->app is set): the checks
 * before any byte is kept and the multipart parser; false after
 * answering. */
bool http_stream_start(struct http_req *r);
/* Body bytes of a streamed request; false once it has failed (its
 * answer is then the failure, given by the handler). */
bool http_stream_data(struct http_req *r, const char *data, size_t size);
void http_stream_free(struct http_req *r);

/* One request given as its parts, answered by http_dispatch without a
 * connection (offline.c): url with its query, headers (the Cookie header
 * is split into cookies). Returns the status (0: no answer) and puts the
 * answer's body in *answer. srv is a started server; its socket is not
 * used. */
int http_offline_request(struct http_server *srv, const char *method,
			 const char *url, const struct http_field *headers,
			 size_t n_headers, const char *body, size_t body_len,
			 struct strbuf *answer);

/* ---- replies (json_out.c) ----------------------------------------------- */

/* Reply with a JSON value (reference stolen) and status. */
void http_reply_json(struct http_req *r, int status, json_t *v);
/* Reply with the JSON text in sb, which the response takes over (sb is
 * left empty); 500 when sb ran out of memory. */
void http_reply_strbuf(struct http_req *r, int status, struct strbuf *sb);
/* Reply with text (copied) of a content type. */
void http_reply_text(struct http_req *r, int status, const char *type,
		     const char *text, size_t len);

/* Files to save, as attachments. */
#define HTTP_CSV_TYPE "text/csv; charset=utf-8"
#define HTTP_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
/* Reply 200 with the bytes of sb (released) as a file to save under
 * filename; 500 when sb ran out of memory. */
/* Reply 200 with the content of fd (size bytes, fd then owned by the
 * reply) as an attachment of a type, named after name in ASCII. */
void http_reply_file(struct http_req *r, const char *type, const char *name,
		     int fd, int64_t size);
void http_reply_attachment(struct http_req *r, const char *type,
			   const char *filename, struct strbuf *sb);
/* A workbook writer (report_xlsx_write, index_xlsx_write) for what. */
typedef enum mc_code (*http_workbook_fn)(const void *what, const char *path,
					 struct mc_err *err);
/* Reply with the workbook write() makes of what, as an attachment. */
void http_reply_workbook(struct http_req *r, const char *filename,
			 http_workbook_fn write, const void *what);

/* {"error":{"code","message","field"}} */
void http_reply_error(struct http_req *r, int status, const char *code,
		      const char *field, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* The one mapping of mc_code to an HTTP status. */
int http_status_of(enum mc_code code);
void http_reply_mc(struct http_req *r, const struct mc_err *err);
void http_add_header(struct http_req *r, const char *name, const char *value);
/* An error with Retry-After: wait seconds (at least 1). */
void http_reply_retry(struct http_req *r, int status, const char *code,
		      const char *field, int64_t wait, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* A header (name case-insensitive), cookie or query argument of r, from
 * its connection or its fields; NULL when absent. */
const char *http_value(struct http_req *r, enum MHD_ValueKind kind,
		       const char *name);
/* A query argument, NULL when absent. */
const char *http_query(struct http_req *r, const char *name);
/* The body as a JSON object; NULL after replying 400 (naming "body"). */
json_t *http_body_object(struct http_req *r);
/* Refuse members of o not in the NULL-ended list (400 naming it). */
bool http_only_fields(struct http_req *r, json_t *o,
		      const char *const *allowed);
/* An optional string member within its limit (core/limits.h); false
 * after replying 400 naming it. */
bool http_opt_string(struct http_req *r, json_t *o, const char *key,
		     enum limit_id limit, const char **out);
/* The same, required and not empty. */
bool http_need_string(struct http_req *r, json_t *o, const char *key,
		      enum limit_id limit, const char **out);
/* Times as ISO 8601 in Vietnam time, null for MC_NO_TIME. */
json_t *http_time(int64_t t);
json_t *http_date(int64_t day);
json_t *http_str(const char *s); /* null for NULL */
/* The same two, appended to JSON text being written by hand. */
void http_time_add(struct strbuf *sb, int64_t t);
void http_str_add(struct strbuf *sb, const char *s);

/* ---- sessions and scope (session.c) -------------------------------------- */

/* Read the session cookie; fills r->user and r->signed_in. */
enum mc_code http_session_load(struct http_req *r, struct mc_err *err);
/* Whether r carries the session's CSRF token. */
bool http_csrf_ok(struct http_req *r);
/* The signed-in account of r as the application's actor (borrows r). */
struct actor http_actor(const struct http_req *r);
/* Hex of the BLAKE2b-256 hash of a token or secret (out: 65 bytes). */
void http_token_hash(const char *token, char out[65]);
/* A random 128-bit (n = 16) or 256-bit (n = 32) token as hex. */
void http_random_hex(char *out, size_t n);

/* A write's Idempotency-Key (app/app.h struct request_key): rk points
 * into the hashes here, hashed with the actor's name (key) and with
 * the method, path and body (body); the key itself is kept only to seal
 * the tracking secret a filing answers, so that a replay can give it
 * back while the store holds no secret. */
struct http_key {
	struct request_key rk;
	char key[129];
	char key_hash[65], body_hash[65], sealed[33];
};
/* The key of the request, if it has one (k->rk.key_hash NULL when not);
 * false after answering 400 naming Idempotency-Key. */
bool http_request_key(struct http_req *r, const char *actor,
		      struct http_key *k);
/* Seal a new filing's secret (32 hex) under the key; unseal the one a
 * replay gave back (false when there is none). */
void http_key_seal(struct http_key *k, const char *secret);
bool http_key_unseal(const struct http_key *k, char secret[33]);

/* ---- handlers ------------------------------------------------------------ */

void h_units(struct http_req *r);
void h_unit(struct http_req *r);
void h_procedures(struct http_req *r);
void h_procedure(struct http_req *r);
void h_register(struct http_req *r);
void h_counter_filing(struct http_req *r);
void h_dossier_op(struct http_req *r);
void h_dossier_search(struct http_req *r);
void h_transfers_sent(struct http_req *r);
void h_dossier_get(struct http_req *r);
void h_public_dossier(struct http_req *r);
void h_public_verify(struct http_req *r);
void h_public_verify_held(struct http_req *r);
void h_public_result(struct http_req *r);
void h_dossier_result(struct http_req *r);
/* A signature's verdict as JSON (handlers_verify.c). */
struct app_verdict;
json_t *http_verdict_json(const struct app_verdict *a);
void h_dossier_form(struct http_req *r);
void h_unit_account(struct http_req *r);
void h_dossier_vietqr(struct http_req *r);
void h_dossier_cash(struct http_req *r);
void h_dossier_obligation(struct http_req *r);
void h_reconcile(struct http_req *r);
void h_report_payments(struct http_req *r);
/* GET .../forms/{form}: the PDF for `actor` (handlers_dossier.c). */
void http_form(struct http_req *r, const struct actor *actor);
void h_public_form(struct http_req *r);
void h_holidays(struct http_req *r);
void h_due(struct http_req *r);
void h_report_settlement(struct http_req *r);
void h_report_summary(struct http_req *r);
void h_quality(struct http_req *r);
void h_login(struct http_req *r);
void h_logout(struct http_req *r);
void h_me(struct http_req *r);
void h_public_statistics(struct http_req *r);
void h_qr_svg(struct http_req *r);
void h_index(struct http_req *r);
void h_targets_check(struct http_req *r);
void h_target_set(struct http_req *r);
void h_target_allocate(struct http_req *r);
void h_publication_get(struct http_req *r);
void h_publish(struct http_req *r);
void h_rating(struct http_req *r);
void h_feedback_submit(struct http_req *r);
void h_feedback_list(struct http_req *r);
void h_feedback_answer(struct http_req *r);
void h_static_index(struct http_req *r);
void h_static_file(struct http_req *r);
void h_static_nested(struct http_req *r);
/* 404 for a path outside the API: the web directory's 404.html, else
 * the JSON error. */
void http_page_not_found(struct http_req *r);
void h_openapi(struct http_req *r);
void h_form_settlement(struct http_req *r);
void h_form_index(struct http_req *r);
void h_metrics(struct http_req *r);
void h_dossier_files(struct http_req *r);
void h_dossier_file_upload(struct http_req *r);
void h_dossier_file_get(struct http_req *r);
void h_procedure_form(struct http_req *r);
void h_upload_open(struct http_req *r);
void h_upload_get(struct http_req *r);
void h_upload_file(struct http_req *r);
/* fees and payments (handlers_pay.c) */
void h_pay(struct http_req *r);
void h_public_payments(struct http_req *r);
void h_dossier_payments(struct http_req *r);
void h_public_receipt(struct http_req *r);
void h_dossier_receipt(struct http_req *r);
void h_receipt_cancel(struct http_req *r);
void h_fee_exempt(struct http_req *r);
void h_vnpay_ipn(struct http_req *r);
void h_vnpay_return(struct http_req *r);

/* Shared by the report handlers (handlers_report.c): the period
 * (period|from+to|cutoff), shape (by, restated) and figures (level,
 * min_resolved) of a report query, false after answering 400; and the
 * report itself as JSON. */
struct report_period;
struct report_query;
bool http_report_period(struct http_req *r, struct report_period *p);
bool http_report_shape(struct http_req *r, struct report_query *q);
bool http_report_figures(struct http_req *r, struct report_query *q);
void http_reply_report(struct http_req *r, const struct actor *actor,
		       const struct report_query *q);

/* Shared by the dossier handlers (handlers_dossier.c); "overdue" as
 * report_dossier_overdue at `now`. */
json_t *http_dossier_summary(const struct dossier *d, int64_t now);

#endif
