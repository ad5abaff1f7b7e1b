/*
 * index.c - `motcua index`: the service index of every unit below the
 * chosen one (or by level) for a calendar period: indicators, group
 * scores, total and rank among siblings, as text, JSON, CSV or an xlsx
 * workbook.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/index.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "io/index_json.h"
#include "io/index_rules.h"
#include "io/index_text.h"
#include "io/index_xlsx.h"

#define DEFAULT_MIN_DOSSIERS 30

static void print_json(const struct index_table *t)
{
	struct strbuf sb;
	strbuf_init(&sb);
	index_json_write(t, &sb);
	puts(str_or_empty(sb.buf));
	strbuf_release(&sb);
}

/* Read a rules document given with --rules. */
static int load_rules(const char *path, struct index_rules *out)
{
	struct mc_err err = {0};
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0;
	if (f) {
		FILE *mem = open_memstream(&buf, &len);
		int ch;
		while (mem && (ch = fgetc(f)) != EOF)
			fputc(ch, mem);
		if (mem)
			fclose(mem);
		fclose(f);
	}
	if (!buf)
		return cli_usage("--rules: cannot read %s", path);
	enum mc_code rc = index_rules_parse(buf, len, out, &err);
	free(buf);
	return rc ? cli_fail(&err) : 0;
}

struct args {
	const char *db, *period, *unit, *by, *format, *min, *rules, *out;
};

static int parse_query(const struct args *a, struct index_query *q)
{
	struct mc_err err;
	memset(q, 0, sizeof(*q));
	q->unit = a->unit;
	q->min_dossiers = DEFAULT_MIN_DOSSIERS;
	if (a->min) {
		char *end;
		long long n = strtoll(a->min, &end, 10);
		if (*end || end == a->min || n < 0)
			return cli_usage("--min-dossiers: \"%s\" is not a "
					 "count",
					 a->min);
		q->min_dossiers = n;
	}
	if (a->by && index_by_parse(a->by, &q->by, &err))
		return cli_fail(&err);
	if (strcmp(a->format, "text") && strcmp(a->format, "json") &&
	    strcmp(a->format, "csv") && strcmp(a->format, "xlsx"))
		return cli_usage("--format: \"%s\" is not text, json, csv or "
				 "xlsx",
				 a->format);
	if (strcmp(a->format, "xlsx") == 0 && !a->out)
		return cli_usage("--format xlsx: needs --out FILE.xlsx");
	if (!a->period) {
		q->period = report_last_month(cli_now(), 1);
		return 0;
	}
	return report_period_parse(a->period, 1, &q->period, "period", &err)
		       ? cli_fail(&err)
		       : 0;
}

static int run(const struct args *a, struct index_query *q)
{
	struct app app;
	struct index_table t;
	struct mc_err err;
	if (cli_open_app(a->db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = app_index(&app, q, &t, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	if (strcmp(a->format, "xlsx") == 0) {
		rc = index_xlsx_write(&t, a->out, &err);
		index_table_release(&t);
		return rc ? cli_fail(&err) : 0;
	}
	int out = 0;
	if (strcmp(a->format, "json") == 0) {
		print_json(&t);
	} else if (strcmp(a->format, "csv") == 0) {
		struct strbuf sb;
		strbuf_init(&sb);
		index_csv_write(&t, &sb);
		out = cli_put(&sb);
	} else {
		index_text_write(stdout, &t);
	}
	index_table_release(&t);
	return fflush(stdout) == 0 ? out : 1;
}

int cmd_index(int argc, char **argv)
{
	struct args a = {.format = "text"};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},         {"period", &a.period, NULL},
		{"unit", &a.unit, NULL},     {"by", &a.by, NULL},
		{"format", &a.format, NULL}, {"min-dossiers", &a.min, NULL},
		{"rules", &a.rules, NULL},   {"out", &a.out, NULL},
		{NULL, NULL, NULL},
	};
	struct index_query q;
	struct index_rules rules = {0};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_query(&a, &q);
	if (!status && a.rules && !(status = load_rules(a.rules, &rules)))
		q.rules = &rules;
	if (!status && a.out && strcmp(a.format, "xlsx") != 0 &&
	    !freopen(a.out, "w", stdout))
		status = cli_usage("--out: cannot write %s", a.out);
	if (!status)
		status = run(&a, &q);
	index_rules_release(&rules);
	return status;
}
