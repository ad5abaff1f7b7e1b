/*
 * demo.c - `motcua demo`: the demo province from a seed (see demo.h and
 * docs/internals/demo.md). This file plans the year: how many filings
 * each day gets, of which procedure, at which unit, by which channel and
 * at what time; demo_dossier.c then lives each one. Everything goes into
 * one transaction.
 */
#include "demo/demo.h"

#include <stdlib.h>
#include <string.h>

#include "app/catalog.h"
#include "core/civil.h"
#include "demo/demo_int.h"

#define YEAR_DAYS 365

/* Filings per working day through the year, in percent: busier before
 * Tết and at the year's end, quieter in the Tết month. */
static const int month_factor[13] = {0,   115, 85, 105, 100, 100, 100,
				     105, 105, 95, 100, 105, 115};
/* Online registrations on a day off, per hundred of a working day's. */
#define OFF_DAY_FACTOR 4

/* A day's share of the filings; the snapshot's day only for the part
 * that has passed (working time by the default office hours, or the
 * online hours 06:00-23:00 of a day off), and nothing after it. */
#define FULL_DAY 1000
#define ONLINE_FROM (6 * 3600)
#define ONLINE_TO (23 * 3600)

static int64_t day_elapsed(struct calendar *cal, int64_t day, int64_t cut)
{
	int64_t start = civil_time_at(day, 0), next = civil_time_at(day + 1, 0);
	if (cut >= next - 1)
		return FULL_DAY;
	if (cut < start)
		return 0;
	if (!calendar_is_working(cal, day)) {
		int64_t in = cut + 1 - (start + ONLINE_FROM);
		in = in < 0                         ? 0
		     : in > ONLINE_TO - ONLINE_FROM ? ONLINE_TO - ONLINE_FROM
						    : in;
		return FULL_DAY * in / (ONLINE_TO - ONLINE_FROM);
	}
	struct office_hours oh;
	office_hours_default(&oh);
	int64_t all = calendar_working_seconds(cal, &oh, start, next);
	return all ? FULL_DAY *
			       calendar_working_seconds(cal, &oh, start,
							cut + 1) /
			       all
		   : 0;
}

static int64_t day_weight(struct calendar *cal, int64_t day, int64_t cut)
{
	int64_t part = day_elapsed(cal, day, cut);
	if (!calendar_is_working(cal, day))
		return OFF_DAY_FACTOR * part;
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return month_factor[m] * part;
}

/* ---- planning a filing ----------------------------------------------- */

static enum channel draw_channel(struct demo_rng *r, const struct procedure *p,
				 int64_t day, bool working, double growth)
{
	if (procedure_online_only_on(p, day) ||
	    (!working && p->online_level != ONLINE_NONE))
		return CHANNEL_ONLINE;
	double online = p->online_level == ONLINE_FULL      ? 0.85
			: p->online_level == ONLINE_PARTIAL ? 0.61
							    : 0.0;
	if (online > 0 && demo_rng_chance(r, online + growth))
		return CHANNEL_ONLINE;
	return demo_rng_chance(r, 0.075) ? CHANNEL_POSTAL : CHANNEL_DIRECT;
}

/* Counter filings fall in office hours; online ones also in the evening
 * and on days off. Only before `end` (the next day, or just after the
 * snapshot); MC_NO_TIME when the unit had no time for it. */
static int64_t draw_time(struct demo_rng *r, struct calendar *cal,
			 const struct office_hours *oh, int64_t day,
			 int64_t end, bool working, enum channel ch)
{
	int64_t start = civil_time_at(day, 0);
	if (!working || (ch == CHANNEL_ONLINE && demo_rng_chance(r, 0.22))) {
		int64_t hi = end - start - 1;
		if (hi > ONLINE_TO - 1)
			hi = ONLINE_TO - 1;
		return hi < ONLINE_FROM
			       ? MC_NO_TIME
			       : start + demo_rng_range(r, ONLINE_FROM, hi);
	}
	int64_t w = calendar_working_seconds(cal, oh, start, end);
	if (w <= 0)
		return MC_NO_TIME;
	return calendar_add_working(cal, oh, start,
				    (int64_t)demo_rng_below(r, (uint64_t)w));
}

static void plan_one(struct demo_ctx *c, int64_t day, int64_t first,
		     bool working, uint32_t seq, struct demo_plan *pl)
{
	const struct demo_world *w = c->w;
	struct demo_rng r = demo_rng_for(c->seed, 2, seq);
	size_t pi = demo_pick(working ? &w->all_procs : &w->online_procs, &r);
	const struct demo_proc *dp = &w->procs[pi];
	size_t ui;
	if (dp->level == LEVEL_PROVINCE) /* or its merged successor */
		ui = demo_unit_on(w, dp->dept, day);
	else if (w->communes_merged != MC_NO_TIME && day >= w->communes_merged)
		ui = demo_pick(&w->merged_communes, &r);
	else
		ui = demo_pick(&w->level_units[dp->level], &r);
	/* online use grows through the year, as it did everywhere */
	double growth =
		0.08 * (2.0 * (double)(day - first) / (double)c->days - 1.0);
	pl->proc = (uint32_t)pi;
	pl->unit = (uint32_t)ui;
	pl->seq = seq;
	pl->channel = draw_channel(&r, &dp->p, day, working, growth);
	int64_t end = civil_time_at(day + 1, 0);
	if (end > c->cut + 1)
		end = c->cut + 1;
	pl->at = draw_time(&r, c->cal, &w->units[ui].oh, day, end, working,
			   pl->channel);
}

static int plan_cmp(const void *a, const void *b)
{
	const struct demo_plan *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- the year -------------------------------------------------------- */

/* One day's filings, planned, put in time order (so that each unit's
 * daily numbers follow the clock) and lived. */
static enum mc_code file_day(struct demo_ctx *c, int64_t day, int64_t first,
			     size_t n, uint32_t *seq, struct demo_plan **buf,
			     size_t *cap, struct mc_err *err)
{
	if (n > *cap) {
		struct demo_plan *nb = realloc(*buf, n * sizeof(*nb));
		if (!nb)
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		*buf = nb;
		*cap = n;
	}
	bool working = calendar_is_working(c->cal, day);
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		plan_one(c, day, first, working, (*seq)++, &(*buf)[kept]);
		/* a filing the snapshot's day had no time left for */
		kept += (*buf)[kept].at != MC_NO_TIME;
	}
	n = kept;
	if (n) /* qsort may not be given a null array */
		qsort(*buf, n, sizeof(**buf), plan_cmp);
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < n; i++)
		rc = demo_dossier_make(c, &(*buf)[i], err);
	return rc;
}

/* The year's total split over its days by weight, rounding on the
 * running sum so the days add up to exactly `total`. */
static enum mc_code file_year(struct demo_ctx *c, int64_t until, size_t total,
			      struct mc_err *err)
{
	int64_t first = until - (c->days - 1), sum = 0, done = 0;
	for (int64_t day = first; day <= until; day++)
		sum += day_weight(c->cal, day, c->cut);
	struct demo_plan *buf = NULL;
	size_t cap = 0;
	uint32_t seq = 0;
	int64_t cum = 0;
	enum mc_code rc = MC_OK;
	for (int64_t day = first; !rc && day <= until; day++) {
		cum += day_weight(c->cal, day, c->cut);
		int64_t upto = sum ? (int64_t)total * cum / sum : 0;
		rc = file_day(c, day, first, (size_t)(upto - done), &seq, &buf,
			      &cap, err);
		done = upto;
	}
	free(buf);
	return rc;
}

/* ---- catalogue into the store ---------------------------------------- */

/* Procedure dp's offers, where plan_one files it: a department's at the
 * department and its successors; a commune's at every commune (the
 * merged ones are communes too); a district's at every district and at
 * each merged commune, which takes over the district level. */
static size_t offers_of(const struct demo_world *w, const struct demo_proc *dp,
			struct procedure_offer *o, size_t cap)
{
	size_t n = 0;
	if (dp->level == LEVEL_PROVINCE) {
		for (ptrdiff_t i = (ptrdiff_t)dp->dept; i >= 0 && n < cap;
		     i = w->units[i].next)
			o[n++] =
				(struct procedure_offer){w->units[i].u.code, 0};
		return n;
	}
	o[n++] = (struct procedure_offer){NULL, (int)dp->level};
	if (dp->level == LEVEL_DISTRICT)
		for (size_t k = 0; k < w->merged_communes.n && n < cap; k++)
			o[n++] = (struct procedure_offer){
				w->units[w->merged_communes.idx[k]].u.code, 0};
	return n;
}

static enum mc_code put_offers(struct store *st, const struct demo_world *w,
			       struct mc_err *err)
{
	size_t cap = w->merged_communes.n + 8;
	struct procedure_offer *o = calloc(cap, sizeof(*o));
	if (!o)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < w->n_procs; i++) {
		size_t n = offers_of(w, &w->procs[i], o, cap);
		rc = store_offers_set(st, w->procs[i].p.code, o, n, err);
	}
	free(o);
	return rc;
}

static enum mc_code put_catalog(struct store *st, const struct demo_world *w,
				struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < w->n_units; i++)
		rc = store_unit_put(st, &w->units[i].u, err);
	for (size_t i = 0; !rc && i < w->n_procs; i++)
		rc = store_procedure_put(st, &w->procs[i].p, err);
	return rc ? rc : put_offers(st, w, err);
}

static int found_unit(const struct unit *u, void *ctx)
{
	(void)u;
	*(bool *)ctx = true;
	return 1;
}

static enum mc_code check_empty(struct app *app, struct mc_err *err)
{
	bool any = false;
	enum mc_code rc = app_unit_each(app, found_unit, &any, err);
	if (!rc && any)
		rc = mc_fail(err, MC_ERR_CONFLICT, "db",
			     "the database already has units; the demo "
			     "builds a province only into an empty database");
	return rc;
}

static int years_of(const struct demo_options *opt)
{
	return opt->years > 0 ? opt->years : 1;
}

/* Days of filings ending at `until`: --years of 365 days; without it,
 * from 1 January 2024 (the last whole year before the reorganisation),
 * or one year when that is shorter. */
static int64_t history_days(const struct demo_options *opt)
{
	if (opt->years > 0)
		return YEAR_DAYS * opt->years;
	int64_t days = opt->until - civil_days(2024, 1, 1) + 1;
	return days < YEAR_DAYS                    ? YEAR_DAYS
	       : days > YEAR_DAYS * DEMO_MAX_YEARS ? YEAR_DAYS * DEMO_MAX_YEARS
						   : days;
}

static enum mc_code check_size(const struct demo_options *opt,
			       struct mc_err *err)
{
	if (opt->dossiers > DEMO_MAX_DOSSIERS)
		return mc_fail(err, MC_ERR_TOO_LARGE, "dossiers",
			       "dossiers: %zu is more than the demo's limit "
			       "of %d",
			       opt->dossiers, DEMO_MAX_DOSSIERS);
	if (opt->districts < 0 || opt->districts > DEMO_MAX_DISTRICTS)
		return mc_fail(err, MC_ERR_INPUT, "districts",
			       "districts: %d is not between 1 and %d",
			       opt->districts, DEMO_MAX_DISTRICTS);
	if (opt->communes < 0 || opt->communes > DEMO_MAX_COMMUNES)
		return mc_fail(err, MC_ERR_INPUT, "communes",
			       "communes: %d is not between 1 and %d",
			       opt->communes, DEMO_MAX_COMMUNES);
	if (opt->years < 0 || opt->years > DEMO_MAX_YEARS)
		return mc_fail(err, MC_ERR_INPUT, "years",
			       "years: %d is not between 1 and %d", opt->years,
			       DEMO_MAX_YEARS);
	return MC_OK;
}

static enum mc_code check_options(const struct demo_options *opt,
				  struct mc_err *err)
{
	enum mc_code rc = check_size(opt, err);
	if (rc)
		return rc;
	int y, m, d, first = CALENDAR_FIRST_YEAR + years_of(opt);
	civil_from_days(opt->until, &y, &m, &d);
	if (y < first || y > CALENDAR_LAST_YEAR - 1)
		return mc_fail(err, MC_ERR_INPUT, "until",
			       "until: %d is outside the years %d-%d that "
			       "the calendar allows for %d year(s) of "
			       "history",
			       y, first, CALENDAR_LAST_YEAR - 1, years_of(opt));
	if (opt->now && opt->until > civil_local_day(opt->now)) {
		char a[CIVIL_BUF], b[CIVIL_BUF];
		return mc_fail(err, MC_ERR_INPUT, "until",
			       "until: %s is after today (%s); the demo "
			       "dates nothing in the future",
			       civil_format_date(opt->until, a),
			       civil_format_date(civil_local_day(opt->now), b));
	}
	return MC_OK;
}

/* The snapshot: the end of the `until` day, or the moment the demo runs
 * when that comes first. */
static int64_t snapshot_of(const struct demo_options *opt)
{
	int64_t cut = civil_time_at(opt->until + 1, 0) - 1;
	return opt->now && opt->now < cut ? opt->now : cut;
}

static enum mc_code build(struct app *app, const struct demo_options *opt,
			  struct demo_world *w, struct demo_summary *sum,
			  struct mc_err *err)
{
	enum mc_code rc = check_empty(app, err);
	if (!rc)
		rc = demo_catalog_build(w, opt, err);
	if (!rc)
		rc = put_catalog(app->st, w, err);
	if (rc)
		return rc;
	sum->units = w->n_units;
	sum->procedures = w->n_procs;
	for (size_t i = 0; i < w->n_units; i++)
		sum->closed_units += w->units[i].next >= 0;
	struct demo_ctx c = {.app = app,
			     .st = app->st,
			     .cal = &app->cal,
			     .w = w,
			     .seed = opt->seed,
			     .cut = snapshot_of(opt),
			     .sum = sum,
			     .days = history_days(opt)};
	rc = demo_publication(app->st, w, opt->seed, opt->until, c.days, err);
	return rc ? rc : file_year(&c, opt->until, opt->dossiers, err);
}

enum mc_code demo_build(struct app *app, const struct demo_options *opt,
			struct demo_summary *sum, struct mc_err *err)
{
	struct demo_summary local;
	if (!sum)
		sum = &local;
	memset(sum, 0, sizeof(*sum));
	enum mc_code rc = check_options(opt, err);
	if (rc || (rc = store_begin(app->st, err)))
		return rc;
	struct demo_world w;
	memset(&w, 0, sizeof(w));
	rc = build(app, opt, &w, sum, err);
	demo_world_release(&w);
	rc = store_finish(app->st, rc, err);
	return rc;
}
