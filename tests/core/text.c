/*
 * text.c - tests of the diacritics-insensitive folding (src/core/text.c).
 */
#include <stdlib.h>

#include "core/text.h"
#include "test.h"

static void fold_is(const char *in, const char *want)
{
	char *got = text_fold(in);
	CHECK_STR(got, want);
	free(got);
}

TEST(folds_vietnamese)
{
	fold_is("Nguyễn", "nguyen");
	fold_is("NGUYỄN VĂN AN", "nguyen van an");
	fold_is("Đăng ký đất đai", "dang ky dat dai");
	fold_is("Cấp bản sao Trích lục hộ tịch",
		"cap ban sao trich luc ho tich");
	fold_is("Ủy ban nhân dân", "uy ban nhan dan");
	fold_is("", "");
	fold_is(NULL, "");
	fold_is("1.010708", "1.010708");
}

TEST(decomposed_input_folds_the_same)
{
	/* "ễ" as e + circumflex + tilde, as some keyboards send it */
	fold_is("Nguye\xcc\x82\xcc\x83n", "nguyen");
}

TEST(invalid_utf8_is_refused)
{
	CHECK(text_fold("ab\xff") == NULL);
	CHECK(text_fold("\xc3") == NULL);
}

TEST(match_words)
{
	char *t = text_fold("Đăng ký khai sinh cho Nguyễn Văn An");
	CHECK(text_match(t, "nguyen"));
	CHECK(text_match(t, "d"));
	CHECK(text_match(t, "khai  sinh"));
	CHECK(text_match(t, "an nguyen"));
	CHECK(text_match(t, ""));
	CHECK(!text_match(t, "ket hon"));
	/* i and y are one letter to a search: kí finds ký, and back */
	CHECK(text_match(t, "dang ki"));
	CHECK(text_match(t, "sinh"));
	free(t);
	t = text_fold("Quản lí hộ tịch");
	CHECK(text_match(t, "quan ly"));
	CHECK(!text_match(t, "quan lo"));
	free(t);
}

TEST_MAIN(T(folds_vietnamese), T(decomposed_input_folds_the_same),
	  T(invalid_utf8_is_refused), T(match_words))
