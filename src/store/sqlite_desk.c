/*
 * sqlite_desk.c - the staff desks' reads beyond the dossier search
 * (store.h, the desks): transfers sent, over the partial index of transfer
 * events by acting unit (schema 20), and request keys (schema 21). The
 * statements are prepared per call: a desk asks for them a few times a
 * minute at most.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"

static const char q_transfers[] =
	"WITH RECURSIVE sub(code) AS (SELECT ?1 UNION"
	" SELECT u.code FROM units u JOIN sub ON u.parent = sub.code)"
	" SELECT d.id, d.code, d.procedure_code, d.procedure_name,"
	" d.unit_code, d.channel, d.applicant_name, d.applicant_id, d.status,"
	" d.submitted_at, d.received_at, d.due_at, d.finished_at,"
	" d.returned_at, d.supplements, e.at, e.actor, e.actor_role,"
	" e.actor_unit, e.unit_code, e.note"
	" FROM events e JOIN dossiers d ON d.id = e.dossier_id"
	" WHERE e.action = 'transfer' AND e.actor_unit IN sub"
	" ORDER BY e.id DESC LIMIT ?2";

/* The dossier's columns as the staff search reads them, then the
 * event's. */
static bool read_transfer(sqlite3_stmt *s, struct dossier_event *ev,
			  struct dossier *d)
{
	bool ok = sqlite_read_summary(s, d);
	memset(ev, 0, sizeof(*ev));
	if (!ok) {
		dossier_init(d);
		return false;
	}
	ev->dossier_code = d->code;
	ev->at = column_time(s, 15);
	ev->action = "transfer";
	ev->actor = column_strdup(s, 16, &ok);
	ev->actor_role = column_strdup(s, 17, &ok);
	ev->actor_unit = column_strdup(s, 18, &ok);
	ev->unit_code = column_strdup(s, 19, &ok);
	ev->note = column_strdup(s, 20, &ok);
	return sqlite_read_supplements(s, 14, d) && ok;
}

static void event_release(struct dossier_event *ev)
{
	free(ev->actor);
	free(ev->actor_role);
	free(ev->actor_unit);
	free(ev->unit_code);
	free(ev->note);
}

enum mc_code sqlite_transfer_each(struct store *st, const char *unit_root,
				  int limit, store_transfer_fn fn, void *ctx,
				  struct mc_err *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(sq(st)->db, q_transfers, -1, &s, NULL) !=
	    SQLITE_OK)
		return sqlite_db_fail(st, err, "listing transfers");
	bind_text(s, 1, unit_root);
	sqlite3_bind_int(s, 2, limit);
	int rc;
	bool ok = true;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct dossier_event ev;
		struct dossier d;
		ok = read_transfer(s, &ev, &d);
		int stop = ok ? fn(&ev, &d, ctx) : 1;
		event_release(&ev);
		dossier_release(&d);
		if (stop)
			break;
	}
	enum mc_code out = MC_OK;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		out = sqlite_db_fail(st, err, "listing transfers");
	else if (!ok)
		out = sqlite_nomem(err, "listing transfers");
	sqlite3_finalize(s);
	return out;
}

/* ---- request keys ---------------------------------------------------- */

static void copy_text(sqlite3_stmt *s, int col, char *out, size_t size)
{
	const unsigned char *v = sqlite3_column_text(s, col);
	snprintf(out, size, "%s", v ? (const char *)v : "");
}

enum mc_code sqlite_request_get(struct store *st, const char *key_hash,
				struct stored_request *out, struct mc_err *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(sq(st)->db,
			       "SELECT body_hash, dossier_code, sealed, at"
			       " FROM request_keys WHERE key_hash = ?",
			       -1, &s, NULL) != SQLITE_OK)
		return sqlite_db_fail(st, err, "reading a request key");
	bind_text(s, 1, key_hash);
	int rc = sqlite3_step(s);
	enum mc_code out_rc = MC_OK;
	if (rc == SQLITE_ROW) {
		copy_text(s, 0, out->body_hash, sizeof(out->body_hash));
		copy_text(s, 1, out->code, sizeof(out->code));
		copy_text(s, 2, out->sealed, sizeof(out->sealed));
		out->at = sqlite3_column_int64(s, 3);
	} else if (rc == SQLITE_DONE) {
		out_rc = mc_fail(err, MC_ERR_NOT_FOUND, "Idempotency-Key",
				 "Idempotency-Key: not stored");
	} else {
		out_rc = sqlite_db_fail(st, err, "reading a request key");
	}
	sqlite3_finalize(s);
	return out_rc;
}

static enum mc_code run(struct store *st, const char *sql, const char *key,
			const struct stored_request *r, struct mc_err *err)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(sq(st)->db, sql, -1, &s, NULL) != SQLITE_OK)
		return sqlite_db_fail(st, err, "keeping a request key");
	if (key) {
		bind_text(s, 1, key);
		bind_text(s, 2, r->body_hash);
		bind_text(s, 3, r->code);
		bind_text(s, 4, r->sealed[0] ? r->sealed : NULL);
		sqlite3_bind_int64(s, 5, r->at);
	} else {
		sqlite3_bind_int64(s, 1, r->at - STORE_REQUEST_KEEP);
	}
	int rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE
		       ? MC_OK
		       : sqlite_db_fail(st, err, "keeping a request key");
}

enum mc_code sqlite_request_put(struct store *st, const char *key_hash,
				const struct stored_request *r,
				struct mc_err *err)
{
	enum mc_code rc =
		run(st, "DELETE FROM request_keys WHERE at < ?", NULL, r, err);
	if (!rc)
		rc = run(st,
			 "INSERT INTO request_keys(key_hash, body_hash,"
			 " dossier_code, sealed, at) VALUES(?,?,?,?,?)",
			 key_hash, r, err);
	return rc;
}
