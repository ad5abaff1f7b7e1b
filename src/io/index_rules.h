/*
 * index_rules.h - reading the service index rules (data/index-rules.json)
 * into struct index_rules (core/index.h).
 *
 * A copy of data/index-rules.json is built into the binary, so every
 * deployment scores with the rules it shipped with; index_rules_parse
 * reads another document (a new decree, a test's).
 */
#ifndef MC_IO_INDEX_RULES_H
#define MC_IO_INDEX_RULES_H

#include <stddef.h>

#include "core/error.h"
#include "core/index.h"

/* Parse a rules document into out (released first by the caller's
 * index_rules_release; on failure out is left empty). A bad document
 * fails with MC_ERR_INPUT naming the field by its path, e.g.
 * "rule_sets[1].groups.progress.weight". */
enum mc_code index_rules_parse(const char *json, size_t len,
			       struct index_rules *out, struct mc_err *err);
/* The rules built into the binary. */
enum mc_code index_rules_default(struct index_rules *out, struct mc_err *err);

#endif
