/*
 * fuzz.h - what the fuzz targets share. Each target (tests/fuzz/X_fuzz.c)
 * is one judge: it takes an input, checks the properties that must hold
 * for any input (a broken one aborts with the input, under libFuzzer and
 * in the tests alike) and returns its verdict: a result code, or an HTTP
 * status, and the field a refusal names.
 *
 * Built with -DMC_LIBFUZZER (`make fuzz`) it is a libFuzzer entry point.
 * Built as a test (the Makefile builds every tests/DIR/FILE.c, so `make
 * test` runs it) it runs the target's seeds, each with the verdict a user
 * would expect, so a seed that stops parsing, parses what it should
 * refuse, or names another field fails the test; `--write-seeds DIR`
 * writes them out as libFuzzer's starting corpus.
 */
#ifndef MC_TESTS_FUZZ_FUZZ_H
#define MC_TESTS_FUZZ_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

struct fuzz_verdict {
	int code;       /* enum mc_code, or an HTTP status */
	char field[64]; /* what the refusal names; "" when accepted */
};

struct fuzz_seed {
	const char *text;
	int code;          /* the verdict it must get */
	const char *field; /* and the field it must name; NULL: any */
};

/* A property that failed: print it with the input and stop. */
static inline void fuzz_fail(const char *what, const uint8_t *data, size_t size)
{
	fprintf(stderr, "fuzz: %s\ninput: %.*s\n", what,
		(int)(size > 2000 ? 2000 : size),
		data ? (const char *)data : "");
	abort();
}

/* The verdict of a refusal: it must say why. */
static inline void fuzz_refused(struct fuzz_verdict *v, const struct mc_err *e,
				enum mc_code rc, const uint8_t *data,
				size_t size)
{
	if (e->message[0] == '\0')
		fuzz_fail("a refusal without a message", data, size);
	v->code = (int)rc;
	snprintf(v->field, sizeof(v->field), "%s", e->field);
}

#ifdef MC_LIBFUZZER
#define FUZZ_MAIN(judge, seeds)                                       \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size); \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)  \
	{                                                             \
		struct fuzz_verdict v = {0, ""};                      \
		judge(data, size, &v);                                \
		return 0;                                             \
	}
#else
#include "test.h"

static inline void fuzz_seeds(void (*judge)(const uint8_t *, size_t,
					    struct fuzz_verdict *),
			      const struct fuzz_seed *seeds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct fuzz_verdict v = {0, ""};
		judge((const uint8_t *)seeds[i].text, strlen(seeds[i].text),
		      &v);
		if (v.code != seeds[i].code ||
		    (seeds[i].field && strcmp(v.field, seeds[i].field)))
			fprintf(stderr, "seed %zu: %.200s\n", i, seeds[i].text);
		CHECK_INT(v.code, seeds[i].code);
		if (seeds[i].field)
			CHECK_STR(v.field, seeds[i].field);
	}
}

/* Each seed as a file DIR/seed-N, for libFuzzer's corpus (make fuzz). */
static inline int fuzz_write_seeds(const char *dir,
				   const struct fuzz_seed *seeds, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/seed-%zu", dir, i);
		FILE *f = fopen(path, "wb");
		if (!f || fputs(seeds[i].text, f) < 0 || fclose(f)) {
			perror(path);
			return 1;
		}
	}
	return 0;
}

/* The seed test, or with --write-seeds DIR the seeds as files. */
#define FUZZ_MAIN(judge, seeds)                                           \
	TEST(every_seed_gets_its_verdict)                                 \
	{                                                                 \
		fuzz_seeds(judge, seeds, sizeof(seeds) / sizeof(*seeds)); \
	}                                                                 \
	int test_failed_checks;                                           \
	int main(int argc, char **argv)                                   \
	{                                                                 \
		static const struct test_case cases_[] = {                \
			T(every_seed_gets_its_verdict)};                  \
		const struct test_suite suite_ = {__FILE__, NULL, NULL,   \
						  cases_, 1};             \
		if (argc == 3 && strcmp(argv[1], "--write-seeds") == 0)   \
			return fuzz_write_seeds(argv[2], seeds,           \
						sizeof(seeds) /           \
							sizeof(*seeds));  \
		return test_main(&suite_, argc, argv);                    \
	}
#endif

#endif
