/*
 * statement.c - reading a bank statement CSV (see statement.h): split the
 * rows, find the header by its titles, read each line's date, amount,
 * description and reference.
 */
#include "io/statement.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "core/text.h"

#define MAX_CELLS 64
#define CELL_MAX 4096

/* One row's cells, each a NUL-terminated copy (cut at CELL_MAX). */
struct row {
	char *cell[MAX_CELLS];
	size_t n;
	int line; /* where the row starts */
};

static void row_clear(struct row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cell[i]);
	r->n = 0;
}

/* Read the row at *pos of text[0..n) with delimiter d; false at the end
 * or out of memory (*oom). Lines are counted in *line. */
static bool next_row(const char *text, size_t n, size_t *pos, char d, int *line,
		     struct row *r, bool *oom)
{
	size_t p = *pos;
	if (p >= n)
		return false;
	r->n = 0;
	r->line = *line;
	struct strbuf cell;
	strbuf_init(&cell);
	bool quoted = false, done = false;
	while (!done) {
		char c = p < n ? text[p] : '\n';
		p++;
		if (quoted) {
			if (c == '"' && p < n && text[p] == '"') {
				strbuf_add(&cell, "\"", 1);
				p++;
			} else if (c == '"') {
				quoted = false;
			} else {
				if (c == '\n')
					(*line)++;
				if (p > n) /* an open quote at the end */
					quoted = false;
				else if (cell.len < CELL_MAX)
					strbuf_add(&cell, &c, 1);
			}
			continue;
		}
		if (c == '"' && cell.len == 0) {
			quoted = true;
		} else if (c == d || c == '\n') {
			if (r->n < MAX_CELLS) {
				r->cell[r->n] =
					cell.buf ? cell.buf : strdup("");
				if (!r->cell[r->n] || cell.oom)
					*oom = true;
				r->n++;
				strbuf_init(&cell);
			} else {
				strbuf_reset(&cell);
			}
			if (c == '\n') {
				(*line)++;
				done = true;
			}
		} else if (c != '\r' && cell.len < CELL_MAX) {
			strbuf_add(&cell, &c, 1);
		}
	}
	strbuf_release(&cell);
	*pos = p;
	return true;
}

/* Cut spaces (and a spreadsheet's leading apostrophe) from both ends. */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\'')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* The delimiter that splits the most of the first rows into 3 or more
 * cells; ';' first on a tie (Excel in Vietnamese), then TAB, then ','. */
static char guess_delimiter(const char *text, size_t n)
{
	static const char cand[] = {';', '\t', ','};
	char best = ';';
	int best_rows = -1;
	for (size_t k = 0; k < sizeof(cand); k++) {
		size_t pos = 0;
		int line = 1, rows = 0;
		bool oom = false;
		struct row r = {0};
		for (int i = 0; i < 50 && next_row(text, n, &pos, cand[k],
						   &line, &r, &oom);
		     i++) {
			rows += r.n >= 3;
			row_clear(&r);
		}
		if (rows > best_rows) {
			best = cand[k];
			best_rows = rows;
		}
	}
	return best;
}

/* ---- values ---------------------------------------------------------- */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Read 1 to `max` digits at *s into *v. */
static bool read_num(const char **s, int max, int *v)
{
	int k = 0;
	*v = 0;
	while (k < max && is_digit(**s)) {
		*v = *v * 10 + (**s - '0');
		(*s)++;
		k++;
	}
	return k > 0 && !is_digit(**s);
}

static bool sep(char c) { return c == '/' || c == '-' || c == '.'; }

/* After the date: nothing, or a time (" 08:30", "T08:30:00"). */
static bool time_rest(const char *s)
{
	if (*s == '\0')
		return true;
	if (*s != ' ' && *s != 'T')
		return false;
	s++;
	int hh, mm, ss = 0;
	if (!read_num(&s, 2, &hh) || *s++ != ':' || !read_num(&s, 2, &mm))
		return false;
	if (*s == ':' && (s++, !read_num(&s, 2, &ss)))
		return false;
	return *s == '\0' && hh < 24 && mm < 60 && ss < 60;
}

enum mc_code statement_date(const char *s, int64_t *day, const char *field,
			    struct mc_err *err)
{
	const char *p = s;
	int a, b, c, y, m, d;
	bool ok = read_num(&p, 4, &a) && sep(*p);
	char s1 = ok ? *p++ : 0;
	ok = ok && read_num(&p, 2, &b) && *p == s1 &&
	     (p++, read_num(&p, 4, &c));
	if (ok && p - s >= 10 && s[4] == s1) { /* yyyy-mm-dd */
		y = a, m = b, d = c;
		ok = c < 100;
	} else {
		d = a, m = b, y = c;
		ok = ok && a < 100 && c >= 1000;
	}
	if (!ok || !time_rest(p) || !civil_valid(y, m, d))
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: \"%.40s\" is not a date (dd/mm/yyyy or "
			       "yyyy-mm-dd)",
			       field, s);
	*day = civil_days(y, m, d);
	return MC_OK;
}

/* Drop spaces, no-break spaces, a currency after and a sign before. */
static size_t amount_core(const char *s, char *out, size_t cap, bool *neg)
{
	size_t j = 0, n = strlen(s);
	*neg = false;
	const char *units[] = {"VND", "VNĐ", "vnd", "đ", "Đ", "d"};
	while (n && s[n - 1] == ' ')
		n--;
	for (size_t u = 0; u < sizeof(units) / sizeof(*units); u++) {
		size_t l = strlen(units[u]);
		if (n > l && memcmp(s + n - l, units[u], l) == 0) {
			n -= l;
			break;
		}
	}
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && (s[i] == '-' || s[i] == '+' || s[i] == '(')) {
		*neg = s[i] != '+';
		if (s[i] == '(' && n && s[n - 1] == ')')
			n--;
		else if (s[i] == '(')
			return 0;
		i++;
	}
	for (; i < n && j + 1 < cap; i++) {
		if (s[i] == ' ')
			continue;
		if ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xA0) {
			i++;
			continue;
		}
		out[j++] = s[i];
	}
	out[j] = '\0';
	return i < n ? 0 : j;
}

/* Digits in groups of three between thousands separators `th`, the
 * first group 1-3; into *v. */
static bool grouped(const char *s, size_t n, char th, int64_t *v)
{
	size_t run = 0, digits = 0;
	bool any_sep = false;
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == th) {
			if (run == 0 || run > 3 || (any_sep && run != 3))
				return false;
			any_sep = true;
			run = 0;
			continue;
		}
		if (!is_digit(s[i]) || ++digits > 15)
			return false;
		*v = *v * 10 + (s[i] - '0');
		run++;
	}
	return run > 0 && (!any_sep || run == 3);
}

enum mc_code statement_amount(const char *s, int64_t *out, const char *field,
			      struct mc_err *err)
{
	char buf[64];
	bool neg;
	size_t n = amount_core(s, buf, sizeof(buf), &neg);
	const char *last_dot = memchr(buf, '.', n) ? strrchr(buf, '.') : NULL;
	const char *last_comma = memchr(buf, ',', n) ? strrchr(buf, ',') : NULL;
	const char *dec = NULL; /* the decimal mark, when there is one */
	char th = '.';
	if (last_dot && last_comma) {
		dec = last_dot > last_comma ? last_dot : last_comma;
		th = *dec == '.' ? ',' : '.';
	} else if (last_dot || last_comma) {
		const char *m = last_dot ? last_dot : last_comma;
		th = *m;
		size_t after = n - (size_t)(m - buf) - 1;
		if (strchr(buf, th) == m && after != 3)
			dec = m; /* one mark, not before three digits */
	}
	size_t whole = dec ? (size_t)(dec - buf) : n;
	int64_t v = 0;
	bool ok = n > 0 && grouped(buf, whole, th, &v);
	for (const char *p = dec ? dec + 1 : buf + n; ok && p < buf + n; p++)
		ok = *p == '0';
	if (dec && (n - whole - 1 == 0 || n - whole - 1 > 2))
		ok = false;
	if (!ok)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: \"%.40s\" is not an amount in whole dong",
			       field, s);
	*out = neg ? -v : v;
	return MC_OK;
}

/* ---- columns --------------------------------------------------------- */

enum col {
	COL_DATE,
	COL_AMOUNT,
	COL_CREDIT,
	COL_DEBIT,
	COL_DESC,
	COL_REF,
	COL__COUNT
};

/* The column a title names, or COL__COUNT. */
static enum col title_of(const char *cell)
{
	char *f = text_fold(cell);
	if (!f)
		return COL__COUNT;
	static const struct {
		enum col col;
		const char *word;
	} titles[] = {
		{COL_DEBIT, "ghi no"},
		{COL_DEBIT, "debit"},
		{COL_DEBIT, "phat sinh no"},
		{COL_DEBIT, "so tien no"},
		{COL_CREDIT, "ghi co"},
		{COL_CREDIT, "credit"},
		{COL_CREDIT, "phat sinh co"},
		{COL_CREDIT, "so tien co"},
		{COL_REF, "tham chieu"},
		{COL_REF, "ma giao dich"},
		{COL_REF, "ma gd"},
		{COL_REF, "so gd"},
		{COL_REF, "so but toan"},
		{COL_REF, "reference"},
		{COL_REF, "ref"},
		{COL_REF, "transaction id"},
		{COL_DESC, "noi dung"},
		{COL_DESC, "dien giai"},
		{COL_DESC, "mo ta"},
		{COL_DESC, "description"},
		{COL_DESC, "chi tiet"},
		{COL_DESC, "details"},
		{COL_AMOUNT, "so tien"},
		{COL_AMOUNT, "amount"},
		{COL_DATE, "ngay"},
		{COL_DATE, "date"},
	};
	enum col c = COL__COUNT;
	for (size_t i = 0; i < sizeof(titles) / sizeof(*titles); i++)
		if (strstr(f, titles[i].word)) {
			c = titles[i].col;
			break;
		}
	free(f);
	return c;
}

struct layout {
	int at[COL__COUNT]; /* the cell of each column, -1 when none */
};

/* Whether row r is a header: it names a date, a description and an
 * amount or a credit. */
static bool header_of(struct row *r, struct layout *l)
{
	for (int c = 0; c < COL__COUNT; c++)
		l->at[c] = -1;
	for (size_t i = 0; i < r->n; i++) {
		enum col c = title_of(trim(r->cell[i]));
		if (c != COL__COUNT && l->at[c] < 0)
			l->at[c] = (int)i;
	}
	return l->at[COL_DATE] >= 0 && l->at[COL_DESC] >= 0 &&
	       (l->at[COL_AMOUNT] >= 0 || l->at[COL_CREDIT] >= 0);
}

static const char *cell(struct row *r, int at)
{
	return at >= 0 && (size_t)at < r->n ? trim(r->cell[at]) : "";
}

/* ---- lines ----------------------------------------------------------- */

static enum mc_code line_fail(struct mc_err *err, int line, const char *what,
			      const struct mc_err *why)
{
	char field[40];
	snprintf(field, sizeof(field), "line %d: %s", line, what);
	return mc_fail(err, MC_ERR_INPUT, field, "line %d: %s", line,
		       why->message);
}

/* Add row r read with layout l (credit lines only). */
static enum mc_code add_line(struct statement *s, struct row *r,
			     const struct layout *l, struct mc_err *err)
{
	struct mc_err why = {0};
	const char *date = cell(r, l->at[COL_DATE]);
	if (!*date) {
		s->skipped++;
		return MC_OK;
	}
	int64_t day, amount = 0;
	if (statement_date(date, &day, "date", &why))
		return line_fail(err, r->line, "date", &why);
	bool credits = l->at[COL_CREDIT] >= 0;
	const char *am =
		cell(r, credits ? l->at[COL_CREDIT] : l->at[COL_AMOUNT]);
	if (!*am && !credits)
		mc_fail(&why, MC_ERR_INPUT, "amount", "amount: empty");
	if ((*am || !credits) &&
	    (why.code || statement_amount(am, &amount, "amount", &why)))
		return line_fail(err, r->line, "amount", &why);
	const char *desc = cell(r, l->at[COL_DESC]);
	if (amount <= 0) { /* a debit: no credit, or a negative amount */
		s->skipped++;
		return MC_OK;
	}
	struct statement_line *ln = ARRAY_PUSH(s->lines, s->n, s->cap);
	if (!ln)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	ln->line = r->line;
	ln->day = day;
	ln->amount = amount;
	const char *ref = l->at[COL_REF] >= 0 ? cell(r, l->at[COL_REF]) : NULL;
	if (!str_setn(&ln->description, desc,
		      strnlen(desc, STATEMENT_MAX_DESCRIPTION)) ||
	    (ref && *ref && !str_set(&ln->ref, ref)))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

/* Whether row r reads as date, amount, description without a header. */
static bool bare_line(struct row *r)
{
	int64_t day, amount;
	return r->n >= 3 &&
	       statement_date(cell(r, 0), &day, "", NULL) == MC_OK &&
	       statement_amount(cell(r, 1), &amount, "", NULL) == MC_OK;
}

static enum mc_code read_rows(const char *text, size_t n, struct statement *s,
			      struct mc_err *err)
{
	char d = guess_delimiter(text, n);
	size_t pos = 0;
	int line = 1;
	bool oom = false, found = false;
	struct row r = {0};
	struct layout l;
	enum mc_code rc = MC_OK;
	while (rc == MC_OK && next_row(text, n, &pos, d, &line, &r, &oom)) {
		bool blank = r.n == 1 && !*trim(r.cell[0]);
		if (oom)
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		else if (blank)
			;
		else if (found)
			rc = add_line(s, &r, &l, err);
		else if (header_of(&r, &l))
			found = true, s->skipped++;
		else if (bare_line(&r)) {
			found = true;
			l = (struct layout){{0, 1, -1, -1, 2, -1}};
			rc = add_line(s, &r, &l, err);
		} else
			s->skipped++;
		row_clear(&r);
	}
	row_clear(&r);
	if (rc == MC_OK && !found)
		rc = mc_fail(err, MC_ERR_INPUT, "statement",
			     "statement: no header (date, amount, "
			     "description) and no line that reads as one");
	return rc;
}

enum mc_code statement_parse(const char *text, size_t n, struct statement *s,
			     struct mc_err *err)
{
	if (n > STATEMENT_MAX_BYTES)
		return mc_fail(err, MC_ERR_TOO_LARGE, "statement",
			       "statement: %zu bytes, at most %d", n,
			       STATEMENT_MAX_BYTES);
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, n -= 3;
	enum mc_code rc = read_rows(text, n, s, err);
	if (rc != MC_OK)
		statement_release(s);
	return rc;
}
