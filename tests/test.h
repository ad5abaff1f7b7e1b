/*
 * test.h - the project's small unit-test harness.
 *
 * A test file defines TEST(name) functions and lists them in
 * TEST_MAIN(...). Each binary prints one line per failed check and a
 * closing "name: N passed, N failed" line; tests/run.sh adds them up.
 */
#ifndef MC_TESTS_TEST_H
#define MC_TESTS_TEST_H

#include <inttypes.h>
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

int test_run(const char *suite, const struct test_case *cases, size_t n);

#define TEST_MAIN(...)                                                  \
	int test_failed_checks;                                         \
	int main(void)                                                  \
	{                                                               \
		static const struct test_case cases_[] = {__VA_ARGS__}; \
		return test_run(__FILE__, cases_,                       \
				sizeof(cases_) / sizeof(cases_[0]));    \
	}
#define T(fn)           \
	{               \
#fn, fn \
	}

#endif
