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

/* Vietnamese writes i and y alike in many words (kí and ký, lí and lý,
 * mĩ and mỹ; the 1980s spelling rules and habit disagree), so a search
 * takes them as one letter. */
static char same_iy(char c) { return c == 'y' ? 'i' : c; }

static bool has_word(const char *text, const char *word, size_t n)
{
	for (; *text; text++) {
		size_t k = 0;
		while (k < n && text[k] && same_iy(text[k]) == same_iy(word[k]))
			k++;
		if (k == n)
			return true;
	}
	return n == 0;
}

bool text_match(const char *folded_text, const char *folded_query)
{
	const char *q = folded_query;
	while (*q) {
		while (*q == ' ')
			q++;
		size_t n = strcspn(q, " ");
		if (n == 0)
			break;
		if (!has_word(folded_text, q, n))
			return false;
		q += n;
	}
	return true;
}
