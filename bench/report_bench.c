/*
 * report_bench.c - the report engine timed in-process, as the server runs
 * it: the database opened once, then the same report asked RUNS times.
 * Prints the median and the slowest in microseconds.
 *
 *   report_bench DB PERIOD BY [RUNS]     e.g. report_bench x.db month:2026-10 unit
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

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
	if (argc < 4) {
		fprintf(stderr, "usage: report_bench DB PERIOD BY [RUNS]\n");
		return 2;
	}
	int runs = argc > 4 ? atoi(argv[4]) : 51;
	struct app app;
	struct mc_err err;
	struct report_query q = {0};
	if (app_open(argv[1], &app, &err) ||
	    report_period_parse(argv[2], 15, &q.period, "period", &err) ||
	    report_by_parse(argv[3], &q.by, &err)) {
		fprintf(stderr, "report_bench: %s\n", err.message);
		return 1;
	}
	double *t = calloc((size_t)runs, sizeof(double));
	for (int i = -1; i < runs; i++) { /* one warm-up run */
		struct report r;
		double t0 = now_us();
		if (app_report(&app, &q, &r, &err)) {
			fprintf(stderr, "report_bench: %s\n", err.message);
			return 1;
		}
		if (i >= 0)
			t[i] = now_us() - t0;
		report_release(&r);
	}
	qsort(t, (size_t)runs, sizeof(double), by_double);
	printf("%.0f %.0f\n", t[runs / 2], t[runs - 1]);
	free(t);
	app_close(&app);
	return 0;
}
