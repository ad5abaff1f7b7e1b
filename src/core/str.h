/*
 * str.h - owned strings and growable arrays, the small memory helpers the
 * domain structs share. Every owned char * is either NULL or malloc'd.
 */
#ifndef MC_CORE_STR_H
#define MC_CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Replace *dst with a copy of src (NULL allowed). Returns false on OOM. */
bool str_set(char **dst, const char *src);
bool str_setn(char **dst, const char *src, size_t n);
/* "" for NULL, so callers can print or compare without checks. */
static inline const char *str_or_empty(const char *s) { return s ? s : ""; }
static inline bool str_empty(const char *s) { return !s || !*s; }

/* Make room for one more element in *items (count *n, capacity *cap).
 * Returns a pointer to the new zeroed slot, or NULL on OOM. */
void *array_push(void **items, size_t *n, size_t *cap, size_t size);

#define ARRAY_PUSH(arr, n, cap)                                     \
	((__typeof__(arr))array_push((void **)&(arr), &(n), &(cap), \
				     sizeof(*(arr))))

/* A growable byte buffer (strbuf_init / strbuf_release). */
struct strbuf {
	char *buf;
	size_t len, cap;
	bool oom; /* set once an append failed; buf then holds a prefix */
};
void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append a decimal integer (faster than strbuf_addf on hot paths). */
void strbuf_add_int(struct strbuf *sb, int64_t v);
/* Append `"name":` as the next member of the object being written, with
 * the comma before it unless it opens the object. name is plain ASCII. */
void strbuf_json_key(struct strbuf *sb, const char *name);
/* Append s as a JSON string literal with quotes and escapes. */
void strbuf_json_string(struct strbuf *sb, const char *s);
/* The same for n arbitrary bytes (a line as it came, NULs and all): each
 * byte that is not part of valid UTF-8 becomes U+FFFD. */
void strbuf_json_bytes(struct strbuf *sb, const char *s, size_t n);

#endif
