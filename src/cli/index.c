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
#include "io/index_xlsx.h"

#define DEFAULT_MIN_DOSSIERS 30

static void hundredths(FILE *f, int64_t v, int width)
{
	char buf[32];
	if (v < 0)
		snprintf(buf, sizeof(buf), "-");
	else
		snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(v / 100),
			 (long long)(v % 100));
	fprintf(f, "%*s", width, buf);
}

static void text_line(const struct index_line *l)
{
	if (l->rank > 0)
		printf("%5d", l->rank);
	else
		printf("%5s", "-");
	hundredths(stdout, l->score.total, 8);
	for (int g = 0; g < GRP__COUNT; g++)
		hundredths(stdout, l->score.group[g], 7);
	for (int i = 0; i < IND__COUNT; i++)
		hundredths(stdout, l->ind[i].rate, 8);
	printf("  %8lld  %s (%s)\n", (long long)l->volume, l->name, l->key);
}

static void print_text(const struct index_table *t)
{
	char a[CIVIL_BUF], b[CIVIL_BUF];
	printf("CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP\nKỳ: từ %s đến %s\n"
	       "Quy tắc: %s (%s)\nXếp hạng khi có từ %lld hồ sơ\n\n",
	       civil_format_date(t->period.from, a),
	       civil_format_date(t->period.to, b), t->rules_name,
	       t->rules_reference, (long long)t->min_dossiers);
	cli_print_as_of(t->as_of);
	printf("Nhóm: ");
	for (int g = 0; g < GRP__COUNT; g++)
		printf("%sG%d %s (%lld)", g ? ", " : "", g + 1,
		       index_group_title((enum index_group)g),
		       (long long)(t->weight[g] / 100));
	printf("\nChỉ tiêu (%%): ");
	for (int i = 0; i < IND__COUNT; i++)
		printf("%sI%d %s", i ? ", " : "", i + 1,
		       index_indicator_title((enum index_indicator)i));
	printf("\n\n%5s%8s", "Hạng", "Điểm");
	for (int g = 0; g < GRP__COUNT; g++)
		printf("%6s%d", "G", g + 1);
	for (int i = 0; i < IND__COUNT; i++)
		printf("%*s%d", i + 1 < 10 ? 7 : 6, "I", i + 1);
	printf("  %8s  %s\n", "Hồ sơ", "Đơn vị");
	for (size_t i = 0; i < t->n; i++)
		text_line(&t->lines[i]);
	text_line(&t->total);
}

static void csv_text(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void csv_value(int64_t v)
{
	putchar(',');
	if (v >= 0)
		printf("%lld.%02lld", (long long)(v / 100),
		       (long long)(v % 100));
}

static void csv_line(const struct index_line *l, int64_t as_of)
{
	char buf[CIVIL_BUF];
	csv_text(l->key);
	putchar(',');
	csv_text(l->name);
	printf(",%d", l->level);
	csv_value(l->score.total);
	if (l->rank > 0)
		printf(",%d", l->rank);
	else
		putchar(',');
	for (int g = 0; g < GRP__COUNT; g++)
		csv_value(l->score.group[g]);
	for (int i = 0; i < IND__COUNT; i++) {
		printf(",%lld,%lld", (long long)l->ind[i].num,
		       (long long)l->ind[i].den);
		csv_value(l->ind[i].rate);
		csv_value(l->target[i]);
	}
	if (as_of != MC_NO_TIME)
		printf(",%s", civil_format_local(as_of, buf));
	putchar('\n');
}

static void print_csv(const struct index_table *t)
{
	printf("key,name,level,score,rank");
	for (int g = 0; g < GRP__COUNT; g++)
		printf(",%s", index_group_name((enum index_group)g));
	for (int i = 0; i < IND__COUNT; i++) {
		const char *n = index_indicator_name((enum index_indicator)i);
		printf(",%s_numerator,%s_denominator,%s_rate,%s_target", n, n,
		       n, n);
	}
	if (t->as_of != MC_NO_TIME)
		printf(",as_of");
	putchar('\n');
	for (size_t i = 0; i < t->n; i++)
		csv_line(&t->lines[i], t->as_of);
	csv_line(&t->total, t->as_of);
}

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
	if (strcmp(a->format, "json") == 0)
		print_json(&t);
	else if (strcmp(a->format, "csv") == 0)
		print_csv(&t);
	else
		print_text(&t);
	index_table_release(&t);
	return fflush(stdout) == 0 ? 0 : 1;
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
