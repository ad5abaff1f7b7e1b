/*
 * tests/io/csv.c - the CSV dialect byte by byte: the byte-order mark,
 * ';' between fields, the decimal comma, CRLF, RFC 4180 quoting of a
 * field holding ';', '"' and a line break, the formula guard; and a
 * report written through it.
 */
#include "io/csv.h"

#include "core/civil.h"
#include "core/report_columns.h"
#include "io/report_text.h"
#include "test.h"

/* sb's bytes equal want (a C string). */
static void check_bytes(const struct strbuf *sb, const char *want)
{
	size_t n = strlen(want);
	CHECK(!sb->oom);
	CHECK_INT(sb->len, n);
	if (sb->len != n || memcmp(sb->buf, want, n)) {
		fprintf(stderr, "got: ");
		fwrite(sb->buf, 1, sb->len, stderr);
		fprintf(stderr, "\nwanted: %s\n", want);
		CHECK(false);
	}
}

TEST(one_line_byte_by_byte)
{
	struct strbuf sb;
	struct csv c;
	strbuf_init(&sb);
	csv_begin(&c, &sb);
	csv_text(&c, "Đơn vị");
	csv_int(&c, 6055);
	csv_hundredths(&c, 9815);
	csv_hundredths(&c, 7);
	csv_hundredths(&c, -1); /* 0/0: empty */
	csv_empty(&c);
	csv_int(&c, -3);
	csv_end_line(&c);
	csv_text(&c, NULL);
	csv_end_line(&c);
	check_bytes(&sb, "\xEF\xBB\xBF\"Đơn vị\";6055;98,15;0,07;;;-3\r\n"
			 "\"\"\r\n");
	strbuf_release(&sb);
}

TEST(quoting_keeps_separators_quotes_and_line_breaks_as_data)
{
	struct strbuf sb;
	struct csv c;
	strbuf_init(&sb);
	csv_begin(&c, &sb);
	csv_text(&c, "a;b \"c\"\r\nd");
	csv_text(&c, "\"");
	csv_end_line(&c);
	check_bytes(&sb, "\xEF\xBB\xBF\"a;b \"\"c\"\"\r\nd\";\"\"\"\"\r\n");
	strbuf_release(&sb);
}

TEST(text_that_looks_like_a_formula_stays_text)
{
	static const char *const risky[] = {"=1+1",     "+84", "-2",
					    "@SUM(A1)", "\tx", "\rx"};
	for (size_t i = 0; i < sizeof(risky) / sizeof(*risky); i++) {
		struct strbuf sb;
		struct csv c;
		char want[64];
		strbuf_init(&sb);
		csv_begin(&c, &sb);
		csv_text(&c, risky[i]);
		snprintf(want, sizeof(want), "\xEF\xBB\xBF\"'%s\"", risky[i]);
		check_bytes(&sb, want);
		strbuf_release(&sb);
	}
	struct strbuf sb;
	struct csv c;
	strbuf_init(&sb);
	csv_begin(&c, &sb);
	csv_text(&c, "a=b");
	check_bytes(&sb, "\xEF\xBB\xBF\"a=b\"");
	strbuf_release(&sb);
}

/* A report of one line whose name holds the separator, a quote and a
 * line break: the header of titles, the line, the total. */
TEST(a_report_in_the_dialect)
{
	struct report_line line = {.key = "U1",
				   .name = "Sở \"A\"; phòng\nB",
				   .row = {.received_total = 3,
					   .received_new = 3,
					   .resolved_total = 3,
					   .resolved_early = 1,
					   .resolved_on_time = 1,
					   .resolved_late = 1}};
	struct report rep = {.unit = "U0",
			     .lines = &line,
			     .n = 1,
			     .total = line.row,
			     .as_of = MC_NO_TIME};
	struct strbuf sb;
	strbuf_init(&sb);
	report_csv_write(&rep, false, &sb);
	static const char head[] = "\xEF\xBB\xBF\"Mã\";\"Tên\";";
	CHECK(sb.len > sizeof(head) &&
	      memcmp(sb.buf, head, sizeof(head) - 1) == 0);
	/* resolved 3, early 1, on time 1, late 1: 66,67% on time */
	CHECK(strstr(sb.buf, "\r\n\"U1\";\"Sở \"\"A\"\"; phòng\nB\";3;0;3;") !=
	      NULL);
	CHECK(strstr(sb.buf, ";66,67\r\n\"U0\";\"Tổng cộng\";3;") != NULL);
	CHECK(sb.len > 2 && memcmp(sb.buf + sb.len - 8, ";66,67\r\n", 8) == 0);
	size_t titles = 0;
	for (size_t k = 0; k < REPORT_N_COLUMNS; k++)
		titles += report_columns[k].show == REPORT_COL_FORM;
	/* every line has the key, the name and one field per form column */
	const char *total = strstr(sb.buf, "\"U0\"");
	size_t semis = 0;
	for (const char *p = total; p && *p; p++)
		semis += *p == ';';
	CHECK_INT(semis, titles + 1);
	strbuf_release(&sb);
}

TEST_MAIN(T(one_line_byte_by_byte),
	  T(quoting_keeps_separators_quotes_and_line_breaks_as_data),
	  T(text_that_looks_like_a_formula_stays_text),
	  T(a_report_in_the_dialect))
