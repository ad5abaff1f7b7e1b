/*
 * holidays.h - public holidays as versioned data.
 *
 * The law changes which days are holidays, so the rules are data
 * (data/holiday-rules.json, parsed by io/holiday_rules.c): a list of rule
 * sets, each valid from a year until the next one begins. This module
 * turns the rule set of a year into the list of days off for that year,
 * with the compensatory days the law gives when a holiday falls on a
 * weekend. It knows nothing about overrides or office hours (calendar.h).
 *
 * The Government decides each year's days off for civil servants, which
 * often differ from the rule (Tết moved, a Saturday worked to bridge a
 * holiday). Those decisions are data too (data/holiday-decisions.json,
 * parsed by io/holiday_decisions.c): a year they cover uses them and not
 * the rule.
 */
#ifndef MC_CORE_HOLIDAYS_H
#define MC_CORE_HOLIDAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* A fixed day of the solar or of the lunar calendar. */
struct holiday_fixed {
	int month, day;
	char *name;
};

/* A solar holiday that brings one adjacent day off (2/9 since 2021). The
 * day before is taken when the holiday falls on a weekday listed in
 * before_on (bit 1 Monday ... bit 7 Sunday), the day after otherwise. */
struct holiday_adjacent {
	int month, day;
	unsigned before_on;
	char *name;
};

struct holiday_rule_set {
	int from_year; /* valid from 1 January of this year */
	char *source;  /* the legal basis, for people */
	struct holiday_fixed *solar;
	size_t n_solar, cap_solar;
	struct holiday_fixed *lunar;
	size_t n_lunar, cap_lunar;
	struct holiday_adjacent *adjacent;
	size_t n_adjacent, cap_adjacent;
	/* Tết: tet_days days starting tet_first days from 1/1 lunar (-1 is
	 * the last day of the old year); tet_days 0 means none. */
	int tet_first, tet_days;
	char *tet_name;
	bool compensatory;         /* a holiday on a weekend gives a day off */
	char *compensatory_prefix; /* "Nghỉ bù" */
};

struct holiday_rules {
	struct holiday_rule_set *sets; /* ascending from_year */
	size_t n, cap;
};

/* One day off that the rules give. */
struct holiday_day {
	int64_t day;
	bool compensatory;
	int64_t for_day; /* the holiday a compensatory day makes up for */
	char name[96];
};

/* A document that decides days off: a ministry's notice, a letter of the
 * Government Office, or the Labour Code itself for a holiday that had no
 * special decision (law). */
struct holiday_notice {
	char *id;     /* "5015/TB-LĐTBXH" */
	char *title;  /* for people */
	char *issuer; /* "Bộ Lao động - Thương binh và Xã hội" */
	char *date;   /* "YYYY-MM-DD", "YYYY-MM" or "YYYY" as the source
			 gives it; NULL when no source gave it */
	char *source; /* where it was read */
	bool law;
};

/* One holiday break of a decided year, e.g. Tết 2024. */
struct holiday_block {
	int year;
	char *name;    /* "Tết Nguyên đán" */
	size_t notice; /* index into notices */
};

/* One day a decision fixes: a day off, or a weekend day worked. */
struct holiday_decision_day {
	int64_t day;
	bool working;
	/* A working day: the weekday given off in exchange; a weekday off
	 * given for a weekend day worked: that day; otherwise 0. */
	int64_t swap;
	size_t block; /* index into blocks */
};

struct holiday_decisions {
	struct holiday_notice *notices;
	size_t n_notices, cap_notices;
	struct holiday_block *blocks;
	size_t n_blocks, cap_blocks;
	struct holiday_decision_day *days; /* ascending, one per day */
	size_t n_days, cap_days;
	int *years; /* the years decided, ascending */
	size_t n_years, cap_years;
};

/* Whether `year` is decided: its days off are the decision's alone. */
bool holiday_decisions_cover(const struct holiday_decisions *d, int year);
/* The decision's entry for `day`, or NULL. */
const struct holiday_decision_day *
holiday_decisions_day(const struct holiday_decisions *d, int64_t day);
/* The notice behind a decision day. */
const struct holiday_notice *
holiday_decisions_notice(const struct holiday_decisions *d,
			 const struct holiday_decision_day *dd);

/* The rule set in force in `year`: the last one whose from_year <= year;
 * years before the first set use the first (older law is not modelled).
 * NULL when there are no rule sets. */
const struct holiday_rule_set *
holiday_rules_for_year(const struct holiday_rules *r, int year);

/* Days off that the rules give in solar year `year`, in date order, with
 * compensatory days; `lunar` false leaves out Tết and the lunar holidays
 * (used outside the lunar calendar's range). The caller frees *out. */
enum mc_code holidays_of_year(const struct holiday_rules *r, int year,
			      bool lunar, struct holiday_day **out, size_t *n,
			      struct mc_err *err);

#endif
