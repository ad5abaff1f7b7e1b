/*
 * unit.c - units of the administrative tree: names, levels and checks.
 */
#include "core/unit.h"

#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"

void unit_init(struct unit *u)
{
	memset(u, 0, sizeof(*u));
	u->level = LEVEL_PROVINCE;
	u->valid_from = u->valid_to = MC_NO_TIME;
}

void unit_release(struct unit *u)
{
	free(u->code);
	free(u->name);
	free(u->parent);
	free(u->successor);
	free(u->office_hours);
	unit_init(u);
}

const char *unit_level_name(enum unit_level level)
{
	switch (level) {
	case LEVEL_PROVINCE: return "province";
	case LEVEL_DISTRICT: return "district";
	case LEVEL_COMMUNE: return "commune";
	}
	return "?";
}

enum mc_code unit_level_parse(const char *s, enum unit_level *out,
			      const char *field, struct mc_err *err)
{
	for (int l = LEVEL_PROVINCE; l <= LEVEL_COMMUNE; l++) {
		if (s && strcmp(s, unit_level_name(l)) == 0) {
			*out = l;
			return MC_OK;
		}
	}
	return mc_fail(err, MC_ERR_INPUT, field,
		       "%s: \"%.40s\" is not a level (province, district or "
		       "commune)",
		       field, str_or_empty(s));
}

enum mc_code unit_code_check(const char *code, const char *field,
			     struct mc_err *err)
{
	size_t n = code ? strlen(code) : 0;
	if (n == 0 || n > 40)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: a unit code must have 1 to 40 characters",
			       field);
	for (size_t i = 0; i < n; i++) {
		char c = code[i];
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
		      (c >= 'a' && c <= 'z') || c == '.' || c == '_' ||
		      c == '-'))
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: \"%.40s\" has a character other "
				       "than letters, digits, '.', '_', '-'",
				       field, code);
	}
	return MC_OK;
}

enum mc_code unit_check(const struct unit *u, struct mc_err *err)
{
	enum mc_code rc = unit_code_check(u->code, "code", err);
	if (rc)
		return rc;
	if (str_empty(u->name))
		return mc_fail(err, MC_ERR_INPUT, "name",
			       "name: a unit needs a name");
	if (u->parent && (rc = unit_code_check(u->parent, "parent", err)))
		return rc;
	if (u->parent && strcmp(u->parent, u->code) == 0)
		return mc_fail(err, MC_ERR_INPUT, "parent",
			       "parent: a unit cannot be its own parent");
	if (u->successor &&
	    (rc = unit_code_check(u->successor, "successor", err)))
		return rc;
	if (u->successor && strcmp(u->successor, u->code) == 0)
		return mc_fail(err, MC_ERR_INPUT, "successor",
			       "successor: a unit cannot succeed itself");
	if (u->level < LEVEL_PROVINCE || u->level > LEVEL_COMMUNE)
		return mc_fail(err, MC_ERR_INPUT, "level",
			       "level: must be province, district or commune");
	if (u->valid_from != MC_NO_TIME && u->valid_to != MC_NO_TIME &&
	    u->valid_to < u->valid_from)
		return mc_fail(err, MC_ERR_INPUT, "valid_to",
			       "valid_to: is before valid_from");
	return MC_OK;
}

bool unit_valid_on(const struct unit *u, int64_t day)
{
	return (u->valid_from == MC_NO_TIME || day >= u->valid_from) &&
	       (u->valid_to == MC_NO_TIME || day <= u->valid_to);
}
