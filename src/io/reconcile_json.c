/*
 * reconcile_json.c - a reconciled statement as JSON (see
 * reconcile_json.h).
 */
#include "io/reconcile_json.h"

#include <string.h>

#include "core/civil.h"

void reconcile_json_line(struct strbuf *sb, const struct reconcile_line *l,
			 bool first)
{
	char day[CIVIL_BUF];
	strbuf_puts(sb, first ? "{" : ",{");
	strbuf_addf(sb, "\"line\":%d,\"date\":\"%s\",\"amount\":%lld",
		    l->line->line, civil_format_date(l->line->day, day),
		    (long long)l->line->amount);
	strbuf_json_key(sb, "verdict");
	strbuf_json_string(sb, reconcile_verdict_key(l->verdict));
	strbuf_json_key(sb, "name");
	strbuf_json_string(sb, reconcile_verdict_name(l->verdict));
	strbuf_json_key(sb, "code");
	if (l->code)
		strbuf_json_string(sb, l->code);
	else
		strbuf_puts(sb, "null");
	strbuf_addf(sb, ",\"payment\":%lld,\"owed\":%lld",
		    (long long)l->payment_id, (long long)l->owed);
	strbuf_json_key(sb, "description");
	strbuf_json_bytes(sb, l->line->description,
			  strlen(l->line->description));
	strbuf_puts(sb, "}");
}

void reconcile_json_counts(struct strbuf *sb,
			   const size_t counts[RECONCILE__COUNT],
			   size_t skipped)
{
	strbuf_puts(sb, "\"counts\":{");
	for (int v = 0; v < RECONCILE__COUNT; v++) {
		strbuf_json_key(sb, reconcile_verdict_key(v));
		strbuf_addf(sb, "%zu", counts[v]);
	}
	strbuf_addf(sb, "},\"skipped\":%zu", skipped);
}
