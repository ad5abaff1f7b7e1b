/*
 * sqlite.c - the SQLite store: opening, transactions, units, procedures,
 * administrator calendar rows and the content digest. Dossiers and the
 * event log are in sqlite_dossier.c.
 *
 * The database runs in WAL mode with synchronous=FULL, so a committed
 * transaction survives a crash of the process or of the machine.
 */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "store/sqlite_int.h"

enum mc_code store_db_fail(struct store *st, struct mc_err *err,
			   const char *what)
{
	const char *msg = st->db ? sqlite3_errmsg(st->db) : "no database";
	int code = st->db ? sqlite3_errcode(st->db) : SQLITE_ERROR;
	snprintf(st->errmsg, sizeof(st->errmsg), "%s: %s", what, msg);
	/* another connection (an import) held the write lock for longer
	 * than the busy timeout: nothing is wrong, it is only too soon */
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return mc_fail(err, MC_ERR_BUSY, "",
			       "the database is busy while %s: %s", what, msg);
	return mc_fail(err, MC_ERR_DB, "", "database error while %s: %s", what,
		       msg);
}

sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = st->stmt[id];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

enum mc_code store_prepare(struct store *st, const char *sql,
			   sqlite3_stmt **s, const char *what,
			   struct mc_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return store_db_fail(st, err, what);
	}
	return MC_OK;
}

enum mc_code store_step_done(struct store *st, sqlite3_stmt *s, int rc,
			     const char *what, struct mc_err *err)
{
	enum mc_code out = MC_OK;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		out = store_db_fail(st, err, what);
	sqlite3_finalize(s);
	return out;
}

void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void bind_time(sqlite3_stmt *s, int i, int64_t t)
{
	if (t == MC_NO_TIME)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_int64(s, i, t);
}

int64_t column_time(sqlite3_stmt *s, int i)
{
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return MC_NO_TIME;
	return sqlite3_column_int64(s, i);
}

char *column_strdup(sqlite3_stmt *s, int i, bool *ok)
{
	const unsigned char *v = sqlite3_column_text(s, i);
	if (!v)
		return NULL;
	char *copy = strdup((const char *)v);
	if (!copy)
		*ok = false;
	return copy;
}

enum mc_code store_nomem(struct mc_err *err, const char *what)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory %s", what);
}

static enum mc_code exec(struct store *st, const char *sql, struct mc_err *err)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_db_fail(st, err, sql);
	return MC_OK;
}

enum mc_code store_open(const char *path, struct store **out,
			struct mc_err *err)
{
	*out = NULL;
	if (sodium_init() < 0)
		return mc_fail(err, MC_ERR_INTERNAL, "", "libsodium failed");
	struct store *st = calloc(1, sizeof(*st));
	if (!st)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	enum mc_code rc;
	if (sqlite3_open_v2(path, &st->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = mc_fail(err, MC_ERR_IO, "db", "cannot open %s: %s", path,
			     sqlite3_errmsg(st->db));
		goto fail;
	}
	sqlite3_busy_timeout(st->db, STORE_BUSY_MS);
	/* 8 KiB pages: fewer B-tree splits and larger writes for dossier
	 * rows of about 800 bytes (takes effect on a new database only) */
	if ((rc = exec(st, "PRAGMA page_size=8192", err)) ||
	    (rc = exec(st, "PRAGMA journal_mode=WAL", err)) ||
	    (rc = exec(st, "PRAGMA synchronous=FULL", err)) ||
	    (rc = exec(st, "PRAGMA foreign_keys=ON", err)) ||
	    (rc = store_set_cache(st, STORE_CACHE_MIB, err)) ||
	    (rc = store_migrate(st, err)))
		goto fail;
	for (int i = 0; i < Q__COUNT; i++) {
		if (sqlite3_prepare_v3(st->db, store_statements[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &st->stmt[i],
				       NULL) != SQLITE_OK) {
			rc = store_db_fail(st, err, "preparing statements");
			goto fail;
		}
	}
	if ((rc = store_agg_open(st, err)))
		goto fail;
	*out = st;
	return MC_OK;
fail:
	store_close(st);
	return rc;
}

enum mc_code store_set_cache(struct store *st, int mib, struct mc_err *err)
{
	char sql[48];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size=%d", -1024 * mib);
	return exec(st, sql, err);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_agg_close(st);
	for (int i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	store_lists_release(&st->lists);
	free(st);
}

static enum mc_code step_done(struct store *st, sqlite3_stmt *s,
			      struct mc_err *err, const char *what)
{
	int rc = sqlite3_step(s);
	/* the message first: the reset would lose it */
	enum mc_code code = rc != SQLITE_DONE && rc != SQLITE_ROW
				    ? store_db_fail(st, err, what)
				    : MC_OK;
	sqlite3_reset(s); /* a failed BEGIN must not stay active */
	return code;
}

enum mc_code store_begin(struct store *st, struct mc_err *err)
{
	/* a write after reads in a snapshot: the write takes a fresh look
	 * under its own lock */
	if (st->snapshot)
		store_read_end(st, true);
	return step_done(st, store_stmt(st, Q_BEGIN), err,
			 "starting a transaction");
}

enum mc_code store_commit(struct store *st, struct mc_err *err)
{
	enum mc_code rc = store_agg_flush(st, err);
	if (!rc)
		rc = step_done(st, store_stmt(st, Q_COMMIT), err, "committing");
	if (rc)
		store_rollback(st);
	return rc;
}

enum mc_code store_finish(struct store *st, enum mc_code rc, struct mc_err *err)
{
	if (!rc)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	return rc;
}

bool store_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

void store_busy_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(st->db, ms);
}

bool store_read_begin(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		return false;
	sqlite3_stmt *s = store_stmt(st, Q_BEGIN_READ);
	st->snapshot = sqlite3_step(s) == SQLITE_DONE;
	sqlite3_reset(s);
	return st->snapshot;
}

void store_read_end(struct store *st, bool opened)
{
	if (opened && st->snapshot) {
		sqlite3_stmt *s = store_stmt(st, Q_COMMIT);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
	if (opened)
		st->snapshot = false;
}

void store_rollback(struct store *st)
{
	store_agg_discard(st);
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_step(store_stmt(st, Q_ROLLBACK));
	sqlite3_reset(st->stmt[Q_ROLLBACK]);
}

/* ---- units ----------------------------------------------------------- */

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether storing u moves it in the tree (parent or level), which the
 * aggregates of its dossiers depend on. */
static bool moves_in_tree(struct store *st, const struct unit *u)
{
	struct unit old;
	if (store_unit_get(st, u->code, &old, NULL) != MC_OK)
		return false;
	bool moved = !same(old.parent, u->parent) || old.level != u->level;
	unit_release(&old);
	return moved;
}

enum mc_code store_unit_put(struct store *st, const struct unit *u,
			    struct mc_err *err)
{
	store_agg_catalogue_changed(st, moves_in_tree(st, u));
	sqlite3_stmt *s = store_stmt(st, Q_UNIT_PUT);
	bind_text(s, 1, u->code);
	bind_text(s, 2, u->name);
	bind_text(s, 3, u->parent);
	sqlite3_bind_int(s, 4, (int)u->level);
	bind_time(s, 5, u->valid_from);
	bind_time(s, 6, u->valid_to);
	bind_text(s, 7, u->successor);
	bind_text(s, 8, u->office_hours);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT)
		return mc_fail(err, MC_ERR_NOT_FOUND, "parent",
			       "parent: unit \"%s\" is not known",
			       str_or_empty(u->parent));
	if (rc != SQLITE_DONE)
		return store_db_fail(st, err, "storing a unit");
	return store_agg_settle(st, err);
}

/* False (u released) when a copy failed. */
static bool read_unit(sqlite3_stmt *s, struct unit *u)
{
	bool ok = true;
	unit_init(u);
	u->code = column_strdup(s, 0, &ok);
	u->name = column_strdup(s, 1, &ok);
	u->parent = column_strdup(s, 2, &ok);
	u->level = (enum unit_level)sqlite3_column_int(s, 3);
	u->valid_from = column_time(s, 4);
	u->valid_to = column_time(s, 5);
	u->successor = column_strdup(s, 6, &ok);
	u->office_hours = column_strdup(s, 7, &ok);
	if (!ok)
		unit_release(u);
	return ok;
}

enum mc_code store_unit_get(struct store *st, const char *code,
			    struct unit *out, struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_UNIT_GET);
	bind_text(s, 1, code);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		bool ok = read_unit(s, out);
		sqlite3_reset(s);
		return ok ? MC_OK : store_nomem(err, "reading a unit");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_db_fail(st, err, "reading a unit");
	return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
		       "unit \"%s\" is not known", str_or_empty(code));
}

static enum mc_code generation(struct store *st, enum stmt_id id, int64_t *n,
			       struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	return rc == SQLITE_ROW
		       ? MC_OK
		       : store_db_fail(st, err, "reading a generation");
}

enum mc_code store_unit_generation(struct store *st, int64_t *n,
				   struct mc_err *err)
{
	return generation(st, Q_UNIT_GENERATION, n, err);
}

enum mc_code store_calendar_generation(struct store *st, int64_t *n,
				       struct mc_err *err)
{
	return generation(st, Q_CAL_GENERATION, n, err);
}

enum mc_code store_unit_each(struct store *st, store_unit_fn fn, void *ctx,
			     struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_UNIT_EACH);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct unit u;
		if (!read_unit(s, &u)) {
			sqlite3_reset(s);
			return store_nomem(err, "listing units");
		}
		int stop = fn(&u, ctx);
		unit_release(&u);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(st, err, "listing units");
	return MC_OK;
}

/* ---- procedures ------------------------------------------------------ */

static void fees_json(const struct procedure *p, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < p->n_fees; i++) {
		strbuf_puts(sb, i ? ",{\"code\":" : "{\"code\":");
		strbuf_json_string(sb, str_or_empty(p->fees[i].code));
		strbuf_puts(sb, ",\"name\":");
		strbuf_json_string(sb, str_or_empty(p->fees[i].name));
		strbuf_addf(sb, ",\"amount\":%lld}",
			    (long long)p->fees[i].amount);
	}
	strbuf_puts(sb, "]");
}

static void windows_json(const struct procedure *p, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < p->n_online_only; i++)
		strbuf_addf(sb, "%s[%lld,%lld]", i ? "," : "",
			    (long long)p->online_only[i].from,
			    (long long)p->online_only[i].to);
	strbuf_puts(sb, "]");
}

/* Whether storing p changes what its dossiers are counted under. */
static bool recounts(struct store *st, const struct procedure *p)
{
	struct procedure old;
	if (store_procedure_get(st, p->code, &old, NULL) != MC_OK)
		return false;
	bool changed = !same(old.field_code, p->field_code) ||
		       old.online_level != p->online_level;
	procedure_release(&old);
	return changed;
}

enum mc_code store_procedure_put(struct store *st, const struct procedure *p,
				 struct mc_err *err)
{
	store_agg_catalogue_changed(st, recounts(st, p));
	struct strbuf fees, windows;
	strbuf_init(&fees);
	strbuf_init(&windows);
	fees_json(p, &fees);
	windows_json(p, &windows);
	enum mc_code rc = MC_OK;
	if (fees.oom || windows.oom) {
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		goto out;
	}
	sqlite3_stmt *s = store_stmt(st, Q_PROC_PUT);
	bind_text(s, 1, p->code);
	bind_text(s, 2, p->name);
	bind_text(s, 3, p->field_code);
	bind_text(s, 4, p->field_name);
	sqlite3_bind_int(s, 5, p->limit_value);
	sqlite3_bind_int(s, 6, (int)p->limit_unit);
	sqlite3_bind_int(s, 7, (int)p->online_level);
	sqlite3_bind_int(s, 8, p->paper_result);
	bind_text(s, 9, fees.buf);
	bind_text(s, 10, windows.buf);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_db_fail(st, err, "storing a procedure");
	sqlite3_reset(s);
out:
	strbuf_release(&fees);
	strbuf_release(&windows);
	return rc ? rc : store_agg_settle(st, err);
}

static bool read_fees(const char *text, struct procedure *p)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL);
	bool ok = json_is_array(a);
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct procedure_fee *f =
			ARRAY_PUSH(p->fees, p->n_fees, p->cap_fees);
		if (!f ||
		    !str_set(&f->code,
			     json_string_value(json_object_get(v, "code"))) ||
		    !str_set(&f->name,
			     json_string_value(json_object_get(v, "name")))) {
			ok = false;
			break;
		}
		f->amount = json_integer_value(json_object_get(v, "amount"));
	}
	json_decref(a);
	return ok;
}

static bool read_windows(const char *text, struct procedure *p)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL);
	bool ok = json_is_array(a);
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct date_window *w = ARRAY_PUSH(
			p->online_only, p->n_online_only, p->cap_online_only);
		if (!w) {
			ok = false;
			break;
		}
		w->from = json_integer_value(json_array_get(v, 0));
		w->to = json_integer_value(json_array_get(v, 1));
	}
	json_decref(a);
	return ok;
}

/* Reads a row of code, name, ... online_only. */
static bool read_procedure(sqlite3_stmt *s, struct procedure *out)
{
	bool ok = true;
	procedure_init(out);
	out->code = column_strdup(s, 0, &ok);
	out->name = column_strdup(s, 1, &ok);
	out->field_code = column_strdup(s, 2, &ok);
	out->field_name = column_strdup(s, 3, &ok);
	out->limit_value = sqlite3_column_int(s, 4);
	out->limit_unit = (enum limit_unit)sqlite3_column_int(s, 5);
	out->online_level = (enum online_level)sqlite3_column_int(s, 6);
	out->paper_result = sqlite3_column_int(s, 7);
	return ok && read_fees((const char *)sqlite3_column_text(s, 8), out) &&
	       read_windows((const char *)sqlite3_column_text(s, 9), out);
}

static enum mc_code unreadable(struct mc_err *err, const char *code)
{
	return mc_fail(err, MC_ERR_DB, "procedure",
		       "procedure \"%s\" has unreadable fees or windows",
		       str_or_empty(code));
}

enum mc_code store_procedure_get(struct store *st, const char *code,
				 struct procedure *out, struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_PROC_GET);
	bind_text(s, 1, code);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_db_fail(st, err, "reading a procedure");
		return mc_fail(err, MC_ERR_NOT_FOUND, "procedure",
			       "procedure \"%s\" is not known",
			       str_or_empty(code));
	}
	bool ok = read_procedure(s, out);
	sqlite3_reset(s);
	if (!ok) {
		procedure_release(out);
		return unreadable(err, code);
	}
	return MC_OK;
}

enum mc_code store_procedure_each(struct store *st, store_procedure_fn fn,
				  void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_PROC_EACH);
	int rc;
	enum mc_code out = MC_OK;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct procedure p;
		bool ok = read_procedure(s, &p);
		int stop = ok ? fn(&p, ctx) : 1;
		if (!ok)
			out = unreadable(err, p.code);
		procedure_release(&p);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	if (!out && rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(st, err, "listing procedures");
	return out;
}

/* ---- administrator calendar rows ------------------------------------- */

enum mc_code store_calendar_put(struct store *st,
				const struct calendar_override *o,
				struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_CAL_PUT);
	sqlite3_bind_int64(s, 1, o->day);
	sqlite3_bind_int(s, 2, o->working);
	bind_text(s, 3, str_or_empty(o->name));
	return step_done(st, s, err, "storing a calendar day");
}

enum mc_code store_calendar_delete(struct store *st, int64_t day,
				   struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_CAL_DELETE);
	sqlite3_bind_int64(s, 1, day);
	enum mc_code rc = step_done(st, s, err, "deleting a calendar day");
	if (!rc && sqlite3_changes(st->db) == 0) {
		char buf[CIVIL_BUF];
		return mc_fail(err, MC_ERR_NOT_FOUND, "date",
			       "date: %s has no administrator row",
			       civil_format_date(day, buf));
	}
	return rc;
}

enum mc_code store_calendar_each(struct store *st, store_calendar_fn fn,
				 void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s = store_stmt(st, Q_CAL_EACH);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct calendar_override o = {
			.day = sqlite3_column_int64(s, 0),
			.working = sqlite3_column_int(s, 1),
			.name = (char *)sqlite3_column_text(s, 2),
		};
		if (fn(&o, ctx))
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_fail(st, err, "listing calendar days");
	return MC_OK;
}

/* ---- digest ---------------------------------------------------------- */

static const char *const digest_queries[] = {
	"SELECT * FROM units ORDER BY code",
	"SELECT * FROM procedures ORDER BY code",
	"SELECT * FROM dossiers ORDER BY id",
	"SELECT * FROM dossier_counters ORDER BY unit_code, day",
	"SELECT * FROM events ORDER BY id",
	"SELECT * FROM calendar_days ORDER BY day",
	"SELECT * FROM users ORDER BY id",
	"SELECT * FROM dossier_secrets ORDER BY dossier_id",
	"SELECT * FROM agg_keys ORDER BY id",
	"SELECT * FROM agg_days ORDER BY key, month",
	"SELECT * FROM dossier_status_counts ORDER BY status",
	"SELECT * FROM agg_month ORDER BY key, month",
	"SELECT * FROM ratings ORDER BY dossier_code, at",
	"SELECT * FROM feedback ORDER BY id",
	"SELECT * FROM procedure_offers ORDER BY procedure_code, unit_code,"
	" level",
	"SELECT * FROM procedure_publication ORDER BY procedure_code",
	"SELECT * FROM targets ORDER BY unit_code, period, indicator",
	"SELECT * FROM snapshots ORDER BY period",
	"SELECT * FROM dossier_files ORDER BY id",
	"SELECT * FROM uploads ORDER BY token_hash",
	"SELECT * FROM upload_files ORDER BY token_hash, component",
};

static void hash_row(crypto_generichash_state *h, sqlite3_stmt *s)
{
	int n = sqlite3_column_count(s);
	for (int i = 0; i < n; i++) {
		unsigned char type = (unsigned char)sqlite3_column_type(s, i);
		const void *p = sqlite3_column_blob(s, i);
		int len = sqlite3_column_bytes(s, i);
		crypto_generichash_update(h, &type, 1);
		crypto_generichash_update(h, (const unsigned char *)&len,
					  sizeof(len));
		if (p)
			crypto_generichash_update(h, p, (size_t)len);
	}
}

enum mc_code store_digest(struct store *st, char hex[65], struct mc_err *err)
{
	crypto_generichash_state h;
	unsigned char out[32];
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (size_t q = 0; q < sizeof(digest_queries) / sizeof(*digest_queries);
	     q++) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(st->db, digest_queries[q], -1, &s,
				       NULL) != SQLITE_OK)
			return store_db_fail(st, err, "digesting");
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			hash_row(&h, s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return store_db_fail(st, err, "digesting");
		crypto_generichash_update(&h, (const unsigned char *)"|", 1);
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return MC_OK;
}
