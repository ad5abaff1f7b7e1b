/*
 * index_bench.c - the service index (the indicators, group scores, total
 * and rank of every unit) timed in-process, as the server and the leader
 * dashboard ask it: the database opened once, then the same period asked
 * RUNS times after one warm-up. Prints the median and the slowest in
 * microseconds.
 *
 *   index_bench DB PERIOD [RUNS]     e.g. index_bench x.db month:2026-10
 *
 * Periods are calendar months, quarters and years, as the national index
 * counts them (cut-off day 1), like `motcua index`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/index.h"
#include "app/report.h"

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: index_bench DB PERIOD [RUNS]\n");
		return 2;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 51;
	struct app app;
	struct mc_err err;
	struct index_query q;
	memset(&q, 0, sizeof(q));
	q.by = INDEX_BY_UNIT;
	if (runs < 1 || app_open(argv[1], &app, &err) ||
	    report_period_parse(argv[2], 1, &q.period, "period", &err)) {
		fprintf(stderr, "index_bench: %s\n",
			runs < 1 ? "bad RUNS" : err.message);
		return 1;
	}
	double *t = calloc((size_t)runs, sizeof(double));
	for (int i = -1; i < runs; i++) {
		struct index_table tab;
		double t0 = now_us();
		if (app_index(&app, &q, &tab, &err)) {
			fprintf(stderr, "index_bench: %s\n", err.message);
			return 1;
		}
		if (i >= 0)
			t[i] = now_us() - t0;
		index_table_release(&tab);
	}
	qsort(t, (size_t)runs, sizeof(double), by_double);
	printf("%.0f %.0f\n", t[runs / 2], t[runs - 1]);
	free(t);
	app_close(&app);
	return 0;
}
