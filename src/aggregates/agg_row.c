/*
 * agg_row.c - the aggregate row format (agg_row.h). A vector is the
 * varint bit mask of its non-zero counters, then each of those as a
 * zigzag varint: a day of a commune is a few bytes where the full vector
 * would be AGG__COUNT * 4. A checkpoint is one vector; a month row is a
 * run of (day of the month - 1 in one byte, vector), the days rising.
 * Reading stops at the first malformed byte, so a damaged row counts as
 * what could be read of it, never past its end.
 */
#include <string.h>

#include "aggregates/agg_row.h"

_Static_assert(AGG__COUNT <= 64, "a vector's mask is one 64-bit varint");
#include "core/civil.h"

int64_t agg_month_of(int64_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

int64_t agg_month_first_day(int64_t month)
{
	return civil_days((int)(month / 12), (int)(month % 12) + 1, 1);
}

static size_t put_varint(uint8_t *p, uint64_t v)
{
	size_t n = 0;
	for (; v >= 0x80; v >>= 7)
		p[n++] = (uint8_t)(v | 0x80);
	p[n++] = (uint8_t)v;
	return n;
}

static bool get_varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; *p < end && shift < 64; shift += 7) {
		uint8_t b = *(*p)++;
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
	}
	return false;
}

size_t agg_vec_encode(const agg_vec v, uint8_t *out)
{
	uint64_t mask = 0;
	for (int i = 0; i < AGG__COUNT; i++)
		if (v[i])
			mask |= UINT64_C(1) << i;
	size_t n = put_varint(out, mask);
	for (int i = 0; i < AGG__COUNT; i++)
		if (v[i]) {
			int64_t x = v[i];
			n += put_varint(out + n, ((uint64_t)x << 1) ^
							 (uint64_t)(x >> 63));
		}
	return n;
}

/* Add the vector at *p into v; false when the bytes are malformed. */
static bool vec_read(const uint8_t **p, const uint8_t *end, agg_vec v)
{
	uint64_t mask, z;
	if (!get_varint(p, end, &mask) || mask >> AGG__COUNT)
		return false;
	for (int i = 0; i < AGG__COUNT; i++)
		if (mask >> i & 1) {
			if (!get_varint(p, end, &z))
				return false;
			v[i] += (int32_t)(int64_t)((z >> 1) ^ (~(z & 1) + 1));
		}
	return true;
}

void agg_vec_decode(const uint8_t *row, size_t n, agg_vec out)
{
	memset(out, 0, sizeof(agg_vec));
	const uint8_t *p = row;
	if (p)
		vec_read(&p, p + n, out);
}

bool agg_vec_zero(const agg_vec v)
{
	for (int i = 0; i < AGG__COUNT; i++)
		if (v[i])
			return false;
	return true;
}

struct agg_month_iter agg_month_iter(const uint8_t *row, size_t n)
{
	return (struct agg_month_iter){row, row ? row + n : row};
}

bool agg_month_next(struct agg_month_iter *it, int *dom, agg_vec v)
{
	if (it->p >= it->end || *it->p > 30)
		return false;
	*dom = *it->p++;
	memset(v, 0, sizeof(agg_vec));
	return vec_read(&it->p, it->end, v);
}

void agg_month_add(struct agg_month *m, int dom, const agg_vec v)
{
	if (!(m->present >> dom & 1)) {
		m->present |= 1u << dom;
		memset(m->day[dom], 0, sizeof(agg_vec));
	}
	/* a damaged row may give a day twice: its counters wrap, as
	 * int32, rather than overflow */
	for (int i = 0; i < AGG__COUNT; i++)
		m->day[dom][i] =
			(int32_t)((uint32_t)m->day[dom][i] + (uint32_t)v[i]);
}

void agg_month_add_row(struct agg_month *m, const uint8_t *row, size_t n)
{
	struct agg_month_iter it = agg_month_iter(row, n);
	int dom;
	agg_vec v;
	while (agg_month_next(&it, &dom, v))
		agg_month_add(m, dom, v);
}

size_t agg_month_encode(const struct agg_month *m, uint8_t *out)
{
	size_t n = 0;
	for (int d = 0; d < 31; d++)
		if (m->present >> d & 1 && !agg_vec_zero(m->day[d])) {
			out[n++] = (uint8_t)d;
			n += agg_vec_encode(m->day[d], out + n);
		}
	return n;
}

void agg_month_sum(const uint8_t *row, size_t n, int64_t out[AGG__COUNT])
{
	struct agg_month_iter it = agg_month_iter(row, n);
	int dom;
	agg_vec v;
	while (agg_month_next(&it, &dom, v))
		for (int i = 0; i < AGG__COUNT; i++)
			out[i] += v[i];
}
