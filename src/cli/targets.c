/*
 * targets.c - `motcua targets import|set|allocate|check`: each unit's
 * percentage targets per period and indicator, inherited from the parent
 * when a unit has none, and checked against the actual rates.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/index.h"
#include "cli/cli.h"

static void percent(int64_t v)
{
	if (v < 0)
		printf("-");
	else
		printf("%lld.%02lld", (long long)(v / 100),
		       (long long)(v % 100));
}

static int do_import(const char *db, const char *path)
{
	struct mc_err err = {0};
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in) {
		mc_fail(&err, MC_ERR_INPUT, "", "%s: %s", path,
			strerror(errno));
		return cli_fail(&err);
	}
	struct app app;
	struct import_stats stats;
	enum mc_code rc = cli_open_app(db, &app, &err);
	if (!rc) {
		rc = import_targets(&app, in, &stats, &err);
		app_close(&app);
	}
	if (in != stdin)
		fclose(in);
	if (rc)
		return cli_fail(&err);
	fprintf(stderr, "imported %zu targets\n", stats.records);
	return 0;
}

static void check_row(const struct target_check *r)
{
	printf("%s\t%s\t", r->unit, index_indicator_name(r->ind));
	percent(r->actual);
	putchar('\t');
	percent(r->target);
	printf("\t%s\t", r->met < 0 ? "-" : r->met ? "đạt" : "chưa đạt");
	if (r->met < 0)
		printf("-");
	else {
		int64_t m = r->margin < 0 ? -r->margin : r->margin;
		printf("%s%lld.%02lld", r->margin < 0 ? "-" : "+",
		       (long long)(m / 100), (long long)(m % 100));
	}
	printf("\t%s%s\t%s\n", r->inherited ? "kế thừa" : "riêng",
	       r->below_parent ? ", thấp hơn cấp trên" : "", r->name);
}

static int do_check(struct app *app, const char *period, const char *unit)
{
	struct target_report rep;
	struct mc_err err;
	if (app_target_check(app, period, unit, &rep, &err))
		return cli_fail(&err);
	cli_print_as_of(rep.as_of);
	printf("unit\tindicator\tactual\ttarget\tmet\tmargin\tsource\tname\n");
	for (size_t i = 0; i < rep.n; i++)
		check_row(&rep.rows[i]);
	target_report_release(&rep);
	return 0;
}

struct args {
	const char *db, *unit, *period, *indicator, *value;
};

static int with_app(const char *op, const struct args *a)
{
	struct app app;
	struct mc_err err;
	size_t written = 0;
	int status = 0;
	const char *name = getenv("USER");
	const struct actor who = ACTOR_OPERATOR(name ? name : "cli");
	if (cli_open_app(a->db, &app, &err))
		return cli_fail(&err);
	if (strcmp(op, "set") == 0) {
		if (app_target_set(&app, &who, a->unit, a->period, a->indicator,
				   a->value, &err))
			status = cli_fail(&err);
	} else if (strcmp(op, "allocate") == 0) {
		if (app_target_allocate(&app, &who, a->unit, a->period,
					&written, &err))
			status = cli_fail(&err);
		else
			fprintf(stderr, "wrote %zu child targets\n", written);
	} else {
		status = do_check(&app, a->period, a->unit);
	}
	app_close(&app);
	return status;
}

int cmd_targets(int argc, char **argv)
{
	struct args a = {0};
	const char *pos[2];
	size_t n = 0;
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},         {"unit", &a.unit, NULL},
		{"period", &a.period, NULL}, {"indicator", &a.indicator, NULL},
		{"value", &a.value, NULL},   {NULL, NULL, NULL},
	};
	int status = cli_parse(argc, argv, opts, pos, 2, &n);
	if (status)
		return status;
	const char *op = n ? pos[0] : "";
	if (strcmp(op, "import") == 0)
		return n == 2 ? do_import(a.db, pos[1])
			      : cli_usage("usage: motcua targets import FILE");
	if (n != 1)
		return cli_usage("usage: motcua targets import|set|allocate|"
				 "check ...");
	if (strcmp(op, "set") == 0 &&
	    (!a.unit || !a.period || !a.indicator || !a.value))
		return cli_usage("targets set needs --unit, --period, "
				 "--indicator and --value");
	if (strcmp(op, "allocate") == 0 && (!a.unit || !a.period))
		return cli_usage("targets allocate needs --unit and --period");
	if (strcmp(op, "check") == 0 && !a.period)
		return cli_usage("targets check needs --period");
	if (strcmp(op, "set") && strcmp(op, "allocate") && strcmp(op, "check"))
		return cli_usage("targets: unknown operation \"%s\"", op);
	return with_app(op, &a);
}
