/*
 * statement.c - tests of reading bank statements (src/io/statement.c):
 * files as banks and Excel write them, and every refusal by line and
 * field with nothing kept.
 */
#include "io/statement.h"
#include "core/civil.h"
#include "test.h"

static struct statement read_ok(const char *text)
{
	struct statement s;
	statement_init(&s);
	struct mc_err err = {0};
	if (statement_parse(text, strlen(text), &s, &err) != MC_OK) {
		fprintf(stderr, "refused: %s\n", err.message);
		test_failed_checks++;
	}
	return s;
}

static void refused(const char *text, const char *field, const char *words)
{
	struct statement s;
	statement_init(&s);
	struct mc_err err = {0};
	CHECK_INT(statement_parse(text, strlen(text), &s, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, field);
	if (!strstr(err.message, words))
		fprintf(stderr, "message: %s\n", err.message);
	CHECK(strstr(err.message, words) != NULL);
	CHECK_INT(s.n, 0);
	CHECK(s.lines == NULL);
}

static void line_is(const struct statement *s, size_t i, int line,
		    const char *date, int64_t amount, const char *desc)
{
	CHECK(i < s->n);
	if (i >= s->n)
		return;
	char buf[CIVIL_BUF];
	CHECK_INT(s->lines[i].line, line);
	CHECK_STR(civil_format_date(s->lines[i].day, buf), date);
	CHECK_INT(s->lines[i].amount, amount);
	CHECK_STR(s->lines[i].description, desc);
}

TEST(bare_comma_file)
{
	struct statement s =
		read_ok("2024-06-07,150000,000.00.06.H56-240607-0001\n"
			"2024-06-08,20000,Chuyen tien\n");
	CHECK_INT(s.n, 2);
	line_is(&s, 0, 1, "2024-06-07", 150000, "000.00.06.H56-240607-0001");
	line_is(&s, 1, 2, "2024-06-08", 20000, "Chuyen tien");
	CHECK(s.lines[0].ref == NULL);
	statement_release(&s);
}

/* Excel in Vietnamese: BOM, ';', CRLF, quotes, '.' between thousands,
 * a preamble before the header and a total after. */
TEST(excel_semicolon_with_preamble_and_totals)
{
	struct statement s = read_ok(
		"\xEF\xBB\xBF"
		"SAO KÊ TÀI KHOẢN;;;\r\n"
		"Số tài khoản: 0123456789;;;\r\n"
		"Từ ngày 01/06/2024 đến ngày 30/06/2024;;;\r\n"
		"\r\n"
		"STT;Ngày giao dịch;Số tiền;Nội dung\r\n"
		"1;07/06/2024 09:15:02;1.182.276;\"NGUYEN VAN A; nop phi "
		"000.00.06.H56-240607-0001\"\r\n"
		"2;08/06/2024;150.000,00 VND;\"Le phi \"\"ho tich\"\"\"\r\n"
		"3;08/06/2024;-20.000;Phi SMS\r\n"
		";;1.332.276;Tổng cộng\r\n");
	CHECK_INT(s.n, 2);
	line_is(&s, 0, 6, "2024-06-07", 1182276,
		"NGUYEN VAN A; nop phi 000.00.06.H56-240607-0001");
	line_is(&s, 1, 7, "2024-06-08", 150000, "Le phi \"ho tich\"");
	/* preamble 3, header, the debit, the total */
	CHECK_INT(s.skipped, 6);
	statement_release(&s);
}

/* Separate debit and credit columns, a reference, ',' between
 * thousands, TAB between fields, a description over two lines. */
TEST(credit_and_debit_columns_with_reference)
{
	struct statement s = read_ok(
		"Ngay hieu luc\tSo but toan\tGhi no\tGhi co\tDien giai\n"
		"07-06-2024\tFT24159001\t\t1,182,276\t\"MBVCB.3278712345."
		"0000006H562406070001\nCT tu 0123\"\n"
		"07-06-2024\tFT24159002\t50,000\t\tPhi quan ly\n"
		"2024-06-09T10:00:00\tFT24161003\t\t(5,000)\tdieu chinh\n");
	CHECK_INT(s.n, 1);
	line_is(&s, 0, 2, "2024-06-07", 1182276,
		"MBVCB.3278712345.0000006H562406070001\nCT tu 0123");
	CHECK_STR(s.lines[0].ref, "FT24159001");
	CHECK_INT(s.skipped, 3);
	statement_release(&s);
}

TEST(english_header)
{
	struct statement s = read_ok("Transaction Date,Reference,Credit Amount,"
				     "Description\n"
				     "\"7/6/2024\",TX1,\"2,000\",Order 1\n");
	CHECK_INT(s.n, 1);
	line_is(&s, 0, 2, "2024-06-07", 2000, "Order 1");
	CHECK_STR(s.lines[0].ref, "TX1");
	statement_release(&s);
}

static void amount_is(const char *text, int64_t want)
{
	int64_t v = -1;
	struct mc_err err = {0};
	CHECK_INT(statement_amount(text, &v, "amount", &err), MC_OK);
	if (v != want)
		fprintf(stderr, "amount \"%s\"\n", text);
	CHECK_INT(v, want);
}

static void amount_refused(const char *text)
{
	int64_t v = -1;
	struct mc_err err = {0};
	CHECK_INT(statement_amount(text, &v, "amount", &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "amount");
	CHECK_INT(v, -1);
}

TEST(amounts_as_banks_write_them)
{
	amount_is("150000", 150000);
	amount_is("150.000", 150000);
	amount_is("150,000", 150000);
	amount_is("1.182.276.262", 1182276262);
	amount_is("1,182,276,262", 1182276262);
	amount_is("150.000,00", 150000);
	amount_is("150,000.00", 150000);
	amount_is("150000,00", 150000);
	amount_is("150000.0", 150000);
	amount_is("1 182 276", 1182276);
	amount_is("1\xC2\xA0"
		  "182\xC2\xA0"
		  "276",
		  1182276);
	amount_is("150.000 VND", 150000);
	amount_is("150.000đ", 150000);
	amount_is("+150.000", 150000);
	amount_is("-150.000", -150000);
	amount_is("(150.000)", -150000);
	amount_refused("");
	amount_refused("abc");
	amount_refused("1.5");
	amount_refused("150.000,50");
	amount_refused("1.50.000");
	amount_refused("15.0000");
	amount_refused("1,000.000,00");
	amount_refused("150.000,");
	amount_refused("(150.000");
	amount_refused("1.000.000.000.000.000");
	amount_refused("1e5");
}

TEST(dates_as_banks_write_them)
{
	int64_t d;
	char buf[CIVIL_BUF];
	const char *forms[] = {"07/06/2024",          "7/6/2024",
			       "07-06-2024",          "07.06.2024",
			       "2024-06-07",          "07/06/2024 09:15",
			       "07/06/2024 09:15:02", "2024-06-07T09:15:02"};
	for (size_t i = 0; i < sizeof(forms) / sizeof(*forms); i++) {
		CHECK_INT(statement_date(forms[i], &d, "date", NULL), MC_OK);
		CHECK_STR(civil_format_date(d, buf), "2024-06-07");
	}
	const char *bad[] = {
		"31/02/2024", "2024/13/01",  "07/06/24", "07/06/2024 25:00",
		"hôm nay",    "07/06/2024x", ""};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CHECK_INT(statement_date(bad[i], &d, "date", NULL),
			  MC_ERR_INPUT);
}

TEST(refusals_name_line_and_field)
{
	refused("Ngày;Số tiền;Nội dung\n07/06/2024;150.000;a\n"
		"32/06/2024;150.000;b\n",
		"line 3: date", "\"32/06/2024\" is not a date");
	refused("Ngày;Số tiền;Nội dung\n07/06/2024;150.000;a\n"
		"08/06/2024;150.000,5;b\n",
		"line 3: amount", "\"150.000,5\" is not an amount");
	refused("Ngày;Số tiền;Nội dung\n07/06/2024;;a\n", "line 2: amount",
		"empty");
	refused("xin chao\nkhong co gi\n", "statement", "no header");
	refused("", "statement", "no header");
}

TEST(too_large_is_refused)
{
	size_t n = STATEMENT_MAX_BYTES + 1;
	char *big = malloc(n);
	CHECK(big != NULL);
	memset(big, ' ', n);
	struct statement s;
	statement_init(&s);
	struct mc_err err = {0};
	CHECK_INT(statement_parse(big, n, &s, &err), MC_ERR_TOO_LARGE);
	CHECK_STR(err.field, "statement");
	CHECK_INT(s.n, 0);
	free(big);
}

TEST(long_description_is_cut)
{
	char text[3000];
	int k = snprintf(text, sizeof(text), "2024-06-07,1000,");
	memset(text + k, 'x', 2000);
	text[k + 2000] = '\0';
	struct statement s = read_ok(text);
	CHECK_INT(s.n, 1);
	CHECK_INT(strlen(s.lines[0].description), STATEMENT_MAX_DESCRIPTION);
	statement_release(&s);
}

TEST_MAIN(T(bare_comma_file), T(excel_semicolon_with_preamble_and_totals),
	  T(credit_and_debit_columns_with_reference), T(english_header),
	  T(amounts_as_banks_write_them), T(dates_as_banks_write_them),
	  T(refusals_name_line_and_field), T(too_large_is_refused),
	  T(long_description_is_cut))
