/*
 * calendar.c - working days and working time (see calendar.h).
 *
 * Day kinds come from layers, later ones winning: weekends; the holiday
 * rules of the year (holidays.c, which needs the lunar calendar) unless
 * the Government's decisions cover the year; the decisions' days (a
 * decided year's own, and a neighbour's that reach into it, such as a
 * 31 December swapped for the next year's Tết Dương lịch); administrator
 * overrides. Computing a year's holidays costs some
 * thirty new moons, so each year 1900-2100 is computed once into a
 * per-calendar cache and looked up in O(1) after that; adding an override
 * drops the cached year it touches. Years outside the lunar calendar's
 * range are computed per call from weekends, solar holidays and overrides.
 *
 * Working time walks the days one at a time. That is linear in the length
 * of the interval, which the 3650-day cap on limits keeps small.
 */
#include "core/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/holidays.h"

#define YEARS (CALENDAR_LAST_YEAR - CALENDAR_FIRST_YEAR + 1)
#define HOURS_PER_DAY 8
#define SEARCH_DAYS 36525 /* give up looking for working time after this */

static void drop_year(struct calendar *cal, int idx);

void calendar_init(struct calendar *cal, const struct holiday_rules *rules)
{
	memset(cal, 0, sizeof(*cal));
	cal->rules = rules;
}

void calendar_use_decisions(struct calendar *cal,
			    const struct holiday_decisions *d)
{
	for (int i = 0; i < YEARS; i++)
		drop_year(cal, i);
	cal->decisions = d;
}

static void drop_year(struct calendar *cal, int idx)
{
	if (cal->names[idx]) {
		int64_t lo = civil_days(CALENDAR_FIRST_YEAR + idx, 1, 1);
		int64_t n =
			civil_days(CALENDAR_FIRST_YEAR + idx + 1, 1, 1) - lo;
		for (int64_t i = 0; i < n; i++)
			free(cal->names[idx][i]);
	}
	free(cal->kinds[idx]);
	free(cal->names[idx]);
	free(cal->made_up[idx]);
	free(cal->sources[idx]);
	cal->kinds[idx] = NULL;
	cal->names[idx] = NULL;
	cal->made_up[idx] = NULL;
	cal->sources[idx] = NULL;
}

void calendar_release(struct calendar *cal)
{
	for (int i = 0; i < YEARS; i++)
		drop_year(cal, i);
	for (size_t i = 0; i < cal->n_overrides; i++)
		free(cal->overrides[i].name);
	free(cal->overrides);
	memset(cal, 0, sizeof(*cal));
}

static int year_of(int64_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return y;
}

/* Index of the first override on or after `day`. */
static size_t override_at(const struct calendar *cal, int64_t day)
{
	size_t lo = 0, hi = cal->n_overrides;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->overrides[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct calendar_override *find_override(const struct calendar *cal,
						     int64_t day)
{
	size_t i = override_at(cal, day);
	if (i < cal->n_overrides && cal->overrides[i].day == day)
		return &cal->overrides[i];
	return NULL;
}

enum mc_code calendar_add_override(struct calendar *cal,
				   const struct calendar_override *o,
				   struct mc_err *err)
{
	int y = year_of(o->day);
	if (y < 1 || y > 9998)
		return mc_fail(err, MC_ERR_INPUT, "day",
			       "day: override date is out of range");
	size_t i = override_at(cal, o->day);
	if (i == cal->n_overrides || cal->overrides[i].day != o->day) {
		if (!ARRAY_PUSH(cal->overrides, cal->n_overrides,
				cal->cap_overrides))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		memmove(&cal->overrides[i + 1], &cal->overrides[i],
			(cal->n_overrides - 1 - i) * sizeof(cal->overrides[0]));
		cal->overrides[i] = (struct calendar_override){.day = o->day};
	}
	/* The same day again replaces the earlier row. */
	if (!str_set(&cal->overrides[i].name, o->name))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	cal->overrides[i].working = o->working;
	if (y >= CALENDAR_FIRST_YEAR && y <= CALENDAR_LAST_YEAR)
		drop_year(cal, y - CALENDAR_FIRST_YEAR);
	return MC_OK;
}

static enum day_kind override_kind(const struct calendar_override *o)
{
	return o->working ? DAY_SWAPPED_WORKING : DAY_EXTRA_OFF;
}

static enum day_kind weekday_kind(int64_t day)
{
	return civil_weekday(day) >= 6 ? DAY_WEEKEND : DAY_WORKING;
}

static enum day_kind decision_kind(const struct holiday_decision_day *dd)
{
	if (dd->working)
		return DAY_SWAPPED_WORKING;
	return dd->swap ? DAY_SWAPPED_OFF : DAY_HOLIDAY;
}

/* One day of the cache at index k of year idx. */
static bool set_day(struct calendar *cal, int idx, int64_t k,
		    enum day_kind kind, enum day_source src, int64_t made_up,
		    const char *name)
{
	cal->kinds[idx][k] = (unsigned char)kind;
	cal->sources[idx][k] = (unsigned char)src;
	cal->made_up[idx][k] = made_up;
	return str_set(&cal->names[idx][k], name);
}

/* The rules' days of year y, unless the decisions cover it. */
static bool fill_rules(struct calendar *cal, int idx, int y, int64_t lo)
{
	struct holiday_day *hd = NULL;
	size_t nh = 0;
	bool ok = true;
	if (holiday_decisions_cover(cal->decisions, y))
		return true;
	if (holidays_of_year(cal->rules, y, true, &hd, &nh, NULL) != MC_OK)
		return false;
	for (size_t i = 0; ok && i < nh; i++)
		ok = set_day(
			cal, idx, hd[i].day - lo,
			hd[i].compensatory ? DAY_COMPENSATORY : DAY_HOLIDAY,
			DAY_SOURCE_RULE, hd[i].compensatory ? hd[i].for_day : 0,
			hd[i].name);
	free(hd);
	return ok;
}

/* The decisions' days that fall in [lo, lo + n). */
static bool fill_decisions(struct calendar *cal, int idx, int64_t lo, int64_t n)
{
	const struct holiday_decisions *d = cal->decisions;
	bool ok = true;
	for (size_t i = 0; ok && d && i < d->n_days; i++) {
		const struct holiday_decision_day *dd = &d->days[i];
		if (dd->day < lo || dd->day >= lo + n)
			continue;
		ok = set_day(cal, idx, dd->day - lo, decision_kind(dd),
			     DAY_SOURCE_DECISION, 0, d->blocks[dd->block].name);
	}
	return ok;
}

/* Fill the cache of year index idx; false on OOM (nothing is kept). */
static bool fill_year(struct calendar *cal, int idx)
{
	int y = CALENDAR_FIRST_YEAR + idx;
	int64_t lo = civil_days(y, 1, 1), n = civil_days(y + 1, 1, 1) - lo;
	bool ok;

	cal->kinds[idx] = malloc((size_t)n);
	cal->sources[idx] = calloc((size_t)n, 1);
	cal->names[idx] = calloc((size_t)n, sizeof(char *));
	cal->made_up[idx] = calloc((size_t)n, sizeof(int64_t));
	ok = cal->kinds[idx] && cal->sources[idx] && cal->names[idx] &&
	     cal->made_up[idx];
	for (int64_t i = 0; ok && i < n; i++)
		cal->kinds[idx][i] = (unsigned char)weekday_kind(lo + i);
	ok = ok && fill_rules(cal, idx, y, lo) &&
	     fill_decisions(cal, idx, lo, n);
	for (size_t i = override_at(cal, lo);
	     ok && i < cal->n_overrides && cal->overrides[i].day < lo + n; i++)
		ok = set_day(cal, idx, cal->overrides[i].day - lo,
			     override_kind(&cal->overrides[i]),
			     DAY_SOURCE_ADMIN, 0, cal->overrides[i].name);
	if (!ok)
		drop_year(cal, idx);
	return ok;
}

/* Outside the cache: weekends, solar holidays, overrides. Names are
 * borrowed from the rules and the overrides. */
static enum day_kind kind_uncached(struct calendar *cal, int64_t day,
				   const char **name, enum day_source *src)
{
	const struct calendar_override *o = find_override(cal, day);
	int y, m, d;

	*name = NULL;
	*src = o ? DAY_SOURCE_ADMIN : DAY_SOURCE_RULE;
	if (o) {
		*name = o->name;
		return override_kind(o);
	}
	civil_from_days(day, &y, &m, &d);
	const struct holiday_rule_set *s =
		holiday_rules_for_year(cal->rules, y);
	for (size_t i = 0; s && i < s->n_solar; i++) {
		if (s->solar[i].month == m && s->solar[i].day == d) {
			*name = s->solar[i].name;
			return DAY_HOLIDAY;
		}
	}
	*src = DAY_SOURCE_NONE;
	return weekday_kind(day);
}

static enum day_kind day_info(struct calendar *cal, int64_t day,
			      const char **name, enum day_source *src)
{
	int y = year_of(day);
	int idx = y - CALENDAR_FIRST_YEAR;

	/* Out of memory for the cache degrades to the solar-only answer
	 * rather than failing a lookup that has no error channel. */
	if (idx < 0 || idx >= YEARS ||
	    (!cal->kinds[idx] && !fill_year(cal, idx)))
		return kind_uncached(cal, day, name, src);
	int64_t k = day - civil_days(y, 1, 1);
	*name = cal->names[idx][k];
	*src = (enum day_source)cal->sources[idx][k];
	return (enum day_kind)cal->kinds[idx][k];
}

enum day_kind calendar_day_kind(struct calendar *cal, int64_t day,
				const char **name)
{
	const char *unused;
	enum day_source src;
	return day_info(cal, day, name ? name : &unused, &src);
}

const char *day_source_key(enum day_source s)
{
	switch (s) {
	case DAY_SOURCE_NONE: return "none";
	case DAY_SOURCE_RULE: return "rule";
	case DAY_SOURCE_DECISION: return "decision";
	case DAY_SOURCE_ADMIN: return "admin";
	}
	return "?";
}

static void cite_decision(struct calendar *cal, int64_t day, char *buf,
			  size_t size)
{
	const struct holiday_decision_day *dd =
		holiday_decisions_day(cal->decisions, day);
	const struct holiday_notice *n =
		dd ? holiday_decisions_notice(cal->decisions, dd) : NULL;
	if (!n)
		snprintf(buf, size, "decision");
	else if (n->law)
		snprintf(buf, size, "Labour Code: %s (no special decision)",
			 n->id);
	else
		snprintf(buf, size, "decision: %s (%s%s%s)", n->id, n->issuer,
			 n->date ? ", " : "", n->date ? n->date : "");
}

enum day_source calendar_day_source(struct calendar *cal, int64_t day,
				    char *buf, size_t size)
{
	const char *name;
	enum day_source src;
	int y, m, d;
	day_info(cal, day, &name, &src);
	if (!buf || size == 0)
		return src;
	buf[0] = '\0';
	if (src == DAY_SOURCE_DECISION)
		cite_decision(cal, day, buf, size);
	else if (src == DAY_SOURCE_ADMIN)
		snprintf(buf, size, "administrator row");
	else if (src == DAY_SOURCE_RULE) {
		civil_from_days(day, &y, &m, &d);
		const struct holiday_rule_set *s =
			holiday_rules_for_year(cal->rules, y);
		snprintf(buf, size, "rule: %s",
			 s && s->source ? s->source : "holiday rules");
	}
	return src;
}

bool calendar_is_working(struct calendar *cal, int64_t day)
{
	enum day_kind k = calendar_day_kind(cal, day, NULL);
	return k == DAY_WORKING || k == DAY_SWAPPED_WORKING;
}

static int64_t made_up_for(struct calendar *cal, int64_t day)
{
	int y = year_of(day), idx = y - CALENDAR_FIRST_YEAR;
	if (idx < 0 || idx >= YEARS || !cal->made_up[idx])
		return 0;
	return cal->made_up[idx][day - civil_days(y, 1, 1)];
}

/* A swapped day: the decision names the day it is exchanged with. */
static void swapped_why(struct calendar *cal, int64_t day, enum day_kind k,
			const char *name, char *buf, size_t size)
{
	const struct holiday_decision_day *dd = NULL;
	char other[CIVIL_BUF];
	enum day_source src;
	const char *unused;
	day_info(cal, day, &unused, &src);
	if (src == DAY_SOURCE_DECISION)
		dd = holiday_decisions_day(cal->decisions, day);
	if (!dd || !dd->swap) {
		snprintf(buf, size, "%s%s%s",
			 k == DAY_SWAPPED_OFF ? "day off"
					      : "swapped working day",
			 str_empty(name) ? "" : ": ", str_or_empty(name));
		return;
	}
	civil_format_date(dd->swap, other);
	if (k == DAY_SWAPPED_OFF)
		snprintf(buf, size, "day off (%s) in exchange for %s worked",
			 str_or_empty(name), other);
	else
		snprintf(buf, size,
			 "swapped working day (%s) in exchange for %s off",
			 str_or_empty(name), other);
}

void calendar_day_why(struct calendar *cal, int64_t day, char *buf, size_t size)
{
	const char *name;
	enum day_kind k = calendar_day_kind(cal, day, &name);
	int y, m, d;

	switch (k) {
	case DAY_WORKING: snprintf(buf, size, "working day"); break;
	case DAY_WEEKEND:
		snprintf(buf, size, "%s",
			 civil_weekday(day) == 6 ? "Saturday" : "Sunday");
		break;
	case DAY_HOLIDAY: snprintf(buf, size, "%s", str_or_empty(name)); break;
	case DAY_COMPENSATORY:
		civil_from_days(made_up_for(cal, day), &y, &m, &d);
		snprintf(buf, size, "compensatory day for %d/%d (%s)", d, m,
			 str_or_empty(name));
		break;
	case DAY_EXTRA_OFF:
		snprintf(buf, size, "extra day off%s%s",
			 str_empty(name) ? "" : ": ", str_or_empty(name));
		break;
	case DAY_SWAPPED_WORKING:
	case DAY_SWAPPED_OFF: swapped_why(cal, day, k, name, buf, size); break;
	}
}

enum mc_code calendar_year_days(struct calendar *cal, int year,
				struct calendar_day **out, size_t *n,
				struct mc_err *err)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR)
		return mc_fail(err, MC_ERR_INPUT, "year",
			       "year: %d is outside %d-%d", year,
			       CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
	int64_t end = civil_days(year + 1, 1, 1);
	for (int64_t day = civil_days(year, 1, 1); day < end; day++) {
		const char *name;
		enum day_kind k = calendar_day_kind(cal, day, &name);
		if (k == DAY_WORKING || k == DAY_WEEKEND)
			continue;
		struct calendar_day *cd = ARRAY_PUSH(*out, *n, cap);
		if (!cd) {
			free(*out);
			*out = NULL;
			*n = 0;
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		}
		cd->day = day;
		cd->kind = k;
		snprintf(cd->name, sizeof(cd->name), "%s", str_or_empty(name));
		cd->source = calendar_day_source(cal, day, cd->cite,
						 sizeof(cd->cite));
	}
	return MC_OK;
}

/* ---- office hours ---- */

void office_hours_default(struct office_hours *oh)
{
	*oh = (struct office_hours){
		.n = 2,
		.span = {{7 * 3600, 11 * 3600 + 1800},
			 {13 * 3600 + 1800, 17 * 3600}},
	};
}

/* "HH:MM" at s; 24:00 only when `end`. */
static bool parse_clock(const char *s, bool end, int *sec)
{
	for (int i = 0; i < 5; i++)
		if (i == 2 ? s[i] != ':' : (s[i] < '0' || s[i] > '9'))
			return false;
	int h = (s[0] - '0') * 10 + (s[1] - '0');
	int m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end)))
		return false;
	*sec = h * 3600 + m * 60;
	return true;
}

enum mc_code office_hours_parse(const char *s, struct office_hours *oh,
				const char *field, struct mc_err *err)
{
	struct office_hours r = {0};
	const char *p = s;
	const char *form =
		"HH:MM-HH:MM[,HH:MM-HH:MM] (up to 4 ascending spans)";

	if (!p || !*p)
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: is empty; expected %s", field, form);
	for (;;) {
		int a, b;
		if (r.n == 4 || strlen(p) < 11 || !parse_clock(p, false, &a) ||
		    p[5] != '-' || !parse_clock(p + 6, true, &b))
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: \"%.40s\" is not %s", field, s,
				       form);
		if (b <= a || (r.n && a < r.span[r.n - 1].end))
			return mc_fail(
				err, MC_ERR_INPUT, field,
				"%s: \"%.40s\": spans must be non-empty, "
				"ascending and not overlapping",
				field, s);
		r.span[r.n].start = a;
		r.span[r.n].end = b;
		r.n++;
		p += 11;
		if (*p == '\0')
			break;
		if (*p++ != ',')
			return mc_fail(err, MC_ERR_INPUT, field,
				       "%s: \"%.40s\" is not %s", field, s,
				       form);
	}
	*oh = r;
	return MC_OK;
}

/* ---- working time ---- */

int64_t calendar_working_seconds(struct calendar *cal,
				 const struct office_hours *oh, int64_t from,
				 int64_t to)
{
	int64_t total = 0;
	if (to <= from || !oh)
		return 0;
	int64_t last = civil_local_day(to - 1);
	for (int64_t d = civil_local_day(from); d <= last; d++) {
		if (!calendar_is_working(cal, d))
			continue;
		for (int i = 0; i < oh->n; i++) {
			int64_t s = civil_time_at(d, oh->span[i].start);
			int64_t e = civil_time_at(d, oh->span[i].end);
			if (s < from)
				s = from;
			if (e > to)
				e = to;
			if (e > s)
				total += e - s;
		}
	}
	return total;
}

int64_t calendar_add_working(struct calendar *cal,
			     const struct office_hours *oh, int64_t t,
			     int64_t seconds)
{
	int64_t d = civil_local_day(t);
	if (seconds < 0)
		seconds = 0;
	for (int n = 0; oh && n < SEARCH_DAYS; n++, d++) {
		if (!calendar_is_working(cal, d))
			continue;
		for (int i = 0; i < oh->n; i++) {
			int64_t s = civil_time_at(d, oh->span[i].start);
			int64_t e = civil_time_at(d, oh->span[i].end);
			if (s < t)
				s = t;
			if (e <= s)
				continue;
			if (seconds <= e - s)
				return s + seconds;
			seconds -= e - s;
		}
	}
	return MC_NO_TIME;
}

/* ---- due dates ---- */

void due_explain_release(struct due_explain *ex)
{
	if (!ex)
		return;
	free(ex->steps);
	ex->steps = NULL;
	ex->n = ex->cap = 0;
}

static bool add_step(struct calendar *cal, struct due_explain *ex, int64_t day,
		     int64_t counted, const char *note)
{
	struct due_step *st = ARRAY_PUSH(ex->steps, ex->n, ex->cap);
	char why[128], cite[192];
	if (!st)
		return false;
	st->day = day;
	st->kind = calendar_day_kind(cal, day, NULL);
	st->seconds_counted = (int)counted;
	st->source = calendar_day_source(cal, day, cite, sizeof(cite));
	calendar_day_why(cal, day, why, sizeof(why));
	snprintf(st->why, sizeof(st->why), "%s%s%s%s%s%s", why,
		 note ? ", " : "", note ? note : "", cite[0] ? " [" : "", cite,
		 cite[0] ? "]" : "");
	return true;
}

/* One step per day from the received day to the due day. */
static bool explain_working(struct calendar *cal, const struct office_hours *oh,
			    int64_t received, int64_t due,
			    struct due_explain *ex)
{
	int64_t last = civil_local_day(due);
	for (int64_t d = civil_local_day(received); d <= last; d++) {
		char note[64];
		int64_t lo = civil_time_at(d, 0), hi = civil_time_at(d + 1, 0);
		int64_t c = calendar_working_seconds(
			cal, oh, lo < received ? received : lo,
			hi > due ? due : hi);
		bool working = calendar_is_working(cal, d);
		bool late =
			d == civil_local_day(received) && working && c == 0 &&
			civil_local_second(received) >= oh->span[oh->n - 1].end;
		if (late)
			snprintf(
				note, sizeof(note),
				"received after office hours, nothing counted");
		else
			snprintf(note, sizeof(note), "counted %dh%02d",
				 (int)(c / 3600), (int)(c % 3600 / 60));
		if (!add_step(cal, ex, d, c, working ? note : "skipped"))
			return false;
	}
	return true;
}

static bool explain_calendar(struct calendar *cal, int64_t received, int value,
			     int64_t target, int64_t due,
			     struct due_explain *ex)
{
	int64_t first = civil_local_day(received);
	for (int64_t d = first + 1; d <= civil_local_day(due); d++) {
		char note[64];
		int64_t i = d - first;
		bool counted = d <= civil_local_day(target);
		if (counted)
			snprintf(note, sizeof(note), "calendar day %lld of %d",
				 (long long)i, value);
		else
			snprintf(note, sizeof(note), "%s",
				 calendar_is_working(cal, d)
					 ? "next working day, due at opening"
					 : "limit ends on a day off, moved on");
		if (!add_step(cal, ex, d, 0, note))
			return false;
	}
	return true;
}

/* Calendar days: the same clock time `value` days later; a day off moves
 * it to the opening of the next working day. */
static int64_t due_calendar(struct calendar *cal, const struct office_hours *oh,
			    int64_t target)
{
	int64_t d = civil_local_day(target);
	if (calendar_is_working(cal, d))
		return target;
	for (int n = 0; n < SEARCH_DAYS; n++)
		if (calendar_is_working(cal, ++d))
			return civil_time_at(d, oh->span[0].start);
	return MC_NO_TIME;
}

enum mc_code calendar_due(struct calendar *cal, const struct office_hours *oh,
			  int64_t received, int value, enum limit_unit unit,
			  int64_t *due, struct due_explain *ex,
			  struct mc_err *err)
{
	int64_t t, target = 0;
	if (value < 0 || value > CALENDAR_MAX_LIMIT)
		return mc_fail(err, MC_ERR_INPUT, "time_limit",
			       "time_limit: %d is outside 0-%d", value,
			       CALENDAR_MAX_LIMIT);
	if (!oh || oh->n < 1 || oh->n > 4)
		return mc_fail(err, MC_ERR_INPUT, "office_hours",
			       "office_hours: no office hours are set");
	if (received == MC_NO_TIME)
		return mc_fail(err, MC_ERR_INPUT, "received",
			       "received: no time given");
	if (unit == LIMIT_CALENDAR_DAYS) {
		target = received + (int64_t)value * 86400;
		t = due_calendar(cal, oh, target);
	} else {
		int64_t per = unit == LIMIT_WORKING_DAYS ? HOURS_PER_DAY * 3600
							 : 3600;
		t = calendar_add_working(cal, oh, received, value * per);
	}
	if (t == MC_NO_TIME)
		return mc_fail(err, MC_ERR_RULE, "time_limit",
			       "time_limit: no working time found to end it");
	bool ok = !ex || (unit == LIMIT_CALENDAR_DAYS
				  ? explain_calendar(cal, received, value,
						     target, t, ex)
				  : explain_working(cal, oh, received, t, ex));
	if (!ok)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	*due = t;
	return MC_OK;
}
