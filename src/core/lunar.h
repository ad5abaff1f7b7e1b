/*
 * lunar.h - the Vietnamese lunisolar calendar, computed from astronomy:
 * new moons and the sun's longitude (solar terms) at UTC+7, after Meeus,
 * Astronomical Algorithms. Valid for solar years 1900-2100.
 */
#ifndef MC_CORE_LUNAR_H
#define MC_CORE_LUNAR_H

#include <stdbool.h>
#include <stdint.h>

struct lunar_date {
	int year;  /* the lunar year, named by the solar year Tết falls in */
	int month; /* 1-12 */
	int day;   /* 1-30 */
	bool leap; /* a leap (intercalary) month */
};

/* Lunar date of a civil day number (days since 1970-01-01). */
void lunar_from_day(int64_t day, struct lunar_date *out);
/* Civil day number of a lunar date; MC_NO_TIME when there is no such day
 * (day 30 of a 29-day month, a leap flag on a month that is not leap). */
int64_t lunar_to_day(const struct lunar_date *ld);
/* Day number of Tết (1/1 lunar) in solar year `year`. */
int64_t lunar_new_year(int year);

#endif
