/*
 * payment_report.c - the payments report (src/app/payment_report.c):
 * from the aggregates it equals the full scan of every paid payment for
 * every period, unit and grouping tried, its lines add up to its total,
 * amounts past 2^31 dong stay exact, and a refund takes a payment out.
 */
#include "test.h"

#include "app/payment.h"
#include "app/index.h"
#include "app/payment_report.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"

static struct fixture fx;

static const char *const units[] = {"000.00.06.H56", "000.00.31.H56",
				    "000.31.21.H56"};
#define N_PAYMENTS 48

static void put_procedure(void)
{
	struct procedure p;
	struct mc_err err;
	procedure_init(&p);
	str_set(&p.code, "9.000009");
	str_set(&p.name, "Thủ tục có lệ phí lớn");
	str_set(&p.field_code, "G09");
	p.limit_value = 5;
	p.online_level = ONLINE_FULL;
	struct procedure_fee *f = ARRAY_PUSH(p.fees, p.n_fees, p.cap_fees);
	str_set(&f->code, "LP09");
	str_set(&f->name, "Lệ phí");
	f->amount = f->online_amount = 1234567891; /* past 2^31 twice over */
	CHECK_INT(procedure_check(&p, &err), MC_OK);
	CHECK_INT(store_procedure_put(fx.app.st, &p, &err), MC_OK);
	procedure_release(&p);
}

static char *file(const char *procedure, const char *unit, int64_t at)
{
	return fixture_received(&fx, procedure, unit, at);
}

static int64_t pay(const char *code, enum payment_method m, int64_t at)
{
	struct payment_order o = {.code = code,
				  .method = m,
				  .provider = "p",
				  .expires = MC_NO_TIME,
				  .at = at,
				  .actor = &fixture_operator};
	struct payment p;
	struct mc_err err;
	CHECK_INT(app_payment_order(&fx.app, &o, &p, &err), MC_OK);
	struct payment_outcome out = {.id = p.id,
				      .status = PAYMENT_PAID,
				      .provider = "p",
				      .amount = p.amount,
				      .paid_at = at + 3600,
				      .at = at + 3600,
				      .actor = &fixture_operator};
	CHECK_INT(app_payment_settle(&fx.app, &out, NULL, &err), MC_OK);
	int64_t id = p.id;
	payment_release(&p);
	return id;
}

static int64_t refunded;

static void setup(void)
{
	fixture_open(&fx);
	fx.app.now = fixture_time("2024-09-01 08:00");
	put_procedure();
	/* a payment every day or two from 20 April to 22 June, rotating
	 * over units and methods; every fifth one the large fee */
	for (int i = 0; i < N_PAYMENTS; i++) {
		int64_t at = fixture_time("2024-04-20 08:00") +
			     (int64_t)(i * 4 / 3) * 86400;
		char *code =
			file(i % 5 ? "1.000001" : "9.000009", units[i % 3], at);
		int64_t id = pay(code, (enum payment_method)(1 + i % 4), at);
		if (i == 7)
			refunded = id;
		free(code);
	}
	struct payment_outcome back = {.id = refunded,
				       .status = PAYMENT_REFUNDED,
				       .at = fixture_time("2024-08-01 09:00"),
				       .note = "nộp nhầm",
				       .actor = &fixture_operator};
	struct mc_err err;
	CHECK_INT(app_payment_settle(&fx.app, &back, NULL, &err), MC_OK);
}

static void teardown(void) { fixture_close(&fx); }

static void same(const struct pay_query *q)
{
	struct pay_table a, b;
	struct mc_err err;
	CHECK_INT(app_payment_report(&fx.app, q, &a, &err), MC_OK);
	CHECK_INT(app_payment_report_scan(&fx.app, q, &b, &err), MC_OK);
	CHECK_INT(a.n, b.n);
	CHECK(pay_row_equal(&a.total, &b.total));
	struct pay_row sum = {0};
	for (size_t i = 0; i < a.n && i < b.n; i++) {
		if (!pay_row_equal(&a.lines[i].row, &b.lines[i].row))
			fprintf(stderr, "line %s by %s differs\n",
				a.lines[i].key, pay_by_key(q->by));
		CHECK(pay_row_equal(&a.lines[i].row, &b.lines[i].row));
		pay_row_merge(&sum, &a.lines[i].row);
	}
	CHECK(pay_row_equal(&sum, &a.total));
	pay_table_release(&a);
	pay_table_release(&b);
}

TEST(aggregates_equal_the_full_scan)
{
	const char *periods[] = {"month:2024-05", "month:2024-06",
				 "quarter:2024Q2", "year:2024"};
	const char *roots[] = {NULL, "000.00.31.H56", "000.00.06.H56"};
	struct mc_err err;
	for (size_t p = 0; p < sizeof(periods) / sizeof(*periods); p++)
		for (size_t r = 0; r < 3; r++)
			for (int by = PAY_BY_UNIT; by <= PAY_BY_METHOD; by++) {
				struct pay_query q = {.unit = roots[r],
						      .by = (enum pay_by)by};
				CHECK_INT(report_period_parse(periods[p], 15,
							      &q.period,
							      "period", &err),
					  MC_OK);
				same(&q);
			}
	/* any span of days */
	struct pay_query q = {.by = PAY_BY_UNIT};
	q.period.from = civil_days(2024, 4, 27);
	q.period.to = civil_days(2024, 5, 3);
	same(&q);
}

TEST(totals_are_exact_and_refunds_leave)
{
	struct pay_query q = {.by = PAY_BY_METHOD};
	struct mc_err err;
	CHECK_INT(
		report_period_parse("year:2024", 1, &q.period, "period", &err),
		MC_OK);
	struct pay_table t;
	CHECK_INT(app_payment_report(&fx.app, &q, &t, &err), MC_OK);
	/* 48 paid, one refunded (i = 7, a 50,000 fee); 10 large fees */
	struct pay_cell all = pay_row_total(&t.total);
	CHECK_INT(all.count, N_PAYMENTS - 1);
	CHECK_INT(all.amount, 10 * INT64_C(1234567891) + 37 * 50000);
	/* methods rotate (1 + i % 4): 12 in cash, the refunded one too */
	CHECK_INT(pay_row_method(&t.total, PAY_CASH).count, 11);
	CHECK_INT(pay_row_online(&t.total).count +
			  pay_row_counter(&t.total).count,
		  all.count);
	CHECK_INT(pay_row_kind(&t.total, PAY_KIND_FEE).count, all.count);
	CHECK_INT(pay_row_online_share(&t.total),
		  report_rate(pay_row_online(&t.total).count, all.count));
	pay_table_release(&t);
}

/* The service index's online payment counts the payment records of
 * dossiers filed here: paid through the national platform or a
 * provincial gateway, among the dossiers with a fee, by the month they
 * were received. */
TEST(index_counts_payment_records)
{
	struct index_query q = {.min_dossiers = 1};
	struct mc_err err;
	CHECK_INT(report_period_parse("month:2024-05", 1, &q.period, "period",
				      &err),
		  MC_OK);
	int64_t num = 0, den = 0;
	for (int i = 0; i < N_PAYMENTS; i++) {
		int64_t day = civil_days(2024, 4, 20) + i * 4 / 3;
		if (day < q.period.from || day > q.period.to)
			continue;
		den++;
		num += i % 4 < 2; /* methods 1 and 2 */
	}
	struct index_table t;
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_OK);
	CHECK(den > 0 && num > 0 && num < den);
	CHECK_INT(t.total.ind[IND_ONLINE_PAYMENT].num, num);
	CHECK_INT(t.total.ind[IND_ONLINE_PAYMENT].den, den);
	/* both procedures with fees had an online payment */
	CHECK_INT(t.total.ind[IND_PAYING_PROCEDURES].num, 2);
	index_table_release(&t);
}

TEST(a_backwards_period_is_refused)
{
	struct pay_query q = {.by = PAY_BY_UNIT};
	q.period.from = civil_days(2024, 5, 3);
	q.period.to = civil_days(2024, 5, 1);
	struct pay_table t;
	struct mc_err err;
	CHECK_INT(app_payment_report(&fx.app, &q, &t, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "from");
	q.period.to = q.period.from;
	q.unit = "000.99.99.H56";
	CHECK_INT(app_payment_report(&fx.app, &q, &t, &err), MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "unit");
}

TEST_MAIN_WITH(setup, teardown, T(aggregates_equal_the_full_scan),
	       T(totals_are_exact_and_refunds_leave),
	       T(index_counts_payment_records),
	       T(a_backwards_period_is_refused))
