/*
 * json_doc.c - field paths and unknown-key checks for JSON documents
 * (see json_doc.h).
 */
#include "io/json_doc.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *join(struct json_path *p, const char *a, const char *b,
			const char *c)
{
	const char *parts[3] = {a, b, c};
	size_t len = 0;
	for (int i = 0; i < 3; i++)
		for (const char *s = parts[i]; *s && len + 1 < sizeof(p->s);)
			p->s[len++] = *s++;
	p->s[len] = '\0';
	return p->s;
}

const char *json_path_key(struct json_path *p, const char *base,
			  const char *key)
{
	return join(p, base, *base ? "." : "", key);
}

const char *json_path_index(struct json_path *p, const char *base, size_t i)
{
	char idx[24];
	snprintf(idx, sizeof(idx), "[%zu]", i);
	return join(p, base, idx, "");
}

enum mc_code json_only_keys(json_t *obj, const char *const *allowed,
			    const char *base, const char *what,
			    struct mc_err *err)
{
	const char *key;
	json_t *v;
	json_object_foreach (obj, key, v) {
		bool ok = false;
		for (size_t i = 0; allowed[i] && !ok; i++)
			ok = strcmp(key, allowed[i]) == 0;
		if (!ok) {
			struct json_path p;
			const char *field = json_path_key(&p, base, key);
			if (!*field) /* an empty key at the top */
				field = "\"\"";
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: %s: unknown field", what, field);
		}
	}
	return MC_OK;
}
