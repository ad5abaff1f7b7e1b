/*
 * sqlite_citizen.c - the citizens' side of the service index that the
 * HTTP API needs beyond the imports: whether a dossier was rated, the
 * text of feedback sent on the portal, a unit's feedback list and its
 * answer (schema migration 5). Small tables written rarely: statements
 * are prepared per call, like sqlite_index.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "store/sqlite_int.h"
#include "store/store.h"

static enum mc_code prep(struct store *st, const char *sql, sqlite3_stmt **s,
			 struct mc_err *err)
{
	return sqlite_prepare(st, sql, s, "preparing a feedback statement",
			      err);
}

static enum mc_code done(struct store *st, sqlite3_stmt *s, int rc,
			 const char *what, struct mc_err *err)
{
	return sqlite_step_done(st, s, rc, what, err);
}

enum mc_code sqlite_rating_count(struct store *st, const char *dossier_code,
				 int64_t *n, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT count(*) FROM ratings"
			       " WHERE dossier_code = ?",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, dossier_code);
	int step = sqlite3_step(s);
	*n = step == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	return done(st, s, step, "counting ratings", err);
}

enum mc_code sqlite_feedback_body_put(struct store *st, const char *id,
				      const char *body, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		prep(st, "UPDATE feedback SET body = ? WHERE id = ?", &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, body);
	bind_text(s, 2, id);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE && sqlite3_changes(sq(st)->db) == 0) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "id",
			       "feedback \"%.60s\" is not known", id);
	}
	return done(st, s, step, "storing feedback text", err);
}

enum mc_code sqlite_feedback_answer(struct store *st, const char *id,
				    int64_t at, const char *answer,
				    const char *outcome, struct mc_err *err)
{
	struct feedback_row f;
	enum mc_code rc = sqlite_feedback_get(st, id, &f, err);
	if (rc)
		return rc;
	bool answered = f.answered_at != MC_NO_TIME;
	feedback_row_release(&f);
	if (answered)
		return mc_fail(err, MC_ERR_STATE, "id",
			       "feedback \"%.60s\" is answered already", id);
	sqlite3_stmt *s;
	if ((rc = prep(st,
		       "UPDATE feedback SET answered_at = ?, answer = ?,"
		       " outcome = ? WHERE id = ?",
		       &s, err)))
		return rc;
	sqlite3_bind_int64(s, 1, at);
	bind_text(s, 2, answer);
	bind_text(s, 3, outcome);
	bind_text(s, 4, id);
	return done(st, s, sqlite3_step(s), "answering feedback", err);
}

#define FEEDBACK_COLS                                                      \
	"id, unit_code, dossier_code, outcome, body, answer, received_at," \
	" answered_at"

static bool read_row(sqlite3_stmt *s, struct feedback_row *f)
{
	bool ok = true;
	f->id = column_strdup(s, 0, &ok);
	f->unit_code = column_strdup(s, 1, &ok);
	f->dossier_code = column_strdup(s, 2, &ok);
	f->outcome = column_strdup(s, 3, &ok);
	f->body = column_strdup(s, 4, &ok);
	f->answer = column_strdup(s, 5, &ok);
	f->received_at = column_time(s, 6);
	f->answered_at = column_time(s, 7);
	if (!ok)
		feedback_row_release(f);
	return ok;
}

enum mc_code sqlite_feedback_get(struct store *st, const char *id,
				 struct feedback_row *out, struct mc_err *err)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof(*out));
	enum mc_code rc = prep(st,
			       "SELECT " FEEDBACK_COLS " FROM feedback"
			       " WHERE id = ?",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, id);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "id",
			       "feedback \"%.60s\" is not known", id);
	}
	if (step == SQLITE_ROW && !read_row(s, out)) {
		sqlite3_finalize(s);
		return sqlite_nomem(err, "reading feedback");
	}
	return done(st, s, step, "reading feedback", err);
}

enum mc_code sqlite_feedback_each(struct store *st, const char *unit, bool open,
				  int limit, store_feedback_fn fn, void *ctx,
				  struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(
		st,
		"WITH RECURSIVE sub(code) AS (SELECT ?1 UNION SELECT u.code"
		" FROM units u JOIN sub ON u.parent = sub.code)"
		" SELECT " FEEDBACK_COLS " FROM feedback"
		" WHERE unit_code IN sub AND (?2 = 0 OR answered_at IS NULL)"
		" ORDER BY received_at DESC, id LIMIT ?3",
		&s, err);
	if (rc)
		return rc;
	bind_text(s, 1, unit);
	sqlite3_bind_int(s, 2, open);
	sqlite3_bind_int(s, 3, limit);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct feedback_row f = {0};
		if (!read_row(s, &f)) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "listing feedback");
		}
		int stop = fn(&f, ctx);
		feedback_row_release(&f);
		if (stop) {
			step = SQLITE_DONE;
			break;
		}
	}
	return done(st, s, step, "listing feedback", err);
}
