/*
 * sqlite_bench.c - plain SQL on SQLite timed in-process, the way an IT
 * centre would run it over a dossier table: the database opened once,
 * the statement prepared once. The first run is a warm-up.
 *
 *   sqlite_bench query DB SQL FROM TO RUNS OUT
 *       the report in SQL (@from, @to bound as day numbers); prints the
 *       median and slowest run in microseconds, the answer as CSV in OUT
 *   sqlite_bench lookup DB CODES RUNS OUT
 *       SELECT * FROM dossiers WHERE code = ? for every code of CODES;
 *       prints the median µs per lookup, code,status,received_at,due_at,
 *       finished_at per code in OUT
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(f);
	return s;
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "sqlite_bench: %s: %s\n", what,
		db ? sqlite3_errmsg(db) : "cannot read");
	exit(1);
}

/* One row as CSV: columns first..n-1, NULL as empty. */
static void put_row(FILE *out, sqlite3_stmt *s, const int *cols, int n)
{
	for (int i = 0; i < n; i++) {
		const unsigned char *v = sqlite3_column_text(s, cols[i]);
		fprintf(out, "%s%s", i ? "," : "", v ? (const char *)v : "");
	}
	fputc('\n', out);
}

static void report(double *t, int runs)
{
	qsort(t, (size_t)runs, sizeof(double), by_double);
	printf("%.0f %.0f\n", t[runs / 2], t[runs - 1]);
}

static int query(sqlite3 *db, char **a, int runs, FILE *out)
{
	char *sql = slurp(a[0]);
	sqlite3_stmt *s;
	if (!sql)
		die(NULL, a[0]);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		die(db, a[0]);
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, "@from"),
			   atoll(a[1]));
	sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, "@to"),
			   atoll(a[2]));
	int cols[64], n = sqlite3_column_count(s);
	for (int i = 0; i < n && i < 64; i++)
		cols[i] = i;
	double *t = calloc((size_t)runs, sizeof(double));
	for (int r = -1; r < runs; r++) {
		double t0 = now_us();
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			if (r == runs - 1)
				put_row(out, s, cols, n);
		if (rc != SQLITE_DONE)
			die(db, "step");
		sqlite3_reset(s);
		if (r >= 0)
			t[r] = now_us() - t0;
	}
	report(t, runs);
	sqlite3_finalize(s);
	free(t);
	free(sql);
	return 0;
}

static int lookup(sqlite3 *db, char **a, int runs, FILE *out)
{
	char *text = slurp(a[0]), *save = NULL;
	if (!text)
		die(NULL, a[0]);
	size_t n = 0, cap = 1024;
	char **codes = malloc(cap * sizeof(*codes));
	for (char *c = strtok_r(text, "\n", &save); c;
	     c = strtok_r(NULL, "\n", &save)) {
		if (n == cap && !(codes = realloc(codes, (cap *= 2) *
							   sizeof(*codes))))
			abort();
		codes[n++] = c;
	}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, "SELECT * FROM dossiers WHERE code = ?",
			       -1, &s, NULL) != SQLITE_OK)
		die(db, "prepare");
	int cols[5] = {-1, -1, -1, -1, -1};
	const char *want[5] = {"code", "status", "received_at", "due_at",
			       "finished_at"};
	for (int i = 0; i < sqlite3_column_count(s); i++)
		for (int k = 0; k < 5; k++)
			if (!strcmp(sqlite3_column_name(s, i), want[k]))
				cols[k] = i;
	double *t = calloc((size_t)runs, sizeof(double));
	for (int r = -1; r < runs; r++) {
		double t0 = now_us();
		for (size_t i = 0; i < n; i++) {
			sqlite3_bind_text(s, 1, codes[i], -1, SQLITE_STATIC);
			if (sqlite3_step(s) != SQLITE_ROW)
				die(db, codes[i]);
			/* read every column, as a program using the row would */
			for (int c = 0; c < sqlite3_column_count(s); c++)
				sqlite3_column_text(s, c);
			if (r == runs - 1)
				put_row(out, s, cols, 5);
			sqlite3_reset(s);
		}
		if (r >= 0)
			t[r] = (now_us() - t0) / (double)n;
	}
	qsort(t, (size_t)runs, sizeof(double), by_double);
	printf("%.1f\n", t[runs / 2]);
	sqlite3_finalize(s);
	free(t);
	free(codes);
	free(text);
	return 0;
}

int main(int argc, char **argv)
{
	int q = argc == 8 && !strcmp(argv[1], "query");
	int l = argc == 6 && !strcmp(argv[1], "lookup");
	if (!q && !l) {
		fprintf(stderr, "usage: sqlite_bench query DB SQL FROM TO RUNS "
				"OUT | lookup DB CODES RUNS OUT\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		die(db, argv[2]);
	int runs = atoi(argv[q ? 6 : 4]);
	FILE *out = fopen(argv[q ? 7 : 5], "w");
	if (runs < 1 || !out)
		die(NULL, "arguments");
	int rc = q ? query(db, argv + 3, runs, out)
		   : lookup(db, argv + 3, runs, out);
	fclose(out);
	sqlite3_close(db);
	return rc;
}
