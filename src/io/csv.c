/*
 * csv.c - the CSV dialect for Vietnamese Excel (see csv.h).
 */
#include "io/csv.h"

#include <string.h>

void csv_begin(struct csv *c, struct strbuf *sb)
{
	c->sb = sb;
	c->in_line = false;
	strbuf_puts(sb, "\xEF\xBB\xBF");
}

static void separate(struct csv *c)
{
	if (c->in_line)
		strbuf_puts(c->sb, ";");
	c->in_line = true;
}

/* Whether a spreadsheet would take text starting so as a formula. */
static bool formula_like(const char *s) { return *s && strchr("=+-@\t\r", *s); }

void csv_text(struct csv *c, const char *s)
{
	separate(c);
	s = str_or_empty(s);
	strbuf_puts(c->sb, formula_like(s) ? "\"'" : "\"");
	for (const char *p = s;;) {
		size_t n = strcspn(p, "\"");
		strbuf_add(c->sb, p, n);
		if (!p[n])
			break;
		strbuf_puts(c->sb, "\"\"");
		p += n + 1;
	}
	strbuf_puts(c->sb, "\"");
}

void csv_int(struct csv *c, int64_t v)
{
	separate(c);
	strbuf_add_int(c->sb, v);
}

void csv_hundredths(struct csv *c, int64_t v)
{
	separate(c);
	if (v >= 0)
		strbuf_addf(c->sb, "%lld,%02lld", (long long)(v / 100),
			    (long long)(v % 100));
}

void csv_empty(struct csv *c) { separate(c); }

void csv_end_line(struct csv *c)
{
	strbuf_puts(c->sb, "\r\n");
	c->in_line = false;
}
