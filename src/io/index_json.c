/*
 * index_json.c - the service index table as JSON (see index_json.h):
 * the indicators and groups of each row walk the column table.
 */
#include "io/index_json.h"

#include "core/civil.h"
#include "core/index_columns.h"

/* Hundredths as a decimal with two places; null when negative. */
static void hundredths(struct strbuf *sb, int64_t v)
{
	if (v < 0)
		strbuf_puts(sb, "null");
	else
		strbuf_addf(sb, "%lld.%02lld", (long long)(v / 100),
			    (long long)(v % 100));
}

static void indicator(struct strbuf *sb, const struct index_line *l,
		      const struct index_column *c)
{
	const struct index_ratio *r = &l->ind[c->item];
	strbuf_json_string(sb, c->key);
	strbuf_addf(sb, ":{\"numerator\":%lld,\"denominator\":%lld,\"rate\":",
		    (long long)r->num, (long long)r->den);
	hundredths(sb, r->rate);
	strbuf_puts(sb, ",\"target\":");
	hundredths(sb, l->target[c->item]);
	int met = index_met(r->rate, l->target[c->item]);
	strbuf_puts(sb, met < 0 ? ",\"met\":null}"
			: met   ? ",\"met\":true}"
				: ",\"met\":false}");
}

static void group(struct strbuf *sb, const struct index_table *t,
		  const struct index_line *l, const struct index_column *c)
{
	strbuf_json_string(sb, c->key);
	strbuf_puts(sb, ":{\"score\":");
	hundredths(sb, l->score.group[c->item]);
	strbuf_puts(sb, ",\"max\":");
	hundredths(sb, t->weight[c->item]);
	strbuf_puts(sb, "}");
}

/* The columns of one part of the table (core/index_columns) as the
 * members of an object. */
static void part(struct strbuf *sb, const struct index_table *t,
		 const struct index_line *l, enum index_col_part p)
{
	bool first = true;
	strbuf_puts(sb, "{");
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *c = &index_columns[k];
		if (c->part != p)
			continue;
		strbuf_puts(sb, first ? "" : ",");
		first = false;
		if (p == INDEX_COL_INDICATOR)
			indicator(sb, l, c);
		else
			group(sb, t, l, c);
	}
	strbuf_puts(sb, "}");
}

static void line(struct strbuf *sb, const struct index_table *t,
		 const struct index_line *l)
{
	strbuf_puts(sb, "{\"key\":");
	strbuf_json_string(sb, str_or_empty(l->key));
	strbuf_puts(sb, ",\"name\":");
	strbuf_json_string(sb, str_or_empty(l->name));
	strbuf_addf(sb, ",\"level\":%d,\"indicators\":", l->level);
	part(sb, t, l, INDEX_COL_INDICATOR);
	strbuf_puts(sb, ",\"groups\":");
	part(sb, t, l, INDEX_COL_GROUP);
	strbuf_puts(sb, ",\"score\":");
	hundredths(sb, l->score.total);
	if (l->rank > 0)
		strbuf_addf(sb, ",\"rank\":%d,\"ranked\":true}", l->rank);
	else
		strbuf_puts(sb, ",\"rank\":null,\"ranked\":false}");
}

void index_json_write(const struct index_table *t, struct strbuf *sb)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	strbuf_addf(sb, "{\"from\":\"%s\",\"to\":\"%s\"",
		    civil_format_date(t->period.from, a),
		    civil_format_date(t->period.to, b));
	if (t->as_of != MC_NO_TIME)
		strbuf_addf(sb, ",\"as_of\":\"%s\"",
			    civil_format_local(t->as_of, a));
	strbuf_puts(sb, ",\"rules\":");
	strbuf_json_string(sb, str_or_empty(t->rules_name));
	strbuf_puts(sb, ",\"rows\":[");
	for (size_t i = 0; i < t->n; i++) {
		if (i)
			strbuf_puts(sb, ",");
		line(sb, t, &t->lines[i]);
	}
	strbuf_puts(sb, "],\"total\":");
	line(sb, t, &t->total);
	strbuf_puts(sb, "}");
}
