/*
 * strmap.h - a string-keyed hash map to small integers (open addressing,
 * keys owned by the map). Used to index units and procedures by code.
 */
#ifndef MC_CORE_STRMAP_H
#define MC_CORE_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strmap {
	char **keys;
	int64_t *values;
	size_t n, cap;
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* Insert or replace; false on OOM. */
bool strmap_put(struct strmap *m, const char *key, int64_t value);
/* The value, or `missing` when the key is absent. */
int64_t strmap_get(const struct strmap *m, const char *key, int64_t missing);

#endif
