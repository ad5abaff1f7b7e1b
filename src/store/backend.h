/*
 * backend.h - the other side of the store's port: what a backend fills
 * in. The callers' side is store.h; its functions (store.c) check
 * nothing a backend must check and dispatch every call through the
 * handle's table of operations, as SQLite's VFS or curl's TLS backends
 * do. A backend includes this header, keeps its own state behind
 * st->backend and fills in one `const struct store_ops`; store.c picks
 * it by the scheme of the location the store is opened at
 * (docs/internals/store.md says what every entry must guarantee and how
 * to add a backend).
 *
 * Only backends, store.c and tests of the port include this header.
 */
#ifndef MC_STORE_BACKEND_H
#define MC_STORE_BACKEND_H

#include "store/store.h"

/* The handle every store_* call takes. The port keeps the participant
 * (the aggregate engine) itself, so a backend never calls it. */
struct store {
	const struct store_ops *ops;
	void *backend; /* the backend's own state, set by ops->open */
	const struct store_participant *participant;
	void *participant_ctx;
};

/*
 * Each entry has the meaning of the store_* function of the same name in
 * store.h, with these differences, which store.c takes care of:
 *
 *  - open fills st->backend from the options (o->location without the
 *    scheme the registry matched); close releases it.
 *  - commit and rollback are the backend's own: the participant has
 *    written its rows (commit) or been told (rollback) before.
 *  - unit_put and procedure_put only store; telling the participant is
 *    the port's.
 *  - unit_put, procedure_put, dossier_put and login_attempt are called
 *    inside a write transaction (the port opens one when the caller has
 *    none).
 */
struct store_ops {
	const char *name; /* "sqlite": the scheme of its locations */

	/* lifetime */
	enum mc_code (*open)(struct store *st, const struct store_options *o,
			     struct mc_err *err);
	void (*close)(struct store *st);
	int (*schema_version)(struct store *st);
	enum mc_code (*bulk)(struct store *st, bool on, struct mc_err *err);
	void (*busy_timeout)(struct store *st, int ms);

	/* transactions and read views */
	enum mc_code (*begin)(struct store *st, struct mc_err *err);
	bool (*in_transaction)(struct store *st);
	bool (*read_begin)(struct store *st);
	void (*read_end)(struct store *st, bool opened);
	enum mc_code (*commit)(struct store *st, struct mc_err *err);
	void (*rollback)(struct store *st);

	/* units */
	enum mc_code (*unit_put)(struct store *st, const struct unit *u,
				 struct mc_err *err);
	enum mc_code (*unit_get)(struct store *st, const char *code,
				 struct unit *out, struct mc_err *err);
	enum mc_code (*unit_changes)(struct store *st, int64_t *n,
				     struct mc_err *err);
	enum mc_code (*unit_each)(struct store *st, store_unit_fn fn, void *ctx,
				  struct mc_err *err);

	/* procedures, where they are offered, when they were published */
	enum mc_code (*procedure_put)(struct store *st,
				      const struct procedure *p,
				      struct mc_err *err);
	enum mc_code (*procedure_get)(struct store *st, const char *code,
				      struct procedure *out,
				      struct mc_err *err);
	enum mc_code (*procedure_each)(struct store *st, store_procedure_fn fn,
				       void *ctx, struct mc_err *err);
	enum mc_code (*offers_set)(struct store *st, const char *procedure_code,
				   const struct procedure_offer *o, size_t n,
				   struct mc_err *err);
	enum mc_code (*offer_each)(struct store *st, store_offer_fn fn,
				   void *ctx, struct mc_err *err);
	enum mc_code (*publication_put)(struct store *st,
					const struct procedure_publication *p,
					struct mc_err *err);
	enum mc_code (*publication_each)(struct store *st,
					 store_publication_fn fn, void *ctx,
					 struct mc_err *err);

	/* the administrator's calendar */
	enum mc_code (*calendar_put)(struct store *st,
				     const struct calendar_override *o,
				     struct mc_err *err);
	enum mc_code (*calendar_delete)(struct store *st, int64_t day,
					struct mc_err *err);
	enum mc_code (*calendar_changes)(struct store *st, int64_t *n,
					 struct mc_err *err);
	enum mc_code (*calendar_each)(struct store *st, store_calendar_fn fn,
				      void *ctx, struct mc_err *err);

	/* dossiers */
	enum mc_code (*dossier_put)(struct store *st, struct dossier *d,
				    struct dossier *replaced,
				    struct mc_err *err);
	enum mc_code (*dossier_get)(struct store *st, const char *code,
				    struct dossier *out, struct mc_err *err);
	enum mc_code (*dossier_status)(struct store *st, const char *code,
				       int *status, struct mc_err *err);
	enum mc_code (*dossier_next_code)(struct store *st,
					  const char *unit_code, int64_t day,
					  char **code, struct mc_err *err);
	enum mc_code (*dossier_each)(struct store *st, int64_t from_day,
				     int64_t to_day, store_dossier_fn fn,
				     void *ctx, struct mc_err *err);
	enum mc_code (*anomalous_each)(struct store *st, int64_t from_day,
				       int64_t to_day, store_dossier_fn fn,
				       void *ctx, struct mc_err *err);
	enum mc_code (*open_dossier_each)(struct store *st, store_dossier_fn fn,
					  void *ctx, struct mc_err *err);
	enum mc_code (*dossier_search)(struct store *st,
				       const struct dossier_query *q,
				       store_dossier_fn fn, void *ctx,
				       struct mc_err *err);
	enum mc_code (*dossier_count_by_status)(struct store *st,
						int64_t counts[11],
						struct mc_err *err);
	enum mc_code (*dossier_secret_put)(struct store *st,
					   const char *dossier_code,
					   const char *secret_hash,
					   struct mc_err *err);
	enum mc_code (*dossier_secret_get)(struct store *st,
					   const char *dossier_code, char *hash,
					   size_t size, struct mc_err *err);
	enum mc_code (*online_share_take)(struct store *st, const char *unit,
					  int64_t day, int limit, bool *taken,
					  struct mc_err *err);
	enum mc_code (*online_share_give)(struct store *st, const char *unit,
					  int64_t day, struct mc_err *err);

	/* the desks: transfers sent, request keys */
	enum mc_code (*transfer_each)(struct store *st, const char *unit_root,
				      int limit, store_transfer_fn fn,
				      void *ctx, struct mc_err *err);
	enum mc_code (*request_get)(struct store *st, const char *key_hash,
				    struct stored_request *out,
				    struct mc_err *err);
	enum mc_code (*request_put)(struct store *st, const char *key_hash,
				    const struct stored_request *r,
				    struct mc_err *err);

	/* uploads of a filing in progress */
	enum mc_code (*upload_new)(struct store *st, const char *token_hash,
				   const char *address, int64_t created,
				   int64_t expires, struct mc_err *err);
	enum mc_code (*upload_expires)(struct store *st, const char *token_hash,
				       int64_t *expires, struct mc_err *err);
	enum mc_code (*upload_file_put)(struct store *st,
					const char *token_hash,
					const struct dossier_file *f,
					struct mc_err *err);
	enum mc_code (*upload_file_each)(struct store *st,
					 const char *token_hash,
					 store_file_fn fn, void *ctx,
					 struct mc_err *err);
	enum mc_code (*upload_bytes)(struct store *st, const char *token_hash,
				     const char *component, int64_t *bytes,
				     struct mc_err *err);
	enum mc_code (*upload_delete)(struct store *st, const char *token_hash,
				      struct mc_err *err);
	enum mc_code (*upload_purge)(struct store *st, int64_t at, int64_t *n,
				     struct mc_err *err);
	enum mc_code (*upload_holds)(struct store *st, const char *sha256,
				     int64_t now, bool *yes,
				     struct mc_err *err);

	/* the event log */
	enum mc_code (*event_append)(struct store *st,
				     const struct dossier_event *ev,
				     struct mc_err *err);
	enum mc_code (*event_each)(struct store *st, const char *dossier_code,
				   store_event_fn fn, void *ctx,
				   struct mc_err *err);

	/* accounts, sessions, the login throttle */
	enum mc_code (*user_add)(struct store *st, struct user *u,
				 struct mc_err *err);
	enum mc_code (*user_get)(struct store *st, const char *username,
				 struct user *out, struct mc_err *err);
	enum mc_code (*user_each)(struct store *st, store_user_fn fn, void *ctx,
				  struct mc_err *err);
	enum mc_code (*session_put)(struct store *st, const char *token_hash,
				    int64_t user_id, const char *csrf,
				    int64_t expires_at, struct mc_err *err);
	enum mc_code (*session_get)(struct store *st, const char *token_hash,
				    int64_t now, struct user *out, char *csrf,
				    size_t csrf_size, struct mc_err *err);
	enum mc_code (*session_delete)(struct store *st, const char *token_hash,
				       int64_t now, struct mc_err *err);
	enum mc_code (*login_attempt)(struct store *st, struct login_key *keys,
				      size_t n, int64_t now, int64_t window,
				      int64_t *wait, struct mc_err *err);
	enum mc_code (*login_forget)(struct store *st, const char *key,
				     int64_t attempt, int64_t before,
				     struct mc_err *err);

	/* the service index's inputs */
	enum mc_code (*rating_put)(struct store *st, const struct rating *r,
				   struct mc_err *err);
	enum mc_code (*rating_count)(struct store *st, const char *dossier_code,
				     int64_t *n, struct mc_err *err);
	enum mc_code (*feedback_put)(struct store *st, const struct feedback *f,
				     struct mc_err *err);
	enum mc_code (*feedback_body_put)(struct store *st, const char *id,
					  const char *body, struct mc_err *err);
	enum mc_code (*feedback_answer)(struct store *st, const char *id,
					int64_t at, const char *answer,
					const char *outcome,
					struct mc_err *err);
	enum mc_code (*feedback_get)(struct store *st, const char *id,
				     struct feedback_row *out,
				     struct mc_err *err);
	enum mc_code (*feedback_each)(struct store *st, const char *unit,
				      bool open, int limit,
				      store_feedback_fn fn, void *ctx,
				      struct mc_err *err);
	enum mc_code (*feedback_by_unit)(struct store *st, int64_t from,
					 int64_t to, int answer_days,
					 store_feedback_count_fn fn, void *ctx,
					 struct mc_err *err);
	enum mc_code (*target_put)(struct store *st, const char *unit,
				   const char *period, const char *indicator,
				   int64_t value, struct mc_err *err);
	enum mc_code (*target_each)(struct store *st, store_target_fn fn,
				    void *ctx, struct mc_err *err);
	enum mc_code (*snapshot_put)(struct store *st, const struct snapshot *s,
				     struct mc_err *err);
	enum mc_code (*snapshot_get)(struct store *st, const char *period,
				     struct snapshot *out, struct mc_err *err);

	/* counter payments: collecting accounts, notices, paid payments */
	enum mc_code (*bank_account_put)(struct store *st,
					 const struct bank_account *a,
					 struct mc_err *err);
	enum mc_code (*bank_account_get)(struct store *st, const char *unit,
					 struct bank_account *out,
					 struct mc_err *err);
	enum mc_code (*bank_account_each)(struct store *st,
					  store_bank_account_fn fn, void *ctx,
					  struct mc_err *err);
	enum mc_code (*notice_add)(struct store *st, struct financial_notice *n,
				   struct mc_err *err);
	enum mc_code (*notice_each)(struct store *st, const char *dossier_code,
				    store_notice_fn fn, void *ctx,
				    struct mc_err *err);
	enum mc_code (*payment_paid_each)(struct store *st, int64_t from,
					  int64_t to, store_paid_fn fn,
					  void *ctx, struct mc_err *err);
	/* payments, receipts, gateways */
	enum mc_code (*gateway_add)(struct store *st, const struct gateway *g,
				    struct mc_err *err);
	enum mc_code (*gateway_get)(struct store *st, const char *name,
				    const char *terminal, struct gateway *out,
				    struct mc_err *err);
	enum mc_code (*gateway_remove)(struct store *st, const char *name,
				       struct mc_err *err);
	enum mc_code (*gateway_each)(struct store *st, store_gateway_fn fn,
				     void *ctx, struct mc_err *err);
	enum mc_code (*payment_add)(struct store *st, struct payment *p,
				    struct mc_err *err);
	enum mc_code (*payment_get)(struct store *st, int64_t id,
				    struct payment *out, struct mc_err *err);
	enum mc_code (*payment_update)(struct store *st,
				       const struct payment *p,
				       struct mc_err *err);
	enum mc_code (*payment_each)(struct store *st, const char *dossier_code,
				     store_payment_fn fn, void *ctx,
				     struct mc_err *err);
	enum mc_code (*receipt_issue)(struct store *st, struct receipt *r,
				      struct mc_err *err);
	enum mc_code (*receipt_get)(struct store *st, int64_t payment_id,
				    struct receipt *out, struct mc_err *err);
	enum mc_code (*receipt_cancel)(struct store *st, int64_t id, int64_t at,
				       const char *reason, const char *by,
				       struct mc_err *err);
	/* the files dossiers refer to */
	enum mc_code (*file_add)(struct store *st, struct dossier_file *f,
				 struct mc_err *err);
	enum mc_code (*file_each)(struct store *st, const char *dossier_code,
				  store_file_fn fn, void *ctx,
				  struct mc_err *err);
	enum mc_code (*file_get)(struct store *st, const char *dossier_code,
				 const char *sha256, struct dossier_file *out,
				 struct mc_err *err);
	enum mc_code (*file_bytes)(struct store *st, const char *dossier_code,
				   int64_t *bytes, struct mc_err *err);
	enum mc_code (*file_with_hash)(struct store *st, const char *sha256,
				       store_file_fn fn, void *ctx,
				       struct mc_err *err);
	enum mc_code (*file_referenced)(struct store *st, const char *sha256,
					bool *yes, struct mc_err *err);
	enum mc_code (*file_opened)(struct store *st, int64_t file_id,
				    const struct file_opening *o,
				    struct mc_err *err);
	enum mc_code (*file_openings_each)(struct store *st,
					   const char *dossier_code,
					   store_opening_fn fn, void *ctx,
					   struct mc_err *err);

	/* the aggregate engine's rows */
	enum mc_code (*agg_key)(struct store *st, const char *unit, int dim,
				const char *value, bool create, int64_t *id,
				struct mc_err *err);
	enum mc_code (*agg_values)(struct store *st, const char *unit, int dim,
				   store_agg_value_fn fn, void *ctx,
				   struct mc_err *err);
	enum mc_code (*agg_row_get)(struct store *st, enum store_agg_rows t,
				    int64_t key, int64_t month, uint8_t *buf,
				    size_t cap, size_t *n, struct mc_err *err);
	enum mc_code (*agg_row_put)(struct store *st, enum store_agg_rows t,
				    int64_t key, int64_t month,
				    const uint8_t *row, size_t n,
				    struct mc_err *err);
	enum mc_code (*agg_rows_each)(struct store *st, enum store_agg_rows t,
				      int64_t key, int64_t from, int64_t to,
				      bool falling, store_agg_row_fn fn,
				      void *ctx, struct mc_err *err);
	enum mc_code (*agg_rows_delete)(struct store *st, enum store_agg_rows t,
					int64_t key, int64_t from,
					struct mc_err *err);
	enum mc_code (*agg_clear)(struct store *st, struct mc_err *err);
	enum mc_code (*agg_format)(struct store *st, int *counters,
				   struct mc_err *err);
	enum mc_code (*agg_set_format)(struct store *st, int counters,
				       struct mc_err *err);

	/* proof that nothing changed */
	enum mc_code (*digest)(struct store *st, char hex[65],
			       struct mc_err *err);

	/* a copy of everything, as of one moment */
	enum mc_code (*backup)(struct store *st, const char *path,
			       struct mc_err *err);
};

/* The backends this program has (store.c's registry). */
extern const struct store_ops store_sqlite_ops;

#endif
