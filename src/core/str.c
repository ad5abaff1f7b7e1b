/*
 * str.c - owned strings, growable arrays and the byte buffer (see str.h).
 */
#include "core/str.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool str_setn(char **dst, const char *src, size_t n)
{
	char *copy = NULL;
	if (src) {
		copy = malloc(n + 1);
		if (!copy)
			return false;
		memcpy(copy, src, n);
		copy[n] = '\0';
	}
	free(*dst);
	*dst = copy;
	return true;
}

bool str_set(char **dst, const char *src)
{
	return str_setn(dst, src, src ? strlen(src) : 0);
}

void *array_push(void **items, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		void *grown = realloc(*items, ncap * size);
		if (!grown)
			return NULL;
		*items = grown;
		*cap = ncap;
	}
	char *slot = (char *)*items + (*n)++ * size;
	memset(slot, 0, size);
	return slot;
}

void strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->oom = false;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	sb->oom = false;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static bool grow(struct strbuf *sb, size_t extra)
{
	if (sb->oom)
		return false;
	if (sb->len + extra + 1 <= sb->cap)
		return true;
	size_t ncap = sb->cap ? sb->cap : 64;
	while (ncap < sb->len + extra + 1)
		ncap *= 2;
	char *nbuf = realloc(sb->buf, ncap);
	if (!nbuf) {
		sb->oom = true;
		return false;
	}
	sb->buf = nbuf;
	sb->cap = ncap;
	return true;
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	if (!grow(sb, n))
		return;
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(sb, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void strbuf_add_int(struct strbuf *sb, int64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	/* work in unsigned so INT64_MIN negates without overflow */
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

void strbuf_json_key(struct strbuf *sb, const char *name)
{
	if (sb->len && sb->buf[sb->len - 1] != '{')
		strbuf_add(sb, ",", 1);
	strbuf_add(sb, "\"", 1);
	strbuf_puts(sb, name);
	strbuf_add(sb, "\":", 2);
}

void strbuf_json_string(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	strbuf_add(sb, "\"", 1);
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		strbuf_add(sb, run, (size_t)(s - run));
		char esc[7] = {'\\', 0};
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
		}
		strbuf_puts(sb, esc);
		run = s + 1;
	}
	strbuf_add(sb, run, (size_t)(s - run));
	strbuf_add(sb, "\"", 1);
}

/* Whether c may follow the bytes before it in a UTF-8 sequence starting
 * with lead (i its position): no overlong forms, no surrogates, nothing
 * above U+10FFFF. */
static bool utf8_follows(unsigned char lead, size_t i, unsigned char c)
{
	unsigned char lo = 0x80, hi = 0xBF;
	if (i == 1 && lead == 0xE0)
		lo = 0xA0;
	else if (i == 1 && lead == 0xED)
		hi = 0x9F;
	else if (i == 1 && lead == 0xF0)
		lo = 0x90;
	else if (i == 1 && lead == 0xF4)
		hi = 0x8F;
	return c >= lo && c <= hi;
}

/* The bytes at s (n of them, s[0] >= 0x80) taken by one character: the
 * whole sequence when it is valid (*ok), else its longest valid start
 * (at least one byte), which becomes one U+FFFD. */
static size_t utf8_span(const unsigned char *s, size_t n, bool *ok)
{
	size_t len = s[0] < 0xC2   ? 1
		     : s[0] < 0xE0 ? 2
		     : s[0] < 0xF0 ? 3
		     : s[0] < 0xF5 ? 4
				   : 1;
	size_t i = 1;
	while (i < len && i < n && utf8_follows(s[0], i, s[i]))
		i++;
	*ok = len > 1 && i == len;
	return i;
}

void strbuf_json_bytes(struct strbuf *sb, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	strbuf_add(sb, "\"", 1);
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c >= 0x80) {
			bool ok;
			size_t len = utf8_span(p + i, n - i, &ok);
			if (ok)
				strbuf_add(sb, s + i, len);
			else
				strbuf_puts(sb, "\xEF\xBF\xBD"); /* U+FFFD */
			i += len;
			continue;
		}
		char esc[7] = {'\\', (char)c, 0};
		switch (c) {
		case '"':
		case '\\': break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			if (c >= 0x20) {
				esc[0] = (char)c;
				esc[1] = 0;
				break;
			}
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
		}
		strbuf_puts(sb, esc);
		i++;
	}
	strbuf_add(sb, "\"", 1);
}
