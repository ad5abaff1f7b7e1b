/*
 * payment.c - the payment rules without a database: which statuses may
 * follow, what the portal format says of each method, what a dossier
 * still owes, and an amount in Vietnamese words as a receipt prints it.
 */
#include "test.h"

#include "core/payment.h"
#include "core/str.h"

static const char *words(int64_t n)
{
	static char buf[512];
	struct strbuf sb;
	strbuf_init(&sb);
	payment_amount_words(n, &sb);
	snprintf(buf, sizeof(buf), "%s", sb.buf ? sb.buf : "");
	strbuf_release(&sb);
	return buf;
}

TEST(amounts_in_words)
{
	CHECK_STR(words(50000), "Năm mươi nghìn đồng");
	CHECK_STR(words(1182276262),
		  "Một tỷ một trăm tám mươi hai triệu hai trăm bảy mươi sáu "
		  "nghìn hai trăm sáu mươi hai đồng");
	CHECK_STR(words(1005), "Một nghìn không trăm linh năm đồng");
	CHECK_STR(words(21), "Hai mươi mốt đồng");
	CHECK_STR(words(15), "Mười lăm đồng");
	CHECK_STR(words(24), "Hai mươi tư đồng");
	CHECK_STR(words(125000), "Một trăm hai mươi lăm nghìn đồng");
	CHECK_STR(words(2000000), "Hai triệu đồng");
	CHECK_STR(words(0), "Không đồng");
}

TEST(statuses_that_may_follow)
{
	CHECK(payment_status_may_follow(PAYMENT_PENDING, PAYMENT_PAID));
	CHECK(payment_status_may_follow(PAYMENT_PENDING, PAYMENT_FAILED));
	CHECK(payment_status_may_follow(PAYMENT_PENDING, PAYMENT_EXPIRED));
	CHECK(payment_status_may_follow(PAYMENT_PAID, PAYMENT_REFUNDED));
	CHECK(!payment_status_may_follow(PAYMENT_PAID, PAYMENT_PAID));
	CHECK(!payment_status_may_follow(PAYMENT_FAILED, PAYMENT_PAID));
	CHECK(!payment_status_may_follow(PAYMENT_EXPIRED, PAYMENT_PAID));
	CHECK(!payment_status_may_follow(PAYMENT_REFUNDED, PAYMENT_PAID));
}

TEST(paid_records_set_the_portal_fields)
{
	struct dossier d;
	dossier_init(&d);
	struct dossier_fee *f = ARRAY_PUSH(d.fees, d.n_fees, d.cap_fees);
	str_set(&f->code, "LP01");
	f->amount = 30000;
	f = ARRAY_PUSH(d.fees, d.n_fees, d.cap_fees);
	str_set(&f->code, "PH01");
	f->amount = 10000;
	struct payment_line l1 = {"LP01", NULL, 30000};
	struct payment p[2] = {{.status = PAYMENT_FAILED,
				.method = PAY_NATIONAL,
				.amount = 30000,
				.lines = &l1,
				.n_lines = 1},
			       {.status = PAYMENT_PAID,
				.method = PAY_VIETQR,
				.amount = 30000,
				.lines = &l1,
				.n_lines = 1}};
	payment_apply(&d, p, 2);
	CHECK_INT(d.paid_online, PAID_NOT_ONLINE);
	CHECK_INT(d.fees[0].method, 2);
	CHECK_INT(d.fees[1].method, 0);
	CHECK_INT(payment_owed(&d, p, 2), 10000);
	p[0].status = PAYMENT_PAID;
	payment_apply(&d, p, 2);
	CHECK_INT(d.paid_online, PAID_NATIONAL);
	CHECK_INT(payment_method_portal(PAY_CASH), 1);
	CHECK_INT(payment_method_portal(PAY_PROVINCIAL), 3);
	CHECK_INT(payment_owed(&d, p, 2), 0);
	dossier_release(&d);
}

TEST_MAIN({"amounts_in_words", amounts_in_words},
	  {"statuses_that_may_follow", statuses_that_may_follow},
	  {"paid_records_set_the_portal_fields",
	   paid_records_set_the_portal_fields})
