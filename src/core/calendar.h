/*
 * calendar.h - working days and working time.
 *
 * A calendar knows which days are off: weekends, the Government's
 * published decisions for the years they cover (days off and Saturdays
 * worked, each with its notice), the public holidays that the holiday
 * rules give for the other years (solar and lunar, with compensatory days
 * when a holiday falls on a weekend), and administrator overrides that
 * declare an extra day off or a swapped working day; overrides win over
 * both. Every day knows where it comes from (enum day_source).
 * On top of that, office hours turn a received time and a legal limit into
 * a due time, and measure the working time between two instants.
 */
#ifndef MC_CORE_CALENDAR_H
#define MC_CORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/str.h"

enum day_kind {
	DAY_WORKING,
	DAY_WEEKEND,
	DAY_HOLIDAY,         /* a public holiday from the rules */
	DAY_COMPENSATORY,    /* off because a holiday fell on a weekend */
	DAY_EXTRA_OFF,       /* an administrator's added day off */
	DAY_SWAPPED_WORKING, /* a weekend day made working (decision or row) */
	DAY_SWAPPED_OFF      /* a weekday off for a weekend day worked */
};

/* Where a day's kind comes from. */
enum day_source {
	DAY_SOURCE_NONE, /* a plain working day or weekend */
	DAY_SOURCE_RULE, /* data/holiday-rules.json, for an undecided year */
	DAY_SOURCE_DECISION, /* data/holiday-decisions.json: a notice */
	DAY_SOURCE_ADMIN     /* an administrator row (calendar set) */
};

/* An administrator's row: a day declared off or declared working. */
struct calendar_override {
	int64_t day; /* civil day number */
	bool working;
	char *name;
};

/* A day off with the reason, as `calendar holidays` prints it. */
struct calendar_day {
	int64_t day;
	enum day_kind kind;
	enum day_source source;
	char name[96];
	char cite[192]; /* the source for people, calendar_day_source */
};

/* Office hours: up to four spans of [start, end) seconds of the local day,
 * ascending. Default 07:00-11:30 and 13:30-17:00 (8 hours). */
struct office_hours {
	int n;
	struct {
		int start, end;
	} span[4];
};

enum limit_unit {
	LIMIT_WORKING_DAYS,
	LIMIT_CALENDAR_DAYS,
	LIMIT_WORKING_HOURS
};

/* Holiday rules and decisions: versioned data (data/holiday-rules.json,
 * data/holiday-decisions.json), never code. */
struct holiday_rules;
struct holiday_decisions;

struct calendar {
	const struct holiday_rules *rules;         /* borrowed */
	const struct holiday_decisions *decisions; /* borrowed, may be NULL */
	struct calendar_override *overrides;       /* sorted by day */
	size_t n_overrides, cap_overrides;
	/* Per-year cache of day kinds, filled on first use of a year. */
	unsigned char *kinds[201]; /* years 1900..2100 */
	char **names[201];
	int64_t *made_up[201];       /* a compensatory day's holiday, else 0 */
	unsigned char *sources[201]; /* enum day_source */
};

#define CALENDAR_FIRST_YEAR 1900
#define CALENDAR_LAST_YEAR 2100
/* Guard on limits: more than ten years is a data error. */
#define CALENDAR_MAX_LIMIT 3650

void calendar_init(struct calendar *cal, const struct holiday_rules *rules);
/* Use the Government's decisions (NULL: the rules alone). A year they
 * cover takes its days off from them and not from the rules. */
void calendar_use_decisions(struct calendar *cal,
			    const struct holiday_decisions *d);
void calendar_release(struct calendar *cal);
enum mc_code calendar_add_override(struct calendar *cal,
				   const struct calendar_override *o,
				   struct mc_err *err);

/* The kind of a civil day, and the name of the holiday when it has one
 * (NULL for plain working days and weekends). Outside 1900-2100 only
 * weekends, solar holidays and overrides count. The name stays valid
 * until the next calendar_add_override or calendar_release. */
enum day_kind calendar_day_kind(struct calendar *cal, int64_t day,
				const char **name);
/* Why a day is off or working, for people: "Saturday", "Tết Nguyên đán",
 * "compensatory day for 30/4 (Nghỉ bù Ngày Chiến thắng)", ... */
void calendar_day_why(struct calendar *cal, int64_t day, char *buf,
		      size_t size);
bool calendar_is_working(struct calendar *cal, int64_t day);
/* Where the day's kind comes from, and for people (when buf is not NULL):
 * "decision: Thông báo 5015/TB-LĐTBXH (Bộ Lao động - Thương binh và Xã
 * hội, 2023-11-22)", "Labour Code: BLLĐ 2019 điều 112 (no special
 * decision)", "rule: Bộ luật Lao động 2019, điều 112", "administrator
 * row"; "" for a plain day. */
enum day_source calendar_day_source(struct calendar *cal, int64_t day,
				    char *buf, size_t size);
const char *day_source_key(enum day_source s); /* "decision", ... */

/* Every day off in `year` that is not a plain weekend, in date order,
 * plus the swapped working days; the caller frees *out. */
enum mc_code calendar_year_days(struct calendar *cal, int year,
				struct calendar_day **out, size_t *n,
				struct mc_err *err);

void office_hours_default(struct office_hours *oh);
/* Parse "07:00-11:30,13:30-17:00". */
enum mc_code office_hours_parse(const char *s, struct office_hours *oh,
				const char *field, struct mc_err *err);

/* One line of a due-date explanation: a day counted or skipped and why. */
struct due_step {
	int64_t day;
	enum day_kind kind;
	enum day_source source;
	int seconds_counted; /* working seconds taken from this day */
	char why[384];       /* why, what was counted, and the source */
};
struct due_explain {
	struct due_step *steps;
	size_t n, cap;
};
void due_explain_release(struct due_explain *ex);

/* Due time for a dossier received at `received` with a limit of `value`
 * units (0-3650; otherwise MC_ERR_INPUT naming "time_limit"). Working days
 * count 8 working hours each from the received time (after hours starts the
 * next working morning); calendar days end on the same clock time `value` days
 * later, moved to the next working day when that is not one. `ex` may be NULL.
 */
enum mc_code calendar_due(struct calendar *cal, const struct office_hours *oh,
			  int64_t received, int value, enum limit_unit unit,
			  int64_t *due, struct due_explain *ex,
			  struct mc_err *err);

/* Working seconds in [from, to); 0 when to <= from. For any t and s >= 0,
 * calendar_working_seconds(t, calendar_add_working(t, s)) == s. */
int64_t calendar_working_seconds(struct calendar *cal,
				 const struct office_hours *oh, int64_t from,
				 int64_t to);
/* The instant `seconds` working seconds after t: the earliest instant at
 * which that much working time has passed, so 0 gives the first working
 * instant at or after t. MC_NO_TIME when no working time is found within
 * a century (no office hours, every day off). */
int64_t calendar_add_working(struct calendar *cal,
			     const struct office_hours *oh, int64_t t,
			     int64_t seconds);

#endif
