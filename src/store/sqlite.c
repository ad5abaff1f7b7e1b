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

enum mc_code sqlite_db_fail(struct store *st, struct mc_err *err,
			    const char *what)
{
	struct sqlite_store *q = sq(st);
	const char *msg = q->db ? sqlite3_errmsg(q->db) : "no database";
	int code = q->db ? sqlite3_errcode(q->db) : SQLITE_ERROR;
	snprintf(q->errmsg, sizeof(q->errmsg), "%s: %s", what, msg);
	/* another connection (an import) held the write lock for longer
	 * than the busy timeout: nothing is wrong, it is only too soon */
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return mc_fail(err, MC_ERR_BUSY, "",
			       "the database is busy while %s: %s", what, msg);
	return mc_fail(err, MC_ERR_DB, "", "database error while %s: %s", what,
		       msg);
}

sqlite3_stmt *sqlite_stmt(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = sq(st)->stmt[id];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

enum mc_code sqlite_prepare(struct store *st, const char *sql, sqlite3_stmt **s,
			    const char *what, struct mc_err *err)
{
	if (sqlite3_prepare_v2(sq(st)->db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return sqlite_db_fail(st, err, what);
	}
	return MC_OK;
}

enum mc_code sqlite_step_done(struct store *st, sqlite3_stmt *s, int rc,
			      const char *what, struct mc_err *err)
{
	enum mc_code out = MC_OK;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		out = sqlite_db_fail(st, err, what);
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

enum mc_code sqlite_nomem(struct mc_err *err, const char *what)
{
	return mc_fail(err, MC_ERR_NOMEM, "", "out of memory %s", what);
}

static enum mc_code exec(struct store *st, const char *sql, struct mc_err *err)
{
	if (sqlite3_exec(sq(st)->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_db_fail(st, err, sql);
	return MC_OK;
}

static enum mc_code set_cache(struct store *st, int mib, struct mc_err *err)
{
	char sql[48];
	snprintf(sql, sizeof(sql), "PRAGMA cache_size=%d", -1024 * mib);
	return exec(st, sql, err);
}

enum mc_code sqlite_open(struct store *st, const struct store_options *o,
			 struct mc_err *err)
{
	if (sodium_init() < 0)
		return mc_fail(err, MC_ERR_INTERNAL, "", "libsodium failed");
	struct sqlite_store *q = calloc(1, sizeof(*q));
	if (!q)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	st->backend = q;
	enum mc_code rc;
	if (sqlite3_open_v2(o->location, &q->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		rc = mc_fail(err, MC_ERR_IO, "db", "cannot open %s: %s",
			     o->location, sqlite3_errmsg(q->db));
		goto fail;
	}
	sqlite3_busy_timeout(q->db, STORE_BUSY_MS);
	/* 8 KiB pages: fewer B-tree splits and larger writes for dossier
	 * rows of about 800 bytes (takes effect on a new database only) */
	if ((rc = exec(st, "PRAGMA page_size=8192", err)) ||
	    (rc = exec(st, "PRAGMA journal_mode=WAL", err)) ||
	    (rc = exec(st, "PRAGMA synchronous=FULL", err)) ||
	    (rc = exec(st, "PRAGMA foreign_keys=ON", err)) ||
	    (rc = set_cache(st, SQLITE_CACHE_MIB, err)) ||
	    (rc = sqlite_migrate(st, err)))
		goto fail;
	for (int i = 0; i < Q__COUNT; i++) {
		if (sqlite3_prepare_v3(q->db, sqlite_statements[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &q->stmt[i],
				       NULL) != SQLITE_OK) {
			rc = sqlite_db_fail(st, err, "preparing statements");
			goto fail;
		}
	}
	if ((rc = sqlite_agg_open(st, err)))
		goto fail;
	return MC_OK;
fail:
	sqlite_close(st);
	return rc;
}

/* A bulk load touches much of the database (the dossier table, its code
 * index, many aggregate rows) over and over: a larger page cache
 * rewrites fewer pages. */
enum mc_code sqlite_bulk(struct store *st, bool on, struct mc_err *err)
{
	return set_cache(st, on ? SQLITE_BULK_CACHE_MIB : SQLITE_CACHE_MIB,
			 err);
}

void sqlite_close(struct store *st)
{
	struct sqlite_store *q = sq(st);
	if (!q)
		return;
	sqlite_agg_close(st);
	for (int i = 0; i < Q__COUNT; i++)
		sqlite3_finalize(q->stmt[i]);
	sqlite3_close(q->db);
	sqlite_lists_release(&q->lists);
	free(q);
	st->backend = NULL;
}

static enum mc_code step_done(struct store *st, sqlite3_stmt *s,
			      struct mc_err *err, const char *what)
{
	int rc = sqlite3_step(s);
	/* the message first: the reset would lose it */
	enum mc_code code = rc != SQLITE_DONE && rc != SQLITE_ROW
				    ? sqlite_db_fail(st, err, what)
				    : MC_OK;
	sqlite3_reset(s); /* a failed BEGIN must not stay active */
	return code;
}

enum mc_code sqlite_begin(struct store *st, struct mc_err *err)
{
	/* a write after reads in a read view: the write takes a fresh look
	 * under its own lock */
	if (sq(st)->snapshot)
		sqlite_read_end(st, true);
	return step_done(st, sqlite_stmt(st, Q_BEGIN), err,
			 "starting a transaction");
}

/* The counts per status the transaction moved, then COMMIT; on a
 * failure the port rolls back. */
enum mc_code sqlite_commit(struct store *st, struct mc_err *err)
{
	enum mc_code rc = sqlite_status_flush(st, err);
	return rc ? rc
		  : step_done(st, sqlite_stmt(st, Q_COMMIT), err, "committing");
}

bool sqlite_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(sq(st)->db);
}

void sqlite_busy_timeout(struct store *st, int ms)
{
	sqlite3_busy_timeout(sq(st)->db, ms);
}

/* A read view is a read transaction: in WAL mode it sees the database
 * as of its first read, and its statements take no lock of their own. */
bool sqlite_read_begin(struct store *st)
{
	struct sqlite_store *q = sq(st);
	if (!sqlite3_get_autocommit(q->db))
		return false;
	sqlite3_stmt *s = sqlite_stmt(st, Q_BEGIN_READ);
	q->snapshot = sqlite3_step(s) == SQLITE_DONE;
	sqlite3_reset(s);
	return q->snapshot;
}

void sqlite_read_end(struct store *st, bool opened)
{
	struct sqlite_store *q = sq(st);
	if (opened && q->snapshot) {
		sqlite3_stmt *s = sqlite_stmt(st, Q_COMMIT);
		sqlite3_step(s);
		sqlite3_reset(s);
	}
	if (opened)
		q->snapshot = false;
}

void sqlite_rollback(struct store *st)
{
	struct sqlite_store *q = sq(st);
	sqlite_status_discard(st);
	q->last_key = 0;
	if (!sqlite3_get_autocommit(q->db))
		sqlite3_step(sqlite_stmt(st, Q_ROLLBACK));
	sqlite3_reset(q->stmt[Q_ROLLBACK]);
}

/* ---- units ----------------------------------------------------------- */

enum mc_code sqlite_unit_put(struct store *st, const struct unit *u,
			     struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_UNIT_PUT);
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
		return sqlite_db_fail(st, err, "storing a unit");
	return MC_OK;
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

enum mc_code sqlite_unit_get(struct store *st, const char *code,
			     struct unit *out, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_UNIT_GET);
	bind_text(s, 1, code);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		bool ok = read_unit(s, out);
		sqlite3_reset(s);
		return ok ? MC_OK : sqlite_nomem(err, "reading a unit");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading a unit");
	return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
		       "unit \"%s\" is not known", str_or_empty(code));
}

static enum mc_code generation(struct store *st, enum stmt_id id, int64_t *n,
			       struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, id);
	int rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	return rc == SQLITE_ROW
		       ? MC_OK
		       : sqlite_db_fail(st, err, "reading a generation");
}

enum mc_code sqlite_unit_changes(struct store *st, int64_t *n,
				 struct mc_err *err)
{
	return generation(st, Q_UNIT_GENERATION, n, err);
}

enum mc_code sqlite_calendar_changes(struct store *st, int64_t *n,
				     struct mc_err *err)
{
	return generation(st, Q_CAL_GENERATION, n, err);
}

enum mc_code sqlite_unit_each(struct store *st, store_unit_fn fn, void *ctx,
			      struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_UNIT_EACH);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct unit u;
		if (!read_unit(s, &u)) {
			sqlite3_reset(s);
			return sqlite_nomem(err, "listing units");
		}
		int stop = fn(&u, ctx);
		unit_release(&u);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing units");
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
		strbuf_addf(sb, ",\"amount\":%lld,\"online\":%lld}",
			    (long long)p->fees[i].amount,
			    (long long)p->fees[i].online_amount);
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

static void components_json(const struct procedure *p, struct strbuf *sb)
{
	if (!p->n_components)
		return; /* NULL: none declared */
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < p->n_components; i++) {
		const struct procedure_component *c = &p->components[i];
		strbuf_puts(sb, i ? ",{\"code\":" : "{\"code\":");
		strbuf_json_string(sb, str_or_empty(c->code));
		strbuf_puts(sb, ",\"name\":");
		strbuf_json_string(sb, str_or_empty(c->name));
		strbuf_addf(sb,
			    ",\"required\":%s,\"original\":%s,\"copies\":%d,"
			    "\"form\":",
			    c->required ? "true" : "false",
			    c->original ? "true" : "false", c->copies);
		if (c->form_sha256)
			strbuf_json_string(sb, c->form_sha256);
		else
			strbuf_puts(sb, "null");
		strbuf_puts(sb, "}");
	}
	strbuf_puts(sb, "]");
}

enum mc_code sqlite_procedure_put(struct store *st, const struct procedure *p,
				  struct mc_err *err)
{
	struct strbuf fees, windows, comps;
	strbuf_init(&fees);
	strbuf_init(&windows);
	strbuf_init(&comps);
	fees_json(p, &fees);
	windows_json(p, &windows);
	components_json(p, &comps);
	enum mc_code rc = MC_OK;
	if (fees.oom || windows.oom || comps.oom) {
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		goto out;
	}
	sqlite3_stmt *s = sqlite_stmt(st, Q_PROC_PUT);
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
	sqlite3_bind_int(s, 11, (int)p->fee_due);
	bind_text(s, 12, comps.buf);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = sqlite_db_fail(st, err, "storing a procedure");
	sqlite3_reset(s);
out:
	strbuf_release(&fees);
	strbuf_release(&windows);
	strbuf_release(&comps);
	return rc;
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
		/* stored before online amounts: the same amount */
		json_t *online = json_object_get(v, "online");
		f->online_amount =
			online ? json_integer_value(online) : f->amount;
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

static bool read_components(const char *text, struct procedure *p)
{
	if (!text)
		return true;
	json_t *a = json_loads(text, 0, NULL);
	bool ok = json_is_array(a);
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct procedure_component *c = ARRAY_PUSH(
			p->components, p->n_components, p->cap_components);
		if (!c ||
		    !str_set(&c->code,
			     json_string_value(json_object_get(v, "code"))) ||
		    !str_set(&c->name,
			     json_string_value(json_object_get(v, "name"))) ||
		    !str_set(&c->form_sha256,
			     json_string_value(json_object_get(v, "form")))) {
			ok = false;
			break;
		}
		c->required = json_is_true(json_object_get(v, "required"));
		c->original = json_is_true(json_object_get(v, "original"));
		c->copies =
			(int)json_integer_value(json_object_get(v, "copies"));
	}
	json_decref(a);
	return ok;
}

/* Reads a row of code, name, ... online_only, components. */
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
	out->fee_due = (enum fee_due)sqlite3_column_int(s, 10);
	return ok && read_fees((const char *)sqlite3_column_text(s, 8), out) &&
	       read_windows((const char *)sqlite3_column_text(s, 9), out) &&
	       read_components((const char *)sqlite3_column_text(s, 11), out);
}

static enum mc_code unreadable(struct mc_err *err, const char *code)
{
	return mc_fail(err, MC_ERR_DB, "procedure",
		       "procedure \"%s\" has unreadable fees or windows",
		       str_or_empty(code));
}

enum mc_code sqlite_procedure_get(struct store *st, const char *code,
				  struct procedure *out, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_PROC_GET);
	bind_text(s, 1, code);
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return sqlite_db_fail(st, err, "reading a procedure");
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

enum mc_code sqlite_procedure_each(struct store *st, store_procedure_fn fn,
				   void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_PROC_EACH);
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
		return sqlite_db_fail(st, err, "listing procedures");
	return out;
}

/* ---- administrator calendar rows ------------------------------------- */

enum mc_code sqlite_calendar_put(struct store *st,
				 const struct calendar_override *o,
				 struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_CAL_PUT);
	sqlite3_bind_int64(s, 1, o->day);
	sqlite3_bind_int(s, 2, o->working);
	bind_text(s, 3, str_or_empty(o->name));
	return step_done(st, s, err, "storing a calendar day");
}

enum mc_code sqlite_calendar_delete(struct store *st, int64_t day,
				    struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_CAL_DELETE);
	sqlite3_bind_int64(s, 1, day);
	enum mc_code rc = step_done(st, s, err, "deleting a calendar day");
	if (!rc && sqlite3_changes(sq(st)->db) == 0) {
		char buf[CIVIL_BUF];
		return mc_fail(err, MC_ERR_NOT_FOUND, "date",
			       "date: %s has no administrator row",
			       civil_format_date(day, buf));
	}
	return rc;
}

enum mc_code sqlite_calendar_each(struct store *st, store_calendar_fn fn,
				  void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_CAL_EACH);
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
		return sqlite_db_fail(st, err, "listing calendar days");
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
	"SELECT * FROM payments ORDER BY id",
	"SELECT * FROM receipt_counters ORDER BY unit_code, year",
	"SELECT * FROM receipts ORDER BY id",
	"SELECT * FROM gateways ORDER BY name",
	"SELECT * FROM bank_accounts ORDER BY unit_code",
	"SELECT * FROM financial_notices ORDER BY id",
	"SELECT * FROM file_openings ORDER BY id",
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

enum mc_code sqlite_digest(struct store *st, char hex[65], struct mc_err *err)
{
	crypto_generichash_state h;
	unsigned char out[32];
	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	for (size_t q = 0; q < sizeof(digest_queries) / sizeof(*digest_queries);
	     q++) {
		sqlite3_stmt *s;
		if (sqlite3_prepare_v2(sq(st)->db, digest_queries[q], -1, &s,
				       NULL) != SQLITE_OK)
			return sqlite_db_fail(st, err, "digesting");
		int rc;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			hash_row(&h, s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return sqlite_db_fail(st, err, "digesting");
		crypto_generichash_update(&h, (const unsigned char *)"|", 1);
	}
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, 65, out, sizeof(out));
	return MC_OK;
}

/* ---- the table of operations ------------------------------------------ */

const struct store_ops store_sqlite_ops = {
	.name = "sqlite",
	.open = sqlite_open,
	.close = sqlite_close,
	.schema_version = sqlite_schema_version,
	.bulk = sqlite_bulk,
	.busy_timeout = sqlite_busy_timeout,
	.begin = sqlite_begin,
	.in_transaction = sqlite_in_transaction,
	.read_begin = sqlite_read_begin,
	.read_end = sqlite_read_end,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.unit_put = sqlite_unit_put,
	.unit_get = sqlite_unit_get,
	.unit_changes = sqlite_unit_changes,
	.unit_each = sqlite_unit_each,
	.procedure_put = sqlite_procedure_put,
	.procedure_get = sqlite_procedure_get,
	.procedure_each = sqlite_procedure_each,
	.offers_set = sqlite_offers_set,
	.offer_each = sqlite_offer_each,
	.publication_put = sqlite_publication_put,
	.publication_each = sqlite_publication_each,
	.calendar_put = sqlite_calendar_put,
	.calendar_delete = sqlite_calendar_delete,
	.calendar_changes = sqlite_calendar_changes,
	.calendar_each = sqlite_calendar_each,
	.dossier_put = sqlite_dossier_put,
	.dossier_get = sqlite_dossier_get,
	.dossier_status = sqlite_dossier_status,
	.dossier_next_code = sqlite_dossier_next_code,
	.dossier_each = sqlite_dossier_each,
	.anomalous_each = sqlite_anomalous_each,
	.open_dossier_each = sqlite_open_dossier_each,
	.dossier_search = sqlite_dossier_search,
	.dossier_count_by_status = sqlite_dossier_count_by_status,
	.dossier_secret_put = sqlite_dossier_secret_put,
	.dossier_secret_get = sqlite_dossier_secret_get,
	.online_share_take = sqlite_online_share_take,
	.online_share_give = sqlite_online_share_give,
	.transfer_each = sqlite_transfer_each,
	.request_get = sqlite_request_get,
	.request_put = sqlite_request_put,
	.upload_new = sqlite_upload_new,
	.upload_expires = sqlite_upload_expires,
	.upload_file_put = sqlite_upload_file_put,
	.upload_file_each = sqlite_upload_file_each,
	.upload_bytes = sqlite_upload_bytes,
	.upload_delete = sqlite_upload_delete,
	.upload_purge = sqlite_upload_purge,
	.upload_holds = sqlite_upload_holds,
	.event_append = sqlite_event_append,
	.event_each = sqlite_event_each,
	.user_add = sqlite_user_add,
	.user_get = sqlite_user_get,
	.user_each = sqlite_user_each,
	.session_put = sqlite_session_put,
	.session_get = sqlite_session_get,
	.session_delete = sqlite_session_delete,
	.login_attempt = sqlite_login_attempt,
	.login_forget = sqlite_login_forget,
	.rating_put = sqlite_rating_put,
	.rating_count = sqlite_rating_count,
	.feedback_put = sqlite_feedback_put,
	.feedback_body_put = sqlite_feedback_body_put,
	.feedback_answer = sqlite_feedback_answer,
	.feedback_get = sqlite_feedback_get,
	.feedback_each = sqlite_feedback_each,
	.feedback_by_unit = sqlite_feedback_by_unit,
	.target_put = sqlite_target_put,
	.target_each = sqlite_target_each,
	.snapshot_put = sqlite_snapshot_put,
	.snapshot_get = sqlite_snapshot_get,
	.payment_add = sqlite_payment_add,
	.payment_get = sqlite_payment_get,
	.payment_update = sqlite_payment_update,
	.payment_each = sqlite_payment_each,
	.receipt_issue = sqlite_receipt_issue,
	.receipt_get = sqlite_receipt_get,
	.receipt_cancel = sqlite_receipt_cancel,
	.bank_account_put = sqlite_bank_account_put,
	.bank_account_get = sqlite_bank_account_get,
	.bank_account_each = sqlite_bank_account_each,
	.notice_add = sqlite_notice_add,
	.notice_each = sqlite_notice_each,
	.payment_paid_each = sqlite_payment_paid_each,
	.gateway_add = sqlite_gateway_add,
	.gateway_get = sqlite_gateway_get,
	.gateway_remove = sqlite_gateway_remove,
	.gateway_each = sqlite_gateway_each,
	.file_add = sqlite_file_add,
	.file_each = sqlite_file_each,
	.file_get = sqlite_file_get,
	.file_bytes = sqlite_file_bytes,
	.file_with_hash = sqlite_file_with_hash,
	.file_referenced = sqlite_file_referenced,
	.file_opened = sqlite_file_opened,
	.file_openings_each = sqlite_file_openings_each,
	.agg_key = sqlite_agg_key,
	.agg_values = sqlite_agg_values,
	.agg_row_get = sqlite_agg_row_get,
	.agg_row_put = sqlite_agg_row_put,
	.agg_rows_each = sqlite_agg_rows_each,
	.agg_rows_delete = sqlite_agg_rows_delete,
	.agg_clear = sqlite_agg_clear,
	.agg_format = sqlite_agg_format,
	.agg_set_format = sqlite_agg_set_format,
	.digest = sqlite_digest,
	.backup = sqlite_backup,
};
