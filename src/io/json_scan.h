/*
 * json_scan.h - a strict pull scanner for one JSON text (RFC 8259) held
 * in memory: no tree, no allocation. The caller asks for one token at a
 * time and decides what to keep, so a hot path (the portal's dossier
 * line) pays only for the bytes it looks at.
 *
 *	char buf[...];
 *	struct json_scan s;
 *	json_scan_init(&s, text, len, buf, sizeof(buf), 0);
 *	while ((tok = json_scan_next(&s)) != JS_END && tok != JS_ERROR)
 *		...;
 *
 * Strings (keys and values) are decoded into the caller's buffer, escapes
 * and all, and NUL-terminated there; a buffer of len + 1 bytes always
 * suffices, since decoding never makes a string longer. Number tokens
 * copy their text there too. The token's text stays valid until the next
 * call.
 *
 * Strict: invalid UTF-8, raw control characters, lone surrogates, numbers
 * off the grammar (01, 1., -, 1e), nesting over JSON_SCAN_MAX_DEPTH and
 * anything but whitespace after the top-level value are errors. Duplicate
 * keys are the caller's business.
 */
#ifndef MC_IO_JSON_SCAN_H
#define MC_IO_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Objects and arrays nested deeper than this are refused. */
#define JSON_SCAN_MAX_DEPTH 64

enum json_token {
	JS_NONE, /* nothing read yet */
	JS_OBJECT_BEGIN,
	JS_OBJECT_END,
	JS_ARRAY_BEGIN,
	JS_ARRAY_END,
	JS_KEY,    /* str: the decoded key; a value follows */
	JS_STRING, /* str: the decoded string */
	JS_NUMBER, /* str: the number's text; see integer, fits */
	JS_TRUE,
	JS_FALSE,
	JS_NULL,
	JS_END,  /* the top-level value is complete */
	JS_ERROR /* see err_pos, err_reason; sticks */
};

/* Flags for json_scan_init. */
enum {
	/* Refuse "\u0000": the caller keeps strings as C strings. */
	JSON_SCAN_NO_NUL = 1 << 0,
};

struct json_scan {
	/* The input and the decoding buffer: set by json_scan_init. */
	const char *in;
	size_t len, pos;
	char *buf;
	size_t cap;
	unsigned flags;

	/* Where we are: depth of open containers, a bit per level set for
	 * arrays, and what the grammar allows next (internal). */
	int depth;
	uint64_t arrays;
	int state;

	/* The current token. start/end: its raw bytes in the input, quotes
	 * included for strings and keys. */
	enum json_token tok;
	size_t start, end;
	const char *str; /* JS_KEY, JS_STRING, JS_NUMBER: NUL-terminated */
	size_t str_len;
	bool integer; /* JS_NUMBER with no fraction and no exponent */
	bool fits;    /* integer, and within int64_t: num holds it */
	int64_t num;

	/* The first error: byte offset from the start of the input (0 for
	 * the first byte) and a reason for a person. */
	size_t err_pos;
	const char *err_reason;
};

/* Start scanning in[0..len). buf (cap bytes, cap >= 1) receives decoded
 * strings; a string that does not fit is an error. */
void json_scan_init(struct json_scan *s, const char *in, size_t len, char *buf,
		    size_t cap, unsigned flags);

/* The next token. After the top-level value it returns JS_END (only
 * whitespace may follow), then JS_END again; after an error, JS_ERROR. */
enum json_token json_scan_next(struct json_scan *s);

/* Finish the value whose first token is the current one (a scalar is
 * finished already) and give its raw span in[*start..*end). Returns
 * false on an error inside it. */
bool json_scan_skip(struct json_scan *s, size_t *start, size_t *end);

/* Stop the scan with the caller's own error (a duplicate key, say): the
 * next calls return JS_ERROR. reason must outlive the scanner. */
enum json_token json_scan_fail(struct json_scan *s, size_t pos,
			       const char *reason);

#endif
