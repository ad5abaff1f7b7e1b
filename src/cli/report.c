/*
 * report.c - `motcua report`: form II.06a for a period, one line per unit
 * below the chosen one (or per unit of a --level), as an aligned table
 * (Vietnamese column titles), CSV, JSON or xlsx; --figures adds the
 * online shares and postal uses per line and, by unit, the units by
 * on-time rate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/report.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "core/str.h"
#include "io/report_json.h"
#include "io/report_text.h"
#include "io/report_xlsx.h"

static void print_json(const struct report *rep)
{
	struct strbuf sb;
	strbuf_init(&sb);
	report_json_write(rep, &sb);
	puts(str_or_empty(sb.buf));
	strbuf_release(&sb);
}

struct args {
	const char *db, *from, *to, *period, *cutoff, *unit, *by, *format;
	const char *out, *level, *min_resolved;
	bool restated, scan, figures;
};

static int parse_query(const struct args *a, struct report_query *q)
{
	struct mc_err err;
	int cutoff = 15;
	memset(q, 0, sizeof(*q));
	if (cli_cutoff(a->cutoff, &cutoff))
		return 2;
	q->unit = a->unit;
	q->restated = a->restated;
	if (a->by && report_by_parse(a->by, &q->by, &err))
		return cli_fail(&err);
	if (cli_unit_figures(a->level, a->min_resolved, &q->level,
			     &q->min_resolved))
		return 2;
	return cli_period(a->from, a->to, a->period, cutoff, &q->period);
}

static int emit(const struct report *rep, const char *format, bool figures)
{
	if (strcmp(format, "json") == 0)
		print_json(rep);
	else if (strcmp(format, "csv") == 0) {
		struct strbuf sb;
		strbuf_init(&sb);
		report_csv_write(rep, figures, &sb);
		return cli_put(&sb);
	} else
		report_text_write(stdout, rep, figures);
	return 0;
}

int cmd_report(int argc, char **argv)
{
	struct args a = {.format = "text"};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"from", &a.from, NULL},
		{"to", &a.to, NULL},
		{"period", &a.period, NULL},
		{"cutoff", &a.cutoff, NULL},
		{"unit", &a.unit, NULL},
		{"by", &a.by, NULL},
		{"format", &a.format, NULL},
		{"out", &a.out, NULL},
		{"restated", NULL, &a.restated},
		{"scan", NULL, &a.scan},
		{"figures", NULL, &a.figures},
		{"level", &a.level, NULL},
		{"min-resolved", &a.min_resolved, NULL},
		{NULL, NULL, NULL},
	};
	struct report_query q;
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_query(&a, &q);
	bool xlsx = strcmp(a.format, "xlsx") == 0;
	if (!status && !xlsx && strcmp(a.format, "text") &&
	    strcmp(a.format, "json") && strcmp(a.format, "csv"))
		status = cli_usage("--format: \"%s\" is not text, json, csv "
				   "or xlsx",
				   a.format);
	if (!status && xlsx && !a.out)
		status = cli_usage("--format xlsx: needs --out FILE.xlsx");
	if (!status && !xlsx && a.out && !freopen(a.out, "w", stdout))
		status = cli_usage("--out: cannot write %s", a.out);
	if (status)
		return status;
	struct app app;
	struct report rep;
	struct mc_err err;
	if (cli_open_app(a.db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = a.scan ? app_report_scan(&app, &q, &rep, &err)
				 : app_report(&app, &q, &rep, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	if (xlsx && report_xlsx_write(&rep, a.out, &err)) {
		report_release(&rep);
		return cli_fail(&err);
	}
	int out = xlsx ? 0 : emit(&rep, a.format, a.figures);
	report_release(&rep);
	return fflush(stdout) == 0 ? out : 1;
}
