/*
 * payment_figures.c - payment records as counters and rows (see
 * payment_figures.h).
 */
#include "core/payment_figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"

#define AMOUNT_UNIT 10000

bool payment_is_obligation(const struct payment *p)
{
	if (p->n_lines == 0)
		return false;
	size_t n = strlen(OBLIGATION_LINE_PREFIX);
	for (size_t i = 0; i < p->n_lines; i++)
		if (!p->lines[i].code ||
		    strncmp(p->lines[i].code, OBLIGATION_LINE_PREFIX, n) != 0)
			return false;
	return true;
}

void financial_notice_init(struct financial_notice *n)
{
	memset(n, 0, sizeof(*n));
}

void financial_notice_release(struct financial_notice *n)
{
	free(n->dossier_code);
	free(n->number);
	free(n->actor);
	financial_notice_init(n);
}

void financial_notice_line(const struct financial_notice *n, char *buf,
			   size_t cap)
{
	snprintf(buf, cap, "%s%s", OBLIGATION_LINE_PREFIX,
		 n->number ? n->number : "");
}

enum agg_counter pay_counter(enum payment_method m, enum pay_kind k, int part)
{
	return (enum agg_counter)(AGG_PAY_FIRST +
				  (((int)m - 1) * 2 + (int)k) * 3 + part);
}

static bool method_ok(enum payment_method m)
{
	return m >= PAY_NATIONAL && m <= PAY_CASH;
}

size_t payment_contributions(const struct payment *p, int64_t *day,
			     struct pay_delta out[3])
{
	if (p->status != PAYMENT_PAID || p->paid == MC_NO_TIME ||
	    !method_ok(p->method) || p->amount <= 0)
		return 0;
	enum pay_kind k =
		payment_is_obligation(p) ? PAY_KIND_OBLIGATION : PAY_KIND_FEE;
	*day = civil_local_day(p->paid);
	out[0] = (struct pay_delta){pay_counter(p->method, k, 0), 1};
	out[1] = (struct pay_delta){pay_counter(p->method, k, 1),
				    (int32_t)(p->amount / AMOUNT_UNIT)};
	out[2] = (struct pay_delta){pay_counter(p->method, k, 2),
				    (int32_t)(p->amount % AMOUNT_UNIT)};
	return 3;
}

void pay_row_from_counters(struct pay_row *row, const int64_t v[AGG__COUNT])
{
	for (int m = PAY_NATIONAL; m <= PAY_CASH; m++)
		for (int k = 0; k < 2; k++) {
			struct pay_cell *c = &row->by[m][k];
			c->count += v[pay_counter(m, k, 0)];
			c->amount += v[pay_counter(m, k, 1)] * AMOUNT_UNIT +
				     v[pay_counter(m, k, 2)];
		}
}

void pay_row_add(struct pay_row *row, const struct payment *p)
{
	int64_t day;
	struct pay_delta d[3];
	if (!payment_contributions(p, &day, d))
		return;
	struct pay_cell *c =
		&row->by[p->method][payment_is_obligation(p) ? 1 : 0];
	c->count++;
	c->amount += p->amount;
}

void pay_row_merge(struct pay_row *into, const struct pay_row *row)
{
	for (int m = PAY_NATIONAL; m <= PAY_CASH; m++)
		for (int k = 0; k < 2; k++) {
			into->by[m][k].count += row->by[m][k].count;
			into->by[m][k].amount += row->by[m][k].amount;
		}
}

bool pay_row_equal(const struct pay_row *a, const struct pay_row *b)
{
	for (int m = PAY_NATIONAL; m <= PAY_CASH; m++)
		for (int k = 0; k < 2; k++)
			if (a->by[m][k].count != b->by[m][k].count ||
			    a->by[m][k].amount != b->by[m][k].amount)
				return false;
	return true;
}

/* The sum of the cells of methods in `methods` (a bit per method) and
 * kinds in `kinds` (a bit per kind). */
static struct pay_cell sum(const struct pay_row *r, unsigned methods,
			   unsigned kinds)
{
	struct pay_cell s = {0, 0};
	for (int m = PAY_NATIONAL; m <= PAY_CASH; m++)
		for (int k = 0; k < 2; k++)
			if ((methods >> m & 1) && (kinds >> k & 1)) {
				s.count += r->by[m][k].count;
				s.amount += r->by[m][k].amount;
			}
	return s;
}

#define ALL_METHODS                                                     \
	(1u << PAY_NATIONAL | 1u << PAY_PROVINCIAL | 1u << PAY_VIETQR | \
	 1u << PAY_CASH)
#define ONLINE_METHODS (1u << PAY_NATIONAL | 1u << PAY_PROVINCIAL)

struct pay_cell pay_row_total(const struct pay_row *r)
{
	return sum(r, ALL_METHODS, 3);
}

struct pay_cell pay_row_online(const struct pay_row *r)
{
	return sum(r, ONLINE_METHODS, 3);
}

struct pay_cell pay_row_counter(const struct pay_row *r)
{
	return sum(r, ALL_METHODS & ~ONLINE_METHODS, 3);
}

struct pay_cell pay_row_kind(const struct pay_row *r, enum pay_kind k)
{
	return sum(r, ALL_METHODS, 1u << k);
}

struct pay_cell pay_row_method(const struct pay_row *r, enum payment_method m)
{
	return method_ok(m) ? sum(r, 1u << m, 3) : (struct pay_cell){0, 0};
}

int64_t pay_row_online_share(const struct pay_row *r)
{
	return report_rate(pay_row_online(r).count, pay_row_total(r).count);
}

int64_t pay_row_cashless_share(const struct pay_row *r)
{
	int64_t all = pay_row_total(r).count;
	return report_rate(all - pay_row_method(r, PAY_CASH).count, all);
}

const char *pay_by_key(enum pay_by by)
{
	switch (by) {
	case PAY_BY_UNIT: return "unit";
	case PAY_BY_LEVEL: return "level";
	case PAY_BY_METHOD: return "method";
	}
	return NULL;
}

void pay_table_release(struct pay_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lines[i].key);
		free(t->lines[i].name);
	}
	free(t->lines);
	free(t->unit);
	free(t->unit_name);
	memset(t, 0, sizeof(*t));
}

struct pay_line *pay_table_add(struct pay_table *t, const char *key,
			       const char *name)
{
	struct pay_line *l = ARRAY_PUSH(t->lines, t->n, t->cap);
	if (!l)
		return NULL;
	if (!str_set(&l->key, key) || !str_set(&l->name, name)) {
		free(l->key);
		t->n--;
		return NULL;
	}
	return l;
}
