/*
 * sqlite_agg.c - the aggregate rows of store.h in SQLite: keys in
 * agg_keys (their rowid is the key id), month rows in agg_days and
 * checkpoints in agg_month, each (key, month) a blob the aggregate
 * engine (src/aggregates) encodes; agg_meta records the counters the
 * rows were written with. Also the dossiers per status
 * (dossier_status_counts), which every dossier write moves and
 * sqlite_commit adds up. No SQL here knows what the bytes mean.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

enum agg_stmt {
	A_KEY_FIND,
	A_KEY_ADD,
	A_VALUES,
	A_DAYS_GET,
	A_DAYS_PUT,
	A_DAYS_EACH,
	A_DAYS_EACH_DESC,
	A_DAYS_DELETE,
	A_MARKS_GET,
	A_MARKS_PUT,
	A_MARKS_EACH,
	A_MARKS_EACH_DESC,
	A_MARKS_DELETE,
	A_FORMAT_GET,
	A_STATUS_ADD,
	A__COUNT
};

/* The statements of each kind of row follow in the same order. */
#define ROWS_GET(t) ((t) == STORE_AGG_DAYS ? A_DAYS_GET : A_MARKS_GET)
#define ROW_OP(t, op) ((enum agg_stmt)(ROWS_GET(t) + (op)))
enum { OP_GET, OP_PUT, OP_EACH, OP_EACH_DESC, OP_DELETE };

static const char *const agg_sql[A__COUNT] = {
	[A_KEY_FIND] =
		"SELECT id FROM agg_keys WHERE unit=? AND dim=? AND value=?",
	[A_KEY_ADD] = "INSERT INTO agg_keys(unit, dim, value) VALUES(?,?,?)",
	[A_VALUES] = "SELECT value FROM agg_keys WHERE unit=? AND dim=?"
		     " ORDER BY value",
	[A_DAYS_GET] = "SELECT v FROM agg_days WHERE key=? AND month=?",
	[A_DAYS_PUT] = "INSERT INTO agg_days(key, month, v) VALUES(?,?,?)"
		       " ON CONFLICT(key, month) DO UPDATE SET v = excluded.v",
	[A_DAYS_EACH] = "SELECT month, v FROM agg_days WHERE key=? AND"
			" month>=? AND month<=? ORDER BY month",
	[A_DAYS_EACH_DESC] = "SELECT month, v FROM agg_days WHERE key=? AND"
			     " month>=? AND month<=? ORDER BY month DESC",
	[A_DAYS_DELETE] = "DELETE FROM agg_days WHERE key=? AND month>=?",
	[A_MARKS_GET] = "SELECT v FROM agg_month WHERE key=? AND month=?",
	[A_MARKS_PUT] = "INSERT OR REPLACE INTO agg_month(key, month, v)"
			" VALUES(?,?,?)",
	[A_MARKS_EACH] = "SELECT month, v FROM agg_month WHERE key=? AND"
			 " month>=? AND month<=? ORDER BY month",
	[A_MARKS_EACH_DESC] = "SELECT month, v FROM agg_month WHERE key=? AND"
			      " month>=? AND month<=? ORDER BY month DESC",
	[A_MARKS_DELETE] = "DELETE FROM agg_month WHERE key=? AND month>=?",
	[A_FORMAT_GET] = "SELECT coalesce((SELECT counters FROM agg_meta), 0)",
	[A_STATUS_ADD] =
		"UPDATE dossier_status_counts SET n = n + ? WHERE status = ?",
};

struct agg_state {
	sqlite3_stmt *stmt[A__COUNT];
	int64_t status_delta[11]; /* dossiers per status, added at commit */
};

static sqlite3_stmt *astmt(struct store *st, enum agg_stmt id)
{
	sqlite3_stmt *s = sq(st)->agg->stmt[id];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static enum mc_code done(struct store *st, sqlite3_stmt *s, const char *what,
			 struct mc_err *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? MC_OK : sqlite_db_fail(st, err, what);
}

/* ---- lifetime ---------------------------------------------------------- */

enum mc_code sqlite_agg_open(struct store *st, struct mc_err *err)
{
	struct agg_state *a = calloc(1, sizeof(*a));
	if (!a)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	sq(st)->agg = a;
	for (int i = 0; i < A__COUNT; i++)
		if (sqlite3_prepare_v3(sq(st)->db, agg_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &a->stmt[i],
				       NULL) != SQLITE_OK)
			return sqlite_db_fail(st, err, "preparing aggregates");
	return MC_OK;
}

void sqlite_agg_close(struct store *st)
{
	struct agg_state *a = sq(st)->agg;
	if (!a)
		return;
	for (int i = 0; i < A__COUNT; i++)
		sqlite3_finalize(a->stmt[i]);
	free(a);
	sq(st)->agg = NULL;
}

/* ---- the status counts -------------------------------------------------- */

void sqlite_status_note(struct store *st, int status, int sign)
{
	if (status >= 1 && status <= 10)
		sq(st)->agg->status_delta[status] += sign;
}

enum mc_code sqlite_status_flush(struct store *st, struct mc_err *err)
{
	int64_t *delta = sq(st)->agg->status_delta;
	enum mc_code rc = MC_OK;
	for (int s = 1; !rc && s <= 10; s++) {
		if (!delta[s])
			continue;
		sqlite3_stmt *q = astmt(st, A_STATUS_ADD);
		sqlite3_bind_int64(q, 1, delta[s]);
		sqlite3_bind_int(q, 2, s);
		rc = done(st, q, "counting statuses", err);
	}
	memset(delta, 0, sizeof(sq(st)->agg->status_delta));
	return rc;
}

void sqlite_status_discard(struct store *st)
{
	struct agg_state *a = sq(st)->agg;
	memset(a->status_delta, 0, sizeof(a->status_delta));
}

/* ---- keys -------------------------------------------------------------- */

enum mc_code sqlite_agg_key(struct store *st, const char *unit, int dim,
			    const char *value, bool create, int64_t *id,
			    struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, A_KEY_FIND);
	bind_text(s, 1, unit);
	sqlite3_bind_int(s, 2, dim);
	bind_text(s, 3, value);
	int rc = sqlite3_step(s);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "finding an aggregate key");
	if (*id || !create)
		return MC_OK;
	s = astmt(st, A_KEY_ADD);
	bind_text(s, 1, unit);
	sqlite3_bind_int(s, 2, dim);
	bind_text(s, 3, value);
	enum mc_code c = done(st, s, "adding an aggregate key", err);
	if (!c)
		*id = sqlite3_last_insert_rowid(sq(st)->db);
	return c;
}

enum mc_code sqlite_agg_values(struct store *st, const char *unit, int dim,
			       store_agg_value_fn fn, void *ctx,
			       struct mc_err *err)
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
		return sqlite_db_fail(st, err, "listing aggregate keys");
	return MC_OK;
}

/* ---- rows -------------------------------------------------------------- */

enum mc_code sqlite_agg_row_get(struct store *st, enum store_agg_rows t,
				int64_t key, int64_t month, uint8_t *buf,
				size_t cap, size_t *n, struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, ROW_OP(t, OP_GET));
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, month);
	int rc = sqlite3_step(s);
	*n = 0;
	if (rc == SQLITE_ROW) {
		size_t bytes = (size_t)sqlite3_column_bytes(s, 0);
		*n = bytes < cap ? bytes : cap;
		if (*n)
			memcpy(buf, sqlite3_column_blob(s, 0), *n);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading aggregates");
	return MC_OK;
}

enum mc_code sqlite_agg_row_put(struct store *st, enum store_agg_rows t,
				int64_t key, int64_t month, const uint8_t *row,
				size_t n, struct mc_err *err)
{
	static const uint8_t none[1];
	sqlite3_stmt *s = astmt(st, ROW_OP(t, OP_PUT));
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, month);
	/* an empty row is an empty blob, never NULL */
	sqlite3_bind_blob(s, 3, n ? row : none, (int)n, SQLITE_STATIC);
	return done(st, s, "writing aggregates", err);
}

enum mc_code sqlite_agg_rows_each(struct store *st, enum store_agg_rows t,
				  int64_t key, int64_t from, int64_t to,
				  bool falling, store_agg_row_fn fn, void *ctx,
				  struct mc_err *err)
{
	sqlite3_stmt *s =
		astmt(st, ROW_OP(t, falling ? OP_EACH_DESC : OP_EACH));
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(sqlite3_column_int64(s, 0), sqlite3_column_blob(s, 1),
		       (size_t)sqlite3_column_bytes(s, 1), ctx))
			break;
	sqlite3_reset(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading aggregates");
	return MC_OK;
}

enum mc_code sqlite_agg_rows_delete(struct store *st, enum store_agg_rows t,
				    int64_t key, int64_t from,
				    struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, ROW_OP(t, OP_DELETE));
	sqlite3_bind_int64(s, 1, key);
	sqlite3_bind_int64(s, 2, from);
	return done(st, s, "removing aggregates", err);
}

enum mc_code sqlite_agg_clear(struct store *st, struct mc_err *err)
{
	if (sqlite3_exec(sq(st)->db,
			 "DELETE FROM agg_days; DELETE FROM agg_month;"
			 " DELETE FROM agg_keys;",
			 NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_db_fail(st, err, "clearing aggregates");
	return MC_OK;
}

enum mc_code sqlite_agg_format(struct store *st, int *counters,
			       struct mc_err *err)
{
	sqlite3_stmt *s = astmt(st, A_FORMAT_GET);
	int rc = sqlite3_step(s);
	*counters = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return sqlite_db_fail(st, err, "checking aggregates");
	return MC_OK;
}

enum mc_code sqlite_agg_set_format(struct store *st, int counters,
				   struct mc_err *err)
{
	char sql[80];
	snprintf(sql, sizeof(sql),
		 "DELETE FROM agg_meta; INSERT INTO agg_meta VALUES(%d)",
		 counters);
	if (sqlite3_exec(sq(st)->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_db_fail(st, err, "recording the counters");
	return MC_OK;
}
