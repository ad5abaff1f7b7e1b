/*
 * sqlite_int.h - what the SQLite store's files share: the handle with its
 * prepared statements, and small binding helpers. Not for outside use.
 */
#ifndef MC_STORE_SQLITE_INT_H
#define MC_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "core/str.h"

#include "store/store.h"

enum stmt_id {
	Q_BEGIN,
	Q_COMMIT,
	Q_ROLLBACK,
	Q_UNIT_PUT,
	Q_UNIT_GET,
	Q_UNIT_EACH,
	Q_PROC_PUT,
	Q_PROC_GET,
	Q_PROC_EACH,
	Q_DOSSIER_INSERT,
	Q_DOSSIER_UPDATE,
	Q_DOSSIER_ID,
	Q_DOSSIER_STATUS,
	Q_DOSSIER_ORIGIN,
	Q_DOSSIER_ANOMALOUS,
	Q_DOSSIER_GET,
	Q_DOSSIER_EACH,
	Q_DOSSIER_OPEN_EACH,
	Q_COUNTER_NEXT,
	Q_EVENT_APPEND,
	Q_EVENT_EACH,
	Q_CAL_PUT,
	Q_CAL_DELETE,
	Q_CAL_EACH,
	/* accounts, sessions, secrets, staff search (sqlite_account.c) */
	Q_USER_ADD,
	Q_USER_GET,
	Q_USER_EACH,
	Q_SESSION_PUT,
	Q_SESSION_GET,
	Q_SESSION_DELETE,
	Q_FAILURE_ADD,
	Q_FAILURE_COUNT,
	Q_FAILURE_CLEAR,
	Q_SHARE_TAKE,
	Q_SHARE_GIVE,
	Q_SECRET_PUT,
	Q_SECRET_GET,
	Q_DOSSIER_SEARCH,
	Q_DOSSIER_SEARCH_OPEN,
	Q_STATUS_COUNT,
	Q_UNIT_GENERATION,
	Q_BEGIN_READ,
	Q_CAL_GENERATION,
	Q__COUNT
};

/* Scratch text of a dossier's lists, kept on the handle so that storing
 * a dossier allocates nothing once the buffers have grown. */
struct dossier_lists {
	struct strbuf components, fees, results, supplements;
};

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[Q__COUNT];
	struct dossier_lists lists;
	struct agg_state *agg; /* aggregate rows, sqlite_agg.c */
	bool snapshot;         /* a read snapshot is open (store_read_begin) */
	char errmsg[320];
};

/* The statement, reset and with its bindings cleared. */
sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id);
/* Turn the last SQLite failure into an mc_err (and keep it on st). */
enum mc_code store_db_fail(struct store *st, struct mc_err *err,
			   const char *what);

/* A statement prepared for one call (finalized by the caller, or by
 * store_step_done); `what` names it in the error. */
enum mc_code store_prepare(struct store *st, const char *sql,
			   sqlite3_stmt **s, const char *what,
			   struct mc_err *err);
/* Finalize s after its last step rc: MC_OK for SQLITE_DONE or
 * SQLITE_ROW, else the failure, naming what. */
enum mc_code store_step_done(struct store *st, sqlite3_stmt *s, int rc,
			     const char *what, struct mc_err *err);

void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_time(sqlite3_stmt *s, int i, int64_t t); /* MC_NO_TIME: NULL */
int64_t column_time(sqlite3_stmt *s, int i);
/* A text column copied; NULL stays NULL. A copy that fails clears *ok,
 * so a reader can answer MC_ERR_NOMEM instead of a NULL field. */
char *column_strdup(sqlite3_stmt *s, int i, bool *ok);
/* The answer of a reader whose copy failed. */
enum mc_code store_nomem(struct mc_err *err, const char *what);

void store_lists_release(struct dossier_lists *l);
/* The supplement rounds stored in column col (a JSON array) into d;
 * false when out of memory or the text is not such an array. */
bool store_read_supplements(sqlite3_stmt *s, int col, struct dossier *d);

/* The aggregate rows, the transaction participant and the counts per
 * status (sqlite_agg.c): opened with the store; every dossier version
 * written moves its status's count (sign -1 for the old state, +1 for
 * the new), added at commit, dropped on rollback. */
enum mc_code store_agg_open(struct store *st, struct mc_err *err);
void store_agg_close(struct store *st);
void store_status_note(struct store *st, int status, int sign);
enum mc_code store_agg_flush(struct store *st, struct mc_err *err);
void store_agg_discard(struct store *st);
/* A unit or procedure is about to change; with rebuild, what stored
 * dossiers count under moves. After the change, store_agg_settle runs a
 * transaction for the participant's rebuild when none is open. */
void store_agg_catalogue_changed(struct store *st, bool rebuild);
enum mc_code store_agg_settle(struct store *st, struct mc_err *err);

/* Migrations, applied by store_open. */
enum mc_code store_migrate(struct store *st, struct mc_err *err);
extern const char *const store_statements[Q__COUNT];

#endif
