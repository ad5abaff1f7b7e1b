/*
 * tests/io/catalog.c - the unit and procedure catalogue lines: full
 * lines, round trips, and malformed values naming their field.
 */
#include "io/catalog.h"

#include "core/civil.h"
#include "test.h"

static enum mc_code unit_line(const char *line, struct unit *u,
			      struct mc_err *err)
{
	return catalog_unit_parse(line, strlen(line), u, err);
}

static enum mc_code proc_line(const char *line, struct procedure *p,
			      struct mc_err *err)
{
	return catalog_procedure_parse(line, strlen(line), p, err);
}

TEST(unit_full_and_round_trip)
{
	const char *line =
		"{\"code\":\"000.00.06.H56\",\"name\":\"Sở Tư pháp\","
		"\"parent\":\"000.00.00.H56\",\"level\":\"district\","
		"\"valid_from\":\"2020-01-01\",\"valid_to\":\"2025-06-30\","
		"\"successor\":\"000.00.07.H56\","
		"\"office_hours\":\"07:30-11:30,13:30-17:00\"}";
	struct unit u, v;
	struct strbuf sb;
	struct mc_err err = {0};
	unit_init(&u);
	unit_init(&v);
	strbuf_init(&sb);
	CHECK_INT(unit_line(line, &u, &err), MC_OK);
	CHECK_STR(u.code, "000.00.06.H56");
	CHECK_STR(u.name, "Sở Tư pháp");
	CHECK_STR(u.parent, "000.00.00.H56");
	CHECK_INT(u.level, LEVEL_DISTRICT);
	CHECK_INT(u.valid_from, civil_days(2020, 1, 1));
	CHECK_INT(u.valid_to, civil_days(2025, 6, 30));
	CHECK_STR(u.successor, "000.00.07.H56");
	CHECK_STR(u.office_hours, "07:30-11:30,13:30-17:00");
	catalog_unit_write(&u, &sb);
	CHECK_STR(sb.buf, line);
	CHECK_INT(unit_line(sb.buf, &v, &err), MC_OK);
	CHECK_STR(v.successor, u.successor);
	unit_release(&u);
	unit_release(&v);
	strbuf_release(&sb);
}

TEST(unit_nulls)
{
	const char *line =
		"{\"code\":\"H56\",\"name\":\"Tỉnh\",\"parent\":null,"
		"\"level\":\"province\",\"valid_from\":null,"
		"\"valid_to\":null,\"successor\":null}";
	struct unit u;
	struct strbuf sb;
	struct mc_err err = {0};
	unit_init(&u);
	strbuf_init(&sb);
	CHECK_INT(unit_line(line, &u, &err), MC_OK);
	CHECK(u.parent == NULL && u.successor == NULL && !u.office_hours);
	CHECK_INT(u.valid_from, MC_NO_TIME);
	catalog_unit_write(&u, &sb);
	CHECK_STR(sb.buf, line);
	/* missing optional keys and "" are the same as null */
	CHECK_INT(unit_line("{\"code\":\"H\",\"name\":\"n\",\"level\":"
			    "\"commune\",\"parent\":\"\"}",
			    &u, &err),
		  MC_OK);
	CHECK(u.parent == NULL);
	CHECK_INT(u.level, LEVEL_COMMUNE);
	unit_release(&u);
	strbuf_release(&sb);
}

TEST(procedure_full_and_round_trip)
{
	const char *line =
		"{\"code\":\"1.010708\",\"name\":\"Đăng ký khai sinh\","
		"\"field_code\":\"HT\",\"field_name\":\"Hộ tịch\","
		"\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
		"\"online_level\":\"full\",\"paper_result\":true,"
		"\"pay_before\":\"processing\","
		"\"fees\":[{\"code\":\"LP1\",\"name\":\"Lệ "
		"phí\",\"amount\":8000,\"online_amount\":4000},"
		"{\"code\":null,\"name\":\"Phí\",\"amount\":0,"
		"\"online_amount\":0}],"
		"\"components\":[{\"code\":\"TK\",\"name\":\"Tờ khai\","
		"\"required\":true,\"original\":true,\"copies\":1,\"form\":"
		"\"00112233445566778899aabbccddeeff00112233445566778899aabbccdd"
		"eeff\"},"
		"{\"code\":\"GCS\",\"name\":\"Giấy chứng sinh\",\"required\":"
		"false,\"original\":false,\"copies\":2,\"form\":null}],"
		"\"online_only\":[{\"from\":\"2023-07-26\",\"to\":\"2023-12-"
		"31\"}]}";
	struct procedure p, q;
	struct strbuf sb;
	struct mc_err err = {0};
	procedure_init(&p);
	procedure_init(&q);
	strbuf_init(&sb);
	CHECK_INT(proc_line(line, &p, &err), MC_OK);
	CHECK_STR(p.code, "1.010708");
	CHECK_STR(p.field_name, "Hộ tịch");
	CHECK_INT(p.limit_value, 3);
	CHECK_INT(p.limit_unit, LIMIT_WORKING_DAYS);
	CHECK_INT(p.online_level, ONLINE_FULL);
	CHECK(p.paper_result);
	CHECK_INT(p.n_fees, 2);
	CHECK_INT(p.fees[0].amount, 8000);
	CHECK_INT(p.fees[0].online_amount, 4000);
	CHECK_INT(p.fee_due, FEE_DUE_PROCESSING);
	CHECK(p.fees[1].code == NULL);
	CHECK_INT(p.n_components, 2);
	CHECK_STR(p.components[0].name, "Tờ khai");
	CHECK(p.components[0].required && p.components[0].original);
	CHECK(!p.components[1].required && !p.components[1].original);
	CHECK_INT(p.components[1].copies, 2);
	CHECK(p.components[1].form_sha256 == NULL);
	CHECK_INT(p.n_online_only, 1);
	CHECK_INT(p.online_only[0].from, civil_days(2023, 7, 26));
	CHECK_INT(p.online_only[0].to, civil_days(2023, 12, 31));
	catalog_procedure_write(&p, &sb);
	CHECK_STR(sb.buf, line);
	CHECK_INT(proc_line(sb.buf, &q, &err), MC_OK);
	CHECK_INT(q.n_fees, 2);
	procedure_release(&p);
	procedure_release(&q);
	strbuf_release(&sb);
}

TEST(procedure_minimal)
{
	const char *line =
		"{\"code\":\"2.0001\",\"name\":\"X\","
		"\"field_code\":\"F\",\"time_limit\":{\"value\":8,"
		"\"unit\":\"working_hours\"},\"online_level\":\"none\"}";
	struct procedure p;
	struct strbuf sb;
	struct mc_err err = {0};
	procedure_init(&p);
	strbuf_init(&sb);
	CHECK_INT(proc_line(line, &p, &err), MC_OK);
	CHECK_INT(p.limit_unit, LIMIT_WORKING_HOURS);
	CHECK(!p.paper_result && p.n_fees == 0 && p.n_online_only == 0);
	CHECK_INT(p.fee_due, FEE_DUE_NONE);
	catalog_procedure_write(&p, &sb);
	CHECK_STR(sb.buf,
		  "{\"code\":\"2.0001\",\"name\":\"X\",\"field_code\":"
		  "\"F\",\"field_name\":null,\"time_limit\":{\"value\":8,"
		  "\"unit\":\"working_hours\"},\"online_level\":\"none\","
		  "\"paper_result\":false,\"pay_before\":\"none\","
		  "\"fees\":[],\"components\":[],\"online_only\":[]}");
	procedure_release(&p);
	strbuf_release(&sb);
}

static const struct {
	const char *line, *field, *message;
} bad_units[] = {
	{"{\"name\":\"n\",\"level\":\"province\"}", "code",
	 "code: is required"},
	{"{\"code\":\"A\",\"level\":\"province\"}", "name", "is required"},
	{"{\"code\":\"A\",\"name\":\"n\"}", "level", "is required"},
	{"{\"code\":\"A\",\"name\":\"n\",\"level\":\"ward\"}", "level",
	 "is not a level"},
	{"{\"code\":\"A\",\"name\":\"n\",\"level\":\"province\","
	 "\"valid_from\":\"2024-02-30\"}",
	 "valid_from", "is not a valid date"},
	{"{\"code\":\"A\",\"name\":\"n\",\"level\":\"province\","
	 "\"valid_to\":20240101}",
	 "valid_to", "is an integer, expected a date"},
	{"{\"code\":1,\"name\":\"n\",\"level\":\"province\"}", "code",
	 "expected a string"},
	{"{\"code\":\"A\",\"name\":\"n\",\"level\":\"province\",\"parnet\":"
	 "\"B\"}",
	 "parnet", "parnet: is not a known field"},
	{"{\"code\":\"A\",\"code\":\"B\"}", "", "duplicate"},
	{"[]", "", "expected a JSON object"},
	{"{", "", "invalid JSON"},
};

static const struct {
	const char *line, *field, *message;
} bad_procedures[] = {
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"components\":[{\"code\":\"TK\"}]}",
	 "components[0].name", "is required"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"components\":[{\"code\":\"TK\","
	 "\"name\":\"Tờ khai\",\"required\":\"yes\"}]}",
	 "components[0].required", "expected true or false"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"online_level\":\"none\"}",
	 "time_limit", "is required"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":\"3\",\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\"}",
	 "time_limit.value",
	 "time_limit.value: is a string, expected a whole number"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"weeks\"},"
	 "\"online_level\":\"none\"}",
	 "time_limit.unit", "is not a limit unit"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":-1,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\"}",
	 "time_limit.value", "outside"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\",\"x\":1},"
	 "\"online_level\":\"none\"}",
	 "time_limit.x", "is not a known field"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"level4\"}",
	 "online_level", "is not an online level"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"paper_result\":\"yes\"}",
	 "paper_result", "expected true or false"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"fees\":[{\"amount\":1},"
	 "{\"amount\":-5}]}",
	 "fees[1].amount", "fees[1].amount: -5 is outside"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"fees\":[{\"amount\":100,"
	 "\"online_amount\":150}]}",
	 "fees[0].online_amount", "150 is outside 0-100"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"pay_before\":\"finish\"}",
	 "pay_before", "is not a step to pay before"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"fees\":[{\"amount\":1.5}]}",
	 "fees[0].amount", "is a real number"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"fees\":[{\"name\":\"x\"}]}",
	 "fees[0].amount", "is required"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"none\",\"fees\":{}}",
	 "fees", "expected an array"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"full\",\"online_only\":[{\"from\":\"2023-07-26\","
	 "\"to\":\"2023-13-01\"}]}",
	 "online_only[0].to", "is not a valid date"},
	{"{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
	 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	 "\"online_level\":\"full\",\"online_only\":[5]}",
	 "online_only[0]", "is an integer, expected an object"},
};

static void check_message(const char *got, const char *want, size_t i)
{
	if (!strstr(got, want)) {
		fprintf(stderr, "case %zu: message \"%s\" lacks \"%s\"\n", i,
			got, want);
		test_failed_checks++;
	}
}

TEST(malformed_units_name_the_field)
{
	for (size_t i = 0; i < sizeof(bad_units) / sizeof(bad_units[0]); i++) {
		struct unit u;
		struct mc_err err = {0};
		unit_init(&u);
		CHECK_INT(unit_line(bad_units[i].line, &u, &err), MC_ERR_INPUT);
		CHECK_STR(err.field, bad_units[i].field);
		check_message(err.message, bad_units[i].message, i);
		unit_release(&u);
	}
}

TEST(malformed_procedures_name_the_field)
{
	size_t n = sizeof(bad_procedures) / sizeof(bad_procedures[0]);
	for (size_t i = 0; i < n; i++) {
		struct procedure p;
		struct mc_err err = {0};
		procedure_init(&p);
		CHECK_INT(proc_line(bad_procedures[i].line, &p, &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, bad_procedures[i].field);
		check_message(err.message, bad_procedures[i].message, i);
		procedure_release(&p);
	}
}

TEST(too_large)
{
	size_t n = CATALOG_MAX_LINE + 1;
	char *line = calloc(n + 1, 1);
	memset(line, ' ', n);
	struct unit u;
	struct procedure p;
	struct mc_err err = {0};
	unit_init(&u);
	procedure_init(&p);
	CHECK_INT(catalog_unit_parse(line, n, &u, &err), MC_ERR_TOO_LARGE);
	CHECK_INT(catalog_procedure_parse(line, n, &p, &err), MC_ERR_TOO_LARGE);
	unit_release(&u);
	procedure_release(&p);
	free(line);
}

TEST_MAIN(T(unit_full_and_round_trip), T(unit_nulls),
	  T(procedure_full_and_round_trip), T(procedure_minimal),
	  T(malformed_units_name_the_field),
	  T(malformed_procedures_name_the_field), T(too_large))
