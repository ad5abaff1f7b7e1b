/*
 * tests/fuzz/statement_fuzz.c - libFuzzer target for the bank statement
 * reader: on any bytes it reads within them, keeps nothing when it
 * refuses (naming a line and field, or the statement), and every line it
 * keeps is a credit above 0 on a valid day from a line of the file, with
 * a description no longer than the limit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "fuzz/fuzz.h"
#include "io/statement.h"

static void check(int ok, const char *what, const uint8_t *data, size_t size)
{
	if (!ok)
		fuzz_fail(what, data, size);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	char *text = malloc(size ? size : 1);
	check(text != NULL, "out of memory", data, size);
	memcpy(text, data, size);
	struct statement s;
	statement_init(&s);
	struct mc_err err = {0};
	enum mc_code rc = statement_parse(text, size, &s, &err);
	if (rc != MC_OK) {
		check(s.n == 0 && s.lines == NULL, "a refusal kept lines", data,
		      size);
		fuzz_refused(v, &err, rc, data, size);
		/* "line N: date" is judged by its field alone */
		const char *colon = strchr(v->field, ':');
		if (strncmp(v->field, "line ", 5) == 0 && colon)
			memmove(v->field, colon + 2, strlen(colon + 2) + 1);
	}
	int last = 0;
	for (size_t i = 0; i < s.n; i++) {
		const struct statement_line *l = &s.lines[i];
		int y, m, d;
		civil_from_days(l->day, &y, &m, &d);
		check(l->amount > 0, "a line that is not a credit", data, size);
		check(civil_valid(y, m, d), "a line on no day", data, size);
		check(l->line > last && (size_t)l->line <= size + 1,
		      "lines out of order or past the file", data, size);
		check(strlen(l->description) <= STATEMENT_MAX_DESCRIPTION,
		      "a description past the limit", data, size);
		last = l->line;
	}
	statement_release(&s);
	free(text);
}

static const struct fuzz_seed seeds[] = {
	{"2024-06-07,150000,000.00.06.H56-240607-0001\n", MC_OK, ""},
	{"\xEF\xBB\xBFNgày;Số tiền;Nội dung\r\n07/06/2024;1.182.276;\"a;b\"\r\n"
	 ";;1.182.276;Tổng\r\n",
	 MC_OK, ""},
	{"Ngay\tGhi no\tGhi co\tDien giai\n07-06-2024\t\t1,000\tx\n", MC_OK,
	 ""},
	{"Ngày;Số tiền;Nội dung\n32/01/2024;1;x\n", MC_ERR_INPUT, "date"},
	{"Ngày;Số tiền;Nội dung\n01/01/2024;1,5;x\n", MC_ERR_INPUT, "amount"},
	{"Ngày;Số tiền;Nội dung\n01/01/2024;1;\"x\n", MC_OK, ""},
	{"\"", MC_ERR_INPUT, "statement"},
	{"", MC_ERR_INPUT, "statement"},
};

FUZZ_MAIN(judge, seeds)
