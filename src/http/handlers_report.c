/*
 * handlers_report.c - GET /api/v1/reports/settlement: form II.06a by
 * unit (or every unit of a level), level, field or procedure, as it was
 * or restated, with the units by on-time rate: the very JSON of `motcua
 * report --format json` (io/report_json). Leaders and
 * administrators, within their unit subtree. The period and shape
 * readers are shared with the public statistics (handlers_stats.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/report.h"
#include "app/summary.h"
#include "core/civil.h"
#include "http/http_int.h"
#include "io/report_json.h"
#include "io/report_text.h"
#include "io/report_xlsx.h"
#include "io/summary.h"

static bool bad(struct http_req *r, const char *field, const char *msg)
{
	http_reply_error(r, 400, "invalid_input", field, "%s: %s", field, msg);
	return false;
}

/* cutoff=1-28 into *cutoff (left as it is when absent). */
static bool cutoff_of(struct http_req *r, int *cutoff)
{
	const char *cut = http_query(r, "cutoff");
	if (!cut)
		return true;
	char *end;
	long c = strtol(cut, &end, 10);
	if (!*cut || *end || c < 1 || c > 28)
		return bad(r, "cutoff", "is not a day 1-28");
	*cutoff = (int)c;
	return true;
}

/* period=month:2024-04|quarter:2024Q1|half:2024H2|nine:2024|year:2024,
 * or from and to, or nothing for the latest month that has ended. */
bool http_report_period(struct http_req *r, struct report_period *p)
{
	const char *period = http_query(r, "period"),
		   *from = http_query(r, "from"), *to = http_query(r, "to");
	struct mc_err err;
	int cutoff = 15;
	if (!cutoff_of(r, &cutoff))
		return false;
	if (!from && !to) {
		if (!period) {
			*p = report_last_month(app_now(r->app), cutoff);
			return true;
		}
		if (report_period_parse(period, cutoff, p, "period", &err)) {
			http_reply_mc(r, &err);
			return false;
		}
		return true;
	}
	if (!from || !to || period)
		return bad(r, from ? "to" : "from",
			   "give from and to together, or period");
	if (civil_parse_date(from, &p->from, "from", &err) ||
	    civil_parse_date(to, &p->to, "to", &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	if (p->to < p->from)
		return bad(r, "to", "is before from");
	return true;
}

/* by=unit|level|field|procedure and restated=1 into q. */
bool http_report_shape(struct http_req *r, struct report_query *q)
{
	const char *by = http_query(r, "by"),
		   *restated = http_query(r, "restated");
	struct mc_err err;
	q->by = REPORT_BY_UNIT;
	if (by && report_by_parse(by, &q->by, &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	if (restated && strcmp(restated, "0") && strcmp(restated, "1"))
		return bad(r, "restated", "is not 0 or 1");
	q->restated = restated && strcmp(restated, "1") == 0;
	return true;
}

/* level=province|district|commune and min_resolved=N into q. */
bool http_report_figures(struct http_req *r, struct report_query *q)
{
	const char *level = http_query(r, "level"),
		   *min = http_query(r, "min_resolved");
	struct mc_err err;
	if (level && unit_level_parse(level, &q->level, "level", &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	if (min && report_min_resolved_parse(min, &q->min_resolved,
					     "min_resolved", &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	return true;
}

static enum mc_code report_book(const void *rep, const char *path,
				struct mc_err *err)
{
	return report_xlsx_write(rep, path, err);
}

/* The file name of the report in a format: mau-II.06a-FROM-TO.EXT. */
static void file_name(const struct report *rep, const char *ext, char *buf,
		      size_t n)
{
	char from[CIVIL_BUF], to[CIVIL_BUF];
	snprintf(buf, n, "mau-II.06a-%s-%s.%s",
		 civil_format_date(rep->period.from, from),
		 civil_format_date(rep->period.to, to), ext);
}

/* figures=0|1 (the figure columns in the CSV, as --figures). */
static bool figures_of(struct http_req *r, bool *figures)
{
	const char *f = http_query(r, "figures");
	if (f && strcmp(f, "0") && strcmp(f, "1"))
		return bad(r, "figures", "is not 0 or 1");
	*figures = f && strcmp(f, "1") == 0;
	return true;
}

/* Answer with the report as `motcua report --format json` writes it,
 * with format=csv as its CSV and format=xlsx as its workbook (the
 * bytes of the same command with --format csv or xlsx). */
void http_reply_report(struct http_req *r, const struct actor *actor,
		       const struct report_query *q)
{
	const char *format = http_query(r, "format");
	bool figures;
	if (format && strcmp(format, "json") && strcmp(format, "csv") &&
	    strcmp(format, "xlsx")) {
		bad(r, "format", "is not json, csv or xlsx");
		return;
	}
	if (!figures_of(r, &figures))
		return;
	struct report rep;
	struct mc_err err;
	if (actor ? app_report_as(r->app, actor, q, &rep, &err)
		  : app_report(r->app, q, &rep, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	char name[96];
	struct strbuf sb;
	strbuf_init(&sb);
	if (format && strcmp(format, "xlsx") == 0) {
		file_name(&rep, "xlsx", name, sizeof(name));
		http_reply_workbook(r, name, report_book, &rep);
	} else if (format && strcmp(format, "csv") == 0) {
		file_name(&rep, "csv", name, sizeof(name));
		report_csv_write(&rep, figures, &sb);
		http_reply_attachment(r, HTTP_CSV_TYPE, name, &sb);
	} else {
		report_json_write(&rep, &sb);
		http_reply_strbuf(r, 200, &sb); /* 500 when out of memory */
	}
	report_release(&rep);
}

/* The unit asked for, the account's by default (the application checks
 * it against the account's units). */
static const char *unit_of(struct http_req *r)
{
	const char *u = http_query(r, "unit");
	return u ? u : r->user.unit;
}

void h_report_settlement(struct http_req *r)
{
	struct report_query q = {0};
	struct actor actor = http_actor(r);
	if (!http_report_period(r, &q.period) || !http_report_shape(r, &q) ||
	    !http_report_figures(r, &q))
		return;
	q.unit = unit_of(r);
	http_reply_report(r, &actor, &q);
}

/* GET /api/v1/reports/summary: the release of `motcua summary` as JSON,
 * or with format=text as the text itself. */
void h_report_summary(struct http_req *r)
{
	struct report_query rq = {0};
	struct summary_query q = {.period = http_query(r, "period")};
	const char *format = http_query(r, "format");
	if (!q.period) {
		bad(r, "period",
		    "is required (month:YYYY-MM, quarter:YYYYQn, "
		    "half:YYYYHn, nine:YYYY or year:YYYY)");
		return;
	}
	if (format && strcmp(format, "json") && strcmp(format, "text")) {
		bad(r, "format", "is not json or text");
		return;
	}
	if (!cutoff_of(r, &q.cutoff) || !http_report_figures(r, &rq))
		return;
	struct actor actor = http_actor(r);
	q.unit = unit_of(r);
	q.level = rq.level;
	q.min_resolved = rq.min_resolved;
	struct summary s;
	struct mc_err err;
	if (app_summary_as(r->app, &actor, &q, &s, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	bool text = format && strcmp(format, "text") == 0;
	if (text)
		summary_text_write(&s, &sb);
	else
		summary_json_write(&s, &sb);
	summary_release(&s);
	if (text && !sb.oom)
		http_reply_text(r, 200, "text/plain; charset=utf-8", sb.buf,
				sb.len);
	else if (text)
		http_reply_error(r, 500, "internal", "", "out of memory");
	if (text)
		strbuf_release(&sb);
	else
		http_reply_strbuf(r, 200, &sb);
}
