/*
 * tests/core/limits.c - the field limits: the length boundary, UTF-8,
 * control characters and the bidirectional controls, exactly at the
 * edges of their ranges.
 */
#include "core/limits.h"

#include "test.h"

static enum mc_code check(enum limit_id id, const char *s, struct mc_err *err)
{
	return limit_check(id, "f", s, err);
}

TEST(length_is_checked_at_the_boundary)
{
	struct mc_err err;
	char buf[400];
	size_t max = limits[LIMIT_NAME].max;
	memset(buf, 'a', max + 1);
	buf[max + 1] = '\0';
	CHECK_INT(check(LIMIT_NAME, buf, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "f");
	CHECK(strstr(err.message, "over the 300-byte limit"));
	buf[max] = '\0';
	CHECK_INT(check(LIMIT_NAME, buf, &err), MC_OK);
	CHECK_INT(check(LIMIT_NAME, NULL, &err), MC_OK);
	CHECK_INT(limit_count("TaiLieuNop", LIMIT_COMPONENTS, LIMIT_COMPONENTS,
			      &err),
		  MC_OK);
	CHECK_INT(limit_count("TaiLieuNop", LIMIT_COMPONENTS + 1,
			      LIMIT_COMPONENTS, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop");
}

TEST(bidirectional_controls_are_refused_at_their_range_edges)
{
	struct mc_err err;
	/* U+2029 and U+202F pass; U+202A..U+202E refused */
	CHECK_INT(check(LIMIT_NAME, "a\xe2\x80\xa9", &err), MC_OK);
	CHECK_INT(check(LIMIT_NAME, "a\xe2\x80\xaf", &err), MC_OK);
	CHECK_INT(check(LIMIT_NAME, "a\xe2\x80\xaa", &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "U+202A"));
	CHECK_INT(check(LIMIT_NAME, "a\xe2\x80\xae", &err), MC_ERR_INPUT);
	/* U+2065 and U+206A pass; U+2066..U+2069 refused */
	CHECK_INT(check(LIMIT_NAME, "\xe2\x81\xa5", &err), MC_OK);
	CHECK_INT(check(LIMIT_NAME, "\xe2\x81\xaa", &err), MC_OK);
	CHECK_INT(check(LIMIT_NAME, "\xe2\x81\xa6", &err), MC_ERR_INPUT);
	CHECK_INT(check(LIMIT_NAME, "\xe2\x81\xa9", &err), MC_ERR_INPUT);
	/* also in multi-line text */
	CHECK_INT(check(LIMIT_SUMMARY, "x\xe2\x80\xad", &err), MC_ERR_INPUT);
}

TEST(control_characters_and_bad_utf8)
{
	struct mc_err err;
	CHECK_INT(check(LIMIT_NAME, "Nguyễn Văn An", &err), MC_OK);
	CHECK_INT(check(LIMIT_NAME, "a\tb", &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "U+0009"));
	CHECK_INT(check(LIMIT_NAME, "a\x7f", &err), MC_ERR_INPUT);
	CHECK_INT(check(LIMIT_NAME, "a\xc2\x9b", &err), MC_ERR_INPUT); /* C1 */
	CHECK_INT(check(LIMIT_NAME, "a\xc2\xa0", &err), MC_OK); /* NBSP */
	CHECK_INT(check(LIMIT_SUMMARY, "a\r\n\tb", &err), MC_OK);
	CHECK_INT(check(LIMIT_SUMMARY, "a\x1b[2J", &err), MC_ERR_INPUT);
	CHECK_INT(check(LIMIT_NAME, "a\xff", &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "UTF-8"));
	CHECK_INT(check(LIMIT_NAME, "\xc0\xaf", &err), MC_ERR_INPUT);
	CHECK_INT(check(LIMIT_NAME, "\xed\xa0\x80", &err), MC_ERR_INPUT);
	CHECK_INT(check(LIMIT_NAME, "\xe1\xbb", &err), MC_ERR_INPUT);
	CHECK_INT(check(LIMIT_NAME, "\xf0\x9f\x98\x80", &err), MC_OK);
	/* length alone lets an import keep its old text */
	CHECK_INT(limit_length(LIMIT_NAME, "f", "a\tb", &err), MC_OK);
}

TEST_MAIN(T(length_is_checked_at_the_boundary),
	  T(bidirectional_controls_are_refused_at_their_range_edges),
	  T(control_characters_and_bad_utf8))
