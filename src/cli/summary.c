/*
 * summary.c - `motcua summary`: a period's results as the short
 * Vietnamese release a province publishes (totals, both on-time rates,
 * online shares, postal uses, the units that stand out), or the same
 * numbers as JSON, all from the report's aggregates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/summary.h"
#include "cli/cli.h"
#include "core/str.h"
#include "io/summary.h"

struct args {
	const char *db, *period, *cutoff, *unit, *level, *min_resolved;
	const char *format;
};

static int parse_query(const struct args *a, struct summary_query *q)
{
	memset(q, 0, sizeof(*q));
	q->period = a->period;
	q->unit = a->unit;
	if (!a->period)
		return cli_usage("--period: is required (month:YYYY-MM, "
				 "quarter:YYYYQn, half:YYYYHn, nine:YYYY or "
				 "year:YYYY)");
	if (cli_cutoff(a->cutoff, &q->cutoff) ||
	    cli_unit_figures(a->level, a->min_resolved, &q->level,
			     &q->min_resolved))
		return 2;
	if (strcmp(a->format, "text") && strcmp(a->format, "json"))
		return cli_usage("--format: \"%s\" is not text or json",
				 a->format);
	return 0;
}

int cmd_summary(int argc, char **argv)
{
	struct args a = {.format = "text"};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"period", &a.period, NULL},
		{"cutoff", &a.cutoff, NULL},
		{"unit", &a.unit, NULL},
		{"level", &a.level, NULL},
		{"min-resolved", &a.min_resolved, NULL},
		{"format", &a.format, NULL},
		{NULL, NULL, NULL},
	};
	struct summary_query q;
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_query(&a, &q);
	if (status)
		return status;
	struct app app;
	struct summary s;
	struct mc_err err;
	if (cli_open_app(a.db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = app_summary(&app, &q, &s, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	struct strbuf sb;
	strbuf_init(&sb);
	if (strcmp(a.format, "json") == 0) {
		summary_json_write(&s, &sb);
		strbuf_puts(&sb, "\n");
	} else {
		summary_text_write(&s, &sb);
	}
	summary_release(&s);
	if (sb.oom) {
		strbuf_release(&sb);
		mc_fail(&err, MC_ERR_NOMEM, "", "out of memory");
		return cli_fail(&err);
	}
	fputs(str_or_empty(sb.buf), stdout);
	strbuf_release(&sb);
	return fflush(stdout) == 0 ? 0 : 1;
}
