/*
 * handlers_report.c - GET /api/v1/reports/settlement: form II.06a by
 * unit, the very JSON of `motcua report --format json` (io/report_json).
 * Leaders and administrators, within their unit subtree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/report.h"
#include "core/civil.h"
#include "io/report_json.h"
#include "http/http_int.h"

static bool bad(struct http_req *r, const char *field, const char *msg)
{
	http_reply_error(r, 400, "invalid_input", field, "%s: %s", field, msg);
	return false;
}

/* The latest statutory month that has ended by today. */
static struct report_period last_month(int cutoff)
{
	int y, m, d;
	int64_t today = civil_local_day((int64_t)time(NULL));
	civil_from_days(today, &y, &m, &d);
	struct report_period p = report_month(y, m, cutoff);
	if (p.to >= today) {
		y = m == 1 ? y - 1 : y;
		m = m == 1 ? 12 : m - 1;
		p = report_month(y, m, cutoff);
	}
	return p;
}

static bool month_arg(struct http_req *r, const char *s, int cutoff,
		      struct report_period *p)
{
	int y, m;
	char tail;
	if (sscanf(s, "month:%4d-%2d%c", &y, &m, &tail) != 2 || m < 1 ||
	    m > 12 || y < 1900 || y > 2100)
		return bad(r, "period", "is not month:YYYY-MM");
	*p = report_month(y, m, cutoff);
	return true;
}

static bool period_args(struct http_req *r, struct report_period *p)
{
	const char *period = http_query(r, "period"),
		   *from = http_query(r, "from"), *to = http_query(r, "to"),
		   *cut = http_query(r, "cutoff");
	struct mc_err err;
	int cutoff = 15;
	if (cut) {
		char *end;
		long c = strtol(cut, &end, 10);
		if (!*cut || *end || c < 1 || c > 28)
			return bad(r, "cutoff", "is not a day 1-28");
		cutoff = (int)c;
	}
	if (!from && !to) {
		if (period)
			return month_arg(r, period, cutoff, p);
		*p = last_month(cutoff);
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

void h_report_settlement(struct http_req *r)
{
	struct report_period p;
	struct report rep;
	struct mc_err err;
	const char *unit = http_query(r, "unit");
	if (!period_args(r, &p))
		return;
	if (!unit)
		unit = r->user.unit;
	if (!http_in_scope(r->app, r->user.unit, unit)) {
		http_reply_error(r, 403, "forbidden", "unit",
				 "unit: \"%s\" is outside your units", unit);
		return;
	}
	if (app_report_by_unit(r->app, unit, p, &rep, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	report_json_write(&rep, &sb);
	report_release(&rep);
	if (sb.oom)
		http_reply_error(r, 500, "out_of_memory", "", "out of memory");
	else
		http_reply_text(r, 200, "application/json; charset=utf-8",
				sb.buf, sb.len);
	strbuf_release(&sb);
}
