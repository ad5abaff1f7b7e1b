/*
 * agg_engine.c - the aggregate engine's writing side. Every dossier
 * version written is taken back (-1) or counted (+1) into an in-memory
 * map of (key, day) cells; the map is spilled into month rows (each
 * row read, added to and written back) when it grows past spill_at
 * cells and before each commit, inside the same transaction, and
 * dropped on rollback. The keys a spill touched have their monthly
 * checkpoints redone from the earliest month touched. See agg.h and
 * docs/internals/aggregates.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregates/agg_int.h"
#include "core/payment_figures.h"
#include "core/civil.h"

#define SPILL_CELLS ((size_t)1 << 17)

static enum mc_code spill(struct agg *a, struct mc_err *err);

/* ---- the cell map ------------------------------------------------------ */

static uint64_t cell_key(int64_t key, int64_t day)
{
	return (uint64_t)key << 20 | (uint64_t)(day + (1 << 19));
}

static int64_t cell_keyid(uint64_t k) { return (int64_t)(k >> 20); }
static int64_t cell_day(uint64_t k)
{
	return (int64_t)(k & ((1u << 20) - 1)) - (1 << 19);
}

/* Slot of a cell key: a full 64-bit mix, since the low bits of the key
 * hold only the day. */
static size_t cell_slot(uint64_t k, size_t cap)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ull;
	k ^= k >> 33;
	return (size_t)k & (cap - 1);
}

static bool grow_cells(struct agg *a)
{
	size_t ncap = a->cap ? a->cap * 2 : 1024;
	struct agg_cell *n = calloc(ncap, sizeof(*n));
	if (!n)
		return false;
	for (size_t i = 0; i < a->cap; i++) {
		if (!a->cells[i].k)
			continue;
		size_t j = cell_slot(a->cells[i].k, ncap);
		while (n[j].k)
			j = (j + 1) & (ncap - 1);
		n[j] = a->cells[i];
	}
	free(a->cells);
	a->cells = n;
	a->cap = ncap;
	return true;
}

static bool add_cell(struct agg *a, int64_t key, int64_t day,
		     enum agg_counter c, int sign)
{
	if ((a->n + 1) * 2 > a->cap && !grow_cells(a))
		return false;
	uint64_t k = cell_key(key, day);
	size_t j = cell_slot(k, a->cap);
	while (a->cells[j].k && a->cells[j].k != k)
		j = (j + 1) & (a->cap - 1);
	if (!a->cells[j].k) {
		a->cells[j].k = k;
		a->n++;
	}
	a->cells[j].v[c] = (int32_t)((uint32_t)a->cells[j].v[c] + (uint32_t)sign);
	return true;
}

static void clear_cells(struct agg *a)
{
	a->n = 0;
	if (a->cells)
		memset(a->cells, 0, a->cap * sizeof(*a->cells));
}

enum mc_code agg_note(struct agg *a, const struct dossier *d, int sign,
		      struct mc_err *err)
{
	const struct agg_combo *c = NULL;
	enum mc_code rc = agg_dossier_keys(a, d, &c, err);
	if (rc)
		return rc;
	struct agg_delta small[16], *deltas = small;
	size_t n = report_contributions(d, c->level, NULL, 0);
	if (n > 16 && !(deltas = malloc(n * sizeof(*deltas))))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	report_contributions(d, c->level, deltas, n);
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++)
		for (size_t k = 0; ok && k < c->n; k++)
			ok = add_cell(a, c->keys[k], deltas[i].day,
				      deltas[i].counter, sign);
	if (deltas != small)
		free(deltas);
	if (!ok)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return a->n >= a->spill_at ? spill(a, err) : MC_OK;
}

enum mc_code agg_payment_note(struct agg *a, const struct payment *p,
			      const char *procedure, int sign,
			      struct mc_err *err)
{
	int64_t day;
	struct pay_delta deltas[3];
	size_t n = payment_contributions(p, &day, deltas);
	if (n == 0)
		return MC_OK;
	/* a payment counts under the keys of its unit and its dossier's
	 * procedure, as the dossier does */
	struct dossier d;
	dossier_init(&d);
	d.unit_code = p->unit_code;
	d.procedure_code = (char *)procedure;
	const struct agg_combo *c = NULL;
	enum mc_code rc = agg_dossier_keys(a, &d, &c, err);
	if (rc)
		return rc;
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++)
		for (size_t k = 0; ok && k < c->n; k++)
			ok = add_cell(a, c->keys[k], day, deltas[i].counter,
				      sign * deltas[i].value);
	if (!ok)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return a->n >= a->spill_at ? spill(a, err) : MC_OK;
}

/* ---- writing the rows -------------------------------------------------- */

/* Add a month of cells to its row. A row may come back to no days at all
 * (a dossier moved out of that month); it stays, adds nothing, and goes
 * at the next rebuild. */
static enum mc_code write_month(struct agg *a, int64_t key, int64_t month,
				struct agg_month *m, struct mc_err *err)
{
	uint8_t row[AGG_MONTH_MAX];
	size_t n = agg_month_encode(m, row);
	if (!n)
		return MC_OK;
	enum mc_code rc = a->rows->get(a->rctx, STORE_AGG_DAYS, key, month, row,
				       sizeof(row), &n, err);
	if (rc)
		return rc;
	agg_month_add_row(m, row, n);
	n = agg_month_encode(m, row);
	return a->rows->put(a->rctx, STORE_AGG_DAYS, key, month, row, n, err);
}

static enum mc_code put_checkpoint(struct agg *a, int64_t key, int64_t month,
				   const agg_vec v, struct mc_err *err)
{
	uint8_t row[AGG_VEC_MAX];
	return a->rows->put(a->rctx, STORE_AGG_CHECKPOINTS, key, month, row,
			    agg_vec_encode(v, row), err);
}

struct found {
	int64_t month;
	agg_vec v;
};

static int take_first(int64_t month, const uint8_t *row, size_t n, void *ctx)
{
	struct found *f = ctx;
	f->month = month;
	agg_vec_decode(row, n, f->v);
	return 1;
}

enum mc_code agg_checkpoint_before(struct agg *a, int64_t key, int64_t month,
				   int64_t *found, agg_vec v,
				   struct mc_err *err)
{
	struct found f = {INT64_MIN, {0}};
	enum mc_code rc =
		a->rows->each(a->rctx, STORE_AGG_CHECKPOINTS, key, INT64_MIN,
			      month - 1, true, take_first, &f, err);
	*found = f.month;
	memcpy(v, f.v, sizeof(agg_vec));
	return rc;
}

struct month_total {
	int64_t month;
	int64_t v[AGG__COUNT];
};

struct totals {
	struct month_total *rows;
	size_t n, cap;
	bool nomem;
};

static int take_total(int64_t month, const uint8_t *row, size_t n, void *ctx)
{
	struct totals *t = ctx;
	struct month_total *r = ARRAY_PUSH(t->rows, t->n, t->cap);
	if (!r)
		return t->nomem = true;
	r->month = month;
	memset(r->v, 0, sizeof(r->v));
	agg_month_sum(row, n, r->v);
	return 0;
}

/* Rewrite the key's monthly checkpoints from `start` on, from its month
 * rows: months stay contiguous from the first to the last with data. The
 * month totals are read into memory first, so that no read is open
 * while checkpoints are written. */
static enum mc_code remonth(struct agg *a, int64_t key, int64_t start,
			    struct mc_err *err)
{
	agg_vec cum;
	int64_t prev;
	enum mc_code rc = agg_checkpoint_before(a, key, start, &prev, cum, err);
	if (rc)
		return rc;
	if (prev != INT64_MIN && prev + 1 < start)
		start = prev + 1; /* fill the gap after the last checkpoint */
	struct totals t = {NULL, 0, 0, false};
	rc = a->rows->remove(a->rctx, STORE_AGG_CHECKPOINTS, key, start, err);
	if (!rc)
		rc = a->rows->each(a->rctx, STORE_AGG_DAYS, key, start,
				   INT64_MAX, false, take_total, &t, err);
	if (!rc && t.nomem)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	int64_t month = start;
	for (size_t i = 0; !rc && i < t.n; i++) {
		for (; !rc && month < t.rows[i].month; month++)
			rc = put_checkpoint(a, key, month, cum, err);
		/* a sum of amounts may pass 2^31 over the years: it wraps,
		 * and a period's difference of two is still exact */
		for (int c = 0; c < AGG__COUNT; c++)
			cum[c] = (int32_t)((uint32_t)cum[c] +
					   (uint32_t)t.rows[i].v[c]);
	}
	if (!rc && t.n)
		rc = put_checkpoint(a, key, month, cum, err);
	free(t.rows);
	return rc;
}

/* Remember that key's checkpoints must be redone from `month` on. */
static bool touch(struct agg *a, int64_t key, int64_t month)
{
	char name[24];
	snprintf(name, sizeof(name), "%lld", (long long)key);
	return month >= strmap_get(&a->touched, name, INT64_MAX) ||
	       strmap_put(&a->touched, name, month);
}

static int by_key_and_day(const void *x, const void *y)
{
	uint64_t a = ((const struct agg_cell *)x)->k,
		 b = ((const struct agg_cell *)y)->k;
	return a < b ? -1 : a > b;
}

/* Write the map's cells into their month rows, remember which keys'
 * checkpoints must be redone, and empty the map: a large import or
 * rebuild keeps at most spill_at cells in memory. */
static enum mc_code spill(struct agg *a, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	/* in (key, day) order the rows are written front to back; the map
	 * is emptied after this anyway, so it can be sorted in place */
	size_t n = 0;
	for (size_t i = 0; i < a->cap; i++)
		if (a->cells[i].k)
			a->cells[n++] = a->cells[i];
	qsort(a->cells, n, sizeof(*a->cells), by_key_and_day);
	struct agg_month m;
	for (size_t i = 0; !rc && i < n;) {
		int64_t key = cell_keyid(a->cells[i].k);
		int64_t month = agg_month_of(cell_day(a->cells[i].k));
		int64_t first = agg_month_first_day(month),
			next = agg_month_first_day(month + 1);
		/* a key's first cell has its earliest day */
		if ((i == 0 || cell_keyid(a->cells[i - 1].k) != key) &&
		    !touch(a, key, month)) {
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
			break;
		}
		m.present = 0;
		for (; i < n && cell_keyid(a->cells[i].k) == key &&
		       cell_day(a->cells[i].k) < next;
		     i++)
			agg_month_add(&m,
				      (int)(cell_day(a->cells[i].k) - first),
				      a->cells[i].v);
		rc = write_month(a, key, month, &m, err);
	}
	clear_cells(a);
	return rc;
}

static enum mc_code remonth_touched(struct agg *a, struct mc_err *err)
{
	struct strmap *t = &a->touched;
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < t->cap; i++)
		if (t->keys[i])
			rc = remonth(a, strtoll(t->keys[i], NULL, 10),
				     t->values[i], err);
	strmap_release(t);
	return rc;
}

struct rebuild {
	struct agg *a;
	enum mc_code rc;
	struct mc_err *err;
};

static int note_each(const struct dossier *d, void *ctx)
{
	struct rebuild *r = ctx;
	r->rc = agg_note(r->a, d, +1, r->err);
	return r->rc != MC_OK;
}

static int note_paid(const struct payment *p, const char *procedure,
		     void *ctx)
{
	struct rebuild *r = ctx;
	r->rc = agg_payment_note(r->a, p, procedure, +1, r->err);
	return r->rc != MC_OK;
}

void agg_discard(struct agg *a)
{
	clear_cells(a);
	strmap_release(&a->touched);
	/* ids of keys added in the rolled-back transaction are gone */
	strmap_release(&a->keys);
	agg_forget_combos(a);
	a->rebuild = false;
}

enum mc_code agg_rebuild(struct agg *a, struct mc_err *err)
{
	agg_discard(a);
	agg_forget_catalogue(a);
	enum mc_code rc = a->rows->clear(a->rctx, err);
	if (rc)
		return rc;
	struct rebuild r = {a, MC_OK, err};
	rc = store_dossier_each(a->st, MC_NO_TIME, MC_NO_TIME, note_each, &r,
				err);
	if (!rc && !r.rc)
		rc = store_payment_paid_each(a->st, MC_NO_TIME, MC_NO_TIME,
					     note_paid, &r, err);
	return rc ? rc : r.rc;
}

void agg_set_spill(struct agg *a, size_t cells)
{
	a->spill_at = cells ? cells : SPILL_CELLS;
}

/* A pending rebuild, the cells left, the checkpoints. */
enum mc_code agg_commit(struct agg *a, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	if (a->rebuild)
		rc = agg_rebuild(a, err);
	if (!rc && a->n)
		rc = spill(a, err);
	if (!rc)
		rc = remonth_touched(a, err);
	clear_cells(a);
	strmap_release(&a->touched);
	a->rebuild = false;
	return rc;
}

enum mc_code agg_open(struct store *st, const struct agg_rows *rows,
		      void *rows_ctx, struct agg **out, struct mc_err *err)
{
	struct agg *a = calloc(1, sizeof(*a));
	*out = a;
	if (!a)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	a->st = st;
	a->rows = rows;
	a->rctx = rows_ctx;
	a->spill_at = SPILL_CELLS;
	return MC_OK;
}

void agg_close(struct agg *a)
{
	if (!a)
		return;
	agg_forget_catalogue(a);
	strmap_release(&a->keys);
	strmap_release(&a->touched);
	free(a->combo);
	free(a->uinfo);
	free(a->pinfo);
	free(a->cells);
	free(a);
}

/* ---- the store's participant ------------------------------------------- */

static enum mc_code on_commit(void *ctx, struct mc_err *err)
{
	return agg_commit(ctx, err);
}

static void on_rollback(void *ctx) { agg_discard(ctx); }

static void on_catalogue(void *ctx, bool rebuild)
{
	struct agg *a = ctx;
	agg_forget_catalogue(a);
	a->rebuild |= rebuild;
}

static void on_close(void *ctx) { agg_close(ctx); }

static const struct store_participant participant = {
	on_commit,
	on_rollback,
	on_catalogue,
	on_close,
};

/* Rows written by a program with another set of counters, or none at all
 * for stored dossiers, are rebuilt. */
static enum mc_code upgrade(struct agg *a, struct mc_err *err)
{
	int counters;
	enum mc_code rc = store_agg_format(a->st, &counters, err);
	if (rc || counters == AGG__COUNT)
		return rc;
	rc = store_begin(a->st, err);
	if (!rc)
		rc = agg_rebuild(a, err);
	if (!rc)
		rc = store_agg_set_format(a->st, AGG__COUNT, err);
	return store_finish(a->st, rc, err);
}

enum mc_code agg_attach_rows(struct store *st, const struct agg_rows *rows,
			     void *rows_ctx, struct agg **out,
			     struct mc_err *err)
{
	struct agg *a;
	enum mc_code rc = agg_open(st, rows, rows_ctx, &a, err);
	if (rc)
		return rc;
	store_participant_set(st, &participant, a);
	if (out)
		*out = a;
	return MC_OK;
}

enum mc_code agg_attach(struct store *st, struct agg **out, struct mc_err *err)
{
	struct agg *a = NULL;
	enum mc_code rc = agg_attach_rows(st, &agg_rows_store, st, &a, err);
	if (out)
		*out = a;
	return rc ? rc : upgrade(a, err);
}

struct agg *agg_of(struct store *st) { return store_participant_ctx(st); }

enum mc_code agg_replace(struct agg *a, const struct dossier *old,
			 const struct dossier *d, struct mc_err *err)
{
	enum mc_code rc = old && old->code ? agg_note(a, old, -1, err) : MC_OK;
	return rc ? rc : agg_note(a, d, +1, err);
}

enum mc_code agg_store_open(const char *path, struct store **st,
			    struct agg **out, struct mc_err *err)
{
	return agg_store_open_with(&(struct store_options){.location = path},
				   st, out, err);
}

enum mc_code agg_store_open_with(const struct store_options *o,
				 struct store **st, struct agg **out,
				 struct mc_err *err)
{
	enum mc_code rc = store_open_with(o, st, err);
	if (!rc && (rc = agg_attach(*st, out, err))) {
		store_close(*st);
		*st = NULL;
	}
	return rc;
}
