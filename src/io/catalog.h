/*
 * catalog.h - units and procedures as JSON Lines, our own catalogue
 * format (see docs/internals/import.md). Being ours, it is strict: types
 * are as documented and unknown fields are refused, so a typo in a key
 * cannot silently drop a value.
 */
#ifndef MC_IO_CATALOG_H
#define MC_IO_CATALOG_H

#include <stddef.h>

#include "core/error.h"
#include "core/procedure.h"
#include "core/str.h"
#include "core/unit.h"

/* A line longer than this is refused with MC_ERR_TOO_LARGE. */
#define CATALOG_MAX_LINE ((size_t)1 << 20)

/* {"code","name","parent","level","valid_from","valid_to","successor",
 *  "office_hours"?}. out must be unit_init'ed; it is released first. */
enum mc_code catalog_unit_parse(const char *line, size_t len, struct unit *out,
				struct mc_err *err);
void catalog_unit_write(const struct unit *u, struct strbuf *out);

/* {"code","name","field_code","field_name","time_limit":{"value","unit"},
 *  "online_level","paper_result","fees":[{"code","name","amount"}],
 *  "online_only":[{"from","to"}]}. out must be procedure_init'ed. */
enum mc_code catalog_procedure_parse(const char *line, size_t len,
				     struct procedure *out, struct mc_err *err);
void catalog_procedure_write(const struct procedure *p, struct strbuf *out);

#endif
