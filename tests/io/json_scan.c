/*
 * tests/io/json_scan.c - the strict JSON pull scanner: token streams,
 * string escapes and UTF-8, the number grammar, nesting depth, trailing
 * text, truncated input, and the raw spans of skipped values.
 */
#include "io/json_scan.h"

#include "test.h"

static char buf[256];

static void start(struct json_scan *s, const char *text, unsigned flags)
{
	json_scan_init(s, text, strlen(text), buf, sizeof(buf), flags);
}

/* Scan the whole text; true when it is valid. */
static bool valid(const char *text, unsigned flags)
{
	struct json_scan s;
	enum json_token tok;
	start(&s, text, flags);
	while ((tok = json_scan_next(&s)) != JS_END && tok != JS_ERROR)
		;
	return tok == JS_END;
}

/* The decoded string of a one-string text, NULL when refused. */
static const char *decode(const char *text, size_t *len)
{
	struct json_scan s;
	start(&s, text, 0);
	if (json_scan_next(&s) != JS_STRING || json_scan_next(&s) != JS_END)
		return NULL;
	*len = s.str_len;
	return buf;
}

TEST(tokens_of_an_object)
{
	static const enum json_token want[] = {
		JS_OBJECT_BEGIN, JS_KEY,        JS_STRING, JS_KEY,
		JS_ARRAY_BEGIN,  JS_NUMBER,     JS_TRUE,   JS_FALSE,
		JS_NULL,         JS_ARRAY_END,  JS_KEY,    JS_OBJECT_BEGIN,
		JS_OBJECT_END,   JS_OBJECT_END, JS_END,    JS_END};
	struct json_scan s;
	start(&s,
	      " {\"a\" : \"x\", \"b\":[ -1.5e3 ,true,false,null],"
	      "\"c\":{}}\r\n",
	      0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		CHECK_INT(json_scan_next(&s), want[i]);
}

TEST(token_text_and_spans)
{
	struct json_scan s;
	start(&s, "{\"k\\u0041\": \"v\"}", 0);
	CHECK_INT(json_scan_next(&s), JS_OBJECT_BEGIN);
	CHECK_INT(json_scan_next(&s), JS_KEY);
	CHECK_STR(s.str, "kA");
	CHECK_INT(s.start, 1);
	CHECK_INT(s.end, 10);
	CHECK_INT(json_scan_next(&s), JS_STRING);
	CHECK_STR(s.str, "v");
	CHECK_INT(s.start, 12);
	CHECK_INT(s.end, 15);
}

TEST(scalars_at_top_level)
{
	CHECK(valid("\"x\"", 0));
	CHECK(valid(" 0 ", 0));
	CHECK(valid("null", 0));
	CHECK(valid("[]", 0));
	CHECK(!valid("", 0));
	CHECK(!valid("   ", 0));
	CHECK(!valid("nul", 0));
	CHECK(!valid("True", 0));
	CHECK(!valid("nullx", 0));
}

TEST(escapes_decode)
{
	size_t n;
	CHECK_STR(decode("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", &n),
		  "a\"b\\c/d\b\f\n\r\t");
	CHECK_STR(decode("\"\\u00e9\\u1EA1\"", &n), "é\xe1\xba\xa1");
	CHECK_STR(decode("\"\\ud83d\\ude00\"", &n), "\xf0\x9f\x98\x80");
	CHECK_STR(decode("\"\\uDBFF\\uDFFF\"", &n), "\xf4\x8f\xbf\xbf");
	CHECK_STR(decode("\"Nguyễn\"", &n), "Nguyễn");
	CHECK(decode("\"a\\u0000b\"", &n) != NULL);
	CHECK_INT(n, 3);
	CHECK(buf[1] == '\0' && buf[2] == 'b');
	CHECK(!valid("\"a\\u0000b\"", JSON_SCAN_NO_NUL));
}

TEST(bad_strings_refused)
{
	static const char *const bad[] = {
		"\"\\x\"",            /* unknown escape */
		"\"\\u12\"",          /* short \u */
		"\"\\u12g4\"",        /* not hex */
		"\"\\ud83d\"",        /* lone high surrogate */
		"\"\\ud83dx\"",       /* high surrogate, no escape after */
		"\"\\ud83d\\u0041\"", /* high surrogate, no low after */
		"\"\\ude00\"",        /* lone low surrogate */
		"\"a\tb\"",           /* raw control character */
		"\"a\x01\"",
		"\"\xff\"",             /* not UTF-8 */
		"\"\x80\"",             /* lone continuation byte */
		"\"\xc0\xaf\"",         /* overlong '/' */
		"\"\xe0\x80\xaf\"",     /* overlong, three bytes */
		"\"\xed\xa0\x80\"",     /* encoded surrogate */
		"\"\xf4\x90\x80\x80\"", /* past U+10FFFF */
		"\"\xc3\"",             /* cut short */
		"\"abc",                /* unterminated */
		"\"abc\\",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (valid(bad[i], 0)) {
			fprintf(stderr, "bad string %zu accepted\n", i);
			test_failed_checks++;
		}
}

TEST(numbers_follow_the_grammar)
{
	static const char *const good[] = {
		"0",      "-0",
		"12",     "-12",
		"0.5",    "1e5",
		"1E+5",   "1e-5",
		"-0.0e0", "123456789012345678901234567890"};
	static const char *const bad[] = {
		"01", "-01",  "1.",   ".5",  "-",    "1e",       "1e+",
		"+1", "1.e5", "0x10", "--1", "1.5.", "Infinity", "NaN"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!valid(good[i], 0)) {
			fprintf(stderr, "good number %s refused\n", good[i]);
			test_failed_checks++;
		}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (valid(bad[i], 0)) {
			fprintf(stderr, "bad number %s accepted\n", bad[i]);
			test_failed_checks++;
		}
}

static void number_is(const char *text, bool integer, bool fits, int64_t v)
{
	struct json_scan s;
	start(&s, text, 0);
	CHECK_INT(json_scan_next(&s), JS_NUMBER);
	CHECK_STR(s.str, text);
	CHECK_INT(s.integer, integer);
	CHECK_INT(s.fits, fits);
	if (fits)
		CHECK_INT(s.num, v);
}

TEST(number_values)
{
	number_is("0", true, true, 0);
	number_is("-0", true, true, 0);
	number_is("20240612170000", true, true, INT64_C(20240612170000));
	number_is("9223372036854775807", true, true, INT64_MAX);
	number_is("-9223372036854775808", true, true, INT64_MIN);
	number_is("9223372036854775808", true, false, 0);
	number_is("-9223372036854775809", true, false, 0);
	number_is("4.0", false, false, 0);
	number_is("1e2", false, false, 0);
}

TEST(structure_errors)
{
	static const char *const bad[] = {
		"{",           "[",     "{\"a\"", "{\"a\":",
		"{\"a\":1",    "[1",    "[1,",    "{\"a\":1,}",
		"[1,]",        "[,1]",  "{,}",    "{\"a\" 1}",
		"{a:1}",       "{1:1}", "[1 2]",  "{\"a\":1]",
		"[1}",         "]",     "}",      "{\"a\":1}}",
		"{} {}",       "{}x",   "[]]",    "1 2",
		"\"a\" \"b\"",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (valid(bad[i], 0)) {
			fprintf(stderr, "bad text %s accepted\n", bad[i]);
			test_failed_checks++;
		}
	CHECK(valid("{\"a\":1,\"a\":2}", 0)); /* duplicates: caller's call */
	CHECK(valid(" \t\r\n{ } \t\r\n", 0));
}

TEST(errors_say_where_and_why)
{
	struct json_scan s;
	start(&s, "{\"a\":01}", 0);
	CHECK_INT(json_scan_next(&s), JS_OBJECT_BEGIN);
	CHECK_INT(json_scan_next(&s), JS_KEY);
	CHECK_INT(json_scan_next(&s), JS_ERROR);
	CHECK_INT(s.err_pos, 6);
	CHECK(strstr(s.err_reason, "leading zero") != NULL);
	CHECK_INT(json_scan_next(&s), JS_ERROR); /* it sticks */

	start(&s, "[1] x", 0);
	while (json_scan_next(&s) != JS_ERROR)
		;
	CHECK_INT(s.err_pos, 4);
	CHECK(strstr(s.err_reason, "after the value") != NULL);

	start(&s, "[1,", 0);
	while (json_scan_next(&s) != JS_ERROR)
		;
	CHECK_INT(s.err_pos, 3);
	CHECK(strstr(s.err_reason, "end of input") != NULL);

	start(&s, "[1]", 0);
	json_scan_next(&s);
	CHECK_INT(json_scan_fail(&s, 1, "mine"), JS_ERROR);
	CHECK_INT(json_scan_next(&s), JS_ERROR);
	CHECK_STR(s.err_reason, "mine");
}

/* n arrays nested, each opened and closed. */
static bool nested(int n)
{
	char text[300];
	memset(text, '[', (size_t)n);
	memset(text + n, ']', (size_t)n);
	text[2 * n] = '\0';
	return valid(text, 0);
}

TEST(depth_limit)
{
	CHECK(nested(1));
	CHECK(nested(JSON_SCAN_MAX_DEPTH));
	CHECK(!nested(JSON_SCAN_MAX_DEPTH + 1));
	CHECK(!nested(100));
}

TEST(buffer_too_small_is_an_error)
{
	struct json_scan s;
	char small[4];
	json_scan_init(&s, "[\"abc\",\"abcd\",12345]", 20, small, sizeof(small),
		       0);
	CHECK_INT(json_scan_next(&s), JS_ARRAY_BEGIN);
	CHECK_INT(json_scan_next(&s), JS_STRING);
	CHECK_STR(s.str, "abc");
	CHECK_INT(json_scan_next(&s), JS_ERROR);
	CHECK(strstr(s.err_reason, "buffer") != NULL);
}

/* The raw span of the value after the key "v" in text. */
static void span_is(const char *text, const char *want)
{
	struct json_scan s;
	size_t a = 0, b = 0;
	start(&s, text, 0);
	CHECK_INT(json_scan_next(&s), JS_OBJECT_BEGIN);
	CHECK_INT(json_scan_next(&s), JS_KEY);
	json_scan_next(&s);
	CHECK(json_scan_skip(&s, &a, &b));
	CHECK_INT(b - a, strlen(want));
	CHECK(strncmp(text + a, want, b - a) == 0);
	CHECK_INT(json_scan_next(&s), JS_KEY); /* scanning goes on after it */
	CHECK_STR(s.str, "w");
}

TEST(skip_gives_raw_spans)
{
	span_is("{\"v\":\"a\\n\",\"w\":0}", "\"a\\n\"");
	span_is("{\"v\": 1.5e3 ,\"w\":0}", "1.5e3");
	span_is("{\"v\":null,\"w\":0}", "null");
	span_is("{\"v\" : { \"x\" : [1, {\"y\":[]}] } , \"w\":0}",
		"{ \"x\" : [1, {\"y\":[]}] }");
	span_is("{\"v\":[[],[[]]],\"w\":0}", "[[],[[]]]");
}

TEST(skip_stops_at_errors)
{
	struct json_scan s;
	size_t a, b;
	start(&s, "[1, {\"a\": 01}]", 0);
	CHECK_INT(json_scan_next(&s), JS_ARRAY_BEGIN);
	CHECK(!json_scan_skip(&s, &a, &b));
	CHECK_INT(s.tok, JS_ERROR);
	start(&s, "{}", 0);
	CHECK(!json_scan_skip(&s, &a, &b)); /* nothing read yet */
}

TEST(truncated_input_never_reads_past_the_end)
{
	/* every prefix of a valid text, scanned from a buffer exactly its
	 * size, so ASan would see a read past the end */
	const char *text = "{\"a\":[1,-2.5e-3,\"\\ud83d\\ude00\xc3\xa9\","
			   "true,false,null],\"b\":{}}";
	size_t n = strlen(text);
	for (size_t k = 0; k < n; k++) {
		char *copy = malloc(k ? k : 1);
		memcpy(copy, text, k);
		struct json_scan s;
		enum json_token tok;
		json_scan_init(&s, copy, k, buf, sizeof(buf), 0);
		while ((tok = json_scan_next(&s)) != JS_END && tok != JS_ERROR)
			;
		CHECK_INT(tok, JS_ERROR);
		free(copy);
	}
	CHECK(valid(text, 0));
}

TEST_MAIN(T(tokens_of_an_object), T(token_text_and_spans),
	  T(scalars_at_top_level), T(escapes_decode), T(bad_strings_refused),
	  T(numbers_follow_the_grammar), T(number_values), T(structure_errors),
	  T(errors_say_where_and_why), T(depth_limit),
	  T(buffer_too_small_is_an_error), T(skip_gives_raw_spans),
	  T(skip_stops_at_errors), T(truncated_input_never_reads_past_the_end))
