/*
 * tests/fuzz/agg_row_fuzz.c - libFuzzer target for the aggregate row
 * format (aggregates/agg_row.c, docs/internals/aggregates.md): any bytes,
 * read as a month row or as a checkpoint, are read without going past
 * their end (the input is copied to exactly its size, so ASan sees an
 * overread) and without undefined arithmetic, and what was read of a
 * month row, encoded again, reads back to the same days and encodes to
 * the same bytes. The verdict: MC_OK for a row read to its end,
 * MC_ERR_INPUT naming "row" for one that stops at a malformed byte.
 * `make fuzz` runs it under libFuzzer; as a test it runs the seeds.
 */
#include "aggregates/agg_row.h"
#include "fuzz/fuzz.h"

static void check(int ok, const char *what, const uint8_t *data, size_t size)
{
	if (!ok)
		fuzz_fail(what, data, size);
}

/* Whether the month row is well-formed to its last byte. */
static bool whole(const uint8_t *row, size_t size)
{
	struct agg_month_iter it = agg_month_iter(row, size);
	int dom;
	agg_vec v;
	while (it.p < it.end)
		if (!agg_month_next(&it, &dom, v))
			return false;
	return true;
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	uint8_t *row = malloc(size ? size : 1);
	check(row != NULL, "out of memory", data, size);
	memcpy(row, data, size);
	agg_vec mark;
	agg_vec_decode(row, size, mark);
	int64_t sum[AGG__COUNT] = {0};
	agg_month_sum(row, size, sum);
	struct agg_month m = {0}, back = {0};
	agg_month_add_row(&m, row, size);
	uint8_t again[AGG_MONTH_MAX], twice[AGG_MONTH_MAX];
	size_t n = agg_month_encode(&m, again);
	check(whole(again, n), "a row encoded is malformed", data, size);
	agg_month_add_row(&back, again, n);
	check(agg_month_encode(&back, twice) == n &&
		      memcmp(again, twice, n) == 0,
	      "a row read back encodes differently", data, size);
	if (!whole(row, size)) {
		v->code = MC_ERR_INPUT;
		snprintf(v->field, sizeof(v->field), "row");
	}
	free(row);
}

static const struct fuzz_seed seeds[] = {
	/* day 2: counters 0 and 5 at 1 */
	{"\x01\x21\x02\x02", MC_OK, ""},
	/* day 2 twice, each counter 0 at 1: read as 2 */
	{"\x01\x01\x02\x01\x01\x02", MC_OK, ""},
	/* day 31 counter 0 at -1, then day 6 with two counters, one given */
	{"\x1e\x01\x01\x05\x81\x01\x7f", MC_ERR_INPUT, "row"},
	/* no month has a 32nd day */
	{"\x1f\x01\x02", MC_ERR_INPUT, "row"},
	/* a mask with bits past the last counter */
	{"\x03\xff\xff\xff\xff\x7f", MC_ERR_INPUT, "row"},
	/* a varint cut at the end */
	{"\x02\x01\x80", MC_ERR_INPUT, "row"},
	/* day 3, counter 0 at 2^31 - 1 twice: wraps, never overflows */
	{"\x02\x01\xfe\xff\xff\xff\x0f\x02\x01\xfe\xff\xff\xff\x0f", MC_OK, ""},
	{"", MC_OK, ""},
};

FUZZ_MAIN(judge, seeds)
