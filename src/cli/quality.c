/*
 * quality.c - `motcua quality [--period P] [--cutoff N] [--unit U]
 * [--format text|json|csv] [--db FILE]`: every stored dossier with an
 * anomaly, one line per dossier and kind (app/quality.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/quality.h"
#include "cli/cli.h"
#include "io/quality_json.h"

static void print_text(const struct quality_list *l)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	printf("Chất lượng dữ liệu / data quality: %zu dossiers with "
	       "anomalies, %zu anomalies",
	       l->dossiers, l->n);
	if (l->q.all_time)
		printf(", all periods");
	else
		printf(", %s to %s", civil_format_date(l->q.period.from, a),
		       civil_format_date(l->q.period.to, b));
	if (l->unit)
		printf(", %s %s", l->unit, str_or_empty(l->unit_name));
	printf("\n");
	for (int k = 0; k < ANOMALY__COUNT; k++)
		if (l->by_kind[k]) {
			const struct dossier_anomaly_kind *d =
				dossier_anomaly_kind((enum dossier_anomaly)k);
			printf("%6zu %s / %s (%s)\n", l->by_kind[k], d->label,
			       d->nhan, d->key);
		}
	for (size_t i = 0; i < l->n; i++) {
		const struct quality_item *it = &l->items[i];
		printf("%s\t%s\t%s\t", it->code, it->unit_code,
		       dossier_anomaly_kind(it->kind)->key);
		for (size_t f = 0; f < it->n_fields; f++)
			printf("%s%s=%s", f ? "; " : "", it->fields[f].name,
			       it->fields[f].value[0] ? it->fields[f].value
						      : "-");
		printf("\n");
	}
}

static int parse_period(const char *period, const char *cut,
			struct quality_query *q)
{
	struct mc_err err;
	long cutoff = 15;
	if (cut) {
		char *end;
		cutoff = strtol(cut, &end, 10);
		if (!*cut || *end || cutoff < 1 || cutoff > 28)
			return cli_usage("--cutoff: \"%s\" is not a day 1-28",
					 cut);
	}
	q->all_time = !period;
	if (period && report_period_parse(period, (int)cutoff, &q->period,
					  "period", &err))
		return cli_fail(&err);
	return 0;
}

static int write_list(const struct quality_list *l, const char *format)
{
	if (strcmp(format, "text") == 0) {
		print_text(l);
		return 0;
	}
	struct strbuf sb;
	strbuf_init(&sb);
	if (strcmp(format, "json") == 0) {
		quality_json_write(l, &sb);
		strbuf_puts(&sb, "\n");
	} else {
		quality_csv_write(l, &sb);
	}
	return cli_put(&sb);
}

int cmd_quality(int argc, char **argv)
{
	const char *db = NULL, *period = NULL, *cutoff = NULL, *unit = NULL;
	const char *format = "text";
	const char *pos[1];
	size_t n_pos = 0;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},         {"period", &period, NULL},
		{"cutoff", &cutoff, NULL}, {"unit", &unit, NULL},
		{"format", &format, NULL}, {NULL, NULL, NULL}};
	int status = cli_parse(argc, argv, opts, pos, 0, &n_pos);
	if (status)
		return status;
	if (strcmp(format, "text") && strcmp(format, "json") &&
	    strcmp(format, "csv"))
		return cli_usage("--format: \"%s\" is not text, json or csv",
				 format);
	struct quality_query q = {.unit = unit};
	if ((status = parse_period(period, cutoff, &q)))
		return status;
	struct app app;
	struct mc_err err;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	struct quality_list l;
	enum mc_code rc = app_quality(&app, &q, &l, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	status = write_list(&l, format);
	quality_list_release(&l);
	return status;
}
