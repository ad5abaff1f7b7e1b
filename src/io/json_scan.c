/*
 * json_scan.c - the strict JSON pull scanner (see json_scan.h), written
 * from the grammar of RFC 8259 and the UTF-8 table of RFC 3629.
 *
 * One state says what the grammar allows next; a bit per open container
 * says whether it is an array, so closing brackets are matched without a
 * stack of our own. Strings are copied in runs: plain ASCII and valid
 * UTF-8 sequences need no change, only escapes are rewritten.
 */
#include "io/json_scan.h"

#include <string.h>

enum state {
	S_VALUE,      /* a value: the top one, or after ',' in an array */
	S_FIRST_ITEM, /* after '[': a value or ']' */
	S_FIRST_KEY,  /* after '{': a key or '}' */
	S_KEY,        /* after ',' in an object: a key */
	S_COLON,      /* after a key: ':' and a value */
	S_AFTER,      /* after a value: ',', a closing bracket, or the end */
	S_DONE,       /* the end was seen */
	S_FAILED
};

/* Bytes a string may hold as they are: printable ASCII but '"' and '\'.
 * Bytes from 0x80 are UTF-8 and checked apart. */
static const unsigned char plain[128] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20 '"' */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50 '\' */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
};

void json_scan_init(struct json_scan *s, const char *in, size_t len, char *buf,
		    size_t cap, unsigned flags)
{
	memset(s, 0, sizeof(*s));
	s->in = in;
	s->len = len;
	s->buf = buf;
	s->cap = cap;
	s->flags = flags;
	s->state = S_VALUE;
}

enum json_token json_scan_fail(struct json_scan *s, size_t pos,
			       const char *reason)
{
	if (s->state != S_FAILED) {
		s->err_pos = pos;
		s->err_reason = reason;
		s->state = S_FAILED;
	}
	s->tok = JS_ERROR;
	return JS_ERROR;
}

static bool fail_at(struct json_scan *s, size_t pos, const char *reason)
{
	json_scan_fail(s, pos, reason);
	return false;
}

static void skip_space(struct json_scan *s)
{
	while (s->pos < s->len) {
		char c = s->in[s->pos];
		if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
			break;
		s->pos++;
	}
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Length of the UTF-8 sequence at p (lead byte >= 0x80), 0 when it is not
 * well formed: no overlong forms, no surrogates, nothing past U+10FFFF. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t n = (size_t)(end - p);
	unsigned c = p[0], lo = 0x80, hi = 0xBF;
	if (c < 0xC2 || c > 0xF4)
		return 0;
	if (c < 0xE0)
		return n >= 2 && is_cont(p[1]) ? 2 : 0;
	if (c < 0xF0) {
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
		return n >= 3 && p[1] >= lo && p[1] <= hi && is_cont(p[2]) ? 3
									   : 0;
	}
	lo = c == 0xF0 ? 0x90 : 0x80;
	hi = c == 0xF4 ? 0x8F : 0xBF;
	return n >= 4 && p[1] >= lo && p[1] <= hi && is_cont(p[2]) &&
			       is_cont(p[3])
		       ? 4
		       : 0;
}

/* Past the bytes that go into the string unchanged. */
static const unsigned char *plain_run(const unsigned char *p,
				      const unsigned char *end)
{
	while (p < end) {
		if (*p < 0x80) {
			if (!plain[*p])
				break;
			p++;
			continue;
		}
		size_t k = utf8_len(p, end);
		if (!k)
			break;
		p += k;
	}
	return p;
}

static int hex4(const unsigned char *p, const unsigned char *end)
{
	if (end - p < 4)
		return -1;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned c = p[i];
		int d = c >= '0' && c <= '9'   ? (int)c - '0'
			: c >= 'a' && c <= 'f' ? (int)c - 'a' + 10
			: c >= 'A' && c <= 'F' ? (int)c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The code point of the \u escape at p (p[0] is the backslash), a
 * surrogate pair taken whole; *p moves past it. -1 with s failed. */
static long unicode_escape(struct json_scan *s, const unsigned char **p,
			   const unsigned char *end)
{
	size_t at = (size_t)(*p - (const unsigned char *)s->in);
	int hi = hex4(*p + 2, end);
	if (hi < 0)
		return fail_at(s, at, "\\u needs four hex digits"), -1;
	*p += 6;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		return fail_at(s, at, "lone low surrogate"), -1;
	if (hi < 0xD800 || hi > 0xDBFF) {
		if (hi == 0 && (s->flags & JSON_SCAN_NO_NUL))
			return fail_at(s, at, "\\u0000 is not allowed"), -1;
		return hi;
	}
	int lo = end - *p >= 2 && (*p)[0] == '\\' && (*p)[1] == 'u'
			 ? hex4(*p + 2, end)
			 : -1;
	if (lo < 0xDC00 || lo > 0xDFFF)
		return fail_at(s, at, "lone high surrogate"), -1;
	*p += 6;
	return 0x10000 + ((long)(hi - 0xD800) << 10) + (lo - 0xDC00);
}

/* Decode the escape at *p into *o. */
static bool escape(struct json_scan *s, const unsigned char **p,
		   const unsigned char *end, char **o, size_t *room)
{
	size_t at = (size_t)(*p - (const unsigned char *)s->in);
	char c = end - *p >= 2 ? (char)(*p)[1] : '\0';
	char simple = c == '"'    ? '"'
		      : c == '\\' ? '\\'
		      : c == '/'  ? '/'
		      : c == 'b'  ? '\b'
		      : c == 'f'  ? '\f'
		      : c == 'n'  ? '\n'
		      : c == 'r'  ? '\r'
		      : c == 't'  ? '\t'
				  : '\0';
	char bytes[4];
	size_t n = 1;
	if (simple) {
		bytes[0] = simple;
		*p += 2;
	} else if (c == 'u') {
		long cp = unicode_escape(s, p, end);
		if (cp < 0)
			return false;
		n = put_utf8(bytes, (unsigned)cp);
	} else {
		return fail_at(s, at, "invalid escape");
	}
	if (n > *room)
		return fail_at(s, at, "string longer than the buffer");
	memcpy(*o, bytes, n);
	*o += n;
	*room -= n;
	return true;
}

/* The string whose opening quote is at s->pos, decoded into s->buf. */
static bool string(struct json_scan *s)
{
	const unsigned char *in = (const unsigned char *)s->in;
	const unsigned char *p = in + s->pos + 1, *end = in + s->len;
	char *o = s->buf;
	size_t room = s->cap - 1;
	for (;;) {
		const unsigned char *run = p;
		p = plain_run(p, end);
		size_t n = (size_t)(p - run);
		if (n > room)
			return fail_at(s, (size_t)(run - in),
				       "string longer than the buffer");
		memcpy(o, run, n);
		o += n;
		room -= n;
		if (p == end)
			return fail_at(s, s->pos, "unterminated string");
		if (*p == '"')
			break;
		if (*p == '\\') {
			if (!escape(s, &p, end, &o, &room))
				return false;
			continue;
		}
		return fail_at(s, (size_t)(p - in),
			       *p < 0x20 ? "control character in a string"
					 : "invalid UTF-8");
	}
	*o = '\0';
	s->str = s->buf;
	s->str_len = (size_t)(o - s->buf);
	s->pos = (size_t)(p + 1 - in);
	return true;
}

/* The value of an integer's digits, when it fits in int64_t. */
static void integer_value(struct json_scan *s, const char *p, const char *end)
{
	bool neg = *p == '-';
	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	uint64_t v = 0;
	for (p += neg; p < end; p++) {
		unsigned d = (unsigned)(*p - '0');
		if (v > (limit - d) / 10)
			return; /* fits stays false */
		v = v * 10 + d;
	}
	s->fits = true;
	s->num = neg ? (int64_t)(0 - v) : (int64_t)v;
}

/* Past the digits at p, which must be at least one. */
static const char *digits(struct json_scan *s, const char *p, const char *end,
			  const char *reason)
{
	if (p == end || !is_digit(*p)) {
		fail_at(s, (size_t)(p - s->in), reason);
		return NULL;
	}
	while (p < end && is_digit(*p))
		p++;
	return p;
}

/* -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)? */
static bool number(struct json_scan *s)
{
	const char *start = s->in + s->pos, *end = s->in + s->len;
	const char *p = start + (*start == '-');
	s->integer = true;
	s->fits = false;
	if (p < end && *p == '0') {
		if (++p < end && is_digit(*p))
			return fail_at(s, (size_t)(p - s->in),
				       "leading zero in a number");
	} else if (!(p = digits(s, p, end, "expected a digit"))) {
		return false;
	}
	if (p < end && *p == '.') {
		s->integer = false;
		p = digits(s, p + 1, end, "expected a digit after '.'");
		if (!p)
			return false;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		s->integer = false;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!(p = digits(s, p, end,
				 "expected a digit in the exponent")))
			return false;
	}
	size_t n = (size_t)(p - start);
	if (n >= s->cap)
		return fail_at(s, s->pos, "number longer than the buffer");
	memcpy(s->buf, start, n);
	s->buf[n] = '\0';
	s->str = s->buf;
	s->str_len = n;
	if (s->integer)
		integer_value(s, start, p);
	s->pos += n;
	return true;
}

static enum json_token literal(struct json_scan *s)
{
	static const struct {
		const char *text;
		size_t len;
		enum json_token tok;
	} words[] = {{"true", 4, JS_TRUE},
		     {"false", 5, JS_FALSE},
		     {"null", 4, JS_NULL}};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (s->len - s->pos >= words[i].len &&
		    memcmp(s->in + s->pos, words[i].text, words[i].len) == 0) {
			s->pos += words[i].len;
			return words[i].tok;
		}
	}
	return json_scan_fail(s, s->pos, "expected a value");
}

static enum json_token open_container(struct json_scan *s, bool array)
{
	if (s->depth >= JSON_SCAN_MAX_DEPTH)
		return json_scan_fail(s, s->pos, "nested too deep");
	if (array)
		s->arrays |= (uint64_t)1 << s->depth;
	else
		s->arrays &= ~((uint64_t)1 << s->depth);
	s->depth++;
	s->pos++;
	s->state = array ? S_FIRST_ITEM : S_FIRST_KEY;
	return array ? JS_ARRAY_BEGIN : JS_OBJECT_BEGIN;
}

static bool in_array(const struct json_scan *s)
{
	return s->arrays >> (s->depth - 1) & 1;
}

static enum json_token close_container(struct json_scan *s)
{
	enum json_token tok = in_array(s) ? JS_ARRAY_END : JS_OBJECT_END;
	s->depth--;
	s->pos++;
	s->state = S_AFTER;
	return tok;
}

/* A value starting at s->pos (whitespace skipped already). */
static enum json_token value(struct json_scan *s)
{
	if (s->pos == s->len)
		return json_scan_fail(s, s->pos, "unexpected end of input");
	char c = s->in[s->pos];
	if (c == '{' || c == '[')
		return open_container(s, c == '[');
	s->state = S_AFTER;
	if (c == '"')
		return string(s) ? JS_STRING : JS_ERROR;
	if (c == '-' || is_digit(c))
		return number(s) ? JS_NUMBER : JS_ERROR;
	return literal(s);
}

static enum json_token key(struct json_scan *s)
{
	if (s->pos == s->len)
		return json_scan_fail(s, s->pos, "unexpected end of input");
	if (s->in[s->pos] != '"')
		return json_scan_fail(s, s->pos, "expected a key (a string)");
	s->state = S_COLON;
	return string(s) ? JS_KEY : JS_ERROR;
}

static enum json_token colon(struct json_scan *s)
{
	if (s->pos == s->len || s->in[s->pos] != ':')
		return json_scan_fail(s, s->pos, "expected ':'");
	s->pos++;
	skip_space(s);
	s->start = s->pos;
	return value(s);
}

/* After a value: the end of the text, a comma, or a closing bracket. */
static enum json_token after(struct json_scan *s)
{
	if (s->depth == 0) {
		if (s->pos != s->len)
			return json_scan_fail(
				s, s->pos, "unexpected text after the value");
		s->state = S_DONE;
		return JS_END;
	}
	bool array = in_array(s);
	if (s->pos == s->len)
		return json_scan_fail(s, s->pos, "unexpected end of input");
	char c = s->in[s->pos];
	if (c == (array ? ']' : '}'))
		return close_container(s);
	if (c != ',')
		return json_scan_fail(s, s->pos,
				      array ? "expected ',' or ']'"
					    : "expected ',' or '}'");
	s->pos++;
	skip_space(s);
	s->start = s->pos;
	return array ? value(s) : key(s);
}

static enum json_token step(struct json_scan *s)
{
	switch (s->state) {
	case S_VALUE: return value(s);
	case S_FIRST_ITEM:
		if (s->pos < s->len && s->in[s->pos] == ']')
			return close_container(s);
		return value(s);
	case S_FIRST_KEY:
		if (s->pos < s->len && s->in[s->pos] == '}')
			return close_container(s);
		return key(s);
	case S_KEY: return key(s);
	case S_COLON: return colon(s);
	case S_AFTER: return after(s);
	case S_DONE: return JS_END;
	}
	return JS_ERROR;
}

enum json_token json_scan_next(struct json_scan *s)
{
	if (s->state == S_FAILED)
		return s->tok = JS_ERROR;
	skip_space(s);
	s->start = s->pos;
	s->tok = step(s);
	s->end = s->pos;
	return s->tok;
}

bool json_scan_skip(struct json_scan *s, size_t *start, size_t *end)
{
	switch (s->tok) {
	case JS_OBJECT_BEGIN:
	case JS_ARRAY_BEGIN:
		*start = s->start;
		for (int depth = s->depth; s->depth >= depth;)
			if (json_scan_next(s) == JS_ERROR)
				return false;
		*end = s->end;
		return true;
	case JS_STRING:
	case JS_NUMBER:
	case JS_TRUE:
	case JS_FALSE:
	case JS_NULL:
		*start = s->start;
		*end = s->end;
		return true;
	default: return false;
	}
}
