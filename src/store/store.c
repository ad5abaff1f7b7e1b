/*
 * store.c - the port: opening picks a backend by the location's scheme,
 * and every store_* call of store.h goes through the handle's table of
 * operations (backend.h). What every backend would otherwise repeat is
 * done here once: the transaction participant (the aggregate engine) is
 * asked to write before each commit and told of each rollback and of
 * every catalogue change, and the writes that need a transaction get
 * one when the caller holds none.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "store/backend.h"

/* ---- the registry ------------------------------------------------------ */

static const struct store_ops *const backends[] = {
	&store_sqlite_ops,
};

/* The length of a location's scheme ("sqlite" of "sqlite://x.db"), 0 when
 * it has none and is a file path. */
static size_t scheme_length(const char *location)
{
	size_t n = 0;
	while (isalnum((unsigned char)location[n]) || location[n] == '+' ||
	       location[n] == '-' || location[n] == '.')
		n++;
	return n && strncmp(location + n, "://", 3) == 0 ? n : 0;
}

static enum mc_code pick(const char *location, const struct store_ops **ops,
			 const char **rest, struct mc_err *err)
{
	size_t n = scheme_length(location);
	*ops = backends[0];
	*rest = location + (n ? n + 3 : 0);
	if (!n)
		return MC_OK;
	for (size_t i = 0; i < sizeof(backends) / sizeof(*backends); i++) {
		if (strlen(backends[i]->name) == n &&
		    strncmp(backends[i]->name, location, n) == 0) {
			*ops = backends[i];
			return MC_OK;
		}
	}
	return mc_fail(err, MC_ERR_INPUT, "db",
		       "db: this program has no store for %.*s:// (it opens "
		       "a file path or sqlite://FILE)",
		       (int)(n > 32 ? 32 : n), location);
}

/* ---- lifetime ---------------------------------------------------------- */

enum mc_code store_open_with(const struct store_options *o, struct store **out,
			     struct mc_err *err)
{
	*out = NULL;
	if (!o->location || !*o->location)
		return mc_fail(err, MC_ERR_INPUT, "db",
			       "db: no location given");
	struct store_options opt = *o;
	enum mc_code rc = MC_OK;
	if (!opt.backend)
		rc = pick(o->location, &opt.backend, &opt.location, err);
	if (rc)
		return rc;
	struct store *st = calloc(1, sizeof(*st));
	if (!st)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	st->ops = opt.backend;
	if ((rc = st->ops->open(st, &opt, err))) {
		free(st);
		return rc;
	}
	*out = st;
	return MC_OK;
}

enum mc_code store_open(const char *location, struct store **out,
			struct mc_err *err)
{
	return store_open_with(&(struct store_options){.location = location},
			       out, err);
}

void store_close(struct store *st)
{
	if (!st)
		return;
	if (st->participant)
		st->participant->close(st->participant_ctx);
	st->ops->close(st);
	free(st);
}

/* ---- transactions and the participant ---------------------------------- */

void store_participant_set(struct store *st, const struct store_participant *p,
			   void *ctx)
{
	if (st->participant)
		st->participant->close(st->participant_ctx);
	st->participant = p;
	st->participant_ctx = ctx;
}

void *store_participant_ctx(struct store *st)
{
	return st->participant ? st->participant_ctx : NULL;
}

enum mc_code store_begin(struct store *st, struct mc_err *err)
{
	return st->ops->begin(st, err);
}

enum mc_code store_commit(struct store *st, struct mc_err *err)
{
	enum mc_code rc =
		st->participant
			? st->participant->commit(st->participant_ctx, err)
			: MC_OK;
	if (!rc)
		rc = st->ops->commit(st, err);
	if (rc)
		store_rollback(st);
	return rc;
}

void store_rollback(struct store *st)
{
	if (st->participant)
		st->participant->rollback(st->participant_ctx);
	st->ops->rollback(st);
}

enum mc_code store_finish(struct store *st, enum mc_code rc, struct mc_err *err)
{
	if (!rc)
		rc = store_commit(st, err);
	else
		store_rollback(st);
	return rc;
}

/* A unit or procedure is about to change; with rebuild, what stored
 * dossiers count under moves. */
static void catalogue_changed(struct store *st, bool rebuild)
{
	if (!st->participant)
		return;
	st->participant->catalogue(st->participant_ctx, rebuild);
}

/* ---- units and procedures: the participant's catalogue ------------------ */

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether storing u moves it in the tree (parent or level), which the
 * aggregates of its dossiers depend on; a new unit moves nothing. */
static enum mc_code moves_in_tree(struct store *st, const struct unit *u,
				  bool *moved, struct mc_err *err)
{
	struct unit old;
	*moved = false;
	enum mc_code rc = st->ops->unit_get(st, u->code, &old, err);
	if (rc)
		return rc == MC_ERR_NOT_FOUND ? MC_OK : rc;
	*moved = !same(old.parent, u->parent) || old.level != u->level;
	unit_release(&old);
	return MC_OK;
}

enum mc_code store_unit_put(struct store *st, const struct unit *u,
			    struct mc_err *err)
{
	bool moved = false;
	enum mc_code rc =
		st->participant ? moves_in_tree(st, u, &moved, err) : MC_OK;
	if (rc)
		return rc;
	bool own = !st->ops->in_transaction(st);
	if (own && (rc = store_begin(st, err)))
		return rc;
	catalogue_changed(st, moved);
	rc = st->ops->unit_put(st, u, err);
	return own ? store_finish(st, rc, err) : rc;
}

/* Whether storing p changes what its dossiers are counted under. */
static enum mc_code recounts(struct store *st, const struct procedure *p,
			     bool *changed, struct mc_err *err)
{
	struct procedure old;
	*changed = false;
	enum mc_code rc = st->ops->procedure_get(st, p->code, &old, err);
	if (rc)
		return rc == MC_ERR_NOT_FOUND ? MC_OK : rc;
	*changed = !same(old.field_code, p->field_code) ||
		   old.online_level != p->online_level;
	procedure_release(&old);
	return MC_OK;
}

enum mc_code store_procedure_put(struct store *st, const struct procedure *p,
				 struct mc_err *err)
{
	bool changed = false;
	enum mc_code rc =
		st->participant ? recounts(st, p, &changed, err) : MC_OK;
	if (rc)
		return rc;
	bool own = !st->ops->in_transaction(st);
	if (own && (rc = store_begin(st, err)))
		return rc;
	catalogue_changed(st, changed);
	rc = st->ops->procedure_put(st, p, err);
	return own ? store_finish(st, rc, err) : rc;
}

/* ---- writes that need a transaction -------------------------------------- */

enum mc_code store_dossier_put(struct store *st, struct dossier *d,
			       struct dossier *replaced, struct mc_err *err)
{
	if (replaced)
		dossier_init(replaced);
	bool own = !st->ops->in_transaction(st);
	enum mc_code rc = own ? store_begin(st, err) : MC_OK;
	if (!rc)
		rc = st->ops->dossier_put(st, d, replaced, err);
	if (own)
		rc = store_finish(st, rc, err);
	if (rc && replaced) {
		dossier_release(replaced);
		dossier_init(replaced);
	}
	return rc;
}

enum mc_code store_login_attempt(struct store *st, struct login_key *keys,
				 size_t n, int64_t now, int64_t window,
				 int64_t *wait, struct mc_err *err)
{
	*wait = 0;
	enum mc_code rc = store_begin(st, err);
	if (!rc)
		rc = st->ops->login_attempt(st, keys, n, now, window, wait,
					    err);
	return store_finish(st, rc, err);
}

/* ---- everything else: straight to the backend ---------------------------- */

int store_schema_version(struct store *st)
{
	return st->ops->schema_version(st);
}

enum mc_code store_bulk(struct store *st, bool on, struct mc_err *err)
{
	return st->ops->bulk(st, on, err);
}

void store_busy_timeout(struct store *st, int ms)
{
	st->ops->busy_timeout(st, ms);
}

bool store_in_transaction(struct store *st)
{
	return st->ops->in_transaction(st);
}

bool store_read_begin(struct store *st) { return st->ops->read_begin(st); }

void store_read_end(struct store *st, bool opened)
{
	st->ops->read_end(st, opened);
}

enum mc_code store_digest(struct store *st, char hex[65], struct mc_err *err)
{
	return st->ops->digest(st, hex, err);
}

enum mc_code store_backup(struct store *st, const char *path,
			  struct mc_err *err)
{
	return st->ops->backup(st, path, err);
}

enum mc_code store_unit_get(struct store *st, const char *code,
			    struct unit *out, struct mc_err *err)
{
	return st->ops->unit_get(st, code, out, err);
}

enum mc_code store_unit_changes(struct store *st, int64_t *n,
				struct mc_err *err)
{
	return st->ops->unit_changes(st, n, err);
}

enum mc_code store_unit_each(struct store *st, store_unit_fn fn, void *ctx,
			     struct mc_err *err)
{
	return st->ops->unit_each(st, fn, ctx, err);
}

enum mc_code store_procedure_get(struct store *st, const char *code,
				 struct procedure *out, struct mc_err *err)
{
	return st->ops->procedure_get(st, code, out, err);
}

enum mc_code store_procedure_each(struct store *st, store_procedure_fn fn,
				  void *ctx, struct mc_err *err)
{
	return st->ops->procedure_each(st, fn, ctx, err);
}

enum mc_code store_offers_set(struct store *st, const char *procedure_code,
			      const struct procedure_offer *o, size_t n,
			      struct mc_err *err)
{
	return st->ops->offers_set(st, procedure_code, o, n, err);
}

enum mc_code store_offer_each(struct store *st, store_offer_fn fn, void *ctx,
			      struct mc_err *err)
{
	return st->ops->offer_each(st, fn, ctx, err);
}

enum mc_code store_publication_put(struct store *st,
				   const struct procedure_publication *p,
				   struct mc_err *err)
{
	return st->ops->publication_put(st, p, err);
}

enum mc_code store_publication_each(struct store *st, store_publication_fn fn,
				    void *ctx, struct mc_err *err)
{
	return st->ops->publication_each(st, fn, ctx, err);
}

enum mc_code store_calendar_put(struct store *st,
				const struct calendar_override *o,
				struct mc_err *err)
{
	return st->ops->calendar_put(st, o, err);
}

enum mc_code store_calendar_delete(struct store *st, int64_t day,
				   struct mc_err *err)
{
	return st->ops->calendar_delete(st, day, err);
}

enum mc_code store_calendar_changes(struct store *st, int64_t *n,
				    struct mc_err *err)
{
	return st->ops->calendar_changes(st, n, err);
}

enum mc_code store_calendar_each(struct store *st, store_calendar_fn fn,
				 void *ctx, struct mc_err *err)
{
	return st->ops->calendar_each(st, fn, ctx, err);
}

enum mc_code store_dossier_get(struct store *st, const char *code,
			       struct dossier *out, struct mc_err *err)
{
	return st->ops->dossier_get(st, code, out, err);
}

enum mc_code store_dossier_status(struct store *st, const char *code,
				  int *status, struct mc_err *err)
{
	return st->ops->dossier_status(st, code, status, err);
}

enum mc_code store_dossier_next_code(struct store *st, const char *unit_code,
				     int64_t day, char **code,
				     struct mc_err *err)
{
	return st->ops->dossier_next_code(st, unit_code, day, code, err);
}

enum mc_code store_dossier_each(struct store *st, int64_t from_day,
				int64_t to_day, store_dossier_fn fn, void *ctx,
				struct mc_err *err)
{
	return st->ops->dossier_each(st, from_day, to_day, fn, ctx, err);
}

enum mc_code store_anomalous_each(struct store *st, int64_t from_day,
				  int64_t to_day, store_dossier_fn fn,
				  void *ctx, struct mc_err *err)
{
	return st->ops->anomalous_each(st, from_day, to_day, fn, ctx, err);
}

enum mc_code store_open_dossier_each(struct store *st, store_dossier_fn fn,
				     void *ctx, struct mc_err *err)
{
	return st->ops->open_dossier_each(st, fn, ctx, err);
}

enum mc_code store_dossier_search(struct store *st,
				  const struct dossier_query *q,
				  store_dossier_fn fn, void *ctx,
				  struct mc_err *err)
{
	return st->ops->dossier_search(st, q, fn, ctx, err);
}

enum mc_code store_dossier_count_by_status(struct store *st, int64_t counts[11],
					   struct mc_err *err)
{
	return st->ops->dossier_count_by_status(st, counts, err);
}

enum mc_code store_dossier_secret_put(struct store *st,
				      const char *dossier_code,
				      const char *secret_hash,
				      struct mc_err *err)
{
	return st->ops->dossier_secret_put(st, dossier_code, secret_hash, err);
}

enum mc_code store_dossier_secret_get(struct store *st,
				      const char *dossier_code, char *hash,
				      size_t size, struct mc_err *err)
{
	return st->ops->dossier_secret_get(st, dossier_code, hash, size, err);
}

enum mc_code store_online_share_take(struct store *st, const char *unit,
				     int64_t day, int limit, bool *taken,
				     struct mc_err *err)
{
	return st->ops->online_share_take(st, unit, day, limit, taken, err);
}

enum mc_code store_online_share_give(struct store *st, const char *unit,
				     int64_t day, struct mc_err *err)
{
	return st->ops->online_share_give(st, unit, day, err);
}

enum mc_code store_payment_add(struct store *st, struct payment *p,
			       struct mc_err *err)
{
	return st->ops->payment_add(st, p, err);
}

enum mc_code store_payment_get(struct store *st, int64_t id,
			       struct payment *out, struct mc_err *err)
{
	return st->ops->payment_get(st, id, out, err);
}

enum mc_code store_payment_update(struct store *st, const struct payment *p,
				  struct mc_err *err)
{
	return st->ops->payment_update(st, p, err);
}

enum mc_code store_payment_each(struct store *st, const char *dossier_code,
				store_payment_fn fn, void *ctx,
				struct mc_err *err)
{
	return st->ops->payment_each(st, dossier_code, fn, ctx, err);
}

enum mc_code store_receipt_issue(struct store *st, struct receipt *r,
				 struct mc_err *err)
{
	return st->ops->receipt_issue(st, r, err);
}

enum mc_code store_receipt_get(struct store *st, int64_t payment_id,
			       struct receipt *out, struct mc_err *err)
{
	return st->ops->receipt_get(st, payment_id, out, err);
}

enum mc_code store_receipt_cancel(struct store *st, int64_t id, int64_t at,
				  const char *reason, const char *by,
				  struct mc_err *err)
{
	return st->ops->receipt_cancel(st, id, at, reason, by, err);
}

enum mc_code store_bank_account_put(struct store *st,
				    const struct bank_account *a,
				    struct mc_err *err)
{
	return st->ops->bank_account_put(st, a, err);
}

enum mc_code store_bank_account_get(struct store *st, const char *unit,
				    struct bank_account *out,
				    struct mc_err *err)
{
	return st->ops->bank_account_get(st, unit, out, err);
}

enum mc_code store_bank_account_each(struct store *st,
				     store_bank_account_fn fn, void *ctx,
				     struct mc_err *err)
{
	return st->ops->bank_account_each(st, fn, ctx, err);
}

enum mc_code store_notice_add(struct store *st, struct financial_notice *n,
			      struct mc_err *err)
{
	return st->ops->notice_add(st, n, err);
}

enum mc_code store_notice_each(struct store *st, const char *dossier_code,
			       store_notice_fn fn, void *ctx,
			       struct mc_err *err)
{
	return st->ops->notice_each(st, dossier_code, fn, ctx, err);
}

enum mc_code store_payment_paid_each(struct store *st, int64_t from,
				     int64_t to, store_paid_fn fn, void *ctx,
				     struct mc_err *err)
{
	return st->ops->payment_paid_each(st, from, to, fn, ctx, err);
}

enum mc_code store_gateway_add(struct store *st, const struct gateway *g,
			       struct mc_err *err)
{
	return st->ops->gateway_add(st, g, err);
}

enum mc_code store_gateway_get(struct store *st, const char *name,
			       const char *terminal, struct gateway *out,
			       struct mc_err *err)
{
	return st->ops->gateway_get(st, name, terminal, out, err);
}

enum mc_code store_gateway_remove(struct store *st, const char *name,
				  struct mc_err *err)
{
	return st->ops->gateway_remove(st, name, err);
}

enum mc_code store_gateway_each(struct store *st, store_gateway_fn fn,
				void *ctx, struct mc_err *err)
{
	return st->ops->gateway_each(st, fn, ctx, err);
}

enum mc_code store_file_add(struct store *st, struct dossier_file *f,
			    struct mc_err *err)
{
	return st->ops->file_add(st, f, err);
}

enum mc_code store_file_each(struct store *st, const char *dossier_code,
			     store_file_fn fn, void *ctx, struct mc_err *err)
{
	return st->ops->file_each(st, dossier_code, fn, ctx, err);
}

enum mc_code store_file_get(struct store *st, const char *dossier_code,
			    const char *sha256, struct dossier_file *out,
			    struct mc_err *err)
{
	return st->ops->file_get(st, dossier_code, sha256, out, err);
}

enum mc_code store_file_bytes(struct store *st, const char *dossier_code,
			      int64_t *bytes, struct mc_err *err)
{
	return st->ops->file_bytes(st, dossier_code, bytes, err);
}

enum mc_code store_file_with_hash(struct store *st, const char *sha256,
				  store_file_fn fn, void *ctx,
				  struct mc_err *err)
{
	return st->ops->file_with_hash(st, sha256, fn, ctx, err);
}

enum mc_code store_file_referenced(struct store *st, const char *sha256,
				   bool *yes, struct mc_err *err)
{
	return st->ops->file_referenced(st, sha256, yes, err);
}

enum mc_code store_upload_new(struct store *st, const char *token_hash,
			      const char *address, int64_t created,
			      int64_t expires, struct mc_err *err)
{
	return st->ops->upload_new(st, token_hash, address, created, expires,
				   err);
}

enum mc_code store_upload_expires(struct store *st, const char *token_hash,
				  int64_t *expires, struct mc_err *err)
{
	return st->ops->upload_expires(st, token_hash, expires, err);
}

enum mc_code store_upload_file_put(struct store *st, const char *token_hash,
				   const struct dossier_file *f,
				   struct mc_err *err)
{
	return st->ops->upload_file_put(st, token_hash, f, err);
}

enum mc_code store_upload_file_each(struct store *st, const char *token_hash,
				    store_file_fn fn, void *ctx,
				    struct mc_err *err)
{
	return st->ops->upload_file_each(st, token_hash, fn, ctx, err);
}

enum mc_code store_upload_bytes(struct store *st, const char *token_hash,
				const char *component, int64_t *bytes,
				struct mc_err *err)
{
	return st->ops->upload_bytes(st, token_hash, component, bytes, err);
}

enum mc_code store_upload_delete(struct store *st, const char *token_hash,
				 struct mc_err *err)
{
	return st->ops->upload_delete(st, token_hash, err);
}

enum mc_code store_upload_purge(struct store *st, int64_t at, int64_t *n,
				struct mc_err *err)
{
	return st->ops->upload_purge(st, at, n, err);
}

enum mc_code store_file_opened(struct store *st, int64_t file_id,
			       const struct file_opening *o, struct mc_err *err)
{
	return st->ops->file_opened(st, file_id, o, err);
}

enum mc_code store_file_openings_each(struct store *st,
				      const char *dossier_code,
				      store_opening_fn fn, void *ctx,
				      struct mc_err *err)
{
	return st->ops->file_openings_each(st, dossier_code, fn, ctx, err);
}

enum mc_code store_upload_holds(struct store *st, const char *sha256,
				int64_t now, bool *yes, struct mc_err *err)
{
	return st->ops->upload_holds(st, sha256, now, yes, err);
}

enum mc_code store_event_append(struct store *st,
				const struct dossier_event *ev,
				struct mc_err *err)
{
	return st->ops->event_append(st, ev, err);
}

enum mc_code store_event_each(struct store *st, const char *dossier_code,
			      store_event_fn fn, void *ctx, struct mc_err *err)
{
	return st->ops->event_each(st, dossier_code, fn, ctx, err);
}

enum mc_code store_user_add(struct store *st, struct user *u,
			    struct mc_err *err)
{
	return st->ops->user_add(st, u, err);
}

enum mc_code store_user_get(struct store *st, const char *username,
			    struct user *out, struct mc_err *err)
{
	return st->ops->user_get(st, username, out, err);
}

enum mc_code store_user_each(struct store *st, store_user_fn fn, void *ctx,
			     struct mc_err *err)
{
	return st->ops->user_each(st, fn, ctx, err);
}

enum mc_code store_session_put(struct store *st, const char *token_hash,
			       int64_t user_id, const char *csrf,
			       int64_t expires_at, struct mc_err *err)
{
	return st->ops->session_put(st, token_hash, user_id, csrf, expires_at,
				    err);
}

enum mc_code store_session_get(struct store *st, const char *token_hash,
			       int64_t now, struct user *out, char *csrf,
			       size_t csrf_size, struct mc_err *err)
{
	return st->ops->session_get(st, token_hash, now, out, csrf, csrf_size,
				    err);
}

enum mc_code store_session_delete(struct store *st, const char *token_hash,
				  int64_t now, struct mc_err *err)
{
	return st->ops->session_delete(st, token_hash, now, err);
}

enum mc_code store_login_forget(struct store *st, const char *key,
				int64_t attempt, int64_t before,
				struct mc_err *err)
{
	return st->ops->login_forget(st, key, attempt, before, err);
}

enum mc_code store_rating_put(struct store *st, const struct rating *r,
			      struct mc_err *err)
{
	return st->ops->rating_put(st, r, err);
}

enum mc_code store_rating_count(struct store *st, const char *dossier_code,
				int64_t *n, struct mc_err *err)
{
	return st->ops->rating_count(st, dossier_code, n, err);
}

enum mc_code store_feedback_put(struct store *st, const struct feedback *f,
				struct mc_err *err)
{
	return st->ops->feedback_put(st, f, err);
}

enum mc_code store_feedback_body_put(struct store *st, const char *id,
				     const char *body, struct mc_err *err)
{
	return st->ops->feedback_body_put(st, id, body, err);
}

enum mc_code store_feedback_answer(struct store *st, const char *id, int64_t at,
				   const char *answer, const char *outcome,
				   struct mc_err *err)
{
	return st->ops->feedback_answer(st, id, at, answer, outcome, err);
}

enum mc_code store_feedback_get(struct store *st, const char *id,
				struct feedback_row *out, struct mc_err *err)
{
	return st->ops->feedback_get(st, id, out, err);
}

enum mc_code store_feedback_each(struct store *st, const char *unit, bool open,
				 int limit, store_feedback_fn fn, void *ctx,
				 struct mc_err *err)
{
	return st->ops->feedback_each(st, unit, open, limit, fn, ctx, err);
}

enum mc_code store_feedback_by_unit(struct store *st, int64_t from, int64_t to,
				    int answer_days, store_feedback_count_fn fn,
				    void *ctx, struct mc_err *err)
{
	return st->ops->feedback_by_unit(st, from, to, answer_days, fn, ctx,
					 err);
}

enum mc_code store_target_put(struct store *st, const char *unit,
			      const char *period, const char *indicator,
			      int64_t value, struct mc_err *err)
{
	return st->ops->target_put(st, unit, period, indicator, value, err);
}

enum mc_code store_target_each(struct store *st, store_target_fn fn, void *ctx,
			       struct mc_err *err)
{
	return st->ops->target_each(st, fn, ctx, err);
}

enum mc_code store_snapshot_put(struct store *st, const struct snapshot *s,
				struct mc_err *err)
{
	return st->ops->snapshot_put(st, s, err);
}

enum mc_code store_snapshot_get(struct store *st, const char *period,
				struct snapshot *out, struct mc_err *err)
{
	return st->ops->snapshot_get(st, period, out, err);
}

enum mc_code store_agg_key(struct store *st, const char *unit, int dim,
			   const char *value, bool create, int64_t *id,
			   struct mc_err *err)
{
	return st->ops->agg_key(st, unit, dim, value, create, id, err);
}

enum mc_code store_agg_values(struct store *st, const char *unit, int dim,
			      store_agg_value_fn fn, void *ctx,
			      struct mc_err *err)
{
	return st->ops->agg_values(st, unit, dim, fn, ctx, err);
}

enum mc_code store_agg_row_get(struct store *st, enum store_agg_rows t,
			       int64_t key, int64_t month, uint8_t *buf,
			       size_t cap, size_t *n, struct mc_err *err)
{
	return st->ops->agg_row_get(st, t, key, month, buf, cap, n, err);
}

enum mc_code store_agg_row_put(struct store *st, enum store_agg_rows t,
			       int64_t key, int64_t month, const uint8_t *row,
			       size_t n, struct mc_err *err)
{
	return st->ops->agg_row_put(st, t, key, month, row, n, err);
}

enum mc_code store_agg_rows_each(struct store *st, enum store_agg_rows t,
				 int64_t key, int64_t from, int64_t to,
				 bool falling, store_agg_row_fn fn, void *ctx,
				 struct mc_err *err)
{
	return st->ops->agg_rows_each(st, t, key, from, to, falling, fn, ctx,
				      err);
}

enum mc_code store_agg_rows_delete(struct store *st, enum store_agg_rows t,
				   int64_t key, int64_t from,
				   struct mc_err *err)
{
	return st->ops->agg_rows_delete(st, t, key, from, err);
}

enum mc_code store_agg_clear(struct store *st, struct mc_err *err)
{
	return st->ops->agg_clear(st, err);
}

enum mc_code store_agg_format(struct store *st, int *counters,
			      struct mc_err *err)
{
	return st->ops->agg_format(st, counters, err);
}

enum mc_code store_agg_set_format(struct store *st, int counters,
				  struct mc_err *err)
{
	return st->ops->agg_set_format(st, counters, err);
}

/* ---- the desks ---------------------------------------------------------- */

enum mc_code store_transfer_each(struct store *st, const char *unit_root,
				 int limit, store_transfer_fn fn, void *ctx,
				 struct mc_err *err)
{
	return st->ops->transfer_each(st, unit_root, limit, fn, ctx, err);
}

enum mc_code store_request_get(struct store *st, const char *key_hash,
			       struct stored_request *out, struct mc_err *err)
{
	return st->ops->request_get(st, key_hash, out, err);
}

enum mc_code store_request_put(struct store *st, const char *key_hash,
			       const struct stored_request *r,
			       struct mc_err *err)
{
	return st->ops->request_put(st, key_hash, r, err);
}
