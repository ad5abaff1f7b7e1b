/*
 * demo.c - `motcua demo [--seed N] [--until YYYY-MM-DD] [--dossiers N]
 * [--districts N] [--communes N] [--years N] [--no-reorganisation]
 * [--db FILE]`: build the demo province into an empty database and print
 * what was made, and how long it took, to stderr. The size options make the
 * larger provinces of `make bench`.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "core/civil.h"
#include "demo/demo.h"

static int parse_count(const char *s, const char *name, uint64_t max,
		       uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (!*s || *s == '-' || *end || errno || v > max)
		return cli_usage("--%s: \"%s\" is not a whole number of at "
				 "most %llu",
				 name, s, (unsigned long long)max);
	*out = v;
	return 0;
}

/* A size option: 1..max. */
static int parse_size(const char *s, const char *name, int max, int *out)
{
	uint64_t v;
	int status = parse_count(s, name, (uint64_t)max, &v);
	if (!status && v == 0)
		status = cli_usage("--%s: must be at least 1", name);
	if (!status)
		*out = (int)v;
	return status;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static void print_summary(const char *db, const struct demo_options *opt,
			  const struct demo_summary *s, double secs)
{
	char until[CIVIL_BUF];
	fprintf(stderr,
		"%s: demo province (seed %llu, until %s): %zu units, %zu "
		"procedures, %zu dossiers, %zu events in %.2f s\n",
		db, (unsigned long long)opt->seed,
		civil_format_date(opt->until, until), s->units, s->procedures,
		s->dossiers, s->events, secs);
	fprintf(stderr, "  channels: %zu direct, %zu online, %zu postal\n",
		s->by_channel[CHANNEL_DIRECT], s->by_channel[CHANNEL_ONLINE],
		s->by_channel[CHANNEL_POSTAL]);
	fputs("  statuses:", stderr);
	for (int i = 1; i <= 10; i++)
		fprintf(stderr, " %d=%zu", i, s->by_status[i]);
	fprintf(stderr,
		"\n  supplemented %zu, finished late %zu, open and "
		"overdue %zu\n",
		s->supplemented, s->late, s->overdue_open);
	fprintf(stderr, "  ratings %zu (%zu dissatisfied), feedback %zu\n",
		s->ratings, s->dissatisfied, s->feedback);
	if (s->closed_units)
		fprintf(stderr,
			"  2025 reorganisation: %zu units closed, %zu open "
			"dossiers transferred to their successors\n",
			s->closed_units, s->transferred);
}

int cmd_demo(int argc, char **argv)
{
	const char *db = NULL, *seed = NULL, *until = NULL, *count = NULL;
	const char *districts = NULL, *communes = NULL, *years = NULL;
	bool no_reorg = false;
	const struct cli_opt opts[] = {{"db", &db, NULL},
				       {"seed", &seed, NULL},
				       {"until", &until, NULL},
				       {"dossiers", &count, NULL},
				       {"districts", &districts, NULL},
				       {"communes", &communes, NULL},
				       {"years", &years, NULL},
				       {"no-reorganisation", NULL, &no_reorg},
				       {NULL, NULL, NULL}};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (status)
		return status;
	int64_t now = (int64_t)time(NULL);
	struct demo_options opt = {.seed = 1,
				   .until = civil_local_day(now),
				   .dossiers = DEMO_DEFAULT_DOSSIERS,
				   .now = now};
	uint64_t n = opt.dossiers;
	struct mc_err err;
	if ((seed &&
	     (status = parse_count(seed, "seed", UINT64_MAX, &opt.seed))) ||
	    (count &&
	     (status = parse_count(count, "dossiers", DEMO_MAX_DOSSIERS, &n))))
		return status;
	opt.dossiers = (size_t)n;
	opt.no_reorganisation = no_reorg;
	if ((districts &&
	     (status = parse_size(districts, "districts", DEMO_MAX_DISTRICTS,
				  &opt.districts))) ||
	    (communes &&
	     (status = parse_size(communes, "communes", DEMO_MAX_COMMUNES,
				  &opt.communes))) ||
	    (years &&
	     (status = parse_size(years, "years", DEMO_MAX_YEARS, &opt.years))))
		return status;
	if (until && civil_parse_date(until, &opt.until, "until", &err))
		return cli_fail(&err);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct app app;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	struct demo_summary sum;
	enum mc_code rc = demo_build(&app, &opt, &sum, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	print_summary(cli_db_path(db), &opt, &sum, seconds_since(&t0));
	return 0;
}
