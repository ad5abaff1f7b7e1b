/*
 * agg_row.h - the bytes of an aggregate row, the same on every backend: a
 * sparse counter vector (a checkpoint) and a month row (the days of one
 * key and month, each a sparse vector). docs/internals/aggregates.md
 * describes the format byte by byte.
 */
#ifndef MC_AGGREGATES_AGG_ROW_H
#define MC_AGGREGATES_AGG_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/report.h"

typedef int32_t agg_vec[AGG__COUNT];

/* The largest encoded vector and month row. */
#define AGG_VEC_MAX (10 + AGG__COUNT * 5)
#define AGG_MONTH_MAX (31 * (1 + AGG_VEC_MAX))

/* A month row being built: the days present and their counters. */
struct agg_month {
	uint32_t present;
	agg_vec day[31];
};

/* Months count from year 0: year * 12 + month - 1. */
int64_t agg_month_of(int64_t day);
int64_t agg_month_first_day(int64_t month);

size_t agg_vec_encode(const agg_vec v, uint8_t *out);
/* A checkpoint's counters (all zero for no bytes or from the first
 * malformed byte on). */
void agg_vec_decode(const uint8_t *row, size_t n, agg_vec out);
bool agg_vec_zero(const agg_vec v);

/* The days of one month row, one at a time: the day of the month
 * (0-based) and its counters; false at the end or at a malformed byte. */
struct agg_month_iter {
	const uint8_t *p, *end;
};
struct agg_month_iter agg_month_iter(const uint8_t *row, size_t n);
bool agg_month_next(struct agg_month_iter *it, int *dom, agg_vec v);

void agg_month_add(struct agg_month *m, int dom, const agg_vec v);
void agg_month_add_row(struct agg_month *m, const uint8_t *row, size_t n);
/* The row's bytes (at most AGG_MONTH_MAX); days that came back to all
 * zeros are left out. */
size_t agg_month_encode(const struct agg_month *m, uint8_t *out);
/* Add every day of a month row into out. */
void agg_month_sum(const uint8_t *row, size_t n, int64_t out[AGG__COUNT]);

#endif
