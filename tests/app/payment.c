/*
 * payment.c - fees from the catalogue, payment orders and outcomes,
 * exemptions and the lifecycle's wait for payment, end to end on a
 * stored province: what a citizen, a cashier and a gateway's callback
 * can and cannot do, each refusal leaving the database digest as it
 * was.
 */
#include "test.h"

#include <sodium.h>
#include <sqlite3.h>

#include "app/payment.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"

static struct fixture fx;

/* Whether a statement run by a plain SQLite connection is refused. */
static bool sqlite_exec_fails(const char *sql)
{
	sqlite3 *db;
	if (sqlite3_open(fx.db, &db) != SQLITE_OK)
		return false;
	sqlite3_busy_timeout(db, 2000);
	bool failed = sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK;
	sqlite3_close(db);
	return failed;
}

/* 9.000001: 100,000 at the counter, 50,000 online, paid before
 * processing; 9.000002: 30,000 and 20,000, paid before the result. */
static void put_paying(const char *code, int64_t a1, int64_t o1, int64_t a2,
		       int64_t o2, enum fee_due due)
{
	struct procedure p;
	struct mc_err err;
	procedure_init(&p);
	str_set(&p.code, code);
	str_set(&p.name, "Thủ tục có lệ phí");
	str_set(&p.field_code, "G01");
	p.limit_value = 5;
	p.online_level = ONLINE_FULL;
	p.fee_due = due;
	struct procedure_fee *f = ARRAY_PUSH(p.fees, p.n_fees, p.cap_fees);
	str_set(&f->code, "LP01");
	str_set(&f->name, "Lệ phí");
	f->amount = a1;
	f->online_amount = o1;
	f = ARRAY_PUSH(p.fees, p.n_fees, p.cap_fees);
	str_set(&f->code, "PH01");
	str_set(&f->name, "Phí thẩm định");
	f->amount = a2;
	f->online_amount = o2;
	CHECK_INT(procedure_check(&p, &err), MC_OK);
	CHECK_INT(store_procedure_put(fx.app.st, &p, &err), MC_OK);
	procedure_release(&p);
}

static void setup(void)
{
	fixture_open(&fx);
	put_paying("9.000001", 100000, 50000, 0, 0, FEE_DUE_PROCESSING);
	put_paying("9.000002", 30000, 20000, 10000, 10000, FEE_DUE_RESULT);
}

static void teardown(void) { fixture_close(&fx); }

static const struct actor citizen = ACTOR_CITIZEN;
static const struct actor gateway = ACTOR_OPERATOR("cong-thanh-toan");
static const struct actor clerk = {.role = ROLE_CLERK,
				   .name = "canbo.tp",
				   .unit = "000.00.06.H56",
				   .user_id = 7};
static const struct actor stranger = {.role = ROLE_CLERK,
				      .name = "canbo.huyen",
				      .unit = "000.00.31.H56",
				      .user_id = 8};

#define SECRET "a1b2c3d4e5f60718293a4b5c6d7e8f90"

static char *file(const char *proc, enum channel ch, const char *at)
{
	struct dossier f, d;
	struct mc_err err;
	unsigned char h[32];
	char hash[65];
	crypto_generichash(h, sizeof(h), (const unsigned char *)SECRET,
			   strlen(SECRET), NULL, 0);
	sodium_bin2hex(hash, sizeof(hash), h, sizeof(h));
	fixture_filing(&f, proc, "000.00.06.H56", ch);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = ch == CHANNEL_ONLINE ? OP_REGISTER : OP_ACCEPT,
			   .at = fixture_time(at)},
		.filing = &f,
		.secret_hash = hash,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, &d, &err), MC_OK);
	char *code = strdup(d.code);
	dossier_release(&f);
	dossier_release(&d);
	return code;
}

static enum mc_code step(const char *code, enum dossier_op op, const char *at,
			 struct mc_err *err)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = op, .at = fixture_time(at)},
		.code = code,
	};
	return app_lifecycle(&fx.app, &req, NULL, err);
}

static enum mc_code order(const char *code, const struct actor *a,
			  enum payment_method m, const char *at,
			  struct payment *out, struct mc_err *err)
{
	struct payment_order o = {
		.code = code,
		.method = m,
		.provider = m == PAY_CASH ? "counter" : "vnpay-tinh",
		.expires = fixture_time(at) + PAYMENT_ORDER_SECONDS,
		.at = fixture_time(at),
		.actor = a,
		.secret = a->role == ROLE_CITIZEN ? SECRET : NULL,
	};
	payment_init(out);
	return app_payment_order(&fx.app, &o, out, err);
}

static enum mc_code settle(int64_t id, enum payment_status s, int64_t amount,
			   const char *paid_at, const char *ref,
			   struct mc_err *err)
{
	struct payment_outcome o = {
		.id = id,
		.status = s,
		.provider = "vnpay-tinh",
		.provider_ref = ref,
		.amount = amount,
		.paid_at = fixture_time(paid_at),
		.at = fixture_time(paid_at) + 5,
		.actor = &gateway,
	};
	return app_payment_settle(&fx.app, &o, NULL, err);
}

static struct dossier get(const char *code)
{
	struct dossier d;
	dossier_init(&d);
	CHECK_INT(store_dossier_get(fx.app.st, code, &d, NULL), MC_OK);
	return d;
}

struct events {
	int n;
	char last[32];
	char note[256];
};

static int see_event(const struct dossier_event *ev, void *ctx)
{
	struct events *e = ctx;
	e->n++;
	snprintf(e->last, sizeof(e->last), "%s", ev->action);
	snprintf(e->note, sizeof(e->note), "%s", ev->note ? ev->note : "");
	return 0;
}

static struct events events_of(const char *code)
{
	struct events e = {0};
	CHECK_INT(store_event_each(fx.app.st, code, see_event, &e, NULL),
		  MC_OK);
	return e;
}

TEST(fees_are_the_catalogue_s_online_or_counter_amounts)
{
	char *online = file("9.000002", CHANNEL_ONLINE, "2026-03-02 08:00");
	char *counter = file("9.000002", CHANNEL_DIRECT, "2026-03-02 08:10");
	struct dossier a = get(online), b = get(counter);
	CHECK_INT(a.n_fees, 2);
	CHECK_INT(a.fees[0].amount, 20000);
	CHECK_INT(a.fees[1].amount, 10000);
	CHECK_INT(dossier_fee_total(&a), 30000);
	CHECK_INT(dossier_fee_total(&b), 40000);
	CHECK_INT(a.paid_online, PAID_NOT_ONLINE);
	dossier_release(&a);
	dossier_release(&b);
	free(online);
	free(counter);
}

TEST(processing_waits_for_payment_then_a_checked_callback_pays)
{
	char digest[65], after[65];
	struct mc_err err;
	struct payment p, again;
	char *code = file("9.000001", CHANNEL_ONLINE, "2026-03-03 08:00");
	CHECK_INT(step(code, OP_ACCEPT, "2026-03-03 09:00", &err), MC_OK);

	fixture_digest(&fx, digest);
	CHECK_INT(step(code, OP_START, "2026-03-03 10:00", &err), MC_ERR_RULE);
	CHECK_STR(err.field, "DanhSachLePhi");
	CHECK(strstr(err.message, "50000 VND of fees are not paid") != NULL);
	CHECK_STR(fixture_digest(&fx, after), digest);

	/* a wrong secret is an unknown dossier */
	struct payment_order wrong = {
		.code = code,
		.method = PAY_PROVINCIAL,
		.provider = "vnpay-tinh",
		.actor = &citizen,
		.secret = "a1b2c3d4e5f60718293a4b5c6d7e8f91",
		.at = fixture_time("2026-03-03 10:00")};
	CHECK_INT(app_payment_order(&fx.app, &wrong, &again, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "MaHoSo");
	CHECK_STR(fixture_digest(&fx, after), digest);

	/* the citizen orders; a second click hands back the same order */
	CHECK_INT(order(code, &citizen, PAY_PROVINCIAL, "2026-03-03 10:01", &p,
			&err),
		  MC_OK);
	CHECK_INT(p.amount, 50000);
	CHECK_INT(p.status, PAYMENT_PENDING);
	CHECK_INT(p.n_lines, 1);
	CHECK_INT(order(code, &citizen, PAY_PROVINCIAL, "2026-03-03 10:02",
			&again, &err),
		  MC_OK);
	CHECK_INT(again.id, p.id);
	payment_release(&again);

	/* another amount, another provider, a citizen: refused, unchanged */
	fixture_digest(&fx, digest);
	CHECK_INT(settle(p.id, PAYMENT_PAID, 5000, "2026-03-03 10:05", "T1",
			 &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "amount");
	struct payment_outcome forged = {.id = p.id,
					 .status = PAYMENT_PAID,
					 .amount = 50000,
					 .actor = &citizen};
	CHECK_INT(app_payment_settle(&fx.app, &forged, NULL, &err),
		  MC_ERR_FORBIDDEN);
	forged.actor = &gateway;
	forged.provider = "khac";
	CHECK_INT(app_payment_settle(&fx.app, &forged, NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "provider");
	CHECK_INT(settle(p.id + 100, PAYMENT_PAID, 50000, "2026-03-03 10:05",
			 "T1", &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(fixture_digest(&fx, after), digest);

	CHECK_INT(settle(p.id, PAYMENT_PAID, 50000, "2026-03-03 10:05", "T1",
			 &err),
		  MC_OK);
	struct dossier d = get(code);
	CHECK_INT(d.paid_online, PAID_PROVINCIAL);
	CHECK_INT(d.fees[0].method, 3);
	dossier_release(&d);
	struct events e = events_of(code);
	CHECK_STR(e.last, "payment-paid");
	CHECK(strstr(e.note, "50000 VND, vnpay-tinh T1") != NULL);

	/* the same callback again changes nothing */
	fixture_digest(&fx, digest);
	CHECK_INT(settle(p.id, PAYMENT_PAID, 50000, "2026-03-03 10:05", "T1",
			 &err),
		  MC_ERR_STATE);
	CHECK(strstr(err.message, "already paid") != NULL);
	CHECK_STR(fixture_digest(&fx, after), digest);

	/* nothing is owed now: no order, and processing starts */
	CHECK_INT(order(code, &citizen, PAY_PROVINCIAL, "2026-03-03 10:10",
			&again, &err),
		  MC_ERR_STATE);
	CHECK_STR(err.field, "DanhSachLePhi");
	CHECK_INT(step(code, OP_START, "2026-03-03 10:30", &err), MC_OK);

	struct receipt r;
	CHECK_INT(store_receipt_get(fx.app.st, p.id, &r, &err), MC_OK);
	CHECK_STR(r.series, "BL/26E");
	CHECK_INT(r.year, 2026);
	CHECK(r.number >= 1);
	receipt_release(&r);
	payment_release(&p);
	free(code);
}

TEST(declined_then_expired_orders_pay_nothing)
{
	struct mc_err err;
	struct payment p, q;
	char digest[65], after[65];
	char *code = file("9.000001", CHANNEL_ONLINE, "2026-03-04 08:00");
	CHECK_INT(order(code, &citizen, PAY_PROVINCIAL, "2026-03-04 08:01", &p,
			&err),
		  MC_OK);
	CHECK_INT(
		settle(p.id, PAYMENT_FAILED, 0, "2026-03-04 08:03", "D1", &err),
		MC_OK);
	struct dossier d = get(code);
	CHECK_INT(d.paid_online, PAID_NOT_ONLINE);
	dossier_release(&d);

	/* a new order; paid by the gateway after it expired: refused */
	CHECK_INT(order(code, &citizen, PAY_PROVINCIAL, "2026-03-04 09:00", &q,
			&err),
		  MC_OK);
	CHECK(q.id != p.id);
	fixture_digest(&fx, digest);
	CHECK_INT(settle(q.id, PAYMENT_PAID, 50000, "2026-03-04 09:30", "L1",
			 &err),
		  MC_ERR_STATE);
	CHECK_STR(err.field, "expires");
	CHECK_STR(fixture_digest(&fx, after), digest);

	/* the next order expires it, and the cashier takes cash */
	struct payment cash;
	CHECK_INT(order(code, &stranger, PAY_CASH, "2026-03-04 10:00", &cash,
			&err),
		  MC_ERR_NOT_FOUND);
	CHECK_INT(order(code, &citizen, PAY_CASH, "2026-03-04 10:00", &cash,
			&err),
		  MC_ERR_FORBIDDEN);
	CHECK_INT(
		order(code, &clerk, PAY_CASH, "2026-03-04 10:00", &cash, &err),
		MC_OK);
	struct payment now;
	CHECK_INT(store_payment_get(fx.app.st, q.id, &now, &err), MC_OK);
	CHECK_INT(now.status, PAYMENT_EXPIRED);
	payment_release(&now);
	struct payment_outcome o = {.id = cash.id,
				    .status = PAYMENT_PAID,
				    .amount = 50000,
				    .paid_at = fixture_time("2026-03-04 10:01"),
				    .at = fixture_time("2026-03-04 10:01"),
				    .actor = &clerk};
	CHECK_INT(app_payment_settle(&fx.app, &o, NULL, &err), MC_OK);
	d = get(code);
	CHECK_INT(d.paid_online, PAID_NOT_ONLINE);
	CHECK_INT(d.fees[0].method, 1);
	dossier_release(&d);
	payment_release(&p);
	payment_release(&q);
	payment_release(&cash);
	free(code);
}

/* The receipt of order id as text (pdftotext, white space collapsed);
 * NULL when refused, with *rc telling why. */
static char *receipt_text(const char *code, const struct actor *who, int64_t id,
			  enum mc_code *rc)
{
	struct strbuf pdf;
	strbuf_init(&pdf);
	*rc = app_receipt_pdf(&fx.app, who, code,
			      who->role == ROLE_CITIZEN ? SECRET : NULL, id,
			      false, &pdf, NULL);
	if (*rc) {
		strbuf_release(&pdf);
		return NULL;
	}
	static char text[1 << 16];
	snprintf(text, sizeof(text), "%s", fixture_pdf_text(pdf.buf, pdf.len));
	strbuf_release(&pdf);
	return text;
}

TEST(receipts_are_numbered_without_gaps_and_cancelled_with_a_reason)
{
	struct mc_err err;
	int64_t last = 0;
	for (int i = 0; i < 3; i++) {
		char *code =
			file("9.000001", CHANNEL_DIRECT, "2026-03-05 08:00");
		struct payment p;
		CHECK_INT(order(code, &clerk, PAY_CASH, "2026-03-05 08:10", &p,
				&err),
			  MC_OK);
		CHECK_INT(p.amount, 100000);
		struct payment_outcome o = {
			.id = p.id,
			.status = PAYMENT_PAID,
			.amount = 100000,
			.paid_at = fixture_time("2026-03-05 08:11"),
			.at = fixture_time("2026-03-05 08:11"),
			.actor = &clerk};
		CHECK_INT(app_payment_settle(&fx.app, &o, NULL, &err), MC_OK);
		struct receipt r;
		CHECK_INT(store_receipt_get(fx.app.st, p.id, &r, &err), MC_OK);
		if (last)
			CHECK_INT(r.number, last + 1);
		last = r.number;
		enum mc_code prc;
		char *text = receipt_text(code, &citizen, p.id, &prc);
		CHECK_INT(prc, MC_OK);
		char want[64];
		snprintf(want, sizeof(want), "Ký hiệu: BL/26E Số: %07lld",
			 (long long)r.number);
		CHECK(text && strstr(text, want));
		CHECK(text && strstr(text, "Tổng cộng 100.000"));
		CHECK(text &&
		      strstr(text, "Số tiền bằng chữ: Một trăm nghìn đồng"));
		CHECK(text &&
		      strstr(text, "Hình thức thanh toán: Tiền mặt tại quầy"));
		CHECK(text && strstr(text, code));
		CHECK(receipt_text(code, &stranger, p.id, &prc) == NULL);
		CHECK_INT(prc, MC_ERR_NOT_FOUND);
		if (i == 2) {
			CHECK_INT(app_receipt_cancel(&fx.app, &clerk, code,
						     p.id, "", &err),
				  MC_ERR_INPUT);
			CHECK_INT(app_receipt_cancel(&fx.app, &stranger, code,
						     p.id, "Thu nhầm", &err),
				  MC_ERR_NOT_FOUND);
			CHECK_INT(app_receipt_cancel(&fx.app, &clerk, code,
						     p.id, "Thu nhầm", &err),
				  MC_OK);
			CHECK_INT(app_receipt_cancel(&fx.app, &clerk, code,
						     p.id, "lại", &err),
				  MC_ERR_STATE);
			struct events e = events_of(code);
			CHECK_STR(e.last, "receipt-cancel");
			struct payment_statement st;
			CHECK_INT(app_payment_statement(&fx.app, &clerk, code,
							NULL, &st, &err),
				  MC_OK);
			CHECK_INT(st.n, 1);
			CHECK_INT(st.e[0].r.number, r.number);
			CHECK(st.e[0].r.cancelled != MC_NO_TIME);
			CHECK_STR(st.e[0].r.cancel_reason, "Thu nhầm");
			payment_statement_release(&st);
			text = receipt_text(code, &clerk, p.id, &prc);
			CHECK(text && strstr(text, "BIÊN LAI ĐÃ HỦY"));
			CHECK(text && strstr(text, "Lý do hủy: Thu nhầm"));
		}
		receipt_release(&r);
		payment_release(&p);
		free(code);
	}
	/* a receipt is never deleted */
	CHECK(sqlite_exec_fails("DELETE FROM receipts"));
}

TEST(an_exemption_needs_staff_and_its_legal_reason)
{
	struct mc_err err;
	char digest[65], after[65];
	char *code = file("9.000002", CHANNEL_DIRECT, "2026-03-06 08:00");
	fixture_digest(&fx, digest);
	CHECK_INT(app_fee_exempt(&fx.app, &citizen, code, "LP01", "x", NULL,
				 &err),
		  MC_ERR_FORBIDDEN);
	CHECK_INT(app_fee_exempt(&fx.app, &clerk, code, "LP01", "", NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "reason");
	CHECK_INT(app_fee_exempt(&fx.app, &clerk, code, "XX", "Điều 5", NULL,
				 &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "MaPhiLePhi");
	CHECK_INT(app_fee_exempt(&fx.app, &stranger, code, "LP01", "Điều 5",
				 NULL, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(fixture_digest(&fx, after), digest);

	struct dossier d;
	CHECK_INT(app_fee_exempt(&fx.app, &clerk, code, "LP01",
				 "Điều 5 Thông tư 85/2019/TT-BTC: hộ nghèo", &d,
				 &err),
		  MC_OK);
	CHECK_INT(d.fees[0].amount, 0);
	CHECK_STR(d.fees[0].exempt, "Điều 5 Thông tư 85/2019/TT-BTC: hộ nghèo");
	CHECK_INT(dossier_fee_total(&d), 10000);
	dossier_release(&d);
	struct events e = events_of(code);
	CHECK_STR(e.last, "fee-exempt");
	CHECK(strstr(e.note, "LP01 30000 VND exempted") != NULL);
	CHECK_INT(app_fee_exempt(&fx.app, &clerk, code, "LP01", "lại", NULL,
				 &err),
		  MC_ERR_STATE);

	/* paid before the result: the return waits for the 10,000 left */
	CHECK_INT(step(code, OP_START, "2026-03-06 09:00", &err), MC_OK);
	CHECK_INT(step(code, OP_FINISH, "2026-03-06 10:00", &err), MC_OK);
	CHECK_INT(step(code, OP_RETURN, "2026-03-06 11:00", &err), MC_ERR_RULE);
	CHECK(strstr(err.message, "10000 VND") != NULL);
	struct payment_statement s;
	CHECK_INT(app_payment_statement(&fx.app, &clerk, code, NULL, &s, &err),
		  MC_OK);
	CHECK_INT(s.charged, 10000);
	CHECK_INT(s.owed, 10000);
	CHECK_INT(s.due, FEE_DUE_RESULT);
	payment_statement_release(&s);
	free(code);
}

TEST(an_imported_dossier_keeps_the_old_system_s_payments)
{
	struct mc_err err;
	struct dossier d;
	fixture_filing(&d, "9.000001", "000.00.06.H56", CHANNEL_ONLINE);
	str_set(&d.code, "000.00.06.H56-200101-0001");
	d.origin = ORIGIN_IMPORT;
	d.status = ST_ACCEPTED;
	d.submitted = d.received = fixture_time("2020-01-01 08:00");
	d.due = fixture_time("2020-01-08 08:00");
	d.paid_online = PAID_NATIONAL;
	struct dossier_fee *f = ARRAY_PUSH(d.fees, d.n_fees, d.cap_fees);
	str_set(&f->code, "LP01");
	f->amount = 80000;
	f->method = 3;
	CHECK_INT(app_dossier_put(&fx.app, &d, NULL, &err), MC_OK);
	struct payment p;
	CHECK_INT(order(d.code, &clerk, PAY_CASH, "2026-03-06 08:00", &p, &err),
		  MC_ERR_RULE);
	CHECK_STR(err.field, "MaHoSo");
	/* nor does the lifecycle hold it for a payment of ours */
	CHECK_INT(step(d.code, OP_START, "2026-03-06 09:00", &err), MC_OK);
	struct dossier back = get(d.code);
	CHECK_INT(back.paid_online, PAID_NATIONAL);
	CHECK_INT(back.fees[0].method, 3);
	dossier_release(&back);
	dossier_release(&d);
}

TEST_MAIN_WITH(setup, teardown,
	       {"fees_are_the_catalogue_s_online_or_counter_amounts",
		fees_are_the_catalogue_s_online_or_counter_amounts},
	       {"processing_waits_for_payment_then_a_checked_callback_pays",
		processing_waits_for_payment_then_a_checked_callback_pays},
	       {"declined_then_expired_orders_pay_nothing",
		declined_then_expired_orders_pay_nothing},
	       {"receipts_are_numbered_without_gaps_and_cancelled_with_a_"
		"reason",
		receipts_are_numbered_without_gaps_and_cancelled_with_a_reason},
	       {"an_exemption_needs_staff_and_its_legal_reason",
		an_exemption_needs_staff_and_its_legal_reason},
	       {"an_imported_dossier_keeps_the_old_system_s_payments",
		an_imported_dossier_keeps_the_old_system_s_payments})
