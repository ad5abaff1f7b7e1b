/*
 * store.h - persistence behind one port. These functions are what the
 * layers above call, in sections by what is stored; each goes through
 * the handle's table of operations (struct store_ops, store/backend.h),
 * which a backend fills in. SQLite (store/sqlite*.c) is the first
 * backend; store_open picks the backend by the location's scheme.
 * docs/internals/store.md says what each entry guarantees.
 *
 * Writes happen inside store_begin / store_commit; a failed operation
 * calls store_rollback and leaves the data exactly as it was. Every
 * function returns its result code; a reader never answers MC_OK with a
 * field it could not fill.
 */
#ifndef MC_STORE_STORE_H
#define MC_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/dossier.h"
#include "core/dossier_file.h"
#include "core/error.h"
#include "core/event.h"
#include "core/feedback.h"
#include "core/payment.h"
#include "core/payment_figures.h"
#include "core/procedure.h"
#include "core/report.h"
#include "core/search.h"
#include "core/snapshot.h"
#include "core/unit.h"
#include "core/user.h"
#include "core/vietqr.h"

struct store;
struct store_ops;

/* ---- opening and closing ------------------------------------------------ */

/* Where and how to open a store. location is a file path (SQLite) or
 * SCHEME://... naming the backend by its scheme ("sqlite://FILE"); an
 * unknown scheme is refused with MC_ERR_INPUT naming "db". backend, when
 * set, is used whatever the location says (a test's wrapper). */
struct store_options {
	const char *location;
	const struct store_ops *backend;
};

/* Open (creating and migrating as needed) the store at `location`. */
enum mc_code store_open(const char *location, struct store **out,
			struct mc_err *err);
enum mc_code store_open_with(const struct store_options *o, struct store **out,
			     struct mc_err *err);
void store_close(struct store *st);
/* The version of the stored layout (rises with every migration). */
int store_schema_version(struct store *st);
/* A bulk load begins (on) or ends: the backend may spend more memory on
 * it while it lasts. */
enum mc_code store_bulk(struct store *st, bool on, struct mc_err *err);
/* How long a write waits for another writer before it fails with
 * MC_ERR_BUSY (the default is STORE_BUSY_MS). */
#define STORE_BUSY_MS 5000
void store_busy_timeout(struct store *st, int ms);

/* ---- transactions and read views ----------------------------------------- */

/* A write transaction: store_begin waits for other writers (up to the
 * busy timeout) and fails MC_ERR_BUSY past it; what it writes is seen
 * by nobody else until store_commit, which makes it durable (it survives
 * a crash of the process or the machine) or fails and rolls back. */
enum mc_code store_begin(struct store *st, struct mc_err *err);
bool store_in_transaction(struct store *st);
enum mc_code store_commit(struct store *st, struct mc_err *err);
void store_rollback(struct store *st);
/* End a transaction the way rc says: commit when MC_OK, else roll back.
 * Returns rc, or the commit's own failure. */
enum mc_code store_finish(struct store *st, enum mc_code rc,
			  struct mc_err *err);
/* A read view: everything read until store_read_end sees the data as it
 * was at the first read, whatever other connections commit meanwhile.
 * Inside a transaction it does nothing; store_begin ends it. Returns
 * whether it opened one, for store_read_end. */
bool store_read_begin(struct store *st);
void store_read_end(struct store *st, bool opened);

/* A participant in the store's transactions (the aggregate engine): asked
 * to write what it keeps before each commit (inside the transaction: a
 * failure rolls it back), told of every rollback and of a unit or
 * procedure change (rebuild: the change moves what stored
 * dossiers count under, and the participant redoes its rows at the
 * commit; a change made outside a transaction gets one of its own), and
 * closed with the store. One per store: setting one closes the one before. */
struct store_participant {
	enum mc_code (*commit)(void *ctx, struct mc_err *err);
	void (*rollback)(void *ctx);
	void (*catalogue)(void *ctx, bool rebuild);
	void (*close)(void *ctx);
};
void store_participant_set(struct store *st, const struct store_participant *p,
			   void *ctx);
/* The participant's ctx (NULL without one). */
void *store_participant_ctx(struct store *st);

/* A digest of everything stored, to prove a failed operation changed
 * nothing. Writes 64 hex characters and a NUL into hex. */
enum mc_code store_digest(struct store *st, char hex[65], struct mc_err *err);

/* A copy of the whole database at path (which must not exist), as it was
 * at one moment, while other connections may write; durable when this
 * returns. Opening path as a location gives that copy. On failure
 * nothing is left at path. MC_ERR_CONFLICT naming "out" when path
 * exists. */
enum mc_code store_backup(struct store *st, const char *path,
			  struct mc_err *err);

/* ---- units -----------------------------------------------------------------
 */

/* put inserts or updates by code; MC_ERR_NOT_FOUND naming "parent" when
 * the parent is not stored. */
enum mc_code store_unit_put(struct store *st, const struct unit *u,
			    struct mc_err *err);
enum mc_code store_unit_get(struct store *st, const char *code,
			    struct unit *out, struct mc_err *err);
/* A change counter: it moves whenever any unit is added or changed, by
 * this process or another, so a cached tree is current while it stays
 * the same. Its value means nothing else. */
enum mc_code store_unit_changes(struct store *st, int64_t *n,
				struct mc_err *err);
typedef int (*store_unit_fn)(const struct unit *u, void *ctx);
enum mc_code store_unit_each(struct store *st, store_unit_fn fn, void *ctx,
			     struct mc_err *err);

/* ---- procedures -----------------------------------------------------------
 */

/* put inserts or updates by code. */
enum mc_code store_procedure_put(struct store *st, const struct procedure *p,
				 struct mc_err *err);
enum mc_code store_procedure_get(struct store *st, const char *code,
				 struct procedure *out, struct mc_err *err);
typedef int (*store_procedure_fn)(const struct procedure *p, void *ctx);
enum mc_code store_procedure_each(struct store *st, store_procedure_fn fn,
				  void *ctx, struct mc_err *err);

/* Where a procedure is offered: set replaces its whole list. */
enum mc_code store_offers_set(struct store *st, const char *procedure_code,
			      const struct procedure_offer *o, size_t n,
			      struct mc_err *err);
typedef int (*store_offer_fn)(const char *procedure_code,
			      const struct procedure_offer *o, void *ctx);
enum mc_code store_offer_each(struct store *st, store_offer_fn fn, void *ctx,
			      struct mc_err *err);

/* When a procedure was decided, took effect and was publicized. */
enum mc_code store_publication_put(struct store *st,
				   const struct procedure_publication *p,
				   struct mc_err *err);
typedef int (*store_publication_fn)(const struct procedure_publication *p,
				    void *ctx);
enum mc_code store_publication_each(struct store *st, store_publication_fn fn,
				    void *ctx, struct mc_err *err);

/* ---- the administrator's calendar -----------------------------------------
 */

enum mc_code store_calendar_put(struct store *st,
				const struct calendar_override *o,
				struct mc_err *err);
/* MC_ERR_NOT_FOUND naming "date" when the day has no row. */
enum mc_code store_calendar_delete(struct store *st, int64_t day,
				   struct mc_err *err);
/* A change counter of the administrator's rows, as store_unit_changes. */
enum mc_code store_calendar_changes(struct store *st, int64_t *n,
				    struct mc_err *err);
typedef int (*store_calendar_fn)(const struct calendar_override *o, void *ctx);
enum mc_code store_calendar_each(struct store *st, store_calendar_fn fn,
				 void *ctx, struct mc_err *err);

/* ---- dossiers --------------------------------------------------------------
 */

/* put inserts or, when the code exists, updates. When replaced is not
 * NULL it receives the stored version d replaced (code NULL when d was
 * new), for the caller to take out of what it counts (the aggregates,
 * src/aggregates) in the same transaction; the caller releases it. A new
 * dossier (never read from the store) of origin import whose code is a
 * dossier numbered here, or of origin online/counter whose code is
 * stored at all, is refused with MC_ERR_CONFLICT naming MaHoSo, before
 * anything is written. A dossier that moves to another unit takes its
 * ratings and feedback with it. */
enum mc_code store_dossier_put(struct store *st, struct dossier *d,
			       struct dossier *replaced, struct mc_err *err);
enum mc_code store_dossier_get(struct store *st, const char *code,
			       struct dossier *out, struct mc_err *err);
/* The status of a stored dossier, without reading the rest;
 * MC_ERR_NOT_FOUND naming MaHoSo when the code is new. */
enum mc_code store_dossier_status(struct store *st, const char *code,
				  int *status, struct mc_err *err);
/* Next free code {unit}-{yyMMdd}-{NNNN} for civil day `day`: four
 * digits, five from the 10,000th; MC_ERR_RULE past STORE_MAX_SERIAL. */
#define STORE_MAX_SERIAL 99999
enum mc_code store_dossier_next_code(struct store *st, const char *unit_code,
				     int64_t day, char **code,
				     struct mc_err *err);
/* Dossiers whose submission (or reception) local day is in [from, to];
 * MC_NO_TIME leaves a side open. The callback returns non-zero to stop. */
typedef int (*store_dossier_fn)(const struct dossier *d, void *ctx);
enum mc_code store_dossier_each(struct store *st, int64_t from_day,
				int64_t to_day, store_dossier_fn fn, void *ctx,
				struct mc_err *err);
/* The dossiers with an anomaly (dossier_anomalies) received (or, if
 * never received, filed) on a local day in [from, to], MC_NO_TIME
 * leaving a side open; by unit, reception, code. */
enum mc_code store_anomalous_each(struct store *st, int64_t from_day,
				  int64_t to_day, store_dossier_fn fn,
				  void *ctx, struct mc_err *err);
/* The dossiers still open: accepted and neither ended nor refused
 * (statuses 2, 4, 5 and 6 with a received time). */
enum mc_code store_open_dossier_each(struct store *st, store_dossier_fn fn,
				     void *ctx, struct mc_err *err);

/* Staff search (struct dossier_query: core/search.h). The dossiers
 * passed carry only code, procedure code and name, unit, channel,
 * applicant name and id, status, times and supplement rounds. */
enum mc_code store_dossier_search(struct store *st,
				  const struct dossier_query *q,
				  store_dossier_fn fn, void *ctx,
				  struct mc_err *err);
/* counts[s] = number of dossiers with status s, for s in 1..10. */
enum mc_code store_dossier_count_by_status(struct store *st, int64_t counts[11],
					   struct mc_err *err);

/* The hash of a stored dossier's tracking secret (hash at least 129
 * bytes); MC_ERR_NOT_FOUND when the dossier has none or is unknown. */
enum mc_code store_dossier_secret_put(struct store *st,
				      const char *dossier_code,
				      const char *secret_hash,
				      struct mc_err *err);
enum mc_code store_dossier_secret_get(struct store *st,
				      const char *dossier_code, char *hash,
				      size_t size, struct mc_err *err);

/* A unit's daily share of online filings: take one of `limit` for `day`
 * (*taken false when they are all used), atomically, so that concurrent
 * filings cannot overrun it; give one back when the filing failed after
 * all. */
enum mc_code store_online_share_take(struct store *st, const char *unit,
				     int64_t day, int limit, bool *taken,
				     struct mc_err *err);
enum mc_code store_online_share_give(struct store *st, const char *unit,
				     int64_t day, struct mc_err *err);

/* ---- the files dossiers refer to ------------------------------------------
 *
 * A reference names a hash of the document store; the bytes must be
 * there (put, durable) before the transaction that adds it commits. */

/* Add f (dossier_code, role, component, sha256, name, type, size,
 * added_by, added_at); sets f->id. MC_ERR_NOT_FOUND naming MaHoSo for
 * an unknown dossier, MC_ERR_CONFLICT naming sha256 when the dossier
 * already holds that content for the same role and component. */
enum mc_code store_file_add(struct store *st, struct dossier_file *f,
			    struct mc_err *err);
/* The references of one dossier in the order they were added, or (code
 * NULL) every reference, by hash. fn returns non-zero to stop. */
typedef int (*store_file_fn)(const struct dossier_file *f, void *ctx);
enum mc_code store_file_each(struct store *st, const char *dossier_code,
			     store_file_fn fn, void *ctx, struct mc_err *err);
/* The first reference of dossier_code to sha256; MC_ERR_NOT_FOUND
 * naming sha256 when it has none. The caller releases *out. */
enum mc_code store_file_get(struct store *st, const char *dossier_code,
			    const char *sha256, struct dossier_file *out,
			    struct mc_err *err);
/* The bytes of the distinct contents dossier_code refers to. */
enum mc_code store_file_bytes(struct store *st, const char *dossier_code,
			      int64_t *bytes, struct mc_err *err);
/* Every reference to sha256, whichever dossier holds it, in the order
 * they were added (the dossier_files_sha index). */
enum mc_code store_file_with_hash(struct store *st, const char *sha256,
				  store_file_fn fn, void *ctx,
				  struct mc_err *err);
/* Whether any dossier refers to sha256, or a procedure names it as a
 * component's blank form. */
enum mc_code store_file_referenced(struct store *st, const char *sha256,
				   bool *yes, struct mc_err *err);
/* ---- payments and receipts (sqlite_payment.c) ------------------------ */

/* Store a new payment of dossier p->dossier_code (MC_ERR_NOT_FOUND
 * naming MaHoSo when unknown); sets p->id, the order number. */
enum mc_code store_payment_add(struct store *st, struct payment *p,
			       struct mc_err *err);
/* MC_ERR_NOT_FOUND naming "payment" when there is none. */
enum mc_code store_payment_get(struct store *st, int64_t id,
			       struct payment *out, struct mc_err *err);
/* Write p's status, provider reference, paid and updated times and
 * note; MC_ERR_CONFLICT naming "provider_ref" when another payment of
 * the provider holds the reference. */
enum mc_code store_payment_update(struct store *st, const struct payment *p,
				  struct mc_err *err);
/* A dossier's payments, oldest first; non-zero from fn stops. */
typedef int (*store_payment_fn)(const struct payment *p, void *ctx);
enum mc_code store_payment_each(struct store *st, const char *dossier_code,
				store_payment_fn fn, void *ctx,
				struct mc_err *err);

/* Issue the receipt of payment r->payment_id at r->unit_code with the
 * next number of (unit, year) and r->series; sets r->id and r->number. */
enum mc_code store_receipt_issue(struct store *st, struct receipt *r,
				 struct mc_err *err);
/* The receipt of a payment; MC_ERR_NOT_FOUND naming "receipt". */
enum mc_code store_receipt_get(struct store *st, int64_t payment_id,
			       struct receipt *out, struct mc_err *err);
/* Record a receipt's cancellation; MC_ERR_STATE when it is already. */
enum mc_code store_receipt_cancel(struct store *st, int64_t id, int64_t at,
				  const char *reason, const char *by,
				  struct mc_err *err);

/* The log of openings (struct file_opening, core/dossier_file.h). */
enum mc_code store_file_opened(struct store *st, int64_t file_id,
			       const struct file_opening *o,
			       struct mc_err *err);
/* The openings of dossier_code's files, oldest first. */
typedef int (*store_opening_fn)(const struct file_opening *o, void *ctx);
enum mc_code store_file_openings_each(struct store *st,
				      const char *dossier_code,
				      store_opening_fn fn, void *ctx,
				      struct mc_err *err);

/* Uploads of a filing in progress, by the hash of their token: made
 * with the time they expire, files put per component (a second file
 * for a component replaces the first), taken by the filing (which
 * deletes the upload and its rows). */
enum mc_code store_upload_new(struct store *st, const char *token_hash,
			      const char *address, int64_t created,
			      int64_t expires, struct mc_err *err);
/* When the upload expires; MC_ERR_NOT_FOUND naming "upload" when there
 * is none. */
enum mc_code store_upload_expires(struct store *st, const char *token_hash,
				  int64_t *expires, struct mc_err *err);
/* f's component, sha256, name, type, size and added_at. */
enum mc_code store_upload_file_put(struct store *st, const char *token_hash,
				   const struct dossier_file *f,
				   struct mc_err *err);
/* The upload's files by component (dossier_code NULL, role component). */
enum mc_code store_upload_file_each(struct store *st, const char *token_hash,
				    store_file_fn fn, void *ctx,
				    struct mc_err *err);
/* The bytes of the upload's files but the one of `component`. */
enum mc_code store_upload_bytes(struct store *st, const char *token_hash,
				const char *component, int64_t *bytes,
				struct mc_err *err);
enum mc_code store_upload_delete(struct store *st, const char *token_hash,
				 struct mc_err *err);
/* Delete every upload that expired at or before `at`; *n how many. */
enum mc_code store_upload_purge(struct store *st, int64_t at, int64_t *n,
				struct mc_err *err);
/* Whether an upload that has not expired at `now` holds sha256. */
enum mc_code store_upload_holds(struct store *st, const char *sha256,
				int64_t now, bool *yes, struct mc_err *err);
/* Payment gateways by name. add: MC_ERR_CONFLICT naming "name" (or
 * "terminal") when taken; get by name, or by terminal when name is
 * NULL: MC_ERR_NOT_FOUND naming "gateway"; remove: the same when there
 * is none. */
enum mc_code store_gateway_add(struct store *st, const struct gateway *g,
			       struct mc_err *err);
enum mc_code store_gateway_get(struct store *st, const char *name,
			       const char *terminal, struct gateway *out,
			       struct mc_err *err);
enum mc_code store_gateway_remove(struct store *st, const char *name,
				  struct mc_err *err);
typedef int (*store_gateway_fn)(const struct gateway *g, void *ctx);
enum mc_code store_gateway_each(struct store *st, store_gateway_fn fn,
				void *ctx, struct mc_err *err);

/* ---- collecting accounts and paid payments (sqlite_bank.c) ---------- */

/* Insert or replace unit a->unit_code's account. */
enum mc_code store_bank_account_put(struct store *st,
				    const struct bank_account *a,
				    struct mc_err *err);
/* MC_ERR_NOT_FOUND naming "account" when the unit has none of its own. */
enum mc_code store_bank_account_get(struct store *st, const char *unit,
				    struct bank_account *out,
				    struct mc_err *err);
enum mc_code store_bank_account_each(struct store *st,
				     store_bank_account_fn fn, void *ctx,
				     struct mc_err *err);
/* Record notice n of dossier n->dossier_code (MC_ERR_NOT_FOUND naming
 * MaHoSo when unknown, MC_ERR_CONFLICT naming "number" when the dossier
 * has a notice of that number); sets n->id. */
enum mc_code store_notice_add(struct store *st, struct financial_notice *n,
			      struct mc_err *err);
/* A dossier's notices, oldest first. */
enum mc_code store_notice_each(struct store *st, const char *dossier_code,
			       store_notice_fn fn, void *ctx,
			       struct mc_err *err);
/* Every payment that is paid (or was, and is refunded) with its paid time
 * in [from, to), by paid time; every one for from = to = MC_NO_TIME.
 * With the dossier's procedure code, for the aggregates. */
typedef int (*store_paid_fn)(const struct payment *p, const char *procedure,
			     void *ctx);
enum mc_code store_payment_paid_each(struct store *st, int64_t from,
				     int64_t to, store_paid_fn fn, void *ctx,
				     struct mc_err *err);

/* ---- the event log ---------------------------------------------------------
 */

/* Append-only: nothing ever changes or removes a step. MC_ERR_NOT_FOUND
 * naming MaHoSo when the dossier is not stored. */
enum mc_code store_event_append(struct store *st,
				const struct dossier_event *ev,
				struct mc_err *err);
/* A dossier's steps in the order they were appended. */
typedef int (*store_event_fn)(const struct dossier_event *ev, void *ctx);
enum mc_code store_event_each(struct store *st, const char *dossier_code,
			      store_event_fn fn, void *ctx, struct mc_err *err);

/* ---- accounts, sessions, the login throttle ------------------------------ */

/* MC_ERR_CONFLICT when the username is taken, MC_ERR_NOT_FOUND naming
 * "unit" when unit_code is not a known unit. Sets u->id. */
enum mc_code store_user_add(struct store *st, struct user *u,
			    struct mc_err *err);
enum mc_code store_user_get(struct store *st, const char *username,
			    struct user *out, struct mc_err *err);
typedef int (*store_user_fn)(const struct user *u, void *ctx);
enum mc_code store_user_each(struct store *st, store_user_fn fn, void *ctx,
			     struct mc_err *err);

/* Sessions are keyed by the hash of their token; the token itself is
 * never stored. session_get fills the active user of a live session and
 * its CSRF token (csrf at least 65 bytes); MC_ERR_NOT_FOUND otherwise.
 * session_delete also purges every session expired at `now`. */
enum mc_code store_session_put(struct store *st, const char *token_hash,
			       int64_t user_id, const char *csrf,
			       int64_t expires_at, struct mc_err *err);
enum mc_code store_session_get(struct store *st, const char *token_hash,
			       int64_t now, struct user *out, char *csrf,
			       size_t csrf_size, struct mc_err *err);
enum mc_code store_session_delete(struct store *st, const char *token_hash,
				  int64_t now, struct mc_err *err);

/* Failed logins, for the login throttle. A key ("user:NAME",
 * "addr:IP") may fail `free` times within `window` seconds; after that
 * it waits `base` seconds from its last failure, doubling with each
 * further failure up to `cap`. */
struct login_key {
	const char *key;
	int free;
	int64_t base, cap;
	int64_t attempt; /* out: the store's handle of the attempt recorded */
};
/* In one write transaction: when every key may try at `now`, record the
 * attempt as a failure of each key (store_login_forget takes it back
 * when the password is right) and set *wait to 0; else record nothing
 * and set *wait to the seconds until every key may try. Concurrent
 * attempts see each other's: no more than `free` get through. */
enum mc_code store_login_attempt(struct store *st, struct login_key *keys,
				 size_t n, int64_t now, int64_t window,
				 int64_t *wait, struct mc_err *err);
/* A right password: forget every failure of `key`, the recorded attempt
 * `attempt` (of another key) and every failure at or before `before`. */
enum mc_code store_login_forget(struct store *st, const char *key,
				int64_t attempt, int64_t before,
				struct mc_err *err);

/* ---- the service index's inputs -------------------------------------------
 */

/* MC_ERR_NOT_FOUND naming "dossier" when the code is not stored. */
enum mc_code store_rating_put(struct store *st, const struct rating *r,
			      struct mc_err *err);
/* How many ratings a dossier has. */
enum mc_code store_rating_count(struct store *st, const char *dossier_code,
				int64_t *n, struct mc_err *err);

/* put replaces by id; MC_ERR_NOT_FOUND naming "unit" for an unknown
 * unit. */
enum mc_code store_feedback_put(struct store *st, const struct feedback *f,
				struct mc_err *err);
/* Set the citizen's text of stored feedback `id`. */
enum mc_code store_feedback_body_put(struct store *st, const char *id,
				     const char *body, struct mc_err *err);
/* Answer feedback `id`: MC_ERR_NOT_FOUND when unknown, MC_ERR_STATE when
 * it was answered already. */
enum mc_code store_feedback_answer(struct store *st, const char *id, int64_t at,
				   const char *answer, const char *outcome,
				   struct mc_err *err);
enum mc_code store_feedback_get(struct store *st, const char *id,
				struct feedback_row *out, struct mc_err *err);
/* Feedback of the subtree of `unit`, newest first, at most `limit`;
 * unanswered only when `open`. The callback returns non-zero to stop. */
typedef int (*store_feedback_fn)(const struct feedback_row *f, void *ctx);
enum mc_code store_feedback_each(struct store *st, const char *unit, bool open,
				 int limit, store_feedback_fn fn, void *ctx,
				 struct mc_err *err);
/* Ratings and feedback of the instants [from, to], per unit (of the
 * dossier where there is one): fn is called once per unit for the
 * complaints and once for the feedback, the other fields zero, with
 * feedback answered within `answer_days` days as in time; a non-zero
 * return stops it. */
typedef int (*store_feedback_count_fn)(const char *unit,
				       const struct feedback_counts *c,
				       void *ctx);
enum mc_code store_feedback_by_unit(struct store *st, int64_t from, int64_t to,
				    int answer_days, store_feedback_count_fn fn,
				    void *ctx, struct mc_err *err);

/* Targets (hundredths of a percent) per unit, period name and indicator
 * name; put replaces. MC_ERR_NOT_FOUND naming "unit" for an unknown unit. */
enum mc_code store_target_put(struct store *st, const char *unit,
			      const char *period, const char *indicator,
			      int64_t value, struct mc_err *err);
typedef int (*store_target_fn)(const char *unit, const char *period,
			       const char *indicator, int64_t value, void *ctx);
enum mc_code store_target_each(struct store *st, store_target_fn fn, void *ctx,
			       struct mc_err *err);

/* Published snapshots: written once, never changed (the store refuses
 * any change); put fails with MC_ERR_CONFLICT when the period is
 * published already. get fills malloc'd strings; MC_ERR_NOT_FOUND when
 * not published. */
enum mc_code store_snapshot_put(struct store *st, const struct snapshot *s,
				struct mc_err *err);
enum mc_code store_snapshot_get(struct store *st, const char *period,
				struct snapshot *out, struct mc_err *err);

/* ---- the aggregate engine's rows -------------------------------------------
 *
 * What the aggregate engine (src/aggregates, docs/internals/aggregates.md)
 * keeps, as opaque bytes: a key is (unit, dimension, value) with an id of
 * the backend's choosing (never 0); each key has month rows (the days of
 * one month) and checkpoint rows (the counters through the end of a
 * month), each addressed by (key id, month). The engine encodes and
 * decodes every byte; a backend only stores them. */
enum store_agg_rows { STORE_AGG_DAYS, STORE_AGG_CHECKPOINTS };
/* The id of a key; *id is 0 when it has none and create is false. */
enum mc_code store_agg_key(struct store *st, const char *unit, int dim,
			   const char *value, bool create, int64_t *id,
			   struct mc_err *err);
typedef int (*store_agg_value_fn)(const char *value, void *ctx);
/* The values of a unit's keys of one dimension, in byte order. */
enum mc_code store_agg_values(struct store *st, const char *unit, int dim,
			      store_agg_value_fn fn, void *ctx,
			      struct mc_err *err);
/* One row into buf (cap bytes; a longer row is cut); *n = 0 without one. */
enum mc_code store_agg_row_get(struct store *st, enum store_agg_rows t,
			       int64_t key, int64_t month, uint8_t *buf,
			       size_t cap, size_t *n, struct mc_err *err);
/* Insert or replace one row. */
enum mc_code store_agg_row_put(struct store *st, enum store_agg_rows t,
			       int64_t key, int64_t month, const uint8_t *row,
			       size_t n, struct mc_err *err);
/* The rows of key with from <= month <= to, months rising (or falling),
 * until fn returns non-zero. */
typedef int (*store_agg_row_fn)(int64_t month, const uint8_t *row, size_t n,
				void *ctx);
enum mc_code store_agg_rows_each(struct store *st, enum store_agg_rows t,
				 int64_t key, int64_t from, int64_t to,
				 bool falling, store_agg_row_fn fn, void *ctx,
				 struct mc_err *err);
/* Remove the rows of key from month `from` on. */
enum mc_code store_agg_rows_delete(struct store *st, enum store_agg_rows t,
				   int64_t key, int64_t from,
				   struct mc_err *err);
/* Remove every key and row (before a rebuild). */
enum mc_code store_agg_clear(struct store *st, struct mc_err *err);
/* The number of counters the stored rows were written with (0: none
 * recorded, or a migration asked for a rebuild), and its update. */
enum mc_code store_agg_format(struct store *st, int *counters,
			      struct mc_err *err);
enum mc_code store_agg_set_format(struct store *st, int counters,
				  struct mc_err *err);

/* ---- the desks: transfers sent, request keys (sqlite_desk.c) ---------- */

/* One transfer: the event (at, actor, actor_role, actor_unit, unit_code
 * = the receiving unit, note "from OLD[: note]") and the dossier as it
 * is now (the fields of the staff search). */
typedef int (*store_transfer_fn)(const struct dossier_event *ev,
				 const struct dossier *now, void *ctx);
/* The transfers made by staff acting on a unit in the subtree of
 * unit_root, newest first, at most limit; fn returns non-zero to stop. */
enum mc_code store_transfer_each(struct store *st, const char *unit_root,
				 int limit, store_transfer_fn fn, void *ctx,
				 struct mc_err *err);

/* A request key's first outcome: the request's hash, the dossier it
 * made or changed, what the edge kept with it (sealed: opaque to the
 * store, "" when none) and when. */
struct stored_request {
	char body_hash[65];
	char code[96];
	char sealed[129];
	int64_t at;
};
/* MC_ERR_NOT_FOUND when the key is not stored. */
enum mc_code store_request_get(struct store *st, const char *key_hash,
			       struct stored_request *out, struct mc_err *err);
/* Keep a key's outcome (in the caller's transaction), and forget the
 * keys older than STORE_REQUEST_KEEP seconds before `at`. */
#define STORE_REQUEST_KEEP (24 * 3600)
enum mc_code store_request_put(struct store *st, const char *key_hash,
			       const struct stored_request *r,
			       struct mc_err *err);

#endif
