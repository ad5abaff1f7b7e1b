/*
 * tests/fuzz/json_scan_fuzz.c - libFuzzer target for the JSON scanner:
 * on any input it must agree with jansson on whether the text is valid
 * JSON, decode a top-level string or integer to the same value, and give
 * the same verdict and the whole value's span when the top value is
 * skipped in one call instead of scanned token by token.
 *
 * Known, intended differences are not reported: jansson refuses numbers
 * out of its range (we keep their text), it allows deeper nesting than
 * JSON_SCAN_MAX_DEPTH, it cannot hold "\u0000" in a key, and it reads
 * a raw NUL byte as the end of its input (we refuse the byte, as the
 * grammar does).
 *
 * `make fuzz` runs it under libFuzzer; as a test it runs the seeds
 * below, each with its verdict: accepted, or refused with the scanner's
 * reason (tests/fuzz/fuzz.h).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "io/json_scan.h"

static void check(int ok, const char *what, const uint8_t *data, size_t size)
{
	if (!ok)
		fuzz_fail(what, data, size);
}

/* Token by token; the last token, and the top scalar's text in buf. */
static enum json_token scan_all(const uint8_t *data, size_t size, char *buf,
				struct json_scan *s, enum json_token *first)
{
	enum json_token tok;
	json_scan_init(s, (const char *)data, size, buf, size + 1, 0);
	*first = json_scan_next(s);
	if (*first == JS_ERROR)
		return JS_ERROR;
	/* keep the first token's facts: later tokens reuse buf */
	struct json_scan top = *s;
	while ((tok = json_scan_next(s)) != JS_END && tok != JS_ERROR)
		;
	if (tok == JS_END && *first != JS_OBJECT_BEGIN &&
	    *first != JS_ARRAY_BEGIN) {
		s->str_len = top.str_len;
		s->integer = top.integer;
		s->fits = top.fits;
		s->num = top.num;
	}
	return tok;
}

/* One skip over the top value must agree with the token walk. */
static void check_skip(const uint8_t *data, size_t size, char *buf, bool valid)
{
	struct json_scan s;
	size_t a = 0, b = 0;
	json_scan_init(&s, (const char *)data, size, buf, size + 1, 0);
	bool ok = json_scan_next(&s) != JS_ERROR && json_scan_skip(&s, &a, &b);
	ok = ok && json_scan_next(&s) == JS_END;
	check(ok == valid, "skip and next disagree", data, size);
	if (!valid)
		return;
	for (size_t i = 0; i < a; i++)
		check(strchr(" \t\r\n", data[i]) != NULL, "span starts late",
		      data, size);
	for (size_t i = b; i < size; i++)
		check(strchr(" \t\r\n", data[i]) != NULL, "span ends early",
		      data, size);
}

/* A top-level scalar decodes as jansson decodes it. */
static void check_value(const struct json_scan *s, enum json_token first,
			const char *buf, json_t *j, const uint8_t *data,
			size_t size)
{
	if (first == JS_STRING)
		check(json_is_string(j) &&
			      json_string_length(j) == s->str_len &&
			      memcmp(json_string_value(j), buf, s->str_len) ==
				      0,
		      "string decodes differently", data, size);
	if (first == JS_NUMBER && s->fits)
		check(json_is_integer(j) && json_integer_value(j) == s->num,
		      "integer differs", data, size);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	char *buf = malloc(size + 1);
	check(buf != NULL, "out of memory", data, size);
	struct json_scan s;
	enum json_token first;
	bool valid = scan_all(data, size, buf, &s, &first) == JS_END;
	json_error_t jerr;
	json_t *j = json_loadb((const char *)data, size,
			       JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	enum json_error_code code =
		j ? json_error_unknown : json_error_code(&jerr);
	bool jansson_limit = code == json_error_numeric_overflow ||
			     code == json_error_null_byte_in_key;
	bool too_deep = !valid && strcmp(s.err_reason, "nested too deep") == 0;
	bool nul = memchr(data, '\0', size) != NULL;
	if (!jansson_limit && !too_deep && !nul) {
		check(valid == (j != NULL),
		      valid ? "we accept what jansson refuses"
			    : "we refuse what jansson accepts",
		      data, size);
		if (valid)
			check_value(&s, first, buf, j, data, size);
	}
	check_skip(data, size, buf, valid);
	if (!valid) {
		check(s.err_reason && s.err_reason[0],
		      "refused without a reason", data, size);
		v->code = MC_ERR_INPUT;
		snprintf(v->field, sizeof(v->field), "%s", s.err_reason);
	}
	json_decref(j);
	free(buf);
}

static const struct fuzz_seed seeds[] = {
	{"{\"a\":[1,-2.5e3,true,false,null],\"b\":{}}", MC_OK, ""},
	{"\"\\ud83d\\ude00\\u0000\xc3\xa9\"", MC_OK, ""},
	{"-9223372036854775808", MC_OK, ""},
	{"[[[]]] x", MC_ERR_INPUT, "unexpected text after the value"},
	{"\"\xed\xa0\x80\"", MC_ERR_INPUT, "invalid UTF-8"},
	{"01", MC_ERR_INPUT, "leading zero in a number"},
	{"", MC_ERR_INPUT, "unexpected end of input"},
};

FUZZ_MAIN(judge, seeds)
