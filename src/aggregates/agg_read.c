/*
 * agg_read.c - the aggregate engine's reading side: the counters summed
 * through a day are the checkpoint before the day's month plus the days
 * of the month rows after it; a period is two such sums, or for a month
 * or two one checkpoint and one run of month rows. See agg.h.
 */
#include <string.h>

#include "aggregates/agg_int.h"

/* Adding the days of month rows in (after, last] to at_last, and to
 * before as well (when given) while the day is at most split. */
struct days {
	int64_t after, split, last;
	int64_t *before, *at_last;
};

static int add_row(int64_t month, const uint8_t *row, size_t n, void *ctx)
{
	struct days *r = ctx;
	int64_t first = agg_month_first_day(month);
	struct agg_month_iter it = agg_month_iter(row, n);
	int dom;
	agg_vec v;
	while (agg_month_next(&it, &dom, v)) {
		int64_t day = first + dom;
		if (day <= r->after || day > r->last)
			continue;
		bool early = r->before && day <= r->split;
		for (int i = 0; i < AGG__COUNT; i++) {
			r->at_last[i] += v[i];
			if (early)
				r->before[i] += v[i];
		}
	}
	return 0;
}

static enum mc_code add_days(struct agg *a, int64_t key, int64_t after,
			     int64_t split, int64_t last,
			     int64_t before[AGG__COUNT],
			     int64_t at_last[AGG__COUNT], struct mc_err *err)
{
	struct days r = {after, split, last, before, at_last};
	int64_t from = after == INT64_MIN ? INT64_MIN : agg_month_of(after + 1);
	return a->rows->each(a->rctx, STORE_AGG_DAYS, key, from,
			     agg_month_of(last), false, add_row, &r, err);
}

/* The key of (unit, dim, value), out zeroed; *key is 0 when nothing was
 * ever counted there. */
static enum mc_code find_key(struct agg *a, const char *unit, enum agg_dim dim,
			     const char *value, int64_t out[AGG__COUNT],
			     int64_t *key, struct mc_err *err)
{
	memset(out, 0, AGG__COUNT * sizeof(int64_t));
	return agg_key_id(a, unit, dim, value ? value : "", false, key, err);
}

/* The checkpoint before `day`'s month into at_last (and before, when
 * given), then the days after it up to `last` (into before too while at
 * most `split`). */
static enum mc_code from_checkpoint(struct agg *a, int64_t key, int64_t day,
				    int64_t split, int64_t last,
				    int64_t before[AGG__COUNT],
				    int64_t at_last[AGG__COUNT],
				    struct mc_err *err)
{
	int64_t prev;
	agg_vec v;
	enum mc_code rc =
		agg_checkpoint_before(a, key, agg_month_of(day), &prev, v, err);
	if (rc)
		return rc;
	for (int i = 0; i < AGG__COUNT; i++) {
		at_last[i] = v[i];
		if (before)
			before[i] = v[i];
	}
	int64_t after = prev == INT64_MIN ? INT64_MIN
					  : agg_month_first_day(prev + 1) - 1;
	return add_days(a, key, after, split, last, before, at_last, err);
}

enum mc_code agg_counters(struct agg *a, const char *unit, enum agg_dim dim,
			  const char *value, int64_t day,
			  int64_t out[AGG__COUNT], struct mc_err *err)
{
	int64_t key;
	enum mc_code rc = find_key(a, unit, dim, value, out, &key, err);
	if (rc || !key)
		return rc;
	return from_checkpoint(a, key, day, day, day, NULL, out, err);
}

enum mc_code agg_period(struct agg *a, const char *unit, enum agg_dim dim,
			const char *value, int64_t from, int64_t to,
			int64_t before[AGG__COUNT], int64_t at_to[AGG__COUNT],
			struct mc_err *err)
{
	/* a long period reads two checkpoints; a month or two is cheaper
	 * as one checkpoint and one run of daily rows */
	if (agg_month_of(to) - agg_month_of(from - 1) > 1) {
		enum mc_code rc = agg_counters(a, unit, dim, value, from - 1,
					       before, err);
		return rc ? rc
			  : agg_counters(a, unit, dim, value, to, at_to, err);
	}
	memset(before, 0, AGG__COUNT * sizeof(int64_t));
	int64_t key;
	enum mc_code rc = find_key(a, unit, dim, value, at_to, &key, err);
	if (rc || !key)
		return rc;
	return from_checkpoint(a, key, from - 1, from - 1, to, before, at_to,
			       err);
}

enum mc_code agg_added(struct agg *a, const char *unit, enum agg_dim dim,
		       const char *value, int64_t from, int64_t to,
		       int64_t out[AGG__COUNT], struct mc_err *err)
{
	int64_t key;
	enum mc_code rc = find_key(a, unit, dim, value, out, &key, err);
	if (rc || !key)
		return rc;
	return add_days(a, key, from - 1, to, to, NULL, out, err);
}

enum mc_code agg_values(struct agg *a, const char *unit, enum agg_dim dim,
			store_agg_value_fn fn, void *ctx, struct mc_err *err)
{
	return a->rows->values(a->rctx, unit, (int)dim, fn, ctx, err);
}
