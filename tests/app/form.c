/*
 * tests/app/form.c - the printed forms through the application: who may
 * print (staff outside the dossier's units and a citizen without the
 * secret get the answer an unknown code gets), which form a dossier has
 * content for, what the forms take from the event log; and the new
 * appointment of a late dossier (reschedule): refused without a reason
 * or with a date not after the appointment, printed on form 04 and on
 * the control slip, and the dossier still counts late in the report.
 */
#include "test.h"

#include <unistd.h>

#include "app/form.h"
#include "app/report.h"
#include "core/civil.h"
#include "core/str.h"
#include "fixture.h"

#define DEPARTMENT "000.00.06.H56"

static struct fixture fx;

static enum mc_code op(const char *code, enum dossier_op o, const char *at,
		       const char *note, const char *new_due,
		       const struct actor *who, struct mc_err *err)
{
	struct op_request req = {
		.actor = who ? who : &fixture_operator,
		.params = {.op = o,
			   .at = fixture_time(at),
			   .note = note,
			   .new_due = new_due ? fixture_time(new_due)
					      : MC_NO_TIME},
		.code = code,
	};
	return app_lifecycle(&fx.app, &req, NULL, err);
}

/* A counter filing at the department accepted on Monday 3 June 2024 at
 * 09:00: five working days, due Monday 10 June 09:00. */
static char *accepted(void)
{
	struct dossier f, d;
	struct mc_err err;
	fixture_filing(&f, "1.000001", DEPARTMENT, CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2024-06-03 09:00")},
		.filing = &f,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, &d, &err), MC_OK);
	char *code = strdup(d.code);
	dossier_release(&f);
	dossier_release(&d);
	return code;
}

/* The form as text (pdftotext, white space collapsed); NULL when
 * app_form refused, with *rc and err telling why. */
static char *form_text(const char *code, enum form_kind k,
		       const struct actor *who, const char *secret,
		       enum mc_code *rc, struct mc_err *err)
{
	struct form_request req = {.kind = k,
				   .code = code,
				   .actor = who ? who : &fixture_operator,
				   .secret = secret,
				   .base_url = "http://127.0.0.1:8080/"};
	struct strbuf pdf;
	strbuf_init(&pdf);
	*rc = app_form(&fx.app, &req, &pdf, NULL, err);
	if (*rc) {
		CHECK_INT(pdf.len, 0);
		strbuf_release(&pdf);
		return NULL;
	}
	static char text[1 << 18];
	snprintf(text, sizeof(text), "%s", fixture_pdf_text(pdf.buf, pdf.len));
	strbuf_release(&pdf);
	return text;
}

TEST(receipt_from_the_store)
{
	char *code = accepted();
	enum mc_code rc;
	struct mc_err err;
	char *t = form_text(code, FORM_RECEIPT, NULL, NULL, &rc, &err);
	CHECK_INT(rc, MC_OK);
	if (t) {
		CHECK(strstr(t, code));
		CHECK(strstr(t, "SỞ TƯ PHÁP"));
		CHECK(strstr(t, "09 giờ 00 phút, ngày 03/06/2024"));
		CHECK(strstr(t, "09 giờ 00 phút, ngày 10/06/2024"));
		CHECK(strstr(t, "5 ngày làm việc"));
		CHECK(strstr(t, "tester")); /* the clerk who accepted */
	}
	free(code);
}

TEST(outside_ones_units_is_an_unknown_code)
{
	char *code = accepted();
	const struct actor district = {.role = ROLE_OFFICER,
				       .name = "officer31",
				       .unit = "000.00.31.H56",
				       .user_id = 1};
	const struct actor own = {.role = ROLE_CLERK,
				  .name = "clerk06",
				  .unit = DEPARTMENT,
				  .user_id = 2};
	const struct actor citizen = ACTOR_CITIZEN;
	enum mc_code rc;
	struct mc_err err, unknown;
	char want[160];
	CHECK(!form_text("NOPE-1", FORM_CONTROL, NULL, NULL, &rc, &unknown));
	CHECK_INT(rc, MC_ERR_NOT_FOUND);
	CHECK_STR(unknown.message, "MaHoSo: dossier \"NOPE-1\" is not known");
	snprintf(want, sizeof(want), "MaHoSo: dossier \"%s\" is not known",
		 code);
	for (enum form_kind k = FORM_RECEIPT; k <= FORM_CONTROL; k++) {
		if (!form_kind_number(k))
			continue;
		CHECK(!form_text(code, k, &district, NULL, &rc, &err));
		CHECK_INT(rc, MC_ERR_NOT_FOUND);
		CHECK_STR(err.field, "MaHoSo");
		CHECK_STR(err.message, want);
		/* the citizen without the secret: as an unknown code */
		CHECK(!form_text(code, k, &citizen, NULL, &rc, &err));
		CHECK_INT(rc, MC_ERR_NOT_FOUND);
		CHECK_STR(err.message, "no dossier with this code and secret");
	}
	CHECK(form_text(code, FORM_CONTROL, &own, NULL, &rc, &err));
	free(code);
}

TEST(a_form_needs_its_content)
{
	char *code = accepted();
	enum mc_code rc;
	struct mc_err err;
	const enum form_kind none[] = {FORM_SUPPLEMENT, FORM_REFUSAL,
				       FORM_APOLOGY};
	for (size_t i = 0; i < 3; i++) {
		CHECK(!form_text(code, none[i], NULL, NULL, &rc, &err));
		CHECK_INT(rc, MC_ERR_STATE);
		CHECK_STR(err.field, "form");
	}
	CHECK_INT(op(code, OP_REQUEST_SUPPLEMENT, "2024-06-04 10:00",
		     "Bổ sung bản sao sổ hộ khẩu", NULL, NULL, &err),
		  MC_OK);
	char *t = form_text(code, FORM_SUPPLEMENT, NULL, NULL, &rc, &err);
	CHECK(t && strstr(t, "Bổ sung bản sao sổ hộ khẩu"));
	CHECK(t && strstr(t, "Ngày yêu cầu bổ sung: 04/06/2024"));
	CHECK_INT(op(code, OP_STOP, "2024-06-05 10:00",
		     "Không đủ điều kiện đăng ký", NULL, NULL, &err),
		  MC_OK);
	t = form_text(code, FORM_REFUSAL, NULL, NULL, &rc, &err);
	CHECK(t && strstr(t, "Không đủ điều kiện đăng ký"));
	free(code);
}

/* The count of resolved-late dossiers of procedure 1.000001 in June. */
static int64_t resolved_late(void)
{
	struct report_query q = {.by = REPORT_BY_PROCEDURE};
	struct report r;
	int64_t late = -1;
	CHECK_INT(report_period_parse("month:2024-06", 1, &q.period, "period",
				      NULL),
		  MC_OK);
	CHECK_INT(app_report(&fx.app, &q, &r, NULL), MC_OK);
	for (size_t i = 0; i < r.n; i++)
		if (strcmp(r.lines[i].key, "1.000001") == 0)
			late = r.lines[i].row.resolved_late;
	report_release(&r);
	return late;
}

TEST(a_new_appointment_keeps_the_dossier_late)
{
	char *code = accepted();
	struct mc_err err;
	enum mc_code rc;
	char before[65], after[65];
	const struct actor clerk = {.role = ROLE_CLERK,
				    .name = "clerk06",
				    .unit = DEPARTMENT,
				    .user_id = 2};
	fixture_digest(&fx, before);
	CHECK_INT(op(code, OP_RESCHEDULE, "2024-06-10 15:00", NULL,
		     "2024-06-14 16:00", NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "note");
	CHECK_INT(op(code, OP_RESCHEDULE, "2024-06-10 15:00", "chậm",
		     "2024-06-10 08:00", NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "new_due");
	CHECK(strstr(err.message, "after the appointment 2024-06-10 09:00"));
	CHECK_INT(op(code, OP_RESCHEDULE, "2024-06-10 15:00", "chậm", NULL,
		     NULL, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "new_due");
	CHECK_INT(op(code, OP_RESCHEDULE, "2024-06-10 15:00", "chậm",
		     "2024-06-14 16:00", &clerk, &err),
		  MC_ERR_FORBIDDEN);
	CHECK_STR(fixture_digest(&fx, after), before);
	int64_t late_before = resolved_late();

	CHECK_INT(op(code, OP_RESCHEDULE, "2024-06-10 15:00",
		     "Cần xác minh với Ủy ban nhân dân xã", "2024-06-14 16:00",
		     NULL, &err),
		  MC_OK);
	struct dossier d;
	CHECK_INT(store_dossier_get(fx.app.st, code, &d, &err), MC_OK);
	CHECK_INT(d.due, fixture_time("2024-06-10 09:00")); /* unchanged */
	CHECK_INT(d.status, ST_ACCEPTED);
	dossier_release(&d);
	char *t = form_text(code, FORM_APOLOGY, NULL, NULL, &rc, &err);
	CHECK_INT(rc, MC_OK);
	CHECK(t && strstr(t, "16 giờ 00 phút, ngày 14/06/2024"));
	CHECK(t && strstr(t, "09 giờ 00 phút, ngày 10/06/2024"));
	CHECK(t && strstr(t, "Cần xác minh với Ủy ban nhân dân xã"));
	t = form_text(code, FORM_CONTROL, NULL, NULL, &rc, &err);
	CHECK(t && strstr(t, "Hẹn lại 14/06/2024 16:00. Cần xác minh"));

	/* finished before the new date, after the legal one: late */
	CHECK_INT(
		op(code, OP_FINISH, "2024-06-12 10:00", NULL, NULL, NULL, &err),
		MC_OK);
	CHECK_INT(resolved_late(), late_before + 1);
	t = form_text(code, FORM_CONTROL, NULL, NULL, &rc, &err);
	CHECK(t && strstr(t, "Có kết quả giải quyết"));
	CHECK(t && strstr(t, "Quá hạn"));
	/* an ended dossier is not rescheduled */
	CHECK_INT(op(code, OP_RESCHEDULE, "2024-06-12 11:00", "chậm",
		     "2024-06-20 16:00", NULL, &err),
		  MC_ERR_STATE);
	free(code);
}

static void setup(void) { fixture_open(&fx); }
static void teardown(void) { fixture_close(&fx); }

TEST_MAIN_WITH(setup, teardown, T(receipt_from_the_store),
	       T(outside_ones_units_is_an_unknown_code),
	       T(a_form_needs_its_content),
	       T(a_new_appointment_keeps_the_dossier_late))
