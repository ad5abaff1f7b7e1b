/*
 * sqlite_agg.c - the aggregates behind the settlement report: for every
 * key (a unit's subtree, the unit alone, a subtree by level, by field or
 * by procedure) the daily counters of core/report.h, with a cumulative
 * checkpoint per month, so that the counters summed up to any day cost
 * one checkpoint read plus at most a month of daily rows.
 *
 * Every store_dossier_put takes back the dossier's old contributions and
 * adds its new ones into an in-memory map of (key, day) cells; the map is
 * written at store_commit, inside the same transaction, and dropped on
 * rollback. On disk a key's days are grouped by month, one row each,
 * and every vector is stored sparsely (see "the blob format" below).
 * See docs/internals/report.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/report.h"
#include "core/strmap.h"
#include "store/sqlite_int.h"

#define MAX_DEPTH 8

enum agg_stmt {
	A_KEY_FIND,
	A_KEY_ADD,
	A_DAY_ADD,
	A_DAY_FROM,
	A_DAY_RANGE,
	A_MONTH_BEFORE,
	A_MONTH_MAX,
	A_MONTH_DELETE_FROM,
	A_MONTH_PUT,
	A_VALUES,
	A_STATUS_ADD,
	A__COUNT
};

static const char *const agg_sql[A__COUNT] = {
	[A_KEY_FIND] =
		"SELECT id FROM agg_keys WHERE unit=? AND dim=? AND value=?",
	[A_KEY_ADD] = "INSERT INTO agg_keys(unit, dim, value) VALUES(?,?,?)",
	[A_DAY_ADD] = "INSERT INTO agg_days(key, month, v) VALUES(?,?,?)"
		      " ON CONFLICT(key, month) DO UPDATE"
		      " SET v = agg_add(v, excluded.v)",
	[A_DAY_FROM] = "SELECT month, v FROM agg_days WHERE key=? AND"
		       " month>=? ORDER BY month",
	[A_DAY_RANGE] = "SELECT month, v FROM agg_days WHERE key=? AND"
			" month>=? AND month<=?",
	[A_MONTH_BEFORE] = "SELECT month, v FROM agg_month WHERE key=? AND"
			   " month<? ORDER BY month DESC LIMIT 1",
	[A_MONTH_MAX] = "SELECT max(month) FROM agg_month WHERE key=?",
	[A_MONTH_DELETE_FROM] =
		"DELETE FROM agg_month WHERE key=? AND month>=?",
	[A_MONTH_PUT] = "INSERT INTO agg_month(key, month, v) VALUES(?,?,?)",
	[A_VALUES] = "SELECT value FROM agg_keys WHERE unit=? AND dim=?"
		     " ORDER BY value",
	[A_STATUS_ADD] =
		"UPDATE dossier_status_counts SET n = n + ? WHERE status = ?",
};

typedef int32_t vec[AGG__COUNT];

struct cell {
	uint64_t k; /* key id << 20 | (day + 2^19); 0 = empty */
	vec v;
};

struct unit_info {
	int level;
	int n_anc;
	char *anc[MAX_DEPTH]; /* the unit, its parent, ... */
};

struct proc_info {
	enum online_level level;
	char *field;
};

/* The keys and online level of every dossier of one unit and procedure. */
#define MAX_KEYS (1 + 4 * MAX_DEPTH)
struct combo {
	int64_t keys[MAX_KEYS];
	size_t n;
	enum online_level level;
};

struct agg_state {
	sqlite3_stmt *stmt[A__COUNT];
	struct strmap combos; /* "unit\x1fprocedure" -> index in combo */
	struct combo *combo;
	size_t n_c, cap_c;
	struct cell *cells;
	size_t n, cap;
	struct strmap keys;  /* "unit\x1f" dim "\x1f" value -> id */
	struct strmap units; /* code -> index in uinfo */
	struct unit_info *uinfo;
	size_t n_u, cap_u;
	struct strmap procs; /* code -> index in pinfo */
	struct proc_info *pinfo;
	size_t n_p, cap_p;
	struct strmap touched;    /* key id -> first month whose checkpoint
				   * must be redone at commit */
	bool rebuild;             /* the tree or catalogue changed under data */
	size_t spill_at;          /* cells kept in memory before a spill */
	int64_t status_delta[11]; /* dossiers per status, added at commit */
};

#define SPILL_CELLS ((size_t)1 << 17)

static void clear_cells(struct agg_state *a);
static enum mc_code spill(struct store *st, struct mc_err *err);

/* ---- small helpers ----------------------------------------------------- */

static uint64_t cell_key(int64_t key, int64_t day)
{
	return (uint64_t)key << 20 | (uint64_t)(day + (1 << 19));
}

static int64_t cell_keyid(uint64_t k) { return (int64_t)(k >> 20); }
static int64_t cell_day(uint64_t k)
{
	return (int64_t)(k & ((1u << 20) - 1)) - (1 << 19);
}

static int64_t month_of(int64_t day)
{
	int y, m, d;
	civil_from_days(day, &y, &m, &d);
	return (int64_t)y * 12 + (m - 1);
}

static int64_t month_first_day(int64_t month)
{
	return civil_days((int)(month / 12), (int)(month % 12) + 1, 1);
}

/* ---- the blob format ---------------------------------------------------
 *
 * A vector is the varint bit mask of its non-zero counters, then each of
 * those as a zigzag varint: a day of a commune is a few bytes where the
 * full vector would be AGG__COUNT * 4. A checkpoint is one vector; a
 * month row is a run of (day of the month - 1 in one byte, vector), the
 * days rising. Reading stops at the first malformed byte, so a damaged
 * row counts as what could be read of it, never past its end.
 */
#define VEC_MAX (5 + AGG__COUNT * 5)
#define MONTH_MAX (31 * (1 + VEC_MAX))

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

static size_t vec_encode(const vec v, uint8_t *out)
{
	uint32_t mask = 0;
	for (int i = 0; i < AGG__COUNT; i++)
		if (v[i])
			mask |= 1u << i;
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
static bool vec_read(const uint8_t **p, const uint8_t *end, vec v)
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

/* A checkpoint's counters (all zero without one). */
static void vec_decode(const void *blob, int bytes, vec out)
{
	memset(out, 0, sizeof(vec));
	const uint8_t *p = blob;
	if (p)
		vec_read(&p, p + bytes, out);
}

static bool vec_zero(const vec v)
{
	for (int i = 0; i < AGG__COUNT; i++)
		if (v[i])
			return false;
	return true;
}

/* The days of one month row, one at a time. */
struct month_iter {
	const uint8_t *p, *end;
};

static struct month_iter month_iter(const void *blob, int bytes)
{
	const uint8_t *p = blob;
	return (struct month_iter){p, p ? p + bytes : p};
}

/* The next day (0-based in the month) and its counters in v. */
static bool month_next(struct month_iter *it, int *dom, vec v)
{
	if (it->p >= it->end || *it->p > 30)
		return false;
	*dom = *it->p++;
	memset(v, 0, sizeof(vec));
	return vec_read(&it->p, it->end, v);
}

/* A month row being built: the days present and their counters. */
struct month {
	uint32_t present;
	vec day[31];
};

static void month_add(struct month *m, int dom, const vec v)
{
	if (!(m->present >> dom & 1)) {
		m->present |= 1u << dom;
		memset(m->day[dom], 0, sizeof(vec));
	}
	for (int i = 0; i < AGG__COUNT; i++)
		m->day[dom][i] += v[i];
}

static void month_add_blob(struct month *m, const void *blob, int bytes)
{
	struct month_iter it = month_iter(blob, bytes);
	int dom;
	vec v;
	while (month_next(&it, &dom, v))
		month_add(m, dom, v);
}

/* The row's bytes; days that came back to all zeros are left out. */
static size_t month_encode(const struct month *m, uint8_t *out)
{
	size_t n = 0;
	for (int d = 0; d < 31; d++)
		if (m->present >> d & 1 && !vec_zero(m->day[d])) {
			out[n++] = (uint8_t)d;
			n += vec_encode(m->day[d], out + n);
		}
	return n;
}

void store_agg_month_sum(const void *blob, int bytes, int64_t out[AGG__COUNT])
{
	struct month_iter it = month_iter(blob, bytes);
	int dom;
	vec v;
	while (month_next(&it, &dom, v))
		for (int i = 0; i < AGG__COUNT; i++)
			out[i] += v[i];
}

static sqlite3_stmt *astmt(struct store *st, enum agg_stmt id)
{
	sqlite3_stmt *s = st->agg->stmt[id];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

/* ---- lifetime ---------------------------------------------------------- */

/* Key ids may be gone (rollback) or mean other things (catalogue edit). */
static void forget_combos(struct agg_state *a)
{
	strmap_release(&a->combos);
	a->n_c = 0;
}

static void forget_catalogue(struct agg_state *a)
{
	forget_combos(a);
	for (size_t i = 0; i < a->n_u; i++)
		for (int j = 0; j < a->uinfo[i].n_anc; j++)
			free(a->uinfo[i].anc[j]);
	for (size_t i = 0; i < a->n_p; i++)
		free(a->pinfo[i].field);
	a->n_u = a->n_p = 0;
	strmap_release(&a->units);
	strmap_release(&a->procs);
}

/* agg_add(a, b): the sum of two month rows, for the upsert. */
static void agg_add(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct month m;
	uint8_t out[MONTH_MAX];
	m.present = 0;
	for (int i = 0; i < 2; i++)
		month_add_blob(&m, sqlite3_value_blob(argv[i]),
			       sqlite3_value_bytes(argv[i]));
	sqlite3_result_blob(ctx, out, (int)month_encode(&m, out),
			    SQLITE_TRANSIENT);
}

enum mc_code store_agg_open(struct store *st, struct mc_err *err)
{
	struct agg_state *a = calloc(1, sizeof(*a));
	if (!a)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	st->agg = a;
	a->spill_at = SPILL_CELLS;
	if (sqlite3_create_function_v2(
		    st->db, "agg_add", 2,
		    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
		    NULL, agg_add, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_fail(st, err, "registering agg_add");
	for (int i = 0; i < A__COUNT; i++)
		if (sqlite3_prepare_v3(st->db, agg_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &a->stmt[i],
				       NULL) != SQLITE_OK)
			return store_db_fail(st, err, "preparing aggregates");
	return MC_OK;
}

void store_agg_set_spill(struct store *st, size_t cells)
{
	st->agg->spill_at = cells ? cells : SPILL_CELLS;
}

void store_agg_close(struct store *st)
{
	struct agg_state *a = st->agg;
	if (!a)
		return;
	for (int i = 0; i < A__COUNT; i++)
		sqlite3_finalize(a->stmt[i]);
	forget_catalogue(a);
	strmap_release(&a->keys);
	strmap_release(&a->touched);
	free(a->combo);
	free(a->uinfo);
	free(a->pinfo);
	free(a->cells);
	free(a);
	st->agg = NULL;
}

void store_agg_discard(struct store *st)
{
	struct agg_state *a = st->agg;
	clear_cells(a);
	strmap_release(&a->touched);
	/* ids of keys added in the rolled-back transaction are gone */
	strmap_release(&a->keys);
	forget_combos(a);
	a->rebuild = false;
	memset(a->status_delta, 0, sizeof(a->status_delta));
}

void store_agg_catalogue_changed(struct store *st, bool rebuild)
{
	forget_catalogue(st->agg);
	st->agg->rebuild |= rebuild;
}

/* ---- catalogue lookups ------------------------------------------------- */

static enum mc_code unit_info(struct store *st, const char *code,
			      struct unit_info **out, struct mc_err *err)
{
	struct agg_state *a = st->agg;
	int64_t i = strmap_get(&a->units, code, -1);
	if (i >= 0) {
		*out = &a->uinfo[i];
		return MC_OK;
	}
	struct unit_info *ui = ARRAY_PUSH(a->uinfo, a->n_u, a->cap_u);
	if (!ui)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	struct unit u;
	enum mc_code rc = store_unit_get(st, code, &u, err);
	for (int depth = 0; !rc; depth++) {
		if (depth == 0)
			ui->level = u.level;
		if (depth == MAX_DEPTH) {
			rc = mc_fail(err, MC_ERR_DB, "parent",
				     "unit %s is more than %d levels deep",
				     code, MAX_DEPTH);
			break;
		}
		ui->anc[ui->n_anc++] = u.code;
		u.code = NULL;
		char *parent = u.parent;
		u.parent = NULL;
		unit_release(&u);
		if (!parent)
			break;
		rc = store_unit_get(st, parent, &u, err);
		free(parent);
	}
	if (rc || !strmap_put(&a->units, code, (int64_t)(a->n_u - 1))) {
		for (int j = 0; j < ui->n_anc; j++)
			free(ui->anc[j]);
		a->n_u--;
		return rc ? rc
			  : mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	*out = ui;
	return MC_OK;
}

static enum mc_code proc_info(struct store *st, const char *code,
			      struct proc_info **out, struct mc_err *err)
{
	struct agg_state *a = st->agg;
	int64_t i = strmap_get(&a->procs, code, -1);
	if (i >= 0) {
		*out = &a->pinfo[i];
		return MC_OK;
	}
	struct procedure p;
	enum mc_code rc = store_procedure_get(st, code, &p, err);
	if (rc)
		return rc;
	struct proc_info *pi = ARRAY_PUSH(a->pinfo, a->n_p, a->cap_p);
	if (!pi || !strmap_put(&a->procs, code, (int64_t)(a->n_p - 1))) {
		procedure_release(&p);
		if (pi)
			a->n_p--;
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	pi->level = p.online_level;
	pi->field = p.field_code;
	p.field_code = NULL;
	procedure_release(&p);
	*out = pi;
	return MC_OK;
}

static enum mc_code key_id(struct store *st, const char *unit, int dim,
			   const char *value, bool create, int64_t *id,
			   struct mc_err *err)
{
	struct agg_state *a = st->agg;
	char name[256];
	snprintf(name, sizeof(name), "%s\x1f%d\x1f%s", unit, dim, value);
	*id = strmap_get(&a->keys, name, 0);
	if (*id)
		return MC_OK;
	sqlite3_stmt *s = astmt(st, A_KEY_FIND);
	bind_text(s, 1, unit);
	sqlite3_bind_int(s, 2, dim);
	bind_text(s, 3, value);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(st, err, "finding an aggregate key");
	if (!*id && !create)
		return MC_OK;
	if (!*id) {
		s = astmt(st, A_KEY_ADD);
		bind_text(s, 1, unit);
		sqlite3_bind_int(s, 2, dim);
		bind_text(s, 3, value);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_db_fail(st, err,
					     "adding an aggregate key");
		*id = sqlite3_last_insert_rowid(st->db);
	}
	if (!strmap_put(&a->keys, name, *id))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

/* ---- the delta map ----------------------------------------------------- */

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

static bool grow_cells(struct agg_state *a)
{
	size_t ncap = a->cap ? a->cap * 2 : 1024;
	struct cell *n = calloc(ncap, sizeof(*n));
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

static bool add_cell(struct agg_state *a, int64_t key, int64_t day,
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
	a->cells[j].v[c] += sign;
	return true;
}

/* The keys a dossier counts under: its unit alone, every ancestor's
 * subtree in total, by level, by field and by procedure. */
static enum mc_code find_keys(struct store *st, const struct dossier *d,
			      int64_t *keys, size_t *n,
			      enum online_level *level, struct mc_err *err)
{
	struct unit_info *u = NULL;
	struct proc_info *p = NULL;
	enum mc_code rc;
	if ((rc = unit_info(st, d->unit_code, &u, err)) ||
	    (rc = proc_info(st, d->procedure_code, &p, err)))
		return rc;
	*level = p->level;
	char lv[12];
	snprintf(lv, sizeof(lv), "%d", u->level);
	*n = 0;
	rc = key_id(st, d->unit_code, AGG_DIM_OWN, "", true, &keys[(*n)++],
		    err);
	for (int i = 0; !rc && i < u->n_anc; i++) {
		const char *a = u->anc[i];
		if ((rc = key_id(st, a, AGG_DIM_ALL, "", true, &keys[(*n)++],
				 err)) ||
		    (rc = key_id(st, a, AGG_DIM_LEVEL, lv, true, &keys[(*n)++],
				 err)) ||
		    (rc = key_id(st, a, AGG_DIM_FIELD, p->field, true,
				 &keys[(*n)++], err)))
			break;
		rc = key_id(st, a, AGG_DIM_PROCEDURE, d->procedure_code, true,
			    &keys[(*n)++], err);
	}
	return rc;
}

/* The keys of a dossier, found once per unit and procedure. */
static enum mc_code dossier_keys(struct store *st, const struct dossier *d,
				 const struct combo **out, struct mc_err *err)
{
	struct agg_state *a = st->agg;
	char name[160];
	snprintf(name, sizeof(name), "%s\x1f%s", d->unit_code,
		 d->procedure_code);
	int64_t i = strmap_get(&a->combos, name, -1);
	if (i >= 0) {
		*out = &a->combo[i];
		return MC_OK;
	}
	struct combo c;
	enum mc_code rc = find_keys(st, d, c.keys, &c.n, &c.level, err);
	if (rc)
		return rc;
	struct combo *slot = ARRAY_PUSH(a->combo, a->n_c, a->cap_c);
	if (!slot || !strmap_put(&a->combos, name, (int64_t)(a->n_c - 1)))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	*slot = c;
	*out = slot;
	return MC_OK;
}

enum mc_code store_agg_note(struct store *st, const struct dossier *d, int sign,
			    struct mc_err *err)
{
	const struct combo *c = NULL;
	enum mc_code rc = dossier_keys(st, d, &c, err);
	if (rc)
		return rc;
	if (d->status >= 1 && d->status <= 10)
		st->agg->status_delta[d->status] += sign;
	const int64_t *keys = c->keys;
	size_t n_keys = c->n;
	enum online_level level = c->level;
	struct agg_delta small[16], *deltas = small;
	size_t n = report_contributions(d, level, NULL, 0);
	if (n > 16 && !(deltas = malloc(n * sizeof(*deltas))))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	report_contributions(d, level, deltas, n);
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++)
		for (size_t k = 0; ok && k < n_keys; k++)
			ok = add_cell(st->agg, keys[k], deltas[i].day,
				      deltas[i].counter, sign);
	if (deltas != small)
		free(deltas);
	if (!ok)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return st->agg->n >= st->agg->spill_at ? spill(st, err) : MC_OK;
}

/* ---- writing at commit ------------------------------------------------- */

/* Add a month of cells to its row. A row may come back to no days at all
 * (a dossier moved out of that month); it stays, adds nothing, and goes
 * at the next rebuild. */
static enum mc_code write_month(struct store *st, int64_t key, int64_t month,
				const struct month *m, struct mc_err *err)
{
	uint8_t blob[MONTH_MAX];
	size_t n = month_encode(m, blob);
	if (!n)
		return MC_OK;
	sqlite3_stmt *s = astmt(st, A_DAY_ADD);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, month);
	sqlite3_bind_blob(s, 3, blob, (int)n, SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE
		       ? MC_OK
		       : store_db_fail(st, err, "writing an aggregate");
}

static enum mc_code put_month(struct store *st, int64_t key, int64_t month,
			      const vec v, struct mc_err *err)
{
	uint8_t blob[VEC_MAX];
	sqlite3_stmt *s = astmt(st, A_MONTH_PUT);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, month);
	sqlite3_bind_blob(s, 3, blob, (int)vec_encode(v, blob), SQLITE_STATIC);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE
		       ? MC_OK
		       : store_db_fail(st, err, "writing a checkpoint");
}

/* The latest checkpoint before `month`: its month and counters. */
static enum mc_code month_before(struct store *st, int64_t key, int64_t month,
				 int64_t *found, vec v, struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, A_MONTH_BEFORE);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, month);
	int rc = sqlite3_step(s);
	*found = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : INT64_MIN;
	vec_decode(rc == SQLITE_ROW ? sqlite3_column_blob(s, 1) : NULL,
		   rc == SQLITE_ROW ? sqlite3_column_bytes(s, 1) : 0, v);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(st, err, "reading a checkpoint");
	return MC_OK;
}

/* Rewrite the key's monthly checkpoints from `start` on, from its month
 * rows: months stay contiguous from the first to the last with data. */
static enum mc_code remonth(struct store *st, int64_t key, int64_t start,
			    struct mc_err *err)
{
	vec cum;
	int64_t prev;
	enum mc_code rc = month_before(st, key, start, &prev, cum, err);
	if (rc)
		return rc;
	if (prev != INT64_MIN && prev + 1 < start)
		start = prev + 1; /* fill the gap after the last checkpoint */
	sqlite3_stmt *s = astmt(st, A_MONTH_DELETE_FROM);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, start);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_db_fail(st, err, "rewriting checkpoints");
	sqlite3_reset(s);
	/* read the month totals into memory first: the statement that
	 * reads them must not be open while checkpoints are written */
	struct {
		int64_t month;
		int64_t v[AGG__COUNT];
	} *rows = NULL;
	size_t n = 0, cap = 0;
	s = astmt(st, A_DAY_FROM);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, start);
	int step = SQLITE_DONE;
	while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
		__typeof__(rows) r = ARRAY_PUSH(rows, n, cap);
		if (!r) {
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
			break;
		}
		r->month = sqlite3_column_int64(s, 0);
		memset(r->v, 0, sizeof(r->v));
		store_agg_month_sum(sqlite3_column_blob(s, 1),
				    sqlite3_column_bytes(s, 1), r->v);
	}
	sqlite3_reset(s);
	if (!rc && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = store_db_fail(st, err, "reading aggregates");
	int64_t month = start;
	for (size_t i = 0; !rc && i < n; i++) {
		for (; !rc && month < rows[i].month; month++)
			rc = put_month(st, key, month, cum, err);
		for (int c = 0; c < AGG__COUNT; c++)
			cum[c] += (int32_t)rows[i].v[c];
	}
	if (!rc && n)
		rc = put_month(st, key, month, cum, err);
	free(rows);
	return rc;
}

/* Remember that key's checkpoints must be redone from `month` on. */
static bool touch(struct agg_state *a, int64_t key, int64_t month)
{
	char name[24];
	snprintf(name, sizeof(name), "%lld", (long long)key);
	return month >= strmap_get(&a->touched, name, INT64_MAX) ||
	       strmap_put(&a->touched, name, month);
}

static int by_key_and_day(const void *x, const void *y)
{
	uint64_t a = ((const struct cell *)x)->k,
		 b = ((const struct cell *)y)->k;
	return a < b ? -1 : a > b;
}

static void clear_cells(struct agg_state *a)
{
	a->n = 0;
	if (a->cells)
		memset(a->cells, 0, a->cap * sizeof(*a->cells));
}

/* Write the map's cells into their month rows, remember which keys'
 * checkpoints must be redone, and empty the map: a large import or
 * rebuild keeps at most SPILL_CELLS cells in memory. */
static enum mc_code spill(struct store *st, struct mc_err *err)
{
	struct agg_state *a = st->agg;
	enum mc_code rc = MC_OK;
	/* in (key, day) order the B-tree is written front to back; the map
	 * is emptied after this anyway, so it can be sorted in place */
	size_t n = 0;
	for (size_t i = 0; i < a->cap; i++)
		if (a->cells[i].k)
			a->cells[n++] = a->cells[i];
	qsort(a->cells, n, sizeof(*a->cells), by_key_and_day);
	struct month m;
	for (size_t i = 0; !rc && i < n;) {
		int64_t key = cell_keyid(a->cells[i].k);
		int64_t month = month_of(cell_day(a->cells[i].k));
		int64_t first = month_first_day(month),
			next = month_first_day(month + 1);
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
			month_add(&m, (int)(cell_day(a->cells[i].k) - first),
				  a->cells[i].v);
		rc = write_month(st, key, month, &m, err);
	}
	clear_cells(a);
	return rc;
}

/* The dossiers per status moved by the transaction's writes. */
static enum mc_code add_status_counts(struct store *st, struct mc_err *err)
{
	int64_t *delta = st->agg->status_delta;
	for (int s = 1; s <= 10; s++) {
		if (!delta[s])
			continue;
		sqlite3_stmt *q = astmt(st, A_STATUS_ADD);
		sqlite3_bind_int64(q, 1, delta[s]);
		sqlite3_bind_int(q, 2, s);
		int rc = sqlite3_step(q);
		sqlite3_reset(q);
		if (rc != SQLITE_DONE)
			return store_db_fail(st, err, "counting statuses");
		delta[s] = 0;
	}
	return MC_OK;
}

static enum mc_code remonth_touched(struct store *st, struct mc_err *err)
{
	struct strmap *t = &st->agg->touched;
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < t->cap; i++)
		if (t->keys[i])
			rc = remonth(st, strtoll(t->keys[i], NULL, 10),
				     t->values[i], err);
	strmap_release(t);
	return rc;
}

struct rebuild {
	struct store *st;
	enum mc_code rc;
	struct mc_err *err;
};

static int note_each(const struct dossier *d, void *ctx)
{
	struct rebuild *r = ctx;
	r->rc = store_agg_note(r->st, d, +1, r->err);
	return r->rc != MC_OK;
}

/* Recompute every aggregate from the dossiers (after the tree or the
 * catalogue changed under stored data, or on an old database). */
enum mc_code store_agg_rebuild(struct store *st, struct mc_err *err)
{
	store_agg_discard(st);
	forget_catalogue(st->agg);
	if (sqlite3_exec(st->db,
			 "DELETE FROM agg_days; DELETE FROM agg_month;"
			 " DELETE FROM agg_keys;"
			 " UPDATE dossier_status_counts SET n = 0;",
			 NULL, NULL, NULL) != SQLITE_OK)
		return store_db_fail(st, err, "clearing aggregates");
	struct rebuild r = {st, MC_OK, err};
	enum mc_code rc = store_dossier_each(st, MC_NO_TIME, MC_NO_TIME,
					     note_each, &r, err);
	return rc ? rc : r.rc;
}

enum mc_code store_agg_flush(struct store *st, struct mc_err *err)
{
	struct agg_state *a = st->agg;
	enum mc_code rc = MC_OK;
	if (a->rebuild)
		rc = store_agg_rebuild(st, err);
	if (!rc && a->n)
		rc = spill(st, err);
	if (!rc)
		rc = remonth_touched(st, err);
	if (!rc)
		rc = add_status_counts(st, err);
	clear_cells(a);
	memset(a->status_delta, 0, sizeof(a->status_delta));
	strmap_release(&a->touched);
	a->rebuild = false;
	return rc;
}

/* Aggregates written by a program with another set of counters, or none
 * at all for stored dossiers, are rebuilt when the database opens. */
enum mc_code store_agg_upgrade(struct store *st, struct mc_err *err)
{
	sqlite3_stmt *s;
	char sql[160];
	snprintf(sql, sizeof(sql),
		 "SELECT coalesce((SELECT counters FROM agg_meta), 0) != %d",
		 AGG__COUNT);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_db_fail(st, err, "checking aggregates");
	int stale = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (!stale)
		return MC_OK;
	snprintf(sql, sizeof(sql),
		 "DELETE FROM agg_meta; INSERT INTO agg_meta VALUES(%d)",
		 AGG__COUNT);
	enum mc_code rc = store_begin(st, err);
	if (!rc)
		rc = store_agg_rebuild(st, err);
	if (!rc && sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		rc = store_db_fail(st, err, "recording the counters");
	rc = store_finish(st, rc, err);
	return rc;
}

/* Outside a transaction, a pending rebuild runs in one of its own. */
enum mc_code store_agg_settle(struct store *st, struct mc_err *err)
{
	if (!st->agg->rebuild || !sqlite3_get_autocommit(st->db))
		return MC_OK;
	enum mc_code rc = store_begin(st, err);
	return rc ? rc : store_commit(st, err);
}

/* ---- reading ----------------------------------------------------------- */

/* The days of key in (after, last], added to at_last, and to before as
 * well (when given) while the day is at most `split`. */
static enum mc_code add_days(struct store *st, int64_t key, int64_t after,
			     int64_t split, int64_t last,
			     int64_t before[AGG__COUNT],
			     int64_t at_last[AGG__COUNT], struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, A_DAY_RANGE);
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(
		s, 2, after == INT64_MIN ? INT64_MIN : month_of(after + 1));
	sqlite3_bind_int64(s, 3, month_of(last));
	int step;
	vec v;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t first = month_first_day(sqlite3_column_int64(s, 0));
		struct month_iter it = month_iter(sqlite3_column_blob(s, 1),
						  sqlite3_column_bytes(s, 1));
		int dom;
		while (month_next(&it, &dom, v)) {
			int64_t day = first + dom;
			if (day <= after || day > last)
				continue;
			bool early = before && day <= split;
			for (int i = 0; i < AGG__COUNT; i++) {
				at_last[i] += v[i];
				if (early)
					before[i] += v[i];
			}
		}
	}
	sqlite3_reset(s);
	return step == SQLITE_DONE
		       ? MC_OK
		       : store_db_fail(st, err, "reading aggregates");
}

/* The key of (unit, dim, value); 0 when nothing was ever counted there. */
static enum mc_code find_key(struct store *st, const char *unit,
			     enum agg_dim dim, const char *value, int64_t *key,
			     struct mc_err *err)
{
	return key_id(st, unit, dim, value ? value : "", false, key, err);
}

/* The checkpoint before `day`'s month into at_last (and before, when
 * given), then the days after it up to `last` (into before too while at
 * most `split`). */
static enum mc_code from_checkpoint(struct store *st, int64_t key, int64_t day,
				    int64_t split, int64_t last,
				    int64_t before[AGG__COUNT],
				    int64_t at_last[AGG__COUNT],
				    struct mc_err *err)
{
	int64_t prev;
	vec v;
	enum mc_code rc = month_before(st, key, month_of(day), &prev, v, err);
	if (rc)
		return rc;
	for (int i = 0; i < AGG__COUNT; i++) {
		at_last[i] = v[i];
		if (before)
			before[i] = v[i];
	}
	int64_t after =
		prev == INT64_MIN ? INT64_MIN : month_first_day(prev + 1) - 1;
	return add_days(st, key, after, split, last, before, at_last, err);
}

enum mc_code store_agg_counters(struct store *st, const char *unit,
				enum agg_dim dim, const char *value,
				int64_t day, int64_t out[AGG__COUNT],
				struct mc_err *err)
{
	memset(out, 0, AGG__COUNT * sizeof(int64_t));
	int64_t key;
	enum mc_code rc = find_key(st, unit, dim, value, &key, err);
	if (rc || !key)
		return rc;
	return from_checkpoint(st, key, day, day, day, NULL, out, err);
}

enum mc_code store_agg_period(struct store *st, const char *unit,
			      enum agg_dim dim, const char *value, int64_t from,
			      int64_t to, int64_t before[AGG__COUNT],
			      int64_t at_to[AGG__COUNT], struct mc_err *err)
{
	/* a long period reads two checkpoints; a month or two is cheaper
	 * as one checkpoint and one run of daily rows */
	if (month_of(to) - month_of(from - 1) > 1) {
		enum mc_code rc = store_agg_counters(st, unit, dim, value,
						     from - 1, before, err);
		return rc ? rc
			  : store_agg_counters(st, unit, dim, value, to, at_to,
					       err);
	}
	memset(before, 0, AGG__COUNT * sizeof(int64_t));
	memset(at_to, 0, AGG__COUNT * sizeof(int64_t));
	int64_t key;
	enum mc_code rc = find_key(st, unit, dim, value, &key, err);
	if (rc || !key)
		return rc;
	return from_checkpoint(st, key, from - 1, from - 1, to, before, at_to,
			       err);
}

enum mc_code store_agg_added(struct store *st, const char *unit,
			     enum agg_dim dim, const char *value, int64_t from,
			     int64_t to, int64_t out[AGG__COUNT],
			     struct mc_err *err)
{
	memset(out, 0, AGG__COUNT * sizeof(int64_t));
	int64_t key;
	enum mc_code rc = find_key(st, unit, dim, value, &key, err);
	if (rc || !key)
		return rc;
	return add_days(st, key, from - 1, to, to, NULL, out, err);
}

enum mc_code store_agg_values(struct store *st, const char *unit,
			      enum agg_dim dim, store_agg_value_fn fn,
			      void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, A_VALUES);
	bind_text(s, 1, unit);
	sqlite3_bind_int(s, 2, dim);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(s, 0), ctx))
			break;
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return store_db_fail(st, err, "listing aggregate keys");
	return MC_OK;
}
