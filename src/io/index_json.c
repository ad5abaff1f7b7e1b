/*
 * index_json.c - the service index table as JSON (see index_json.h).
 */
#include "io/index_json.h"

#include "core/civil.h"

/* Hundredths as a decimal with two places; null when negative. */
static void hundredths(struct strbuf *sb, int64_t v)
{
	if (v < 0)
		strbuf_puts(sb, "null");
	else
		strbuf_addf(sb, "%lld.%02lld", (long long)(v / 100),
			    (long long)(v % 100));
}

static void indicator(struct strbuf *sb, const struct index_line *l, int i)
{
	const struct index_ratio *r = &l->ind[i];
	strbuf_json_string(sb, index_indicator_name((enum index_indicator)i));
	strbuf_addf(sb, ":{\"numerator\":%lld,\"denominator\":%lld,\"rate\":",
		    (long long)r->num, (long long)r->den);
	hundredths(sb, r->rate);
	strbuf_puts(sb, ",\"target\":");
	hundredths(sb, l->target[i]);
	int met = index_met(r->rate, l->target[i]);
	strbuf_puts(sb, met < 0 ? ",\"met\":null}"
			: met   ? ",\"met\":true}"
				: ",\"met\":false}");
}

static void line(struct strbuf *sb, const struct index_table *t,
		 const struct index_line *l)
{
	strbuf_puts(sb, "{\"key\":");
	strbuf_json_string(sb, str_or_empty(l->key));
	strbuf_puts(sb, ",\"name\":");
	strbuf_json_string(sb, str_or_empty(l->name));
	strbuf_addf(sb, ",\"level\":%d,\"indicators\":{", l->level);
	for (int i = 0; i < IND__COUNT; i++) {
		if (i)
			strbuf_puts(sb, ",");
		indicator(sb, l, i);
	}
	strbuf_puts(sb, "},\"groups\":{");
	for (int g = 0; g < GRP__COUNT; g++) {
		strbuf_puts(sb, g ? "," : "");
		strbuf_json_string(sb, index_group_name((enum index_group)g));
		strbuf_puts(sb, ":{\"score\":");
		hundredths(sb, l->score.group[g]);
		strbuf_puts(sb, ",\"max\":");
		hundredths(sb, t->weight[g]);
		strbuf_puts(sb, "}");
	}
	strbuf_puts(sb, "},\"score\":");
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
