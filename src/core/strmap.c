/*
 * strmap.c - string-keyed hash map (see strmap.h). FNV-1a hashing, linear
 * probing, grown at half full.
 */
#include "core/strmap.h"

#include <stdlib.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 14695981039346656037ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

void strmap_init(struct strmap *m) { memset(m, 0, sizeof(*m)); }

void strmap_release(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	strmap_init(m);
}

static size_t slot(const struct strmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static bool grow(struct strmap *m)
{
	struct strmap bigger = {.cap = m->cap ? m->cap * 2 : 64};
	bigger.keys = calloc(bigger.cap, sizeof(char *));
	bigger.values = calloc(bigger.cap, sizeof(int64_t));
	if (!bigger.keys || !bigger.values) {
		free(bigger.keys);
		free(bigger.values);
		return false;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		size_t j = slot(&bigger, m->keys[i]);
		bigger.keys[j] = m->keys[i];
		bigger.values[j] = m->values[i];
	}
	bigger.n = m->n;
	free(m->keys);
	free(m->values);
	*m = bigger;
	return true;
}

bool strmap_put(struct strmap *m, const char *key, int64_t value)
{
	if ((m->n + 1) * 2 > m->cap && !grow(m))
		return false;
	size_t i = slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = strdup(key);
		if (!m->keys[i])
			return false;
		m->n++;
	}
	m->values[i] = value;
	return true;
}

int64_t strmap_get(const struct strmap *m, const char *key, int64_t missing)
{
	if (!m->cap)
		return missing;
	size_t i = slot(m, key);
	return m->keys[i] ? m->values[i] : missing;
}
