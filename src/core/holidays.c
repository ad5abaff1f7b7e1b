/*
 * holidays.c - the days off that a year's holiday rule set gives (see
 * holidays.h).
 *
 * Compensatory days follow the Labour Code (2019 art. 112(3), and the
 * codes before it): a holiday that falls on the weekly rest day gives the
 * next working day off. Holidays are settled in date order, so two
 * weekend holidays in a row (30/4 Saturday, 1/5 Sunday) give two weekdays
 * in a row; a compensatory day never lands on another holiday.
 */
#include "core/holidays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/lunar.h"
#include "core/str.h"

/* Days a compensatory search may run past 31 December. */
#define SPILL 32

const struct holiday_rule_set *
holiday_rules_for_year(const struct holiday_rules *r, int year)
{
	const struct holiday_rule_set *best = NULL;
	if (!r || r->n == 0)
		return NULL;
	for (size_t i = 0; i < r->n; i++)
		if (r->sets[i].from_year <= year)
			best = &r->sets[i];
	return best ? best : &r->sets[0];
}

struct day_list {
	struct holiday_day *items;
	size_t n, cap;
};

static bool add_day(struct day_list *l, int64_t day, const char *name)
{
	struct holiday_day *h = ARRAY_PUSH(l->items, l->n, l->cap);
	if (!h)
		return false;
	h->day = day;
	h->for_day = day;
	snprintf(h->name, sizeof(h->name), "%s", str_or_empty(name));
	return true;
}

static bool is_weekend(int64_t day) { return civil_weekday(day) >= 6; }

static bool add_solar(struct day_list *l, const struct holiday_rule_set *s,
		      int year)
{
	for (size_t i = 0; i < s->n_solar; i++) {
		const struct holiday_fixed *f = &s->solar[i];
		if (!civil_valid(year, f->month, f->day))
			continue; /* 29/2 in a common year */
		if (!add_day(l, civil_days(year, f->month, f->day), f->name))
			return false;
	}
	for (size_t i = 0; i < s->n_adjacent; i++) {
		const struct holiday_adjacent *a = &s->adjacent[i];
		if (!civil_valid(year, a->month, a->day))
			continue;
		int64_t d = civil_days(year, a->month, a->day);
		bool before = a->before_on & (1u << civil_weekday(d));
		int64_t x = before ? d - 1 : d + 1;
		if (x < civil_days(year, 1, 1) ||
		    x >= civil_days(year + 1, 1, 1))
			continue; /* a 1/1 neighbour lies in another year */
		if (!add_day(l, x, a->name))
			return false;
	}
	return true;
}

/* Lunar holidays and Tết of the lunar years that overlap solar `year`,
 * kept when they fall inside it. */
static bool add_lunar(struct day_list *l, const struct holiday_rule_set *s,
		      int year)
{
	int64_t lo = civil_days(year, 1, 1), hi = civil_days(year + 1, 1, 1);
	for (int ly = year - 1; ly <= year + 1; ly++) {
		for (size_t i = 0; i < s->n_lunar; i++) {
			struct lunar_date ld = {ly, s->lunar[i].month,
						s->lunar[i].day, false};
			int64_t d = lunar_to_day(&ld);
			if (d != MC_NO_TIME && d >= lo && d < hi &&
			    !add_day(l, d, s->lunar[i].name))
				return false;
		}
		int64_t tet = lunar_new_year(ly);
		for (int i = 0; tet != MC_NO_TIME && i < s->tet_days; i++) {
			int64_t d = tet + s->tet_first + i;
			if (d >= lo && d < hi && !add_day(l, d, s->tet_name))
				return false;
		}
	}
	return true;
}

static int cmp_day(const void *a, const void *b)
{
	const struct holiday_day *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->compensatory - y->compensatory;
}

/* Sort and drop a second holiday on the same day (the first name wins). */
static void sort_unique(struct day_list *l)
{
	size_t w = 0;
	qsort(l->items, l->n, sizeof(l->items[0]), cmp_day);
	for (size_t i = 0; i < l->n; i++)
		if (w == 0 || l->items[w - 1].day != l->items[i].day)
			l->items[w++] = l->items[i];
	l->n = w;
}

static bool add_compensatory(struct day_list *l,
			     const struct holiday_rule_set *s, int year)
{
	int64_t lo = civil_days(year, 1, 1);
	size_t span = (size_t)(civil_days(year + 1, 1, 1) - lo) + SPILL;
	unsigned char taken[366 + SPILL] = {0};
	size_t n_holidays = l->n;

	for (size_t i = 0; i < n_holidays; i++)
		taken[l->items[i].day - lo] = 1;
	for (size_t i = 0; i < n_holidays; i++) {
		int64_t h = l->items[i].day;
		if (!is_weekend(h))
			continue;
		int64_t d = h + 1;
		while ((size_t)(d - lo) < span &&
		       (is_weekend(d) || taken[d - lo]))
			d++;
		if ((size_t)(d - lo) >= span - SPILL)
			continue; /* spills into next year: not in this list */
		taken[d - lo] = 1;
		char orig[sizeof(l->items[i].name)];
		memcpy(orig, l->items[i].name, sizeof(orig));
		if (!add_day(l, d, s->compensatory_prefix))
			return false;
		/* The parser keeps names short enough for both parts. */
		struct holiday_day *c = &l->items[l->n - 1];
		size_t len = strlen(c->name);
		snprintf(c->name + len, sizeof(c->name) - len, " %s", orig);
		l->items[l->n - 1].compensatory = true;
		l->items[l->n - 1].for_day = h;
	}
	return true;
}

enum mc_code holidays_of_year(const struct holiday_rules *r, int year,
			      bool lunar, struct holiday_day **out, size_t *n,
			      struct mc_err *err)
{
	struct day_list l = {0};
	const struct holiday_rule_set *s = holiday_rules_for_year(r, year);

	*out = NULL;
	*n = 0;
	if (year < 1 || year > 9998)
		return mc_fail(err, MC_ERR_INPUT, "year",
			       "year: %d is out of range", year);
	if (!s)
		return MC_OK;
	bool ok = add_solar(&l, s, year) && (!lunar || add_lunar(&l, s, year));
	if (ok) {
		sort_unique(&l);
		ok = !s->compensatory || add_compensatory(&l, s, year);
		sort_unique(&l);
	}
	if (!ok) {
		free(l.items);
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	*out = l.items;
	*n = l.n;
	return MC_OK;
}

/* ---- decisions ---- */

bool holiday_decisions_cover(const struct holiday_decisions *d, int year)
{
	size_t lo = 0, hi = d ? d->n_years : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->years[mid] == year)
			return true;
		if (d->years[mid] < year)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

const struct holiday_decision_day *
holiday_decisions_day(const struct holiday_decisions *d, int64_t day)
{
	size_t lo = 0, hi = d ? d->n_days : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->days[mid].day == day)
			return &d->days[mid];
		if (d->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct holiday_notice *
holiday_decisions_notice(const struct holiday_decisions *d,
			 const struct holiday_decision_day *dd)
{
	return &d->notices[d->blocks[dd->block].notice];
}
