/*
 * text.h - folding Vietnamese text for search that ignores diacritics and
 * case: "Nguyễn" and "NGUYEN" both fold to "nguyen", "Đất" to "dat".
 * Pure functions, no I/O.
 */
#ifndef MC_CORE_TEXT_H
#define MC_CORE_TEXT_H

#include <stdbool.h>

/* NFD-decompose, strip combining marks, map đ/Đ to d, casefold. Returns
 * a malloc'd string, or NULL when s is not valid UTF-8 or memory ran
 * out. */
char *text_fold(const char *s);

/* Whether every space-separated word of the folded query occurs in the
 * folded text, i and y taken as one letter (kí finds ký). An empty
 * query matches everything. */
bool text_match(const char *folded_text, const char *folded_query);

#endif
