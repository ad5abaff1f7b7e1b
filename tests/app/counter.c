/*
 * counter.c - paying at the counter on a stored province
 * (src/app/counter.c): who may set an account, take cash or reconcile,
 * each refusal checked inside the transaction and leaving the database
 * digest as it was; a statement seen by a unit's staff pays only their
 * units' dossiers.
 */
#include "test.h"

#include "app/counter.h"
#include "app/payment.h"
#include "core/str.h"
#include "fixture.h"

static struct fixture fx;

static const struct actor clerk = {.role = ROLE_CLERK,
				   .name = "thungan.tp",
				   .unit = "000.00.06.H56",
				   .user_id = 7};
static const struct actor stranger = {.role = ROLE_CLERK,
				      .name = "thungan.huyen",
				      .unit = "000.00.31.H56",
				      .user_id = 8};
static const struct actor officer = {.role = ROLE_OFFICER,
				     .name = "canbo.tp",
				     .unit = "000.00.06.H56",
				     .user_id = 9};
static const struct actor admin_tp = {.role = ROLE_ADMIN,
				      .name = "quantri.tp",
				      .unit = "000.00.06.H56",
				      .user_id = 10};

/* A counter filing of 1.000001 (fee 50,000) at the department. */
static char *file(void)
{
	return fixture_received(&fx, "1.000001", "000.00.06.H56",
				fixture_time("2024-06-07 08:00"));
}

static void setup(void)
{
	fixture_open(&fx);
	fx.app.now = fixture_time("2024-06-10 09:00");
	struct bank_account a = {.unit_code = "000.00.00.H56",
				 .bin = "970415",
				 .account = "113366668888",
				 .holder = "KHO BAC TINH THU"};
	struct mc_err err;
	CHECK_INT(app_bank_account_set(&fx.app, &fixture_operator, &a, &err),
		  MC_OK);
}

static void teardown(void) { fixture_close(&fx); }

TEST(account_set_by_an_administrator_above)
{
	char before[65], after[65];
	fixture_digest(&fx, before);
	struct bank_account a = {.unit_code = "000.00.31.H56",
				 .bin = "970418",
				 .account = "0123456789",
				 .holder = "UBND HUYEN MOT"};
	struct mc_err err;
	/* an administrator of the department is not above the district */
	CHECK_INT(app_bank_account_set(&fx.app, &admin_tp, &a, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_STR(err.field, "role");
	CHECK_INT(app_bank_account_set(&fx.app, &clerk, &a, &err),
		  MC_ERR_FORBIDDEN);
	a.holder = "UBND Huyện Một";
	CHECK_INT(app_bank_account_set(&fx.app, &fixture_operator, &a, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "holder");
	CHECK_STR(fixture_digest(&fx, after), before);
	/* the department's own account, then its dossiers pay there */
	a = (struct bank_account){.unit_code = "000.00.06.H56",
				  .bin = "970418",
				  .account = "0123456789",
				  .holder = "SO TU PHAP"};
	CHECK_INT(app_bank_account_set(&fx.app, &admin_tp, &a, &err), MC_OK);
	struct bank_account got;
	CHECK_INT(app_bank_account_for(&fx.app, "000.00.06.H56", &got, &err),
		  MC_OK);
	CHECK_STR(got.account, "0123456789");
	CHECK_STR(got.actor, "quantri.tp");
	bank_account_release(&got);
	CHECK_INT(app_bank_account_for(&fx.app, "000.31.21.H56", &got, &err),
		  MC_OK);
	CHECK_STR(got.account, "113366668888");
	bank_account_release(&got);
}

TEST(cash_taken_by_the_cashier_of_the_unit)
{
	char *code = file();
	char before[65], after[65];
	fixture_digest(&fx, before);
	struct payment p;
	struct mc_err err;
	CHECK_INT(app_cash_take(&fx.app, &officer, code, 50000, &p, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_STR(err.field, "role");
	/* a cashier of another unit is told the dossier is not known */
	CHECK_INT(app_cash_take(&fx.app, &stranger, code, 50000, &p, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_INT(app_cash_take(&fx.app, &clerk, code, 50001, &p, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "amount");
	CHECK_STR(fixture_digest(&fx, after), before);
	CHECK_INT(app_cash_take(&fx.app, &clerk, code, 50000, &p, &err), MC_OK);
	CHECK_INT(p.status, PAYMENT_PAID);
	CHECK_INT(p.method, PAY_CASH);
	CHECK_STR(p.actor, "thungan.tp");
	struct receipt r;
	CHECK_INT(store_receipt_get(fx.app.st, p.id, &r, &err), MC_OK);
	CHECK_INT(r.number, 1);
	receipt_release(&r);
	payment_release(&p);
	free(code);
}

static enum mc_code reconcile(const struct actor *a, const char *text,
			      size_t counts[RECONCILE__COUNT])
{
	struct statement s;
	statement_init(&s);
	struct mc_err err;
	CHECK_INT(statement_parse(text, strlen(text), &s, &err), MC_OK);
	enum mc_code rc =
		app_reconcile(&fx.app, a, &s, NULL, NULL, counts, &err);
	statement_release(&s);
	return rc;
}

TEST(staff_reconcile_only_their_units)
{
	char *code = file();
	struct vietqr_order o;
	struct mc_err err;
	CHECK_INT(app_vietqr_order(&fx.app, &clerk, code, NULL, &o, &err),
		  MC_OK);
	CHECK_INT(o.payment.amount, 50000);
	CHECK_STR(o.note, code);
	CHECK(strstr(o.payload, o.account.account) != NULL);
	CHECK_INT(vietqr_check(o.payload, strlen(o.payload), &err), MC_OK);
	vietqr_order_release(&o);
	char text[200];
	snprintf(text, sizeof(text), "2024-06-09,50.000,nop phi %s\n", code);
	char before[65], after[65];
	fixture_digest(&fx, before);
	size_t counts[RECONCILE__COUNT];
	CHECK_INT(reconcile(&stranger, text, counts), MC_OK);
	CHECK_INT(counts[RECONCILE_UNMATCHED], 1);
	CHECK_STR(fixture_digest(&fx, after), before);
	struct actor citizen = ACTOR_CITIZEN;
	CHECK_INT(reconcile(&citizen, text, counts), MC_ERR_FORBIDDEN);
	CHECK_INT(reconcile(&clerk, text, counts), MC_OK);
	CHECK_INT(counts[RECONCILE_PAID], 1);
	CHECK_INT(reconcile(&clerk, text, counts), MC_OK);
	CHECK_INT(counts[RECONCILE_ALREADY], 1);
	CHECK_INT(counts[RECONCILE_PAID], 0);
	free(code);
}

TEST_MAIN_WITH(setup, teardown, T(account_set_by_an_administrator_above),
	       T(cash_taken_by_the_cashier_of_the_unit),
	       T(staff_reconcile_only_their_units))
