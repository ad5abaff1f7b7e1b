/*
 * dossier.c - the lifecycle state machine, checked against the table of
 * allowed transitions written out by hand, plus field checks.
 */
#include "test.h"

#include "core/civil.h"
#include "core/dossier.h"
#include "core/str.h"

/* Allowed starting statuses per operation, as the operations are defined
 * in DOMAIN.md section 3 (0 = a new filing). */
static const struct {
	enum dossier_op op;
	int from[8];
} allowed[] = {
	{OP_REGISTER, {0, -1}},
	{OP_ACCEPT, {0, 1, -1}},
	{OP_REFUSE, {0, 1, -1}},
	{OP_ASK_SUPPLEMENT_AT_RECEPTION, {0, 1, -1}},
	{OP_START, {2, -1}},
	{OP_TRANSFER, {2, 4, -1}},
	{OP_REQUEST_SUPPLEMENT, {2, 4, -1}},
	{OP_COMPLETE_SUPPLEMENT, {5, -1}},
	{OP_REQUEST_FINANCIAL, {2, 4, -1}},
	{OP_FULFIL_FINANCIAL, {6, -1}},
	{OP_FINISH, {2, 4, 6, -1}},
	{OP_STOP, {2, 4, 5, 6, -1}},
	{OP_RETURN, {9, -1}},
	{OP_WITHDRAW, {1, 2, 4, 5, 6, -1}},
};

static int listed(size_t i, int status)
{
	for (int k = 0; allowed[i].from[k] >= 0; k++)
		if (allowed[i].from[k] == status)
			return 1;
	return 0;
}

TEST(every_transition_allowed_or_refused_as_tabled)
{
	CHECK_INT(sizeof(allowed) / sizeof(*allowed), OP__COUNT);
	for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++) {
		for (int s = 0; s <= 10; s++) {
			struct mc_err err;
			mc_err_clear(&err);
			enum mc_code rc =
				dossier_op_allowed(allowed[i].op, s, &err);
			int want = listed(i, s);
			if ((rc == MC_OK) != want) {
				fprintf(stderr, "%s from %d: got %s\n",
					dossier_op_name(allowed[i].op), s,
					mc_code_name(rc));
				test_failed_checks++;
			}
			if (!want) {
				CHECK_INT(rc, MC_ERR_STATE);
				CHECK_STR(err.field, "TrangThaiHoSo");
				CHECK(strstr(err.message,
					     dossier_op_name(allowed[i].op)));
			}
		}
	}
}

TEST(ended_statuses_are_terminal)
{
	for (int op = 0; op < OP__COUNT; op++)
		for (int s = 7; s <= 10; s++)
			if (!(op == OP_RETURN && s == 9))
				CHECK_INT(dossier_op_allowed(
						  (enum dossier_op)op, s, NULL),
					  MC_ERR_STATE);
	CHECK_INT(dossier_op_allowed(OP_ACCEPT, ST_NOT_ACCEPTED, NULL),
		  MC_ERR_STATE);
}

static void valid(struct dossier *d)
{
	dossier_init(d);
	str_set(&d->code, "000.00.06.H56-240607-0001");
	str_set(&d->procedure_code, "1.000001");
	str_set(&d->unit_code, "000.00.06.H56");
	str_set(&d->applicant_name, "Trần Thị Bình");
	str_set(&d->applicant_id, "079190000001");
	d->status = ST_ACCEPTED;
	d->submitted = civil_time_at(civil_days(2024, 6, 7), 8 * 3600);
	d->received = d->submitted + 600;
	d->due = d->received + 5 * 86400;
}

TEST(check_accepts_a_complete_dossier)
{
	struct dossier d;
	valid(&d);
	CHECK_INT(dossier_check(&d, NULL), MC_OK);
	dossier_release(&d);
}

TEST(check_names_the_field_at_fault)
{
	struct dossier d;
	struct mc_err err;
	valid(&d);
	d.due = d.received - 1;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "NgayHenTra");
	dossier_release(&d);

	valid(&d);
	d.status = ST_FINISHED;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "NgayKetThucXuLy");
	dossier_release(&d);

	valid(&d);
	d.channel = 4;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "KenhThucHien");
	dossier_release(&d);

	valid(&d);
	d.applicant_kind = APPLICANT_BUSINESS;
	str_set(&d.applicant_id, "0301234567");
	CHECK_INT(dossier_check(&d, &err), MC_OK); /* a tax code, not a CCCD */
	d.applicant_kind = APPLICANT_CITIZEN;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "SoGiayToChuHoSo");
	dossier_release(&d);

	valid(&d);
	struct supplement_round *r =
		ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements);
	r->requested = d.received + 100;
	r->completed = d.received + 50;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "DanhSachHoSoBoSung.NgayTiepNhanBoSung");
	dossier_release(&d);
}

TEST(copy_is_deep)
{
	struct dossier d, c;
	valid(&d);
	struct dossier_component *k =
		ARRAY_PUSH(d.components, d.n_components, d.cap_components);
	str_set(&k->code, "TP1");
	k->digitized = true;
	CHECK(dossier_copy(&c, &d));
	CHECK(c.code != d.code);
	CHECK_STR(c.code, d.code);
	CHECK(c.components[0].code != d.components[0].code);
	CHECK_STR(c.components[0].code, "TP1");
	CHECK(dossier_all_digitized(&c));
	dossier_release(&d);
	CHECK_STR(c.applicant_name, "Trần Thị Bình");
	dossier_release(&c);
}

TEST_MAIN(T(every_transition_allowed_or_refused_as_tabled),
	  T(ended_statuses_are_terminal), T(check_accepts_a_complete_dossier),
	  T(check_names_the_field_at_fault), T(copy_is_deep))
