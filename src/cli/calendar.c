/*
 * calendar.c - `motcua calendar`: days off, due dates, and the
 * administrator rows that add a day off or declare a swapped working day.
 *
 *   motcua calendar holidays YEAR
 *   motcua calendar due --from 'YYYY-MM-DD HH:MM' --days N
 *                       [--calendar-days | --hours] [--unit CODE] [--explain]
 *   motcua calendar set --date YYYY-MM-DD (--off | --working) --name TEXT
 *   motcua calendar unset --date YYYY-MM-DD
 *   motcua calendar list
 *
 * holidays and due read the administrator rows of the database when one
 * is given (--db or $MOTCUA_DB) or motcua.db exists; without a database
 * they use the built-in decisions and rules alone. Every day they print
 * says where it comes from: a published decision (its notice), the rule,
 * or an administrator row. set and unset recompute the
 * due date of every open dossier in the same transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/catalog.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "io/holiday_decisions.h"
#include "io/holiday_rules.h"

struct args {
	const char *db, *from, *days, *date, *name, *unit;
	bool calendar_days, hours, explain, off, working;
};

/* What the read-only commands work with: an app when there is a
 * database, else the built-in rules alone. */
struct cal_ctx {
	bool have_app;
	struct app app;
	struct holiday_rules *rules;
	struct holiday_decisions *decisions;
	struct calendar cal;
};

static struct calendar *load_calendar(struct cal_ctx *c, const char *db,
				      struct mc_err *err)
{
	memset(c, 0, sizeof(*c));
	const char *path = cli_db_path(db);
	if (db || getenv("MOTCUA_DB") || access(path, F_OK) == 0) {
		if (app_open(path, &c->app, err))
			return NULL;
		c->have_app = true;
		return &c->app.cal;
	}
	if (holiday_rules_default(&c->rules, err) ||
	    holiday_decisions_default(&c->decisions, err)) {
		holiday_rules_free(c->rules);
		return NULL;
	}
	calendar_init(&c->cal, c->rules);
	calendar_use_decisions(&c->cal, c->decisions);
	return &c->cal;
}

static void unload_calendar(struct cal_ctx *c)
{
	if (c->have_app) {
		app_close(&c->app);
		return;
	}
	calendar_release(&c->cal);
	holiday_rules_free(c->rules);
	holiday_decisions_free(c->decisions);
}

/* A whole number in [lo, hi], digits only. */
static bool parse_number(const char *s, int lo, int hi, int *out)
{
	long v = 0;
	if (!s || !*s || strlen(s) > 9)
		return false;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (*p - '0');
	}
	if (v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

static int cmd_holidays(const struct args *a, const char *year_s)
{
	struct cal_ctx c;
	struct mc_err err;
	struct calendar_day *days;
	size_t n;
	int year;
	if (!parse_number(year_s, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR,
			  &year))
		return cli_usage("YEAR: \"%s\" is not a year in 1900-2100",
				 year_s ? year_s : "");
	struct calendar *cal = load_calendar(&c, a->db, &err);
	if (!cal)
		return cli_fail(&err);
	if (calendar_year_days(cal, year, &days, &n, &err)) {
		unload_calendar(&c);
		return cli_fail(&err);
	}
	/* date, what the day is, source; a swapped day says what it is
	 * exchanged with. */
	for (size_t i = 0; i < n; i++) {
		char buf[CIVIL_BUF], why[128];
		const char *what = days[i].name;
		if (days[i].kind == DAY_SWAPPED_WORKING ||
		    days[i].kind == DAY_SWAPPED_OFF) {
			calendar_day_why(cal, days[i].day, why, sizeof(why));
			what = why;
		}
		printf("%s\t%s\t%s\n", civil_format_date(days[i].day, buf),
		       what, days[i].cite);
	}
	free(days);
	unload_calendar(&c);
	return 0;
}

static void print_explain(const struct due_explain *ex)
{
	for (size_t i = 0; i < ex->n; i++) {
		char buf[CIVIL_BUF];
		printf("%s\t%s\n", civil_format_date(ex->steps[i].day, buf),
		       ex->steps[i].why);
	}
}

static int check_due_args(const struct args *a, int64_t *from, int *value,
			  enum limit_unit *unit)
{
	struct mc_err err;
	if (!a->from)
		return cli_usage("--from: is required");
	if (!a->days)
		return cli_usage("--days: is required");
	if (a->calendar_days && a->hours)
		return cli_usage("--calendar-days and --hours: choose one");
	if (civil_parse_local(a->from, from, "--from", &err))
		return cli_fail(&err);
	if (!parse_number(a->days, 0, CALENDAR_MAX_LIMIT, value))
		return cli_usage("--days: \"%s\" is not a whole number in "
				 "0-3650",
				 a->days);
	*unit = a->calendar_days ? LIMIT_CALENDAR_DAYS
		: a->hours       ? LIMIT_WORKING_HOURS
				 : LIMIT_WORKING_DAYS;
	return 0;
}

static int cmd_due(const struct args *a)
{
	struct cal_ctx c;
	struct mc_err err;
	struct due_explain ex = {0};
	struct office_hours oh;
	enum limit_unit unit = LIMIT_WORKING_DAYS;
	int64_t from, due;
	int value = 0, status = check_due_args(a, &from, &value, &unit);
	if (status)
		return status;
	struct calendar *cal = load_calendar(&c, a->db, &err);
	if (!cal)
		return cli_fail(&err);
	office_hours_default(&oh);
	if ((a->unit &&
	     (!c.have_app || app_office_hours(&c.app, a->unit, &oh, &err))) ||
	    calendar_due(cal, &oh, from, value, unit, &due,
			 a->explain ? &ex : NULL, &err)) {
		if (a->unit && !c.have_app)
			mc_fail(&err, MC_ERR_INPUT, "unit",
				"--unit: needs a database (--db)");
		unload_calendar(&c);
		return cli_fail(&err);
	}
	char buf[CIVIL_BUF];
	printf("%s\n", civil_format_local(due, buf));
	if (a->explain)
		print_explain(&ex);
	due_explain_release(&ex);
	unload_calendar(&c);
	return 0;
}

static int cmd_change(const struct args *a, bool remove)
{
	struct mc_err err;
	struct calendar_override o = {0};
	if (!a->date)
		return cli_usage("--date: is required");
	if (civil_parse_date(a->date, &o.day, "--date", &err))
		return cli_fail(&err);
	if (!remove && a->off == a->working)
		return cli_usage("set needs exactly one of --off, --working");
	if (!remove && (!a->name || !*a->name))
		return cli_usage("--name: set needs the reason, e.g. \"Nghỉ "
				 "Tết theo Thông báo số ...\"");
	o.working = a->working;
	o.name = (char *)a->name;
	struct app app;
	size_t changed = 0;
	if (cli_open_app(a->db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = app_calendar_change(&app, &o, remove, getenv("USER"),
					      &changed, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	fprintf(stderr, "%s %s; due dates of %zu open dossiers moved\n",
		remove ? "removed" : "set", a->date, changed);
	return 0;
}

static int list_row(const struct calendar_override *o, void *ctx)
{
	(void)ctx;
	char buf[CIVIL_BUF];
	printf("%s\t%s\t%s\n", civil_format_date(o->day, buf),
	       o->working ? "working" : "off", o->name);
	return 0;
}

static int cmd_list(const struct args *a)
{
	struct mc_err err;
	struct app app;
	if (cli_open_app(a->db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = app_calendar_each(&app, list_row, NULL, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

int cmd_calendar(int argc, char **argv)
{
	struct args a = {0};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"from", &a.from, NULL},
		{"days", &a.days, NULL},
		{"date", &a.date, NULL},
		{"name", &a.name, NULL},
		{"unit", &a.unit, NULL},
		{"calendar-days", NULL, &a.calendar_days},
		{"hours", NULL, &a.hours},
		{"explain", NULL, &a.explain},
		{"off", NULL, &a.off},
		{"working", NULL, &a.working},
		{NULL, NULL, NULL},
	};
	const char *pos[1] = {NULL};
	size_t n_pos = 0;
	if (argc < 2)
		return cli_usage("calendar needs holidays, due, set, unset or "
				 "list");
	int status = cli_parse(argc - 1, argv + 1, opts, pos, 1, &n_pos);
	if (status)
		return status;
	const char *sub = argv[1];
	if (strcmp(sub, "holidays") == 0)
		return cmd_holidays(&a, pos[0]);
	if (n_pos)
		return cli_usage("unexpected argument \"%s\"", pos[0]);
	if (strcmp(sub, "due") == 0)
		return cmd_due(&a);
	if (strcmp(sub, "set") == 0)
		return cmd_change(&a, false);
	if (strcmp(sub, "unset") == 0)
		return cmd_change(&a, true);
	if (strcmp(sub, "list") == 0)
		return cmd_list(&a);
	return cli_usage("unknown calendar subcommand \"%s\"", sub);
}
