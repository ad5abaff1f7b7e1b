/*
 * unit.h - agencies and administrative units, in a tree with validity
 * dates and successor links (units merged in the 2025 reorganisation keep
 * their code; a code is never reused).
 */
#ifndef MC_CORE_UNIT_H
#define MC_CORE_UNIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

enum unit_level { LEVEL_PROVINCE = 1, LEVEL_DISTRICT = 2, LEVEL_COMMUNE = 3 };

struct unit {
	char *code;
	char *name;
	char *parent; /* NULL for the root */
	enum unit_level level;
	int64_t valid_from, valid_to; /* civil days, MC_NO_TIME when open */
	char *successor;              /* NULL unless merged or abolished */
	char *office_hours; /* "07:00-11:30,13:30-17:00"; NULL for default */
};

void unit_init(struct unit *u);
void unit_release(struct unit *u);

const char *unit_level_name(enum unit_level level);
enum mc_code unit_level_parse(const char *s, enum unit_level *out,
			      const char *field, struct mc_err *err);
/* A unit code: 1-40 characters of [0-9A-Za-z._-]. */
enum mc_code unit_code_check(const char *code, const char *field,
			     struct mc_err *err);
/* Field-level checks that need no other unit. */
enum mc_code unit_check(const struct unit *u, struct mc_err *err);
/* Whether civil day `day` lies in the unit's validity dates. */
bool unit_valid_on(const struct unit *u, int64_t day);

#endif
