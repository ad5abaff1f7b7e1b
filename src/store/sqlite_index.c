/*
 * sqlite_index.c - what the service index keeps besides the dossiers:
 * ratings, feedback, which units offer a procedure, publication dates,
 * targets and published snapshots (schema migration 4).
 *
 * These tables are small and written rarely, so each call prepares its
 * statement and finalizes it; the hot paths of the index read the report
 * aggregates, not these.
 */
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "store/sqlite_int.h"

static enum mc_code prep(struct store *st, const char *sql, sqlite3_stmt **s,
			 struct mc_err *err)
{
	if (sqlite3_prepare_v2(sq(st)->db, sql, -1, s, NULL) != SQLITE_OK) {
		*s = NULL;
		return sqlite_db_fail(st, err, "preparing an index statement");
	}
	return MC_OK;
}

/* Step a write; a constraint names `field` as not found (a reference)
 * unless `conflict` says it is a duplicate. */
static enum mc_code step_write(struct store *st, sqlite3_stmt *s,
			       const char *field, const char *what,
			       struct mc_err *err)
{
	int rc = sqlite3_step(s);
	int ext = sqlite3_extended_errcode(sq(st)->db);
	enum mc_code out = MC_OK;
	if (rc == SQLITE_CONSTRAINT && ext == SQLITE_CONSTRAINT_FOREIGNKEY)
		out = mc_fail(err, MC_ERR_NOT_FOUND, field,
			      "%s: not a known %s", field, field);
	else if (rc == SQLITE_CONSTRAINT)
		out = mc_fail(err, MC_ERR_CONFLICT, field, "%s: %s", field,
			      sqlite3_errmsg(sq(st)->db));
	else if (rc != SQLITE_DONE)
		out = sqlite_db_fail(st, err, what);
	sqlite3_finalize(s);
	return out;
}

/* ---- ratings and feedback -------------------------------------------- */

enum mc_code sqlite_rating_put(struct store *st, const struct rating *r,
			       struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		prep(st,
		     "INSERT INTO ratings(dossier_code, at, rating, channel,"
		     " unit_code) VALUES(?1,?2,?3,?4,(SELECT unit_code FROM"
		     " dossiers WHERE code = ?1))"
		     " ON CONFLICT DO UPDATE SET rating=excluded.rating,"
		     " channel=excluded.channel",
		     &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, r->dossier_code);
	sqlite3_bind_int64(s, 2, r->at);
	sqlite3_bind_int(s, 3, (int)r->value);
	bind_text(s, 4, r->channel);
	return step_write(st, s, "dossier", "storing a rating", err);
}

enum mc_code sqlite_feedback_put(struct store *st, const struct feedback *f,
				 struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc;
	/* name the reference at fault: the unit, else the dossier */
	struct unit u;
	if (sqlite_unit_get(st, f->unit_code, &u, NULL) != MC_OK)
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: \"%.60s\" is not a known unit",
			       str_or_empty(f->unit_code));
	unit_release(&u);
	if ((rc = prep(st,
		       "INSERT OR REPLACE INTO feedback(id, unit_code,"
		       " dossier_code, received_at, answered_at, outcome,"
		       " dossier_unit) VALUES(?1,?2,?3,?4,?5,?6,(SELECT"
		       " unit_code FROM dossiers WHERE code = ?3))",
		       &s, err)))
		return rc;
	bind_text(s, 1, f->id);
	bind_text(s, 2, f->unit_code);
	bind_text(s, 3, f->dossier_code);
	sqlite3_bind_int64(s, 4, f->received_at);
	bind_time(s, 5, f->answered_at);
	bind_text(s, 6, f->outcome);
	return step_write(st, s, "dossier", "storing feedback", err);
}

/* Rows of (unit, count[, count]) into fn: complaints, or feedback. */
static enum mc_code per_unit(struct store *st, const char *sql, int64_t from,
			     int64_t to, int64_t answer_secs, bool complaints,
			     store_feedback_count_fn fn, void *ctx,
			     struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st, sql, &s, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(s, 2, to);
	sqlite3_bind_int64(s, 3, answer_secs);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct feedback_counts c = {0};
		if (complaints)
			c.complained = sqlite3_column_int64(s, 1);
		else {
			c.received = sqlite3_column_int64(s, 1);
			c.answered_in_time = sqlite3_column_int64(s, 2);
		}
		const char *unit = (const char *)sqlite3_column_text(s, 0);
		if (unit && fn(unit, &c, ctx))
			break;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "counting ratings and feedback");
	return MC_OK;
}

enum mc_code sqlite_feedback_by_unit(struct store *st, int64_t from, int64_t to,
				     int answer_days,
				     store_feedback_count_fn fn, void *ctx,
				     struct mc_err *err)
{
	/* a dossier has one unit, so distinct dossiers per unit add up
	 * over any set of units */
	static const char complained[] =
		"SELECT unit_code, count(DISTINCT dossier_code) FROM ("
		"SELECT unit_code, dossier_code FROM ratings WHERE rating = 3"
		" AND at BETWEEN ?1 AND ?2 UNION ALL SELECT dossier_unit,"
		" dossier_code FROM feedback WHERE received_at BETWEEN ?1 AND"
		" ?2 AND dossier_code IS NOT NULL) GROUP BY unit_code";
	static const char received[] =
		"SELECT unit_code, count(*), coalesce(sum(answered_at IS NOT"
		" NULL AND answered_at - received_at <= ?3), 0) FROM feedback"
		" WHERE received_at BETWEEN ?1 AND ?2 GROUP BY unit_code";
	enum mc_code rc =
		per_unit(st, complained, from, to, 0, true, fn, ctx, err);
	return rc ? rc
		  : per_unit(st, received, from, to,
			     (int64_t)answer_days * 86400, false, fn, ctx, err);
}

enum mc_code sqlite_feedback_follow(struct store *st, const char *dossier_code,
				    const char *unit_code, struct mc_err *err)
{
	static const char *const sql[] = {
		"UPDATE ratings SET unit_code = ?2 WHERE dossier_code = ?1",
		"UPDATE feedback SET dossier_unit = ?2 WHERE dossier_code = ?1",
	};
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *s;
		enum mc_code rc = prep(st, sql[i], &s, err);
		if (rc)
			return rc;
		bind_text(s, 1, dossier_code);
		bind_text(s, 2, unit_code);
		if ((rc = step_write(st, s, "unit", "moving ratings", err)))
			return rc;
	}
	return MC_OK;
}

/* ---- offers and publication ------------------------------------------- */

enum mc_code sqlite_offers_set(struct store *st, const char *procedure_code,
			       const struct procedure_offer *o, size_t n,
			       struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "DELETE FROM procedure_offers WHERE"
			       " procedure_code = ?",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, procedure_code);
	if ((rc = step_write(st, s, "procedure", "clearing offers", err)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		if ((rc = prep(st,
			       "INSERT OR IGNORE INTO procedure_offers("
			       "procedure_code, unit_code, level)"
			       " VALUES(?,?,?)",
			       &s, err)))
			return rc;
		bind_text(s, 1, procedure_code);
		bind_text(s, 2, o[i].unit_code ? o[i].unit_code : "");
		sqlite3_bind_int(s, 3, o[i].level);
		if ((rc = step_write(st, s, "procedure", "storing an offer",
				     err)))
			return rc;
	}
	return MC_OK;
}

enum mc_code sqlite_offer_each(struct store *st, store_offer_fn fn, void *ctx,
			       struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT procedure_code, unit_code, level"
			       " FROM procedure_offers ORDER BY 1, 2, 3",
			       &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *unit = (const char *)sqlite3_column_text(s, 1);
		struct procedure_offer o = {
			.unit_code = unit && *unit ? unit : NULL,
			.level = sqlite3_column_int(s, 2),
		};
		if (fn((const char *)sqlite3_column_text(s, 0), &o, ctx))
			break;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing offers");
	return MC_OK;
}

enum mc_code sqlite_publication_put(struct store *st,
				    const struct procedure_publication *p,
				    struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "INSERT OR REPLACE INTO"
			       " procedure_publication(procedure_code, decided,"
			       " effective, publicized) VALUES(?,?,?,?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, p->procedure_code);
	sqlite3_bind_int64(s, 2, p->decided);
	bind_time(s, 3, p->effective);
	bind_time(s, 4, p->publicized);
	return step_write(st, s, "procedure", "storing a publication", err);
}

enum mc_code sqlite_publication_each(struct store *st, store_publication_fn fn,
				     void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT procedure_code, decided, effective,"
			       " publicized FROM procedure_publication"
			       " ORDER BY procedure_code",
			       &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct procedure_publication p = {
			.procedure_code =
				(const char *)sqlite3_column_text(s, 0),
			.decided = sqlite3_column_int64(s, 1),
			.effective = column_time(s, 2),
			.publicized = column_time(s, 3),
		};
		if (fn(&p, ctx))
			break;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing publications");
	return MC_OK;
}

/* ---- targets ---------------------------------------------------------- */

enum mc_code sqlite_target_put(struct store *st, const char *unit,
			       const char *period, const char *indicator,
			       int64_t value, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "INSERT OR REPLACE INTO targets(unit_code,"
			       " period, indicator, value) VALUES(?,?,?,?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, unit);
	bind_text(s, 2, period);
	bind_text(s, 3, indicator);
	sqlite3_bind_int64(s, 4, value);
	return step_write(st, s, "unit", "storing a target", err);
}

enum mc_code sqlite_target_each(struct store *st, store_target_fn fn, void *ctx,
				struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "SELECT unit_code, period, indicator, value"
			       " FROM targets ORDER BY 1, 2, 3",
			       &s, err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(s, 0),
		       (const char *)sqlite3_column_text(s, 1),
		       (const char *)sqlite3_column_text(s, 2),
		       sqlite3_column_int64(s, 3), ctx))
			break;
	sqlite3_finalize(s);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sqlite_db_fail(st, err, "listing targets");
	return MC_OK;
}

/* ---- snapshots -------------------------------------------------------- */

enum mc_code sqlite_snapshot_put(struct store *st, const struct snapshot *snap,
				 struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = prep(st,
			       "INSERT INTO snapshots(period, created_at,"
			       " rules, content, checksum) VALUES(?,?,?,?,?)",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, snap->period);
	sqlite3_bind_int64(s, 2, snap->created_at);
	bind_text(s, 3, snap->rules);
	bind_text(s, 4, snap->content);
	bind_text(s, 5, snap->checksum);
	rc = step_write(st, s, "period", "storing a snapshot", err);
	if (rc == MC_ERR_CONFLICT)
		return mc_fail(err, rc, "period",
			       "period: %.40s is published already; a "
			       "published snapshot never changes",
			       snap->period);
	return rc;
}

enum mc_code sqlite_snapshot_get(struct store *st, const char *period,
				 struct snapshot *out, struct mc_err *err)
{
	sqlite3_stmt *s;
	memset(out, 0, sizeof(*out));
	enum mc_code rc = prep(st,
			       "SELECT period, created_at, rules, content,"
			       " checksum FROM snapshots WHERE period = ?",
			       &s, err);
	if (rc)
		return rc;
	bind_text(s, 1, period);
	int step = sqlite3_step(s);
	bool ok = true;
	if (step == SQLITE_ROW) {
		out->period = column_strdup(s, 0, &ok);
		out->created_at = sqlite3_column_int64(s, 1);
		out->rules = column_strdup(s, 2, &ok);
		out->content = column_strdup(s, 3, &ok);
		out->checksum = column_strdup(s, 4, &ok);
	}
	sqlite3_finalize(s);
	if (step == SQLITE_DONE)
		return mc_fail(err, MC_ERR_NOT_FOUND, "period",
			       "period: %.40s has not been published",
			       str_or_empty(period));
	if (step != SQLITE_ROW)
		return sqlite_db_fail(st, err, "reading a snapshot");
	if (!ok || !out->period || !out->content || !out->checksum) {
		snapshot_release(out);
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	return MC_OK;
}
