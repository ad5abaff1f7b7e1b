/*
 * test.c - runs the cases of one test binary and prints its tally: all of
 * them, or only those named on the command line. The suite's setup and
 * teardown run around the cases and are not counted as tests; a setup
 * that fails a check fails the suite without running the cases.
 */
#include "test.h"

static const struct test_case *find(const struct test_suite *s,
				    const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->cases[i].name, name) == 0)
			return &s->cases[i];
	return NULL;
}

/* The cases to run, in the suite's order or the command line's; false
 * after naming an unknown one. */
static bool select_cases(const struct test_suite *s, int argc, char **argv,
			 const struct test_case **out, size_t *n)
{
	*n = 0;
	if (argc < 2) {
		for (size_t i = 0; i < s->n; i++)
			out[(*n)++] = &s->cases[i];
		return true;
	}
	for (int a = 1; a < argc; a++) {
		const struct test_case *c = find(s, argv[a]);
		if (!c) {
			fprintf(stderr, "%s: no test named \"%s\"; it has:\n",
				s->name, argv[a]);
			for (size_t i = 0; i < s->n; i++)
				fprintf(stderr, "  %s\n", s->cases[i].name);
			return false;
		}
		out[(*n)++] = c;
	}
	return true;
}

static int tally(const char *suite, int passed, int failed)
{
	printf("%s: %d passed, %d failed\n", suite, passed, failed);
	return failed ? 1 : 0;
}

int test_main(const struct test_suite *s, int argc, char **argv)
{
	const struct test_case **run =
		calloc(s->n + (size_t)argc, sizeof(*run));
	size_t n;
	if (!run || !select_cases(s, argc, argv, run, &n)) {
		free(run);
		return tally(s->name, 0, 1);
	}
	int passed = 0, failed = 0;
	if (s->setup)
		s->setup();
	if (test_failed_checks) {
		fprintf(stderr, "FAIL %s: setup\n", s->name);
		free(run);
		return tally(s->name, 0, 1);
	}
	for (size_t i = 0; i < n; i++) {
		int before = test_failed_checks;
		run[i]->fn();
		if (test_failed_checks == before) {
			passed++;
		} else {
			failed++;
			fprintf(stderr, "FAIL %s: %s\n", s->name, run[i]->name);
		}
	}
	int before = test_failed_checks;
	if (s->teardown)
		s->teardown();
	if (test_failed_checks != before) {
		fprintf(stderr, "FAIL %s: teardown\n", s->name);
		failed++;
	}
	free(run);
	return tally(s->name, passed, failed);
}
