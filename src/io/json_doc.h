/*
 * json_doc.h - reading a JSON document (jansson) whose errors name the
 * offending field by its path, e.g. "rule_sets[1].groups.progress.weight":
 * the path builders and the check for unknown keys that the rules parsers
 * share.
 */
#ifndef MC_IO_JSON_DOC_H
#define MC_IO_JSON_DOC_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"

/* A path longer than the buffer is cut: its start still points at the
 * place. */
struct json_path {
	char s[160];
};

/* base + "." + key (just key at the top). */
const char *json_path_key(struct json_path *p, const char *base,
			  const char *key);
/* base + "[i]". */
const char *json_path_index(struct json_path *p, const char *base, size_t i);

/* Refuse a key of obj outside `allowed` (NULL-terminated), naming it:
 * "<what>: <path>: unknown field". */
enum mc_code json_only_keys(json_t *obj, const char *const *allowed,
			    const char *base, const char *what,
			    struct mc_err *err);

#endif
