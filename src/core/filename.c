/*
 * filename.c - cleaning a file's name (see filename.h), on utf8proc's
 * decoder.
 */
#include "core/filename.h"

#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

static const char *last_part(const char *name)
{
	const char *base = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	return base;
}

static bool dropped(utf8proc_int32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x200e ||
	       c == 0x200f || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* Copy the kept characters of s into out (room for limit bytes). */
static size_t keep_chars(const char *s, char *out, size_t limit)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t n = 0;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t len = utf8proc_iterate(p, -1, &c);
		if (len <= 0) {
			p++; /* an invalid byte: skip it alone */
			continue;
		}
		if (!dropped(c)) {
			if (n + (size_t)len > limit)
				break;
			memcpy(out + n, p, (size_t)len);
			n += (size_t)len;
		}
		p += len;
	}
	out[n] = '\0';
	return n;
}

enum mc_code filename_clean(const char *name, char *out, size_t cap,
			    const char *field, struct mc_err *err)
{
	if (cap < FILENAME_MAX_BYTES + 1)
		MC_BUG("filename_clean: buffer of %zu bytes", cap);
	size_t n = keep_chars(last_part(name ? name : ""), out,
			      FILENAME_MAX_BYTES);
	size_t start = 0;
	while (start < n && (out[start] == ' ' || out[start] == '.'))
		start++;
	while (n > start && (out[n - 1] == ' ' || out[n - 1] == '.'))
		n--;
	memmove(out, out + start, n - start);
	out[n - start] = '\0';
	if (!out[0])
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: the file name holds nothing usable once "
			       "directories and control characters are removed",
			       field);
	return MC_OK;
}
