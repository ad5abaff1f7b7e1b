/*
 * lookup_bench.c - single-dossier lookup timed in-process, as the server
 * and the public tracking page do it: the database opened once, then
 * every code of a file read with store_dossier_get (the whole dossier,
 * decoded). Prints the median over RUNS passes of the mean time of one
 * lookup in microseconds, and writes code,status,received_at,due_at,
 * finished_at per code to OUT so that run.sh can compare the engines.
 *
 *   lookup_bench DB CODES RUNS OUT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "core/civil.h"
#include "core/dossier.h"
#include "store/store.h"

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

/* The codes, one a line; *n of them. */
static char **read_codes(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char line[128], **codes = NULL;
	size_t cap = 0;
	*n = 0;
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!*line)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 1024;
			codes = realloc(codes, cap * sizeof(*codes));
			if (!codes)
				abort();
		}
		codes[(*n)++] = strdup(line);
	}
	if (f)
		fclose(f);
	return codes;
}

static void print_time(FILE *out, int64_t t)
{
	if (t != MC_NO_TIME)
		fprintf(out, "%lld", (long long)t);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: lookup_bench DB CODES RUNS OUT\n");
		return 2;
	}
	size_t n;
	char **codes = read_codes(argv[2], &n);
	int runs = atoi(argv[3]);
	FILE *out = fopen(argv[4], "w");
	struct app app;
	struct mc_err err;
	if (!n || runs < 1 || !out || app_open(argv[1], &app, &err)) {
		fprintf(stderr, "lookup_bench: %s\n",
			!n || runs < 1 || !out ? "bad arguments" : err.message);
		return 1;
	}
	double *t = calloc((size_t)runs, sizeof(double));
	for (int r = -1; r < runs; r++) { /* one warm-up pass */
		double t0 = now_us();
		for (size_t i = 0; i < n; i++) {
			struct dossier d;
			if (store_dossier_get(app.st, codes[i], &d, &err)) {
				fprintf(stderr, "lookup_bench: %s\n",
					err.message);
				return 1;
			}
			if (r == runs - 1) { /* the last pass is the answer */
				fprintf(out, "%s,%d,", d.code, (int)d.status);
				print_time(out, d.received);
				fputc(',', out);
				print_time(out, d.due);
				fputc(',', out);
				print_time(out, d.finished);
				fputc('\n', out);
			}
			dossier_release(&d);
		}
		if (r >= 0)
			t[r] = (now_us() - t0) / (double)n;
	}
	qsort(t, (size_t)runs, sizeof(double), by_double);
	printf("%.1f\n", t[runs / 2]);
	fclose(out);
	free(t);
	for (size_t i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	app_close(&app);
	return 0;
}
