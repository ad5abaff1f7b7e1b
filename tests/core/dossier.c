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
	{OP_RESCHEDULE, {2, 4, 5, 6, -1}},
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
	ARRAY_PUSH(d.supplements, d.n_supplements, d.cap_supplements)
		->requested = d.received + 200;
	d.supplements[0].completed = MC_NO_TIME;
	d.supplements[1].completed = MC_NO_TIME;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "DanhSachHoSoBoSung.NgayTiepNhanBoSung");
	dossier_release(&d);
}

/* A status its own times contradict is unusable; the same times on
 * another day are only odd. */
TEST(ending_on_an_earlier_day_is_refused)
{
	struct dossier d;
	struct mc_err err;
	valid(&d);
	d.status = ST_FINISHED;
	d.finished = d.received - 60; /* earlier the same day: clock skew */
	CHECK_INT(dossier_check(&d, &err), MC_OK);
	CHECK_INT(dossier_anomalies(&d),
		  1u << ANOMALY_FINISHED_BEFORE_RECEIVED);
	d.finished = d.received - 86400;
	CHECK_INT(dossier_check(&d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "NgayKetThucXuLy");
	CHECK(strstr(err.message, "earlier day than NgayTiepNhan") != NULL);
	dossier_release(&d);
}

/* Each kind of the closed list, alone, on an otherwise clean dossier that
 * dossier_check accepts. */
TEST(each_anomaly_is_usable_and_named)
{
	struct dossier d;
	valid(&d);
	CHECK_INT(dossier_anomalies(&d), 0);
	dossier_release(&d);
	for (int a = 0; a < ANOMALY__COUNT; a++) {
		valid(&d);
		switch ((enum dossier_anomaly)a) {
		case ANOMALY_RECEIVED_BEFORE_SUBMITTED:
			d.received = d.submitted - 120;
			break;
		case ANOMALY_DUE_BEFORE_RECEIVED: d.due = d.received - 1; break;
		case ANOMALY_DUE_MISSING: d.due = MC_NO_TIME; break;
		case ANOMALY_FINISHED_BEFORE_RECEIVED:
			d.status = ST_FINISHED;
			d.finished = d.received - 1;
			break;
		case ANOMALY_RETURNED_BEFORE_FINISHED:
			d.status = ST_RETURNED;
			d.finished = d.received + 3600;
			d.returned = d.finished - 1;
			break;
		case ANOMALY_SUPPLEMENT_BACKWARDS: {
			struct supplement_round *r =
				ARRAY_PUSH(d.supplements, d.n_supplements,
					   d.cap_supplements);
			r->requested = d.received + 100;
			r->completed = d.received + 50;
			r->due_before = r->due_after = MC_NO_TIME;
			break;
		}
		case ANOMALY_OPEN_WITH_END:
			d.finished = d.received + 3600; /* status 2 */
			break;
		case ANOMALY__COUNT: break;
		}
		CHECK_INT(dossier_check(&d, NULL), MC_OK);
		CHECK_INT(dossier_anomalies(&d), 1u << a);
		const struct dossier_anomaly_kind *k =
			dossier_anomaly_kind((enum dossier_anomaly)a);
		CHECK_INT(dossier_anomaly_by_key(k->key), a);
		CHECK(k->label && k->nhan && strchr(k->fields, 'N'));
		dossier_release(&d);
	}
	CHECK_INT(dossier_anomaly_by_key("no_such_kind"), ANOMALY__COUNT);
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
	  T(check_names_the_field_at_fault),
	  T(ending_on_an_earlier_day_is_refused),
	  T(each_anomaly_is_usable_and_named), T(copy_is_deep))
