/*
 * test.h - the project's small unit-test harness.
 *
 * A test file defines TEST(name) functions and lists them in
 * TEST_MAIN(...), or TEST_MAIN_WITH(setup, teardown, ...) when the cases
 * share state that setup makes and teardown frees (those two are not
 * tests and are not counted). Each binary prints one line per failed
 * check and a closing "name: N passed, N failed" line; tests/run.sh adds
 * them up. `build/release/tests/app/lifecycle NAME...` runs only the
 * cases named (after the setup), in that order; an unknown name fails
 * and lists the names there are.
 */
#ifndef MC_TESTS_TEST_H
#define MC_TESTS_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
};

extern int test_failed_checks;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, \
				__LINE__, #cond);                              \
			test_failed_checks++;                                  \
		}                                                              \
	} while (0)

#define CHECK_INT(a, b)                                                       \
	do {                                                                  \
		long long va_ = (long long)(a), vb_ = (long long)(b);         \
		if (va_ != vb_) {                                             \
			fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
				__FILE__, __LINE__, #a, va_, vb_);            \
			test_failed_checks++;                                 \
		}                                                             \
	} while (0)

#define CHECK_STR(a, b)                                                       \
	do {                                                                  \
		const char *sa_ = (a), *sb_ = (b);                            \
		if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                  \
			fprintf(stderr,                                       \
				"%s:%d: %s == \"%s\", expected \"%s\"\n",     \
				__FILE__, __LINE__, #a, sa_ ? sa_ : "(null)", \
				sb_ ? sb_ : "(null)");                        \
			test_failed_checks++;                                 \
		}                                                             \
	} while (0)

struct test_suite {
	const char *name;
	void (*setup)(void), (*teardown)(void); /* NULL: none */
	const struct test_case *cases;
	size_t n;
};

int test_main(const struct test_suite *s, int argc, char **argv);

#define TEST_MAIN_WITH(setup_fn, teardown_fn, ...)                      \
	int test_failed_checks;                                         \
	int main(int argc, char **argv)                                 \
	{                                                               \
		static const struct test_case cases_[] = {__VA_ARGS__}; \
		const struct test_suite suite_ = {                      \
			__FILE__, setup_fn, teardown_fn, cases_,        \
			sizeof(cases_) / sizeof(cases_[0])};            \
		return test_main(&suite_, argc, argv);                  \
	}
#define TEST_MAIN(...) TEST_MAIN_WITH(NULL, NULL, __VA_ARGS__)
#define T(fn)           \
	{               \
#fn, fn \
	}

#endif
