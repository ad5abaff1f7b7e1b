/*
 * text.c - diacritics-insensitive folding on utf8proc (see text.h).
 */
#include "core/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* đ and Đ are letters of their own, not d with a mark, so Unicode
 * decomposition leaves them alone; people still type "d" for them. */
static utf8proc_int32_t map_d(utf8proc_int32_t cp, void *data)
{
	(void)data;
	return cp == 0x0110 || cp == 0x0111 ? 'd' : cp;
}

char *text_fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map_custom(
		(const utf8proc_uint8_t *)(s ? s : ""), 0, &out,
		UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
			UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD,
		map_d, NULL);
	if (n < 0) {
		free(out);
		return NULL;
	}
	return (char *)out;
}

bool text_match(const char *folded_text, const char *folded_query)
{
	const char *q = folded_query;
	char word[256];
	while (*q) {
		while (*q == ' ')
			q++;
		size_t n = strcspn(q, " ");
		if (n == 0)
			break;
		if (n >= sizeof(word))
			return false;
		memcpy(word, q, n);
		word[n] = '\0';
		if (!strstr(folded_text, word))
			return false;
		q += n;
	}
	return true;
}
