/*
 * identity.c - citizen ID checks (see identity.h).
 */
#include "core/identity.h"

#include <stdlib.h>
#include <string.h>

/* Province-of-birth codes in use on citizen IDs (the 63 provinces before
 * the 2025 merger; codes stay valid on IDs already issued). */
static const short province_codes[] = {
	1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25,
	26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
	49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75,
	77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};

static int known_province(int code)
{
	for (size_t i = 0; i < sizeof(province_codes) / sizeof(*province_codes);
	     i++)
		if (province_codes[i] == code)
			return 1;
	return 0;
}

enum mc_code citizen_id_check(const char *id, const char *field,
			      struct mc_err *err)
{
	size_t n = id ? strlen(id) : 0;
	if (n != 12)
		return mc_fail_as(
			err, MC_ERR_INPUT, field, "citizen_id",
			"%s: a citizen ID has 12 digits, \"%.40s\" has "
			"%zu characters",
			field, id ? id : "", n);
	for (size_t i = 0; i < n; i++)
		if (id[i] < '0' || id[i] > '9')
			return mc_fail_as(err, MC_ERR_INPUT, field,
					  "citizen_id",
					  "%s: a citizen ID has only digits, "
					  "\"%.40s\" has '%c'",
					  field, id, id[i]);
	int province = (id[0] - '0') * 100 + (id[1] - '0') * 10 + (id[2] - '0');
	if (!known_province(province))
		return mc_fail_as(err, MC_ERR_INPUT, field, "citizen_id",
				  "%s: %03d is not a province-of-birth code",
				  field, province);
	/* Digit 4 gives gender and century: 0-1 for 1900s, 2-3 for 2000s.
	 * Later centuries cannot belong to anyone alive. */
	if (id[3] > '3')
		return mc_fail_as(err, MC_ERR_INPUT, field, "citizen_id",
				  "%s: gender/century digit %c is not 0-3",
				  field, id[3]);
	return MC_OK;
}

int citizen_id_birth_year(const char *id)
{
	int century = 1900 + 100 * ((id[3] - '0') / 2);
	return century + (id[4] - '0') * 10 + (id[5] - '0');
}
