/*
 * handlers_index.c - the service index over HTTP: the ranked table
 * (GET /index, the JSON of `motcua index --format json`), targets
 * (check, set, allocate) and published snapshots. Index and targets use
 * calendar periods like the command line; leaders and administrators see
 * their own subtree only.
 *
 * Setting a target is the job of the level above: a leader may set the
 * targets of the units below their own, not their own unit's; an
 * administrator any unit of their subtree. Publishing freezes the whole
 * province, so only an administrator of a root unit may do it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/catalog.h"
#include "app/index.h"
#include "core/civil.h"
#include "http/http_int.h"
#include "io/index_json.h"
#include "io/index_text.h"
#include "io/index_xlsx.h"

#define DEFAULT_MIN_DOSSIERS 30

/* period= as a calendar period (cut-off 1), default the last calendar
 * month that has ended; false after answering 400. */
static bool calendar_period(struct http_req *r, struct report_period *p)
{
	const char *period = http_query(r, "period");
	struct mc_err err;
	if (!period) {
		*p = report_last_month(app_now(r->app), 1);
		return true;
	}
	if (report_period_parse(period, 1, p, "period", &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	return true;
}

/* unit= or the account's unit (the application checks it against the
 * account's units). */
static const char *unit_of(struct http_req *r)
{
	const char *unit = http_query(r, "unit");
	return unit ? unit : r->user.unit;
}

static void reply_strbuf(struct http_req *r, int status, struct strbuf *sb)
{
	if (sb->oom)
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
	else
		http_reply_text(r, status, "application/json; charset=utf-8",
				sb->buf, sb->len);
	strbuf_release(sb);
}

/* ---- GET /index --------------------------------------------------------- */

static bool index_query_of(struct http_req *r, struct index_query *q)
{
	const char *by = http_query(r, "by"), *min = http_query(r, "min");
	struct mc_err err;
	memset(q, 0, sizeof(*q));
	q->min_dossiers = DEFAULT_MIN_DOSSIERS;
	if (min) {
		char *end;
		long long n = strtoll(min, &end, 10);
		if (!*min || *end || n < 0 || n > 1000000000) {
			http_reply_error(r, 400, "invalid_input", "min",
					 "min: \"%.20s\" is not a count", min);
			return false;
		}
		q->min_dossiers = n;
	}
	if (by && index_by_parse(by, &q->by, &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	if (!calendar_period(r, &q->period))
		return false;
	q->unit = unit_of(r);
	return true;
}

static enum mc_code index_book(const void *t, const char *path,
			       struct mc_err *err)
{
	return index_xlsx_write(t, path, err);
}

/* The index as `motcua index --format json` writes it, with format=csv
 * or xlsx as the bytes of --format csv or xlsx, saved as
 * chi-so-FROM-TO.EXT. */
void h_index(struct http_req *r)
{
	struct index_query q;
	struct index_table t;
	struct mc_err err;
	const char *format = http_query(r, "format");
	if (format && strcmp(format, "json") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx")) {
		http_reply_error(r, 400, "invalid_input", "format",
				 "format: is not json, csv or xlsx");
		return;
	}
	struct actor actor = http_actor(r);
	if (!index_query_of(r, &q))
		return;
	if (app_index_as(r->app, &actor, &q, &t, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	char name[96], from[CIVIL_BUF], to[CIVIL_BUF];
	snprintf(name, sizeof(name), "chi-so-%s-%s.%s",
		 civil_format_date(t.period.from, from),
		 civil_format_date(t.period.to, to), format ? format : "json");
	struct strbuf sb;
	strbuf_init(&sb);
	if (format && strcmp(format, "xlsx") == 0) {
		http_reply_workbook(r, name, index_book, &t);
	} else if (format && strcmp(format, "csv") == 0) {
		index_csv_write(&t, &sb);
		http_reply_attachment(r, HTTP_CSV_TYPE, name, &sb);
	} else {
		index_json_write(&t, &sb);
		reply_strbuf(r, 200, &sb);
	}
	index_table_release(&t);
}

/* ---- targets ------------------------------------------------------------ */

/* Hundredths as a JSON number with two decimals, null when negative. */
static json_t *percent(int64_t v)
{
	return v < 0 ? json_null() : json_real((double)v / 100.0);
}

static json_t *check_row(const struct target_check *c)
{
	return json_pack(
		"{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:b}", "unit", c->unit,
		"name", c->name ? c->name : "", "indicator",
		index_indicator_name(c->ind), "actual", percent(c->actual),
		"target", percent(c->target), "met",
		c->met < 0 ? json_null() : json_boolean(c->met), "margin",
		c->met < 0 ? json_null() : json_real((double)c->margin / 100.0),
		"inherited", c->inherited, "below_parent", c->below_parent);
}

void h_targets_check(struct http_req *r)
{
	struct report_period p;
	struct target_report rep;
	struct mc_err err;
	const char *period = http_query(r, "period"), *unit;
	char name[32];
	struct actor actor = http_actor(r);
	if (!calendar_period(r, &p))
		return;
	unit = unit_of(r);
	if (!period) {
		int y, m, d;
		civil_from_days(p.from, &y, &m, &d);
		snprintf(name, sizeof(name), "month:%04d-%02d", y, m);
		period = name;
	}
	if (app_target_check_as(r->app, &actor, period, unit, &rep, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	json_t *rows = json_array();
	for (size_t i = 0; i < rep.n; i++)
		json_array_append_new(rows, check_row(&rep.rows[i]));
	target_report_release(&rep);
	http_reply_json(r, 200,
			json_pack("{s:s,s:s,s:o}", "period", period, "unit",
				  unit, "rows", rows));
}

/* value: a number or a decimal string, handed on as the command line's
 * text so that the one parser checks it. */
static bool value_text(struct http_req *r, json_t *o, char *buf, size_t n)
{
	json_t *v = json_object_get(o, "value");
	if (json_is_string(v) && json_string_length(v) < n) {
		snprintf(buf, n, "%s", json_string_value(v));
		return true;
	}
	if (json_is_integer(v)) {
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
		return true;
	}
	if (json_is_real(v)) {
		snprintf(buf, n, "%.6f", json_real_value(v));
		/* trailing zeros would read as more than two decimals */
		char *e = buf + strlen(buf) - 1;
		while (*e == '0')
			*e-- = '\0';
		if (*e == '.')
			*e = '\0';
		return true;
	}
	http_reply_error(r, 400, "invalid_input", "value",
			 "value: must be a percentage 0-100");
	return false;
}

void h_target_set(struct http_req *r)
{
	static const char *const keys[] = {"unit", "period", "indicator",
					   "value", NULL};
	const char *unit, *period, *indicator;
	char value[48];
	struct mc_err err;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "unit", LIMIT_CODE, &unit) &&
	    http_need_string(r, o, "period", LIMIT_WORD, &period) &&
	    http_need_string(r, o, "indicator", LIMIT_WORD, &indicator) &&
	    value_text(r, o, value, sizeof(value))) {
		/* leaders set the units below their own (app_target_set) */
		struct actor actor = http_actor(r);
		if (app_target_set(r->app, &actor, unit, period, indicator,
				   value, &err))
			http_reply_mc(r, &err);
		else
			http_reply_json(r, 200,
					json_pack("{s:s,s:s,s:s,s:O}", "unit",
						  unit, "period", period,
						  "indicator", indicator,
						  "value",
						  json_object_get(o, "value")));
	}
	json_decref(o);
}

void h_target_allocate(struct http_req *r)
{
	static const char *const keys[] = {"unit", "period", NULL};
	const char *unit, *period;
	size_t written = 0;
	struct mc_err err;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (http_only_fields(r, o, keys) &&
	    http_need_string(r, o, "unit", LIMIT_CODE, &unit) &&
	    http_need_string(r, o, "period", LIMIT_WORD, &period)) {
		struct actor actor = http_actor(r);
		if (app_target_allocate(r->app, &actor, unit, period, &written,
					&err))
			http_reply_mc(r, &err);
		else
			http_reply_json(r, 200,
					json_pack("{s:s,s:s,s:I}", "unit", unit,
						  "period", period, "written",
						  (json_int_t)written));
	}
	json_decref(o);
}

/* ---- publications ------------------------------------------------------- */

static bool digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Snapshots are keyed by the period's text, so "month:2024-4" must not
 * publish April a second time: only the canonical spellings pass. */
static bool canonical_period(struct http_req *r, const char *period)
{
	struct report_period p;
	struct mc_err err;
	const char *v = strchr(period, ':');
	size_t n = v ? strlen(++v) : 0;
	bool ok = false;
	if (v && strncmp(period, "month:", 6) == 0)
		ok = n == 7 && digits(v, 4) && v[4] == '-' && digits(v + 5, 2);
	else if (v && (strncmp(period, "quarter:", 8) == 0 ||
		       strncmp(period, "half:", 5) == 0))
		ok = n == 6 && digits(v, 4) && (v[4] == 'Q' || v[4] == 'H') &&
		     digits(v + 5, 1);
	else if (v && (strncmp(period, "year:", 5) == 0 ||
		       strncmp(period, "nine:", 5) == 0))
		ok = n == 4 && digits(v, 4);
	if (ok && report_period_parse(period, 1, &p, "period", &err) == MC_OK)
		return true;
	http_reply_error(r, 400, "invalid_input", "period",
			 "period: \"%.40s\" is not month:YYYY-MM, "
			 "quarter:YYYYQn, half:YYYYHn, nine:YYYY or year:YYYY",
			 period);
	return false;
}

void h_publication_get(struct http_req *r)
{
	struct snapshot s;
	bool intact;
	struct mc_err err;
	if (!canonical_period(r, r->param[0]))
		return;
	if (app_publish_show(r->app, r->param[0], &s, &intact, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	if (!intact) {
		snapshot_release(&s);
		http_reply_error(r, 500, "checksum_mismatch", "period",
				 "the stored snapshot does not match its "
				 "checksum");
		return;
	}
	/* the content is the frozen JSON text itself: embed it unparsed */
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "{\"period\":");
	strbuf_json_string(&sb, s.period);
	strbuf_puts(&sb, ",\"rules\":");
	strbuf_json_string(&sb, s.rules);
	strbuf_puts(&sb, ",\"published_at\":");
	json_t *at = http_time(s.created_at);
	strbuf_json_string(&sb, json_string_value(at));
	json_decref(at);
	strbuf_puts(&sb, ",\"checksum\":");
	strbuf_json_string(&sb, s.checksum);
	strbuf_puts(&sb, ",\"verified\":true,\"content\":");
	strbuf_puts(&sb, s.content);
	strbuf_puts(&sb, "}");
	snapshot_release(&s);
	reply_strbuf(r, 200, &sb);
}

void h_publish(struct http_req *r)
{
	static const char *const keys[] = {"period", NULL};
	const char *period;
	struct snapshot s;
	bool intact;
	struct mc_err err;
	json_t *o = http_body_object(r);
	if (!o)
		return;
	if (!http_only_fields(r, o, keys) ||
	    !http_need_string(r, o, "period", LIMIT_WORD, &period) ||
	    !canonical_period(r, period)) {
		json_decref(o);
		return;
	}
	/* an administrator of the province (app_publish checks it) */
	struct actor actor = http_actor(r);
	if (app_publish(r->app, &actor, period, &err) ||
	    app_publish_show(r->app, period, &s, &intact, &err))
		http_reply_mc(r, &err);
	else {
		http_reply_json(r, 201,
				json_pack("{s:s,s:s,s:s}", "period", s.period,
					  "rules", s.rules, "checksum",
					  s.checksum));
		snapshot_release(&s);
	}
	json_decref(o);
}
