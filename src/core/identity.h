/*
 * identity.h - Vietnamese identity numbers. A citizen ID (CCCD) has 12
 * digits: 3 for the province of birth, 1 for gender and century, 2 for the
 * year of birth and 6 serial digits. There is no check digit.
 */
#ifndef MC_CORE_IDENTITY_H
#define MC_CORE_IDENTITY_H

#include "core/error.h"

enum mc_code citizen_id_check(const char *id, const char *field,
			      struct mc_err *err);
/* Year of birth encoded in a valid citizen ID. */
int citizen_id_birth_year(const char *id);

#endif
