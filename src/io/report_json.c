/*
 * report_json.c - form II.06a as JSON (see report_json.h).
 */
#include "io/report_json.h"

#include <inttypes.h>
#include <stddef.h>

#include "core/civil.h"
#include "core/report_columns.h"

/* A rate in hundredths of a percent as a number with two decimals. */
static void json_rate(struct strbuf *sb, const char *key, int64_t rate)
{
	strbuf_json_key(sb, key);
	if (rate < 0) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_add_int(sb, rate / 100);
	char dec[4] = {'.', (char)('0' + rate % 100 / 10),
		       (char)('0' + rate % 10), '\0'};
	strbuf_puts(sb, dec);
}

/* Every column of the form's table (core/report_columns), by its key. */
static void json_row(struct strbuf *sb, const char *key, const char *name,
		     const struct report_row *r)
{
	strbuf_puts(sb, "{\"key\":");
	strbuf_json_string(sb, key);
	strbuf_puts(sb, ",\"name\":");
	strbuf_json_string(sb, name);
	for (size_t i = 0; i < REPORT_N_COLUMNS; i++) {
		const struct report_column *c = &report_columns[i];
		int64_t v = report_column_value(c, r);
		if (c->type == REPORT_COL_RATE) {
			json_rate(sb, c->key, v);
			continue;
		}
		strbuf_json_key(sb, c->key);
		strbuf_add_int(sb, v);
	}
	strbuf_puts(sb, "}");
}

/* [{"key","name","resolved","on_time_rate"}...] of figure positions. */
static void json_units(struct strbuf *sb, const struct report *rep,
		       const size_t *at, size_t n)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < n; i++) {
		const struct report_line *l =
			&rep->lines[rep->first_unit + at[i]];
		strbuf_puts(sb, i ? ",{\"key\":" : "{\"key\":");
		strbuf_json_string(sb, l->key);
		strbuf_puts(sb, ",\"name\":");
		strbuf_json_string(sb, l->name);
		strbuf_json_key(sb, "resolved");
		strbuf_add_int(sb, l->row.resolved_total);
		json_rate(sb, "on_time_rate", report_on_time_rate(&l->row));
		strbuf_puts(sb, "}");
	}
	strbuf_puts(sb, "]");
}

static void json_figures(struct strbuf *sb, const struct report *rep)
{
	const struct report_figures *f = &rep->figures;
	if (rep->by != REPORT_BY_UNIT) {
		strbuf_puts(sb, "null");
		return;
	}
	strbuf_addf(sb,
		    "{\"units\":%zu,\"with_online\":%zu,"
		    "\"min_resolved\":%lld,\"ranked\":%zu,\"at_full\":",
		    f->units, f->with_online, (long long)f->min_resolved,
		    f->ranked);
	json_units(sb, rep, f->at_full, f->n_at_full);
	strbuf_puts(sb, ",\"highest\":");
	json_units(sb, rep, f->highest, f->n_highest);
	strbuf_puts(sb, ",\"lowest\":");
	json_units(sb, rep, f->lowest, f->n_lowest);
	strbuf_puts(sb, "}");
}

void report_json_write(const struct report *rep, struct strbuf *sb)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	strbuf_addf(sb, "{\"from\":\"%s\",\"to\":\"%s\"",
		    civil_format_date(rep->period.from, a),
		    civil_format_date(rep->period.to, b));
	if (rep->as_of != MC_NO_TIME)
		strbuf_addf(sb, ",\"as_of\":\"%s\"",
			    civil_format_local(rep->as_of, a));
	strbuf_puts(sb, ",\"unit\":");
	strbuf_json_string(sb, rep->unit);
	strbuf_puts(sb, ",\"by\":");
	strbuf_json_string(sb, report_by_name(rep->by));
	strbuf_addf(sb, ",\"restated\":%s,\"level\":",
		    rep->restated ? "true" : "false");
	if (rep->level)
		strbuf_json_string(sb, unit_level_name(rep->level));
	else
		strbuf_puts(sb, "null");
	strbuf_puts(sb, ",\"rows\":[");
	for (size_t i = 0; i < rep->n; i++) {
		if (i)
			strbuf_puts(sb, ",");
		json_row(sb, rep->lines[i].key, rep->lines[i].name,
			 &rep->lines[i].row);
	}
	strbuf_puts(sb, "],\"total\":");
	json_row(sb, rep->unit, "Tổng cộng", &rep->total);
	strbuf_puts(sb, ",\"figures\":");
	json_figures(sb, rep);
	strbuf_puts(sb, "}");
}
