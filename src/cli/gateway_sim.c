/*
 * gateway_sim.c - `motcua gateway-sim`: a payment gateway speaking
 * VNPay's protocol 2.1.0 (io/vnpay.h), for the tests and the demo.
 *
 *   motcua gateway-sim --listen 127.0.0.1:PORT --terminal CODE
 *                      --secret-file F --ipn URL
 *                      [--deliver once|twice|late|none] [--late-seconds N]
 *                      [--auto approve|decline|cancel|timeout]
 *
 * GET /paymentv2/vpcpay.html checks the payment URL as the gateway does
 * (terminal, version, command, amount, signature) and shows the order
 * with a choice: approve, decline (insufficient funds, 51), cancel (the
 * citizen cancels, 24) or time out (11). --auto makes that choice at
 * once. The outcome is signed and sent to the merchant's IPN URL
 * (server to server) once, twice, late (after the citizen is back) or
 * not at all (--deliver; a timeout sends none), and the citizen is
 * redirected to vnp_ReturnUrl with the same parameters. Each callback's
 * answer is printed: "ipn ORDER RspCode Message". The first line on
 * standard output says where it listens.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cli/opt.h"
#include "core/civil.h"
#include "io/vnpay.h"

enum deliver { DELIVER_ONCE, DELIVER_TWICE, DELIVER_LATE, DELIVER_NONE };

struct sim {
	const char *terminal, *ipn;
	char secret[1024];
	size_t secret_len;
	enum deliver deliver;
	int late_seconds;
	const char *auto_outcome; /* NULL: ask */
	atomic_long next_txn;
	pthread_mutex_t out; /* one printed line at a time */
};

/* ---- the merchant's IPN URL, over plain HTTP ------------------------- */

static int connect_to(const char *host, int port)
{
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, strcmp(host, "localhost") ? host : "127.0.0.1",
		      &sa.sin_addr) != 1)
		return -1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* GET url?query; the body of the answer into body (size bytes). */
static bool http_get(const char *url, const char *query, char *body,
		     size_t size)
{
	char host[64];
	int port = 80;
	const char *rest = strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
	size_t hl = rest ? strcspn(rest, ":/") : 0;
	if (!rest || !hl || hl >= sizeof(host))
		return false;
	memcpy(host, rest, hl);
	host[hl] = '\0';
	rest += hl;
	if (*rest == ':')
		port = (int)strtol(rest + 1, (char **)&rest, 10);
	const char *path = *rest ? rest : "/";
	int fd = connect_to(host, port);
	if (fd < 0)
		return false;
	struct strbuf req;
	strbuf_init(&req);
	strbuf_addf(&req,
		    "GET %s%s%s HTTP/1.1\r\nHost: %s:%d\r\n"
		    "Connection: close\r\n\r\n",
		    path, strchr(path, '?') ? "&" : "?", query, host, port);
	bool ok = !req.oom && write(fd, req.buf, req.len) == (ssize_t)req.len;
	strbuf_release(&req);
	char buf[8192];
	size_t n = 0;
	ssize_t k;
	while (ok && n < sizeof(buf) - 1 &&
	       (k = read(fd, buf + n, sizeof(buf) - 1 - n)) > 0)
		n += (size_t)k;
	close(fd);
	buf[n] = '\0';
	const char *b = strstr(buf, "\r\n\r\n");
	snprintf(body, size, "%s", b ? b + 4 : "");
	return ok && b;
}

static void send_ipn(struct sim *s, const char *txn_ref, const char *query)
{
	char body[1024], line[256];
	const char *code = "-", *msg = "no answer";
	json_t *j = NULL;
	if (http_get(s->ipn, query, body, sizeof(body))) {
		j = json_loads(body, 0, NULL);
		const char *c =
			json_string_value(json_object_get(j, "RspCode"));
		const char *m =
			json_string_value(json_object_get(j, "Message"));
		code = c ? c : "?";
		msg = m ? m : body;
	}
	snprintf(line, sizeof(line), "ipn %.30s %.8s %.200s\n", txn_ref, code,
		 msg);
	json_decref(j);
	pthread_mutex_lock(&s->out);
	fputs(line, stdout);
	fflush(stdout);
	pthread_mutex_unlock(&s->out);
}

struct late {
	struct sim *s;
	char ref[32];
	char *query;
};

static void *late_ipn(void *arg)
{
	struct late *l = arg;
	sleep((unsigned)l->s->late_seconds);
	send_ipn(l->s, l->ref, l->query);
	free(l->query);
	free(l);
	return NULL;
}

/* ---- requests ------------------------------------------------------------ */

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind,
			       const char *key, const char *value)
{
	(void)kind;
	struct vnpay_params *ps = cls;
	return vnpay_add(ps, key, value ? value : "", NULL) == MC_OK ? MHD_YES
								     : MHD_NO;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
			     const char *type, const char *text,
			     const char *location)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
	MHD_add_response_header(r, "Content-Type", type);
	if (location)
		MHD_add_response_header(r, "Location", location);
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result refuse(struct MHD_Connection *c, const char *why)
{
	char page[512];
	snprintf(page, sizeof(page),
		 "<!doctype html><meta charset=utf-8><title>Lỗi</title>"
		 "<p id=error>Giao dịch không hợp lệ (invalid request): %s</p>",
		 why);
	return reply(c, MHD_HTTP_BAD_REQUEST, "text/html; charset=utf-8", page,
		     NULL);
}

/* What is wrong with a payment URL's parameters, NULL when nothing. */
static const char *bad_order(const struct sim *s, const struct vnpay_params *q)
{
	static const char *const required[] = {
		"vnp_Version",    "vnp_Command",   "vnp_TmnCode", "vnp_Amount",
		"vnp_CreateDate", "vnp_CurrCode",  "vnp_IpAddr",  "vnp_Locale",
		"vnp_OrderInfo",  "vnp_ReturnUrl", "vnp_TxnRef"};
	for (size_t i = 0; i < sizeof(required) / sizeof(*required); i++)
		if (!vnpay_get(q, required[i]))
			return required[i];
	if (strcmp(vnpay_get(q, "vnp_Version"), VNPAY_VERSION) ||
	    strcmp(vnpay_get(q, "vnp_Command"), "pay"))
		return "vnp_Version or vnp_Command";
	if (strcmp(vnpay_get(q, "vnp_TmnCode"), s->terminal))
		return "vnp_TmnCode";
	if (strcmp(vnpay_get(q, "vnp_CurrCode"), "VND"))
		return "vnp_CurrCode";
	if (!vnpay_verify(q, s->secret, s->secret_len))
		return "vnp_SecureHash";
	return NULL;
}

static void outcome_codes(const char *outcome, const char **response,
			  const char **status)
{
	*status = "02";
	if (strcmp(outcome, "approve") == 0) {
		*response = "00";
		*status = "00";
	} else if (strcmp(outcome, "cancel") == 0) {
		*response = "24";
	} else if (strcmp(outcome, "timeout") == 0) {
		*response = "11";
	} else {
		*response = "51"; /* declined: insufficient funds */
	}
}

/* The gateway's signed answer of order q under outcome. */
static void result_query(struct sim *s, const struct vnpay_params *q,
			 const char *outcome, struct strbuf *out)
{
	const char *response, *status;
	outcome_codes(outcome, &response, &status);
	char when[CIVIL_BUF];
	struct vnpay_params r;
	vnpay_params_init(&r);
	static const char *const echoed[] = {"vnp_Amount", "vnp_OrderInfo",
					     "vnp_TmnCode", "vnp_TxnRef"};
	for (size_t i = 0; i < sizeof(echoed) / sizeof(*echoed); i++)
		vnpay_add(&r, echoed[i], vnpay_get(q, echoed[i]), NULL);
	long txn = atomic_fetch_add(&s->next_txn, 1);
	vnpay_add(&r, "vnp_BankCode", "NCB", NULL);
	vnpay_add_int(&r, "vnp_BankTranNo", 90000000 + txn, NULL);
	vnpay_add(&r, "vnp_CardType", "ATM", NULL);
	vnpay_add(&r, "vnp_PayDate",
		  civil_format_portal((int64_t)time(NULL), when), NULL);
	vnpay_add(&r, "vnp_ResponseCode", response, NULL);
	vnpay_add_int(&r, "vnp_TransactionNo", txn, NULL);
	vnpay_add(&r, "vnp_TransactionStatus", status, NULL);
	vnpay_signed_query(&r, NULL, s->secret, s->secret_len, out);
	vnpay_params_release(&r);
}

static enum MHD_Result decide(struct sim *s, struct MHD_Connection *c,
			      const struct vnpay_params *q, const char *outcome)
{
	struct strbuf query, location;
	strbuf_init(&query);
	strbuf_init(&location);
	result_query(s, q, outcome, &query);
	const char *ref = vnpay_get(q, "vnp_TxnRef");
	bool timeout = strcmp(outcome, "timeout") == 0;
	if (!timeout &&
	    (s->deliver == DELIVER_ONCE || s->deliver == DELIVER_TWICE))
		send_ipn(s, ref, query.buf);
	if (!timeout && s->deliver == DELIVER_TWICE)
		send_ipn(s, ref, query.buf);
	if (!timeout && s->deliver == DELIVER_LATE) {
		struct late *l = calloc(1, sizeof(*l));
		pthread_t t;
		if (l && (l->query = strdup(query.buf))) {
			l->s = s;
			snprintf(l->ref, sizeof(l->ref), "%s", ref);
			if (pthread_create(&t, NULL, late_ipn, l) == 0)
				pthread_detach(t);
		}
	}
	const char *ret = vnpay_get(q, "vnp_ReturnUrl");
	strbuf_addf(&location, "%s%s%s", ret, strchr(ret, '?') ? "&" : "?",
		    query.buf);
	enum MHD_Result r =
		reply(c, MHD_HTTP_FOUND, "text/plain", "", location.buf);
	strbuf_release(&query);
	strbuf_release(&location);
	return r;
}

/* The order and the citizen's choice, as links that carry the signed
 * parameters back. */
static enum MHD_Result ask(struct MHD_Connection *c,
			   const struct vnpay_params *q)
{
	struct strbuf again, page;
	strbuf_init(&again);
	strbuf_init(&page);
	for (size_t i = 0; i < q->n; i++) {
		strbuf_add(&again, "&", 1);
		vnpay_encode(&again, q->p[i].name);
		strbuf_add(&again, "=", 1);
		vnpay_encode(&again, q->p[i].value);
	}
	long long hundredths = atoll(vnpay_get(q, "vnp_Amount"));
	strbuf_addf(&page,
		    "<!doctype html><meta charset=utf-8>"
		    "<title>Cổng thanh toán (thử nghiệm)</title>"
		    "<h1>Cổng thanh toán thử nghiệm</h1>"
		    "<p>Đơn hàng <b id=order>%s</b>: <b id=amount>%lld</b> VND"
		    "</p><p id=info>",
		    vnpay_get(q, "vnp_TxnRef"), hundredths / 100);
	for (const char *p = vnpay_get(q, "vnp_OrderInfo"); *p; p++)
		if (*p == '<' || *p == '&')
			strbuf_puts(&page, *p == '<' ? "&lt;" : "&amp;");
		else
			strbuf_add(&page, p, 1);
	strbuf_puts(&page, "</p><ul>");
	static const char *const choices[][2] = {
		{"approve", "Thanh toán (pay)"},
		{"decline", "Từ chối: không đủ số dư (declined)"},
		{"cancel", "Hủy giao dịch (cancel)"},
		{"timeout", "Hết thời gian (time out)"}};
	for (size_t i = 0; i < 4; i++)
		strbuf_addf(&page,
			    "<li><a id=%s href=\"/sim/decide?outcome=%s%s\">%s"
			    "</a></li>",
			    choices[i][0], choices[i][0], again.buf,
			    choices[i][1]);
	strbuf_puts(&page, "</ul>");
	enum MHD_Result r = reply(c, MHD_HTTP_OK, "text/html; charset=utf-8",
				  page.oom ? "out of memory" : page.buf, NULL);
	strbuf_release(&again);
	strbuf_release(&page);
	return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
				  const char *url, const char *method,
				  const char *version, const char *upload,
				  size_t *upload_size, void **state)
{
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)state;
	struct sim *s = cls;
	if (strcmp(method, "GET"))
		return refuse(c, "only GET");
	struct vnpay_params q;
	vnpay_params_init(&q);
	if (MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, &q) <
		    0 ||
	    q.n == VNPAY_MAX_PARAMS) {
		vnpay_params_release(&q);
		return refuse(c, "too many parameters");
	}
	bool pay = strcmp(url, "/paymentv2/vpcpay.html") == 0;
	bool choose = strcmp(url, "/sim/decide") == 0;
	const char *bad = pay || choose ? bad_order(s, &q) : "no such page";
	const char *outcome =
		choose ? vnpay_get(&q, "outcome") : s->auto_outcome;
	enum MHD_Result r;
	if (bad)
		r = refuse(c, bad);
	else if (outcome)
		r = decide(s, c, &q, outcome);
	else
		r = ask(c, &q);
	vnpay_params_release(&q);
	return r;
}

/* ---- the command ----------------------------------------------------- */

static int read_secret(struct sim *s, const char *path)
{
	FILE *f = path ? fopen(path, "rb") : NULL;
	if (!f)
		return cli_usage("--secret-file: cannot read %s",
				 path ? path : "(none)");
	size_t n = fread(s->secret, 1, sizeof(s->secret), f);
	fclose(f);
	while (n && (s->secret[n - 1] == '\n' || s->secret[n - 1] == '\r'))
		n--;
	if (n < 16 || n == sizeof(s->secret))
		return cli_usage("--secret-file: a secret of 16 to 1023 bytes");
	s->secret_len = n;
	return 0;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa)
{
	char host[64];
	const char *colon = listen ? strrchr(listen, ':') : NULL;
	if (!colon || (size_t)(colon - listen) >= sizeof(host))
		return cli_usage("--listen HOST:PORT");
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	*sa = (struct sockaddr_in){.sin_family = AF_INET,
				   .sin_port =
					   htons((uint16_t)atoi(colon + 1))};
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		return cli_usage("--listen: %s is not an IPv4 address", host);
	return 0;
}

static int parse_mode(struct sim *s, const char *deliver, const char *late,
		      const char *outcome)
{
	static const char *const modes[] = {"once", "twice", "late", "none"};
	s->deliver = DELIVER_ONCE;
	for (int i = 0; deliver && i < 4; i++)
		if (strcmp(deliver, modes[i]) == 0)
			s->deliver = (enum deliver)i;
	if (deliver && strcmp(deliver, modes[s->deliver]))
		return cli_usage("--deliver once|twice|late|none");
	s->late_seconds = late ? atoi(late) : 2;
	if (s->late_seconds < 0 || s->late_seconds > 600)
		return cli_usage("--late-seconds 0-600");
	if (outcome && strcmp(outcome, "approve") &&
	    strcmp(outcome, "decline") && strcmp(outcome, "cancel") &&
	    strcmp(outcome, "timeout"))
		return cli_usage("--auto approve|decline|cancel|timeout");
	s->auto_outcome = outcome;
	return 0;
}

int cmd_gateway_sim(int argc, char **argv)
{
	const char *listen = NULL, *terminal = NULL, *secret = NULL;
	const char *ipn = NULL, *deliver = NULL, *late = NULL, *outcome = NULL;
	const struct cli_opt opts[] = {
		{"listen", &listen, NULL},      {"terminal", &terminal, NULL},
		{"secret-file", &secret, NULL}, {"ipn", &ipn, NULL},
		{"deliver", &deliver, NULL},    {"late-seconds", &late, NULL},
		{"auto", &outcome, NULL},       {NULL, NULL, NULL},
	};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (status)
		return status;
	if (!terminal || !ipn || strncmp(ipn, "http://", 7))
		return cli_usage("gateway-sim needs --terminal and --ipn "
				 "http://HOST:PORT/PATH");
	struct sim s = {0};
	s.terminal = terminal;
	s.ipn = ipn;
	s.next_txn = 14000000;
	pthread_mutex_init(&s.out, NULL);
	struct sockaddr_in sa;
	if ((status = read_secret(&s, secret)) ||
	    (status = parse_listen(listen ? listen : "127.0.0.1:0", &sa)) ||
	    (status = parse_mode(&s, deliver, late, outcome)))
		return status;
	/* the signals wait for sigwait, in no thread of the daemon's */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
		0, NULL, NULL, on_request, &s, MHD_OPTION_SOCK_ADDR,
		(const struct sockaddr *)&sa, MHD_OPTION_CONNECTION_TIMEOUT,
		30u, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "motcua: gateway-sim: cannot listen on %s\n",
			listen);
		return 1;
	}
	const union MHD_DaemonInfo *di =
		MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char addr[INET_ADDRSTRLEN];
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof(addr));
	printf("gateway-sim: listening on http://%s:%u/\n", addr,
	       di ? di->port : ntohs(sa.sin_port));
	fflush(stdout);
	int sig;
	sigwait(&set, &sig);
	MHD_stop_daemon(d);
	return 0;
}
