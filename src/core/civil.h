/*
 * civil.h - civil dates and Vietnam local time.
 *
 * Times are int64_t seconds since the epoch in UTC. Days are int64_t day
 * numbers since 1970-01-01 in the proleptic Gregorian calendar. Vietnam
 * time is UTC+7 with no daylight saving, so a local day is a plain shift.
 */
#ifndef MC_CORE_CIVIL_H
#define MC_CORE_CIVIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define MC_TZ_OFFSET (7 * 3600)
#define MC_NO_TIME INT64_MIN /* an absent time or day */

int64_t civil_days(int y, int m, int d);
void civil_from_days(int64_t days, int *y, int *m, int *d);
bool civil_valid(int y, int m, int d);
int civil_month_length(int y, int m);
/* ISO weekday: 1 Monday ... 6 Saturday, 7 Sunday. */
int civil_weekday(int64_t days);

/* Local (UTC+7) day and second of day of a UTC time. */
int64_t civil_local_day(int64_t t);
int civil_local_second(int64_t t);
/* UTC time of a local day plus seconds into it. */
int64_t civil_time_at(int64_t day, int second_of_day);

/* Strict parsers; on failure they name `field` and the expected form. */
enum mc_code civil_parse_date(const char *s, int64_t *day, const char *field,
			      struct mc_err *err); /* YYYY-MM-DD */
enum mc_code civil_parse_local(const char *s, int64_t *t, const char *field,
			       struct mc_err *err); /* YYYY-MM-DD HH:MM[:SS] */
enum mc_code civil_parse_portal(const char *s, int64_t *t, const char *field,
				struct mc_err *err); /* yyyyMMddHHmmss */

/* Formatters write into buf (at least 20 bytes) and return it. */
#define CIVIL_BUF 24
char *civil_format_date(int64_t day, char *buf); /* YYYY-MM-DD */
char *civil_format_local(int64_t t, char *buf);  /* YYYY-MM-DD HH:MM */
char *civil_format_portal(int64_t t, char *buf); /* yyyyMMddHHmmss */

#endif
