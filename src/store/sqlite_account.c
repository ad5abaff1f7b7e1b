/*
 * sqlite_account.c - what the server needs from the store besides the
 * domain: staff accounts, their sessions, failed logins for throttling,
 * the hashes of citizens' tracking secrets, and the staff's scoped
 * dossier search. Tokens and secrets are never stored, only hashes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "core/str.h"
#include "store/sqlite_int.h"

static enum mc_code step_write(struct store *st, sqlite3_stmt *s,
			       const char *what, struct mc_err *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, what);
	return MC_OK;
}

/* ---- users ------------------------------------------------------------ */

static bool unit_known(struct store *st, const char *code)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_UNIT_GET);
	bind_text(s, 1, code);
	bool known = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return known;
}

enum mc_code sqlite_user_add(struct store *st, struct user *u,
			     struct mc_err *err)
{
	if (!unit_known(st, u->unit_code))
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: \"%s\" is not a known unit",
			       str_or_empty(u->unit_code));
	sqlite3_stmt *s = sqlite_stmt(st, Q_USER_ADD);
	bind_text(s, 1, u->username);
	bind_text(s, 2, u->password_hash);
	bind_text(s, 3, u->role);
	bind_text(s, 4, u->unit_code);
	sqlite3_bind_int(s, 5, u->active);
	sqlite3_bind_int64(s, 6, u->created_at);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_CONSTRAINT)
		return mc_fail(err, MC_ERR_CONFLICT, "username",
			       "username: \"%s\" is taken (or role \"%s\" "
			       "is not one of admin, leader, officer, clerk)",
			       str_or_empty(u->username),
			       str_or_empty(u->role));
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "storing a user");
	u->id = sqlite3_last_insert_rowid(sq(st)->db);
	return MC_OK;
}

/* Columns: id, username, password_hash, role, unit_code, active,
 * created_at. */
static bool read_user(sqlite3_stmt *s, struct user *u)
{
	bool ok = true;
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(s, 0);
	u->username = column_strdup(s, 1, &ok);
	u->password_hash = column_strdup(s, 2, &ok);
	u->role = column_strdup(s, 3, &ok);
	u->unit_code = column_strdup(s, 4, &ok);
	u->active = sqlite3_column_int(s, 5) != 0;
	u->created_at = sqlite3_column_int64(s, 6);
	if (!ok)
		user_release(u);
	return ok;
}

enum mc_code sqlite_user_get(struct store *st, const char *username,
			     struct user *out, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_USER_GET);
	bind_text(s, 1, username);
	int rc = sqlite3_step(s);
	bool ok = rc != SQLITE_ROW || read_user(s, out);
	sqlite3_reset(s);
	if (!ok)
		return sqlite_nomem(err, "reading a user");
	if (rc == SQLITE_ROW)
		return MC_OK;
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading a user");
	return mc_fail(err, MC_ERR_NOT_FOUND, "username",
		       "username: \"%s\" is not known", str_or_empty(username));
}

enum mc_code sqlite_user_each(struct store *st, store_user_fn fn, void *ctx,
			      struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_USER_EACH);
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct user u;
		if (!read_user(s, &u)) {
			sqlite3_reset(s);
			return sqlite_nomem(err, "listing users");
		}
		int stop = fn(&u, ctx);
		user_release(&u);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing users");
	return MC_OK;
}

/* ---- sessions --------------------------------------------------------- */

enum mc_code sqlite_session_put(struct store *st, const char *token_hash,
				int64_t user_id, const char *csrf,
				int64_t expires_at, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_SESSION_PUT);
	bind_text(s, 1, token_hash);
	sqlite3_bind_int64(s, 2, user_id);
	bind_text(s, 3, csrf);
	sqlite3_bind_int64(s, 4, expires_at);
	return step_write(st, s, "storing a session", err);
}

enum mc_code sqlite_session_get(struct store *st, const char *token_hash,
				int64_t now, struct user *out, char *csrf,
				size_t csrf_size, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_SESSION_GET);
	bind_text(s, 1, token_hash);
	sqlite3_bind_int64(s, 2, now);
	int rc = sqlite3_step(s);
	bool ok = true;
	if (rc == SQLITE_ROW) {
		ok = read_user(s, out);
		const unsigned char *c = sqlite3_column_text(s, 7);
		snprintf(csrf, csrf_size, "%s", c ? (const char *)c : "");
	}
	sqlite3_reset(s);
	if (!ok)
		return sqlite_nomem(err, "reading a session");
	if (rc == SQLITE_ROW)
		return MC_OK;
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading a session");
	return mc_fail(err, MC_ERR_NOT_FOUND, "session",
		       "the session has ended; log in again");
}

enum mc_code sqlite_session_delete(struct store *st, const char *token_hash,
				   int64_t now, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_SESSION_DELETE);
	bind_text(s, 1, token_hash);
	sqlite3_bind_int64(s, 2, now);
	return step_write(st, s, "ending a session", err);
}

/* ---- failed logins ---------------------------------------------------- */

/* Seconds from `now` until a key with n failures, the last at `last`,
 * may try again; 0 when it may now. */
static int64_t key_wait(const struct login_key *k, int n, int64_t last,
			int64_t now)
{
	if (n < k->free || last == MC_NO_TIME)
		return 0;
	int64_t wait = k->cap;
	if (n - k->free < 30 && (k->base << (n - k->free)) < k->cap)
		wait = k->base << (n - k->free);
	return last + wait > now ? last + wait - now : 0;
}

static enum mc_code key_failures(struct store *st, const char *key,
				 int64_t since, int *n, int64_t *last,
				 struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_FAILURE_COUNT);
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, since);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*n = sqlite3_column_int(s, 0);
		*last = column_time(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return sqlite_db_fail(st, err, "counting failed logins");
	return MC_OK;
}

static enum mc_code record_attempt(struct store *st, struct login_key *keys,
				   size_t n, int64_t now, struct mc_err *err)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = sqlite_stmt(st, Q_FAILURE_ADD);
		bind_text(s, 1, keys[i].key);
		sqlite3_bind_int64(s, 2, now);
		enum mc_code rc =
			step_write(st, s, "recording a login attempt", err);
		if (rc)
			return rc;
		keys[i].attempt = sqlite3_last_insert_rowid(sq(st)->db);
	}
	return MC_OK;
}

enum mc_code sqlite_login_attempt(struct store *st, struct login_key *keys,
				  size_t n, int64_t now, int64_t window,
				  int64_t *wait, struct mc_err *err)
{
	/* inside the port's write transaction: the write lock is taken
	 * first, so the count and the attempt it admits are one step for
	 * every other login */
	*wait = 0;
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < n; i++) {
		int failures = 0;
		int64_t last = MC_NO_TIME;
		rc = key_failures(st, keys[i].key, now - window, &failures,
				  &last, err);
		int64_t w = rc ? 0 : key_wait(&keys[i], failures, last, now);
		if (w > *wait)
			*wait = w;
	}
	if (!rc && !*wait)
		rc = record_attempt(st, keys, n, now, err);
	return rc;
}

enum mc_code sqlite_login_forget(struct store *st, const char *key,
				 int64_t attempt, int64_t before,
				 struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_FAILURE_CLEAR);
	bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, attempt);
	sqlite3_bind_int64(s, 3, before);
	return step_write(st, s, "clearing failed logins", err);
}

/* ---- online shares ----------------------------------------------------- */

enum mc_code sqlite_online_share_take(struct store *st, const char *unit,
				      int64_t day, int limit, bool *taken,
				      struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_SHARE_TAKE);
	bind_text(s, 1, unit);
	sqlite3_bind_int64(s, 2, day);
	sqlite3_bind_int(s, 3, limit);
	int rc = sqlite3_step(s);
	/* a row back: inserted or counted up; none: the WHERE held it */
	*taken = rc == SQLITE_ROW && limit > 0;
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(s);
	if (rc != SQLITE_DONE) {
		enum mc_code out = sqlite_db_fail(st, err, "taking a share");
		sqlite3_reset(s);
		return out;
	}
	sqlite3_reset(s);
	return MC_OK;
}

enum mc_code sqlite_online_share_give(struct store *st, const char *unit,
				      int64_t day, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_SHARE_GIVE);
	bind_text(s, 1, unit);
	sqlite3_bind_int64(s, 2, day);
	return step_write(st, s, "giving a share back", err);
}

/* ---- tracking secrets ------------------------------------------------- */

enum mc_code sqlite_dossier_secret_put(struct store *st,
				       const char *dossier_code,
				       const char *secret_hash,
				       struct mc_err *err)
{
	int64_t id;
	enum mc_code rc = sqlite_dossier_key(st, dossier_code, &id, err);
	if (rc)
		return rc;
	sqlite3_stmt *s = sqlite_stmt(st, Q_SECRET_PUT);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, secret_hash);
	return step_write(st, s, "storing a tracking secret", err);
}

enum mc_code sqlite_dossier_secret_get(struct store *st,
				       const char *dossier_code, char *hash,
				       size_t size, struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_SECRET_GET);
	bind_text(s, 1, dossier_code);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(hash, size, "%s",
			 (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return MC_OK;
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "reading a tracking secret");
	return mc_fail(err, MC_ERR_NOT_FOUND, "secret",
		       "the dossier has no tracking secret");
}

/* ---- staff search ----------------------------------------------------- */

bool sqlite_read_summary(sqlite3_stmt *s, struct dossier *d)
{
	bool ok = true;
	dossier_init(d);
	d->handle = sqlite3_column_int64(s, 0);
	d->code = column_strdup(s, 1, &ok);
	d->procedure_code = column_strdup(s, 2, &ok);
	d->procedure_name = column_strdup(s, 3, &ok);
	d->unit_code = column_strdup(s, 4, &ok);
	d->channel = (enum channel)sqlite3_column_int(s, 5);
	d->applicant_name = column_strdup(s, 6, &ok);
	d->applicant_id = column_strdup(s, 7, &ok);
	d->status = (enum dossier_status)sqlite3_column_int(s, 8);
	d->submitted = column_time(s, 9);
	d->received = column_time(s, 10);
	d->due = column_time(s, 11);
	d->finished = column_time(s, 12);
	d->returned = column_time(s, 13);
	if (!ok)
		dossier_release(d);
	return ok;
}

/* The statuses of the open dossiers' partial index (OPEN_INDEXED in
 * schema.c, migration 10). */
static bool in_open_index(int status)
{
	switch (status) {
	case ST_REGISTERED:
	case ST_ACCEPTED:
	case ST_PROCESSING:
	case ST_SUPPLEMENT:
	case ST_FINANCIAL:
	case ST_FINISHED: return true;
	default: return false;
	}
}

enum mc_code sqlite_dossier_search(struct store *st,
				   const struct dossier_query *q,
				   store_dossier_fn fn, void *ctx,
				   struct mc_err *err)
{
	/* overdue dossiers (status 2, 4, 5, 6) are in it too */
	bool open = q->overdue_at != MC_NO_TIME || in_open_index(q->status);
	sqlite3_stmt *s = sqlite_stmt(st, open ? Q_DOSSIER_SEARCH_OPEN
					       : Q_DOSSIER_SEARCH);
	bind_text(s, 1, q->unit_root);
	sqlite3_bind_int(s, 2, q->status);
	bind_time(s, 3, q->overdue_at);
	int rc;
	bool read = true;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier d;
		if (!sqlite_read_summary(s, &d)) {
			sqlite3_reset(s);
			return sqlite_nomem(err, "searching dossiers");
		}
		read = sqlite_read_supplements(s, 14, &d);
		int stop = read ? fn(&d, ctx) : 1;
		dossier_release(&d);
		if (stop)
			break;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "searching dossiers");
	if (!read)
		return mc_fail(err, MC_ERR_DB, "supplements",
			       "supplements: a listed dossier's rounds cannot "
			       "be read");
	return MC_OK;
}

enum mc_code sqlite_dossier_count_by_status(struct store *st,
					    int64_t counts[11],
					    struct mc_err *err)
{
	sqlite3_stmt *s = sqlite_stmt(st, Q_STATUS_COUNT);
	memset(counts, 0, 11 * sizeof(*counts));
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int status = sqlite3_column_int(s, 0);
		if (status >= 1 && status <= 10)
			counts[status] = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return sqlite_db_fail(st, err, "counting dossiers");
	return MC_OK;
}
