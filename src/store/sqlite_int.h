/*
 * sqlite_int.h - what the SQLite backend's files share: its state behind
 * the port's handle (st->backend) with the prepared statements, the
 * entries of its table of operations (store_sqlite_ops, sqlite.c), and
 * small binding helpers. Not for outside use.
 */
#ifndef MC_STORE_SQLITE_INT_H
#define MC_STORE_SQLITE_INT_H

#include <sqlite3.h>

#include "core/str.h"

#include "store/backend.h"

/* The page cache of a connection in MiB, and while a bulk load lasts. */
#define SQLITE_CACHE_MIB 64
#define SQLITE_BULK_CACHE_MIB 256

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

struct sqlite_store {
	sqlite3 *db;
	sqlite3_stmt *stmt[Q__COUNT];
	struct dossier_lists lists;
	struct agg_state *agg; /* aggregate rows, sqlite_agg.c */
	bool snapshot;         /* a read view is open (sqlite_read_begin) */
	int64_t last_key;      /* the rowid of last_code, 0: none */
	char last_code[128];   /* the dossier written last (sqlite_dossier.c) */
	char errmsg[320];
};

static inline struct sqlite_store *sq(struct store *st) { return st->backend; }

/* The statement, reset and with its bindings cleared. */
sqlite3_stmt *sqlite_stmt(struct store *st, enum stmt_id id);
/* Turn the last SQLite failure into an mc_err (and keep it on st). */
enum mc_code sqlite_db_fail(struct store *st, struct mc_err *err,
			    const char *what);

/* A statement prepared for one call (finalized by the caller, or by
 * sqlite_step_done); `what` names it in the error. */
enum mc_code sqlite_prepare(struct store *st, const char *sql, sqlite3_stmt **s,
			    const char *what, struct mc_err *err);
/* Finalize s after its last step rc: MC_OK for SQLITE_DONE or
 * SQLITE_ROW, else the failure, naming what. */
enum mc_code sqlite_step_done(struct store *st, sqlite3_stmt *s, int rc,
			      const char *what, struct mc_err *err);

void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_time(sqlite3_stmt *s, int i, int64_t t); /* MC_NO_TIME: NULL */
int64_t column_time(sqlite3_stmt *s, int i);
/* A text column copied; NULL stays NULL. A copy that fails clears *ok,
 * so a reader can answer MC_ERR_NOMEM instead of a NULL field. */
char *column_strdup(sqlite3_stmt *s, int i, bool *ok);
/* The answer of a reader whose copy failed. */
enum mc_code sqlite_nomem(struct mc_err *err, const char *what);

/* The columns of the staff search (DOSSIER_SEARCH in schema.c: id,
 * code, ..., returned_at, the first 14) into the summary fields of d;
 * false when out of memory. */
bool sqlite_read_summary(sqlite3_stmt *s, struct dossier *d);

void sqlite_lists_release(struct dossier_lists *l);
/* The supplement rounds stored in column col (a JSON array) into d;
 * false when out of memory or the text is not such an array. */
bool sqlite_read_supplements(sqlite3_stmt *s, int col, struct dossier *d);

/* The aggregate rows' statements and the counts per status
 * (sqlite_agg.c): opened with the store; every dossier version written
 * moves its status's count (sign -1 for the old state, +1 for the new),
 * added by sqlite_status_flush before the commit, dropped on rollback. */
enum mc_code sqlite_agg_open(struct store *st, struct mc_err *err);
void sqlite_agg_close(struct store *st);
void sqlite_status_note(struct store *st, int status, int sign);
enum mc_code sqlite_status_flush(struct store *st, struct mc_err *err);
void sqlite_status_discard(struct store *st);
/* The rowid of dossier `code`; MC_ERR_NOT_FOUND naming MaHoSo when it
 * is not stored, or the database's failure. */
enum mc_code sqlite_dossier_key(struct store *st, const char *code,
				int64_t *key, struct mc_err *err);
/* A dossier moved to another unit: its ratings and feedback follow
 * (sqlite_index.c). */
enum mc_code sqlite_feedback_follow(struct store *st, const char *dossier_code,
				    const char *unit_code, struct mc_err *err);

/* Migrations, applied by sqlite_open. */
enum mc_code sqlite_migrate(struct store *st, struct mc_err *err);
extern const char *const sqlite_statements[Q__COUNT];

/* The entries of store_sqlite_ops. */
enum mc_code sqlite_open(struct store *st, const struct store_options *o,
			 struct mc_err *err);
void sqlite_close(struct store *st);
int sqlite_schema_version(struct store *st);
enum mc_code sqlite_bulk(struct store *st, bool on, struct mc_err *err);
void sqlite_busy_timeout(struct store *st, int ms);
enum mc_code sqlite_begin(struct store *st, struct mc_err *err);
bool sqlite_in_transaction(struct store *st);
bool sqlite_read_begin(struct store *st);
void sqlite_read_end(struct store *st, bool opened);
enum mc_code sqlite_commit(struct store *st, struct mc_err *err);
void sqlite_rollback(struct store *st);
enum mc_code sqlite_unit_put(struct store *st, const struct unit *u,
			     struct mc_err *err);
enum mc_code sqlite_unit_get(struct store *st, const char *code,
			     struct unit *out, struct mc_err *err);
enum mc_code sqlite_unit_changes(struct store *st, int64_t *n,
				 struct mc_err *err);
enum mc_code sqlite_unit_each(struct store *st, store_unit_fn fn, void *ctx,
			      struct mc_err *err);
enum mc_code sqlite_procedure_put(struct store *st, const struct procedure *p,
				  struct mc_err *err);
enum mc_code sqlite_procedure_get(struct store *st, const char *code,
				  struct procedure *out, struct mc_err *err);
enum mc_code sqlite_procedure_each(struct store *st, store_procedure_fn fn,
				   void *ctx, struct mc_err *err);
enum mc_code sqlite_offers_set(struct store *st, const char *procedure_code,
			       const struct procedure_offer *o, size_t n,
			       struct mc_err *err);
enum mc_code sqlite_offer_each(struct store *st, store_offer_fn fn, void *ctx,
			       struct mc_err *err);
enum mc_code sqlite_publication_put(struct store *st,
				    const struct procedure_publication *p,
				    struct mc_err *err);
enum mc_code sqlite_publication_each(struct store *st, store_publication_fn fn,
				     void *ctx, struct mc_err *err);
enum mc_code sqlite_calendar_put(struct store *st,
				 const struct calendar_override *o,
				 struct mc_err *err);
enum mc_code sqlite_calendar_delete(struct store *st, int64_t day,
				    struct mc_err *err);
enum mc_code sqlite_calendar_changes(struct store *st, int64_t *n,
				     struct mc_err *err);
enum mc_code sqlite_calendar_each(struct store *st, store_calendar_fn fn,
				  void *ctx, struct mc_err *err);
enum mc_code sqlite_dossier_put(struct store *st, struct dossier *d,
				struct dossier *replaced, struct mc_err *err);
enum mc_code sqlite_dossier_get(struct store *st, const char *code,
				struct dossier *out, struct mc_err *err);
enum mc_code sqlite_dossier_status(struct store *st, const char *code,
				   int *status, struct mc_err *err);
enum mc_code sqlite_dossier_next_code(struct store *st, const char *unit_code,
				      int64_t day, char **code,
				      struct mc_err *err);
enum mc_code sqlite_dossier_each(struct store *st, int64_t from_day,
				 int64_t to_day, store_dossier_fn fn, void *ctx,
				 struct mc_err *err);
enum mc_code sqlite_anomalous_each(struct store *st, int64_t from_day,
				   int64_t to_day, store_dossier_fn fn,
				   void *ctx, struct mc_err *err);
enum mc_code sqlite_open_dossier_each(struct store *st, store_dossier_fn fn,
				      void *ctx, struct mc_err *err);
enum mc_code sqlite_dossier_search(struct store *st,
				   const struct dossier_query *q,
				   store_dossier_fn fn, void *ctx,
				   struct mc_err *err);
enum mc_code sqlite_dossier_count_by_status(struct store *st,
					    int64_t counts[11],
					    struct mc_err *err);
enum mc_code sqlite_dossier_secret_put(struct store *st,
				       const char *dossier_code,
				       const char *secret_hash,
				       struct mc_err *err);
enum mc_code sqlite_dossier_secret_get(struct store *st,
				       const char *dossier_code, char *hash,
				       size_t size, struct mc_err *err);
enum mc_code sqlite_online_share_take(struct store *st, const char *unit,
				      int64_t day, int limit, bool *taken,
				      struct mc_err *err);
enum mc_code sqlite_transfer_each(struct store *st, const char *unit_root,
				  int limit, store_transfer_fn fn, void *ctx,
				  struct mc_err *err);
enum mc_code sqlite_request_get(struct store *st, const char *key_hash,
				struct stored_request *out, struct mc_err *err);
enum mc_code sqlite_request_put(struct store *st, const char *key_hash,
				const struct stored_request *r,
				struct mc_err *err);
enum mc_code sqlite_online_share_give(struct store *st, const char *unit,
				      int64_t day, struct mc_err *err);
enum mc_code sqlite_upload_new(struct store *st, const char *token_hash,
			       const char *address, int64_t created,
			       int64_t expires, struct mc_err *err);
enum mc_code sqlite_upload_expires(struct store *st, const char *token_hash,
				   int64_t *expires, struct mc_err *err);
enum mc_code sqlite_upload_file_put(struct store *st, const char *token_hash,
				    const struct dossier_file *f,
				    struct mc_err *err);
enum mc_code sqlite_upload_file_each(struct store *st, const char *token_hash,
				     store_file_fn fn, void *ctx,
				     struct mc_err *err);
enum mc_code sqlite_upload_bytes(struct store *st, const char *token_hash,
				 const char *component, int64_t *bytes,
				 struct mc_err *err);
enum mc_code sqlite_upload_delete(struct store *st, const char *token_hash,
				  struct mc_err *err);
enum mc_code sqlite_upload_purge(struct store *st, int64_t at, int64_t *n,
				 struct mc_err *err);
enum mc_code sqlite_upload_holds(struct store *st, const char *sha256,
				 int64_t now, bool *yes, struct mc_err *err);
enum mc_code sqlite_event_append(struct store *st,
				 const struct dossier_event *ev,
				 struct mc_err *err);
enum mc_code sqlite_event_each(struct store *st, const char *dossier_code,
			       store_event_fn fn, void *ctx,
			       struct mc_err *err);
enum mc_code sqlite_user_add(struct store *st, struct user *u,
			     struct mc_err *err);
enum mc_code sqlite_user_get(struct store *st, const char *username,
			     struct user *out, struct mc_err *err);
enum mc_code sqlite_user_each(struct store *st, store_user_fn fn, void *ctx,
			      struct mc_err *err);
enum mc_code sqlite_session_put(struct store *st, const char *token_hash,
				int64_t user_id, const char *csrf,
				int64_t expires_at, struct mc_err *err);
enum mc_code sqlite_session_get(struct store *st, const char *token_hash,
				int64_t now, struct user *out, char *csrf,
				size_t csrf_size, struct mc_err *err);
enum mc_code sqlite_session_delete(struct store *st, const char *token_hash,
				   int64_t now, struct mc_err *err);
enum mc_code sqlite_login_attempt(struct store *st, struct login_key *keys,
				  size_t n, int64_t now, int64_t window,
				  int64_t *wait, struct mc_err *err);
enum mc_code sqlite_login_forget(struct store *st, const char *key,
				 int64_t attempt, int64_t before,
				 struct mc_err *err);
enum mc_code sqlite_rating_put(struct store *st, const struct rating *r,
			       struct mc_err *err);
enum mc_code sqlite_rating_count(struct store *st, const char *dossier_code,
				 int64_t *n, struct mc_err *err);
enum mc_code sqlite_feedback_put(struct store *st, const struct feedback *f,
				 struct mc_err *err);
enum mc_code sqlite_feedback_body_put(struct store *st, const char *id,
				      const char *body, struct mc_err *err);
enum mc_code sqlite_feedback_answer(struct store *st, const char *id,
				    int64_t at, const char *answer,
				    const char *outcome, struct mc_err *err);
enum mc_code sqlite_feedback_get(struct store *st, const char *id,
				 struct feedback_row *out, struct mc_err *err);
enum mc_code sqlite_feedback_each(struct store *st, const char *unit, bool open,
				  int limit, store_feedback_fn fn, void *ctx,
				  struct mc_err *err);
enum mc_code sqlite_feedback_by_unit(struct store *st, int64_t from, int64_t to,
				     int answer_days,
				     store_feedback_count_fn fn, void *ctx,
				     struct mc_err *err);
enum mc_code sqlite_target_put(struct store *st, const char *unit,
			       const char *period, const char *indicator,
			       int64_t value, struct mc_err *err);
enum mc_code sqlite_target_each(struct store *st, store_target_fn fn, void *ctx,
				struct mc_err *err);
enum mc_code sqlite_snapshot_put(struct store *st, const struct snapshot *s,
				 struct mc_err *err);
enum mc_code sqlite_snapshot_get(struct store *st, const char *period,
				 struct snapshot *out, struct mc_err *err);
enum mc_code sqlite_payment_add(struct store *st, struct payment *p,
				struct mc_err *err);
enum mc_code sqlite_payment_get(struct store *st, int64_t id,
				struct payment *out, struct mc_err *err);
enum mc_code sqlite_payment_update(struct store *st, const struct payment *p,
				   struct mc_err *err);
enum mc_code sqlite_payment_each(struct store *st, const char *dossier_code,
				 store_payment_fn fn, void *ctx,
				 struct mc_err *err);
enum mc_code sqlite_receipt_issue(struct store *st, struct receipt *r,
				  struct mc_err *err);
enum mc_code sqlite_receipt_get(struct store *st, int64_t payment_id,
				struct receipt *out, struct mc_err *err);
enum mc_code sqlite_receipt_cancel(struct store *st, int64_t id, int64_t at,
				   const char *reason, const char *by,
				   struct mc_err *err);
enum mc_code sqlite_payment_paid_each(struct store *st, int64_t from,
				      int64_t to, store_paid_fn fn, void *ctx,
				      struct mc_err *err);
enum mc_code sqlite_bank_account_put(struct store *st,
				     const struct bank_account *a,
				     struct mc_err *err);
enum mc_code sqlite_bank_account_get(struct store *st, const char *unit,
				     struct bank_account *out,
				     struct mc_err *err);
enum mc_code sqlite_bank_account_each(struct store *st,
				      store_bank_account_fn fn, void *ctx,
				      struct mc_err *err);
enum mc_code sqlite_notice_add(struct store *st, struct financial_notice *n,
			       struct mc_err *err);
enum mc_code sqlite_notice_each(struct store *st, const char *dossier_code,
				store_notice_fn fn, void *ctx,
				struct mc_err *err);
enum mc_code sqlite_gateway_add(struct store *st, const struct gateway *g,
				struct mc_err *err);
enum mc_code sqlite_gateway_get(struct store *st, const char *name,
				const char *terminal, struct gateway *out,
				struct mc_err *err);
enum mc_code sqlite_gateway_remove(struct store *st, const char *name,
				   struct mc_err *err);
enum mc_code sqlite_gateway_each(struct store *st, store_gateway_fn fn,
				 void *ctx, struct mc_err *err);
enum mc_code sqlite_file_add(struct store *st, struct dossier_file *f,
			     struct mc_err *err);
enum mc_code sqlite_file_each(struct store *st, const char *dossier_code,
			      store_file_fn fn, void *ctx, struct mc_err *err);
enum mc_code sqlite_file_get(struct store *st, const char *dossier_code,
			     const char *sha256, struct dossier_file *out,
			     struct mc_err *err);
enum mc_code sqlite_file_bytes(struct store *st, const char *dossier_code,
			       int64_t *bytes, struct mc_err *err);
enum mc_code sqlite_file_with_hash(struct store *st, const char *sha256,
				   store_file_fn fn, void *ctx,
				   struct mc_err *err);
enum mc_code sqlite_file_referenced(struct store *st, const char *sha256,
				    bool *yes, struct mc_err *err);
enum mc_code sqlite_file_opened(struct store *st, int64_t file_id,
				const struct file_opening *o,
				struct mc_err *err);
enum mc_code sqlite_file_openings_each(struct store *st,
				       const char *dossier_code,
				       store_opening_fn fn, void *ctx,
				       struct mc_err *err);
enum mc_code sqlite_agg_key(struct store *st, const char *unit, int dim,
			    const char *value, bool create, int64_t *id,
			    struct mc_err *err);
enum mc_code sqlite_agg_values(struct store *st, const char *unit, int dim,
			       store_agg_value_fn fn, void *ctx,
			       struct mc_err *err);
enum mc_code sqlite_agg_row_get(struct store *st, enum store_agg_rows t,
				int64_t key, int64_t month, uint8_t *buf,
				size_t cap, size_t *n, struct mc_err *err);
enum mc_code sqlite_agg_row_put(struct store *st, enum store_agg_rows t,
				int64_t key, int64_t month, const uint8_t *row,
				size_t n, struct mc_err *err);
enum mc_code sqlite_agg_rows_each(struct store *st, enum store_agg_rows t,
				  int64_t key, int64_t from, int64_t to,
				  bool falling, store_agg_row_fn fn, void *ctx,
				  struct mc_err *err);
enum mc_code sqlite_agg_rows_delete(struct store *st, enum store_agg_rows t,
				    int64_t key, int64_t from,
				    struct mc_err *err);
enum mc_code sqlite_agg_clear(struct store *st, struct mc_err *err);
enum mc_code sqlite_agg_format(struct store *st, int *counters,
			       struct mc_err *err);
enum mc_code sqlite_agg_set_format(struct store *st, int counters,
				   struct mc_err *err);
enum mc_code sqlite_digest(struct store *st, char hex[65], struct mc_err *err);
enum mc_code sqlite_backup(struct store *st, const char *path,
			   struct mc_err *err);

#endif
