/*
 * handlers_calendar.c - days off of a year and due-time arithmetic with
 * its explanation, on the server's calendar (the Government's decisions,
 * the holiday rules for undecided years, and the administrator rows of the
 * database). Every day carries its source: "decision", "rule" or "admin",
 * with the notice in "cite".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "http/http_int.h"

static const char *kind_key(enum day_kind k)
{
	switch (k) {
	case DAY_WORKING: return "working";
	case DAY_WEEKEND: return "weekend";
	case DAY_HOLIDAY: return "holiday";
	case DAY_COMPENSATORY: return "compensatory";
	case DAY_EXTRA_OFF: return "extra_off";
	case DAY_SWAPPED_WORKING: return "swapped_working";
	case DAY_SWAPPED_OFF: return "swapped_off";
	}
	return "?";
}

static bool int_arg(struct http_req *r, const char *name, long lo, long hi,
		    long *out)
{
	const char *v = http_query(r, name);
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	if (!v || !*v || *end || n < lo || n > hi) {
		http_reply_error(r, 400, "invalid_input", name,
				 "%s: is required, a whole number in %ld-%ld",
				 name, lo, hi);
		return false;
	}
	*out = n;
	return true;
}

void h_holidays(struct http_req *r)
{
	long year;
	struct calendar_day *days;
	size_t n;
	struct mc_err err;
	if (!int_arg(r, "year", CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, &year))
		return;
	if (app_calendar_fresh(r->app, &err) ||
	    calendar_year_days(&r->app->cal, (int)year, &days, &n, &err)) {
		http_reply_mc(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a,
				      json_pack("{s:o,s:s,s:s,s:s,s:s}", "date",
						http_date(days[i].day), "kind",
						kind_key(days[i].kind), "name",
						days[i].name, "source",
						day_source_key(days[i].source),
						"cite", days[i].cite));
	free(days);
	http_reply_json(r, 200,
			json_pack("{s:i,s:o}", "year", (int)year, "days", a));
}

static bool due_unit(struct http_req *r, enum limit_unit *u)
{
	const char *v = http_query(r, "limit_unit");
	*u = LIMIT_WORKING_DAYS;
	if (!v || strcmp(v, "working_days") == 0)
		return true;
	if (strcmp(v, "calendar_days") == 0)
		*u = LIMIT_CALENDAR_DAYS;
	else if (strcmp(v, "working_hours") == 0)
		*u = LIMIT_WORKING_HOURS;
	else {
		http_reply_error(r, 400, "invalid_input", "limit_unit",
				 "limit_unit: must be working_days, "
				 "calendar_days or working_hours");
		return false;
	}
	return true;
}

/* from: "YYYY-MM-DD HH:MM[:SS]", with a space or a T. */
static bool from_arg(struct http_req *r, int64_t *t)
{
	const char *v = http_query(r, "from");
	char buf[32];
	struct mc_err err;
	snprintf(buf, sizeof(buf), "%s", v ? v : "");
	if (strlen(buf) > 10 && buf[10] == 'T')
		buf[10] = ' ';
	if (civil_parse_local(buf, t, "from", &err)) {
		http_reply_mc(r, &err);
		return false;
	}
	return true;
}

static json_t *steps_json(const struct due_explain *ex)
{
	json_t *a = json_array();
	for (size_t i = 0; i < ex->n; i++)
		json_array_append_new(
			a, json_pack("{s:o,s:s,s:s,s:i,s:s}", "date",
				     http_date(ex->steps[i].day), "kind",
				     kind_key(ex->steps[i].kind), "source",
				     day_source_key(ex->steps[i].source),
				     "seconds", ex->steps[i].seconds_counted,
				     "why", ex->steps[i].why));
	return a;
}

void h_due(struct http_req *r)
{
	int64_t from, due;
	long days;
	enum limit_unit unit;
	struct office_hours oh;
	struct due_explain ex = {0};
	struct mc_err err;
	const char *code = http_query(r, "unit"),
		   *explain = http_query(r, "explain");
	bool want = explain && strcmp(explain, "1") == 0;
	if (!from_arg(r, &from) ||
	    !int_arg(r, "days", 0, CALENDAR_MAX_LIMIT, &days) ||
	    !due_unit(r, &unit))
		return;
	enum mc_code rc = app_calendar_fresh(r->app, &err);
	if (!rc && code)
		rc = app_office_hours(r->app, code, &oh, &err);
	else
		office_hours_default(&oh);
	if (!rc)
		rc = calendar_due(&r->app->cal, &oh, from, (int)days, unit,
				  &due, want ? &ex : NULL, &err);
	if (rc) {
		http_reply_mc(r, &err);
		return;
	}
	json_t *o = json_pack("{s:o,s:i,s:s,s:o}", "from", http_time(from),
			      "days", (int)days, "limit_unit",
			      limit_unit_name(unit), "due", http_time(due));
	if (want)
		json_object_set_new(o, "steps", steps_json(&ex));
	due_explain_release(&ex);
	http_reply_json(r, 200, o);
}
