/*
 * sqlite_files.c - the files dossiers refer to (schema migration 17):
 * one row per reference of a dossier to a hash in the document store,
 * and one per opening of such a file by staff. Written a few times per
 * dossier: statements are prepared per call, like sqlite_index.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store.h"

#define FILE_COLS                                                      \
	"d.code, f.id, f.role, f.component, f.sha256, f.name, f.type," \
	" f.size, f.added_by, f.added_at"

static enum mc_code prep(struct store *st, const char *sql, sqlite3_stmt **s,
			 struct mc_err *err)
{
	return sqlite_prepare(st, sql, s, "preparing a file statement", err);
}

static enum mc_code dossier_id(struct store *st, const char *code, int64_t *id,
			       struct mc_err *err)
{
	return sqlite_dossier_key(st, code, id, err);
}

enum mc_code sqlite_file_add(struct store *st, struct dossier_file *f,
			     struct mc_err *err)
{
	int64_t id;
	sqlite3_stmt *s;
	enum mc_code rc = dossier_id(st, f->dossier_code, &id, err);
	if (!rc)
		rc = prep(st,
			  "INSERT INTO dossier_files(dossier_id, role,"
			  " component, sha256, name, type, size, added_by,"
			  " added_at) VALUES(?,?,coalesce(?, ''),?,?,?,?,?,?)"
			  " ON CONFLICT DO NOTHING RETURNING id",
			  &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, file_role_key(f->role));
	bind_text(s, 3, f->component);
	bind_text(s, 4, f->sha256);
	bind_text(s, 5, f->name);
	bind_text(s, 6, f->type);
	sqlite3_bind_int64(s, 7, f->size);
	bind_text(s, 8, f->added_by);
	sqlite3_bind_int64(s, 9, f->added_at);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		f->id = sqlite3_column_int64(s, 0);
	else if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_CONFLICT, "sha256",
			       "%s: dossier %s holds this file already",
			       str_or_empty(f->name), f->dossier_code);
	}
	return sqlite_step_done(st, s, step, "storing a file reference", err);
}

static bool read_file_row(sqlite3_stmt *s, struct dossier_file *f)
{
	bool ok = true;
	memset(f, 0, sizeof(*f));
	f->dossier_code = column_strdup(s, 0, &ok);
	f->id = sqlite3_column_int64(s, 1);
	f->role = file_role_by_key((const char *)sqlite3_column_text(s, 2));
	const unsigned char *c = sqlite3_column_text(s, 3);
	if (c && *c)
		f->component = column_strdup(s, 3, &ok);
	const unsigned char *h = sqlite3_column_text(s, 4);
	snprintf(f->sha256, sizeof(f->sha256), "%s", h ? (const char *)h : "");
	f->name = column_strdup(s, 5, &ok);
	f->type = column_strdup(s, 6, &ok);
	f->size = sqlite3_column_int64(s, 7);
	f->added_by = column_strdup(s, 8, &ok);
	f->added_at = sqlite3_column_int64(s, 9);
	return ok;
}

static enum mc_code each_row(struct store *st, sqlite3_stmt *s,
			     store_file_fn fn, void *ctx, struct mc_err *err)
{
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier_file f;
		bool ok = read_file_row(s, &f);
		int stop = ok ? fn(&f, ctx) : 1;
		dossier_file_release(&f);
		if (!ok) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "reading file references");
		}
		if (stop) {
			sqlite3_finalize(s);
			return MC_OK;
		}
	}
	return sqlite_step_done(st, s, step, "reading file references", err);
}

enum mc_code sqlite_file_each(struct store *st, const char *dossier_code,
			      store_file_fn fn, void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(
		st,
		dossier_code ? "SELECT " FILE_COLS " FROM dossier_files f JOIN"
			       " dossiers d ON d.id = f.dossier_id"
			       " WHERE d.code = ? ORDER BY f.id"
			     : "SELECT " FILE_COLS " FROM dossier_files f JOIN"
			       " dossiers d ON d.id = f.dossier_id"
			       " ORDER BY f.sha256, f.id",
		&s, err);
	if (rc)
		return rc;
	if (dossier_code)
		bind_text(s, 1, dossier_code);
	return each_row(st, s, fn, ctx, err);
}

enum mc_code sqlite_file_get(struct store *st, const char *dossier_code,
			     const char *sha256, struct dossier_file *out,
			     struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT " FILE_COLS " FROM dossier_files f"
			       " JOIN dossiers d ON d.id = f.dossier_id"
			       " WHERE d.code = ? AND f.sha256 = ?"
			       " ORDER BY f.id LIMIT 1",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, dossier_code);
	bind_text(s, 2, sha256);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		bool ok = read_file_row(s, out);
		sqlite3_finalize(s);
		if (!ok) {
			dossier_file_release(out);
			return sqlite_nomem(err, "reading a file reference");
		}
		return MC_OK;
	}
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "sha256",
			       "%s: dossier %s holds no such file", sha256,
			       dossier_code);
	}
	return sqlite_step_done(st, s, step, "reading a file reference", err);
}

enum mc_code sqlite_file_bytes(struct store *st, const char *dossier_code,
			       int64_t *bytes, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT coalesce(sum(size), 0) FROM (SELECT"
			       " DISTINCT f.sha256, f.size FROM dossier_files f"
			       " JOIN dossiers d ON d.id = f.dossier_id"
			       " WHERE d.code = ?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, dossier_code);
	int step = sqlite3_step(s);
	*bytes = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	return sqlite_step_done(st, s, step, "adding up a dossier's files",
				err);
}

enum mc_code sqlite_file_referenced(struct store *st, const char *sha256,
				    bool *yes, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT EXISTS(SELECT 1 FROM dossier_files"
			       " WHERE sha256 = ?1) OR EXISTS(SELECT 1"
			       " FROM procedures, json_each("
			       "procedures.components) c"
			       " WHERE json_extract(c.value, '$.form') = ?1)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, sha256);
	int step = sqlite3_step(s);
	*yes = step == SQLITE_ROW && sqlite3_column_int(s, 0);
	return sqlite_step_done(st, s, step, "looking up a file reference",
				err);
}

/* ---- uploads of a filing in progress ------------------------------------ */

enum mc_code sqlite_upload_new(struct store *st, const char *token_hash,
			       const char *address, int64_t created,
			       int64_t expires, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "INSERT INTO uploads(token_hash, address,"
			       " created_at, expires_at) VALUES(?,?,?,?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, token_hash);
	bind_text(s, 2, address);
	sqlite3_bind_int64(s, 3, created);
	sqlite3_bind_int64(s, 4, expires);
	return sqlite_step_done(st, s, sqlite3_step(s), "storing an upload",
				err);
}

enum mc_code sqlite_upload_expires(struct store *st, const char *token_hash,
				   int64_t *expires, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT expires_at FROM uploads"
			       " WHERE token_hash = ?",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, token_hash);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "upload",
			       "upload: no such upload (it expired, was used "
			       "by a filing, or never was); start again");
	}
	*expires = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	return sqlite_step_done(st, s, step, "reading an upload", err);
}

enum mc_code sqlite_upload_file_put(struct store *st, const char *token_hash,
				    const struct dossier_file *f,
				    struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "INSERT OR REPLACE INTO upload_files(token_hash,"
			       " component, sha256, name, type, size, added_at)"
			       " VALUES(?,coalesce(?, ''),?,?,?,?,?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, token_hash);
	bind_text(s, 2, f->component);
	bind_text(s, 3, f->sha256);
	bind_text(s, 4, f->name);
	bind_text(s, 5, f->type);
	sqlite3_bind_int64(s, 6, f->size);
	sqlite3_bind_int64(s, 7, f->added_at);
	return sqlite_step_done(st, s, sqlite3_step(s),
				"storing an uploaded file", err);
}

enum mc_code sqlite_upload_file_each(struct store *st, const char *token_hash,
				     store_file_fn fn, void *ctx,
				     struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT NULL, 0, 'component', component,"
			       " sha256, name, type, size, NULL, added_at"
			       " FROM upload_files WHERE token_hash = ?"
			       " ORDER BY component",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, token_hash);
	return each_row(st, s, fn, ctx, err);
}

enum mc_code sqlite_upload_bytes(struct store *st, const char *token_hash,
				 const char *component, int64_t *bytes,
				 struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT coalesce(sum(size), 0) FROM upload_files"
			       " WHERE token_hash = ?"
			       " AND component != coalesce(?, '')",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, token_hash);
	bind_text(s, 2, component);
	int step = sqlite3_step(s);
	*bytes = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	return sqlite_step_done(st, s, step, "adding up an upload", err);
}

enum mc_code sqlite_upload_delete(struct store *st, const char *token_hash,
				  struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		prep(st, "DELETE FROM uploads WHERE token_hash = ?", &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, token_hash);
	return sqlite_step_done(st, s, sqlite3_step(s), "removing an upload",
				err);
}

enum mc_code sqlite_upload_purge(struct store *st, int64_t at, int64_t *n,
				 struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		prep(st, "DELETE FROM uploads WHERE expires_at <= ?", &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, at);
	int step = sqlite3_step(s);
	*n = sqlite3_changes(sq(st)->db);
	return sqlite_step_done(st, s, step, "removing expired uploads", err);
}

enum mc_code sqlite_upload_holds(struct store *st, const char *sha256,
				 int64_t now, bool *yes, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT EXISTS(SELECT 1 FROM upload_files f"
			       " JOIN uploads u ON u.token_hash = f.token_hash"
			       " WHERE f.sha256 = ? AND u.expires_at > ?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, sha256);
	sqlite3_bind_int64(s, 2, now);
	int step = sqlite3_step(s);
	*yes = step == SQLITE_ROW && sqlite3_column_int(s, 0);
	return sqlite_step_done(st, s, step, "looking up an upload", err);
}

enum mc_code sqlite_file_with_hash(struct store *st, const char *sha256,
				   store_file_fn fn, void *ctx,
				   struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT " FILE_COLS " FROM dossier_files f JOIN"
			       " dossiers d ON d.id = f.dossier_id"
			       " WHERE f.sha256 = ? ORDER BY f.id",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, sha256);
	return each_row(st, s, fn, ctx, err);
}

/* ---- the log of openings --------------------------------------------------
 */

enum mc_code sqlite_file_opened(struct store *st, int64_t file_id,
				const struct file_opening *o,
				struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "INSERT INTO file_openings(file_id, at, actor,"
			       " actor_role, actor_unit) VALUES(?,?,?,?,?)",
			       &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_int64(s, 2, o->at);
	bind_text(s, 3, o->actor);
	bind_text(s, 4, o->actor_role);
	bind_text(s, 5, o->actor_unit);
	return sqlite_step_done(st, s, sqlite3_step(s), "logging an opening",
				err);
}

enum mc_code sqlite_file_openings_each(struct store *st,
				       const char *dossier_code,
				       store_opening_fn fn, void *ctx,
				       struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT " FILE_COLS ", o.at, o.actor,"
			       " o.actor_role, o.actor_unit"
			       " FROM file_openings o"
			       " JOIN dossier_files f ON f.id = o.file_id"
			       " JOIN dossiers d ON d.id = f.dossier_id"
			       " WHERE d.code = ? ORDER BY o.id",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, dossier_code);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier_file f;
		bool ok = read_file_row(s, &f);
		struct file_opening o = {
			.at = sqlite3_column_int64(s, 10),
			.actor = (const char *)sqlite3_column_text(s, 11),
			.actor_role = (const char *)sqlite3_column_text(s, 12),
			.actor_unit = (const char *)sqlite3_column_text(s, 13),
			.file = &f,
		};
		int stop = ok ? fn(&o, ctx) : 1;
		dossier_file_release(&f);
		if (!ok || stop) {
			sqlite3_finalize(s);
			return ok ? MC_OK
				  : sqlite_nomem(err, "reading the openings");
		}
	}
	return sqlite_step_done(st, s, step, "reading the openings", err);
}
