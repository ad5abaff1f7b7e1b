/*
 * gateway.c - paying online end to end: the server, `motcua
 * gateway-sim` as the gateway (a child process speaking VNPay 2.1.0)
 * and this test as the citizen's browser. Paid, declined, cancelled,
 * timed out; the callback sent twice and late; and callbacks forged
 * here with the wrong secret, another amount, an unknown or an expired
 * order, each refused with the database digest unchanged and, for the
 * signature, a line in the error log.
 */
#include "test.h"

#include <signal.h>
#include <sys/wait.h>

#include "app/gateway.h"
#include "http/env.h"
#include "http/spawn.h"

static struct env e;
static char secret_file[160];
static const char *const secret = "khoa-bi-mat-cua-cong-thanh-toan-2026";

struct sim {
	pid_t pid;
	unsigned port;
	FILE *out;
	char gateway[32];
};

static void setup(void)
{
	env_open_with(&e, (struct http_config){.access_log = ENV_LOGS});
	struct procedure p;
	struct mc_err err;
	procedure_init(&p);
	str_set(&p.code, "9.000001");
	str_set(&p.name, "Cấp giấy phép thử nghiệm");
	str_set(&p.field_code, "G01");
	p.limit_value = 5;
	p.online_level = ONLINE_FULL;
	p.fee_due = FEE_DUE_PROCESSING;
	struct procedure_fee *f = ARRAY_PUSH(p.fees, p.n_fees, p.cap_fees);
	str_set(&f->code, "LP01");
	str_set(&f->name, "Lệ phí cấp giấy phép");
	f->amount = 100000;
	f->online_amount = 50000;
	CHECK_INT(store_procedure_put(e.f.app.st, &p, &err), MC_OK);
	procedure_release(&p);
	snprintf(secret_file, sizeof(secret_file), "%s/gateway.secret",
		 e.f.dir);
	FILE *s = fopen(secret_file, "w");
	fprintf(s, "%s\n", secret);
	fclose(s);
}

static void teardown(void)
{
	unlink(secret_file);
	env_close(&e);
}

/* The simulator, delivering callbacks as `deliver` says, configured as
 * gateway `name` (terminal from the name). */
static struct sim sim_start(const char *name, const char *deliver)
{
	struct sim s = {0};
	char bin[PATH_MAX + 16], ipn[128], terminal[32];
	int fds[2];
	spawn_binary(bin, sizeof(bin));
	snprintf(ipn, sizeof(ipn),
		 "http://127.0.0.1:%u/api/v1/payments/vnpay/ipn", e.port);
	snprintf(terminal, sizeof(terminal), "T%.14s", name + 6);
	snprintf(s.gateway, sizeof(s.gateway), "%s", name);
	CHECK(pipe(fds) == 0);
	s.pid = fork();
	if (s.pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execl(bin, bin, "gateway-sim", "--listen", "127.0.0.1:0",
		      "--terminal", terminal, "--secret-file", secret_file,
		      "--ipn", ipn, "--deliver", deliver, "--late-seconds", "1",
		      (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	s.out = fdopen(fds[0], "r");
	char line[256] = "";
	if (fgets(line, sizeof(line), s.out))
		sscanf(line, "gateway-sim: listening on http://127.0.0.1:%u/",
		       &s.port);
	CHECK(s.port != 0);
	struct gateway g = {0};
	char pay[128], ret[128];
	snprintf(pay, sizeof(pay), "http://127.0.0.1:%u/paymentv2/vpcpay.html",
		 s.port);
	snprintf(ret, sizeof(ret),
		 "http://127.0.0.1:%u/api/v1/public/payments/vnpay/return",
		 e.port);
	g.name = s.gateway;
	g.terminal = terminal;
	g.secret_file = secret_file;
	g.pay_url = pay;
	g.return_url = ret;
	g.method = PAY_PROVINCIAL;
	const struct actor op = ACTOR_OPERATOR("tester");
	struct mc_err err;
	CHECK_INT(app_gateway_add(&e.f.app, &op, &g, &err), MC_OK);
	return s;
}

static void sim_stop(struct sim *s)
{
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
	fclose(s->out);
}

/* The simulator's next line about a callback's answer. */
static void sim_line(struct sim *s, char *line, size_t size)
{
	line[0] = '\0';
	if (!fgets(line, (int)size, s->out))
		line[0] = '\0';
	line[strcspn(line, "\n")] = '\0';
}

struct filed {
	char code[64], secret[80];
};

static struct filed file_online(void)
{
	struct filed f = {{0}, {0}};
	struct reply r;
	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       "{\"MaTTHC\":\"9.000001\",\"DonViXuLy\":\"" DISTRICT
		       "\",\"ChuHoSo\":\"Trần Thị Bình\",\"SoGiayToChuHoSo\":"
		       "\"001190012345\",\"LoaiDoiTuong\":\"1\","
		       "\"KenhThucHien\":\"2\"}",
		       &r);
	CHECK_INT(r.status, 201);
	snprintf(f.code, sizeof(f.code), "%s",
		 json_string_value(json_object_get(r.json, "code")));
	snprintf(f.secret, sizeof(f.secret), "%s",
		 json_string_value(json_object_get(r.json, "secret")));
	reply_release(&r);
	return f;
}

/* "/path?query" of an absolute http://127.0.0.1:PORT/... address. */
static const char *path_of(const char *url)
{
	const char *p = strstr(url, "://");
	return p ? strchr(p + 3, '/') : url;
}

/* Pay: order, open the gateway's page, choose; the gateway's redirect
 * to the return address (malloc'd), or NULL. */
static char *pay(struct sim *s, const struct filed *f, const char *outcome,
		 int64_t *order)
{
	struct reply r;
	char path[160], body[200];
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s/pay", f->code);
	snprintf(body, sizeof(body), "{\"secret\":\"%s\",\"gateway\":\"%s\"}",
		 f->secret, s->gateway);
	client_request(e.port, "POST", path, NULL, body, &r);
	CHECK_INT(r.status, 200);
	const char *url = json_string_value(json_object_get(r.json, "url"));
	*order = json_integer_value(json_object_get(r.json, "order"));
	CHECK_INT(json_integer_value(json_object_get(r.json, "amount")), 50000);
	char *page = url ? strdup(path_of(url)) : NULL;
	reply_release(&r);
	if (!page)
		return NULL;
	client_request(s->port, "GET", page, NULL, NULL, &r);
	free(page);
	CHECK_INT(r.status, 200);
	char key[48];
	snprintf(key, sizeof(key), "id=%s href=\"", outcome);
	const char *link = r.body ? strstr(r.body, key) : NULL;
	char *choice = link ? strndup(link + strlen(key),
				      strcspn(link + strlen(key), "\""))
			    : NULL;
	reply_release(&r);
	CHECK(choice != NULL);
	if (!choice)
		return NULL;
	/* the page escapes nothing in the link: it is our own encoding */
	client_request(s->port, "GET", choice, NULL, NULL, &r);
	free(choice);
	CHECK_INT(r.status, 302);
	char *back = reply_header(&r, "Location");
	reply_release(&r);
	return back;
}

/* The citizen lands back on our return address: where it sends them. */
static char *land(const char *back)
{
	struct reply r;
	client_request(e.port, "GET", path_of(back), NULL, NULL, &r);
	CHECK_INT(r.status, 302);
	char *to = reply_header(&r, "Location");
	reply_release(&r);
	return to;
}

static json_t *statement(const struct filed *f)
{
	struct reply r;
	char path[200];
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/payments?secret=%s", f->code,
		 f->secret);
	client_request(e.port, "GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	json_t *j = json_incref(r.json);
	reply_release(&r);
	return j;
}

static const char *status_of(json_t *st, int64_t order)
{
	size_t i;
	json_t *p;
	json_array_foreach (json_object_get(st, "payments"), i, p)
		if (json_integer_value(json_object_get(p, "order")) == order)
			return json_string_value(json_object_get(p, "status"));
	return "(none)";
}

TEST(paid_through_the_gateway_with_a_receipt)
{
	struct sim s = sim_start("vnpay-once", "once");
	struct filed f = file_online();
	int64_t order = 0;
	char line[256];
	char *back = pay(&s, &f, "approve", &order);
	sim_line(&s, line, sizeof(line));
	char want[64];
	snprintf(want, sizeof(want), "ipn %lld 00 Confirm Success",
		 (long long)order);
	CHECK_STR(line, want);
	char *to = back ? land(back) : NULL;
	char expect[160];
	snprintf(expect, sizeof(expect), "/?code=%s&order=%lld&paid=1", f.code,
		 (long long)order);
	CHECK_STR(to, expect);
	json_t *st = statement(&f);
	CHECK_STR(status_of(st, order), "paid");
	CHECK_INT(json_integer_value(json_object_get(st, "owed")), 0);
	CHECK_INT(json_integer_value(json_object_get(st, "paid")), 50000);
	json_decref(st);

	struct reply r;
	char path[200];
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/receipts/%lld.pdf?secret=%s",
		 f.code, (long long)order, f.secret);
	client_request(e.port, "GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body_len > 4 && memcmp(r.body, "%PDF", 4) == 0);
	reply_release(&r);
	snprintf(path, sizeof(path),
		 "/api/v1/public/dossiers/%s/receipts/%lld.pdf?secret=x",
		 f.code, (long long)order);
	client_request(e.port, "GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	reply_release(&r);
	free(back);
	free(to);
	sim_stop(&s);
}

TEST(declined_cancelled_and_timed_out_pay_nothing)
{
	struct sim s = sim_start("vnpay-no", "once");
	const char *outcomes[] = {"decline", "cancel", "timeout"};
	const char *codes[] = {"51", "24", NULL};
	for (int i = 0; i < 3; i++) {
		struct filed f = file_online();
		int64_t order = 0;
		char line[256];
		char *back = pay(&s, &f, outcomes[i], &order);
		if (codes[i]) {
			sim_line(&s, line, sizeof(line));
			char want[64];
			snprintf(want, sizeof(want),
				 "ipn %lld 00 Confirm Success",
				 (long long)order);
			CHECK_STR(line, want);
		}
		char *to = back ? land(back) : NULL;
		CHECK(to && strstr(to, "&paid=0") != NULL);
		json_t *st = statement(&f);
		CHECK_STR(status_of(st, order),
			  codes[i] ? "failed" : "pending");
		CHECK_INT(json_integer_value(json_object_get(st, "owed")),
			  50000);
		json_decref(st);
		free(back);
		free(to);
	}
	sim_stop(&s);
}

/* A callback this test signs itself, as a forger or a broken gateway
 * would send it. */
static int forged_ipn(const char *terminal, const char *key, int64_t order,
		      int64_t hundredths, char rsp[8])
{
	struct vnpay_params ps;
	struct strbuf q, path;
	char when[CIVIL_BUF];
	vnpay_params_init(&ps);
	strbuf_init(&q);
	strbuf_init(&path);
	vnpay_add(&ps, "vnp_TmnCode", terminal, NULL);
	vnpay_add_int(&ps, "vnp_Amount", hundredths, NULL);
	vnpay_add_int(&ps, "vnp_TxnRef", order, NULL);
	vnpay_add(&ps, "vnp_ResponseCode", "00", NULL);
	vnpay_add(&ps, "vnp_TransactionStatus", "00", NULL);
	vnpay_add(&ps, "vnp_TransactionNo", "77777777", NULL);
	vnpay_add(&ps, "vnp_PayDate",
		  civil_format_portal((int64_t)time(NULL), when), NULL);
	vnpay_signed_query(&ps, NULL, key, strlen(key), &q);
	strbuf_addf(&path, "/api/v1/payments/vnpay/ipn?%s", q.buf);
	struct reply r;
	client_request(e.port, "GET", path.buf, NULL, NULL, &r);
	snprintf(rsp, 8, "%s",
		 r.json ? json_string_value(json_object_get(r.json, "RspCode"))
			: "none");
	int status = r.status;
	reply_release(&r);
	vnpay_params_release(&ps);
	strbuf_release(&q);
	strbuf_release(&path);
	return status;
}

static bool error_log_has(const char *text)
{
	FILE *f = fopen(e.error_log, "r");
	char line[2048];
	bool found = false;
	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, text) != NULL;
	if (f)
		fclose(f);
	return found;
}

TEST(forged_and_wrong_callbacks_change_nothing)
{
	struct sim s = sim_start("vnpay-forge", "none");
	struct filed f = file_online();
	int64_t order = 0;
	char rsp[8], before[65], after[65];
	char *back = pay(&s, &f, "approve", &order); /* no callback */
	fixture_digest(&e.f, before);

	CHECK_INT(forged_ipn("Tforge", "not-the-shared-secret!", order, 5000000,
			     rsp),
		  200);
	CHECK_STR(rsp, "97");
	CHECK(error_log_has("vnp_SecureHash: not the signature of gateway "
			    "vnpay-forge"));
	CHECK_INT(forged_ipn("Tforge", secret, order, 5000100, rsp), 200);
	CHECK_STR(rsp, "04");
	CHECK_INT(forged_ipn("Tforge", secret, order + 1000, 5000000, rsp),
		  200);
	CHECK_STR(rsp, "01");
	CHECK_INT(forged_ipn("Tnobody", secret, order, 5000000, rsp), 200);
	CHECK_STR(rsp, "97");
	CHECK_STR(fixture_digest(&e.f, after), before);

	/* the return alone says nothing was paid */
	char *to = back ? land(back) : NULL;
	CHECK(to && strstr(to, "&paid=0") != NULL);
	json_t *st = statement(&f);
	CHECK_STR(status_of(st, order), "pending");
	json_decref(st);

	/* an order past its expiry is not paid by a late callback */
	struct filed g = file_online();
	struct payment_order o = {.code = g.code,
				  .method = PAY_PROVINCIAL,
				  .provider = "vnpay-forge",
				  .at = (int64_t)time(NULL) - 3600,
				  .expires = (int64_t)time(NULL) - 2700,
				  .actor = &fixture_operator};
	struct payment old;
	struct mc_err err;
	CHECK_INT(app_payment_order(&e.f.app, &o, &old, &err), MC_OK);
	fixture_digest(&e.f, before);
	CHECK_INT(forged_ipn("Tforge", secret, old.id, 5000000, rsp), 200);
	CHECK_STR(rsp, "02");
	CHECK_STR(fixture_digest(&e.f, after), before);
	payment_release(&old);
	free(back);
	free(to);
	sim_stop(&s);
}

static int count_action(const struct dossier_event *ev, void *ctx)
{
	if (strcmp(ev->action, "payment-paid") == 0)
		++*(int *)ctx;
	return 0;
}

TEST(a_callback_twice_is_already_confirmed)
{
	struct sim s = sim_start("vnpay-twice", "twice");
	struct filed f = file_online();
	int64_t order = 0;
	char line[256], want[64];
	char *back = pay(&s, &f, "approve", &order);
	sim_line(&s, line, sizeof(line));
	snprintf(want, sizeof(want), "ipn %lld 00 Confirm Success",
		 (long long)order);
	CHECK_STR(line, want);
	sim_line(&s, line, sizeof(line));
	snprintf(want, sizeof(want), "ipn %lld 02 Order already confirmed",
		 (long long)order);
	CHECK_STR(line, want);
	int paid = 0;
	CHECK_INT(
		store_event_each(e.f.app.st, f.code, count_action, &paid, NULL),
		MC_OK);
	CHECK_INT(paid, 1);
	free(back);
	sim_stop(&s);
}

TEST(a_late_callback_pays_after_the_return)
{
	struct sim s = sim_start("vnpay-late", "late");
	struct filed f = file_online();
	int64_t order = 0;
	char line[256], want[64];
	char *back = pay(&s, &f, "approve", &order);
	char *to = back ? land(back) : NULL;
	CHECK(to && strstr(to, "&paid=0") != NULL);
	json_t *st = statement(&f);
	CHECK_STR(status_of(st, order), "pending");
	json_decref(st);
	sim_line(&s, line, sizeof(line)); /* waits for the late callback */
	snprintf(want, sizeof(want), "ipn %lld 00 Confirm Success",
		 (long long)order);
	CHECK_STR(line, want);
	st = statement(&f);
	CHECK_STR(status_of(st, order), "paid");
	json_decref(st);
	free(back);
	free(to);
	sim_stop(&s);
}

TEST_MAIN_WITH(setup, teardown,
	       {"paid_through_the_gateway_with_a_receipt",
		paid_through_the_gateway_with_a_receipt},
	       {"declined_cancelled_and_timed_out_pay_nothing",
		declined_cancelled_and_timed_out_pay_nothing},
	       {"forged_and_wrong_callbacks_change_nothing",
		forged_and_wrong_callbacks_change_nothing},
	       {"a_callback_twice_is_already_confirmed",
		a_callback_twice_is_already_confirmed},
	       {"a_late_callback_pays_after_the_return",
		a_late_callback_pays_after_the_return})
