/*
 * port.c - the store's port is a real seam: a backend that is nothing
 * but a table of operations wrapping SQLite's (a decorator, as a VFS
 * shim wraps SQLite's own) runs the application unchanged. It counts
 * every call and can fail the Nth: every operation an edge runs (a
 * counter filing, its steps, a rating, an import, a calendar change, a
 * unit moving in the tree) is run once for every call it makes, that
 * call failing, and each time the operation reports the failure and
 * the database, aggregates included, is exactly as it was; then it runs
 * clean. The figures are then those of a rebuild from the dossiers. And
 * opening picks the backend by the location's scheme, refusing one it
 * does not have.
 */
#include "test.h"

#include <stdio.h>
#include <stdlib.h>

#include "aggregates/agg.h"
#include "app/import.h"
#include "app/index_http.h"
#include "app/report.h"
#include "core/civil.h"
#include "core/str.h"
#include "core/strmap.h"
#include "fixture.h"
#include "io/report_json.h"
#include "store/backend.h"

static struct fixture fx;

/* ---- the decorator backend --------------------------------------------- */

struct counter {
	struct store *in;    /* the SQLite store it wraps */
	long calls;          /* calls of entries that can fail */
	long fail_at;        /* the call that fails; 0: none */
	long failed;         /* calls failed so far */
	char failed_at[32];  /* the entry of the last failure */
	struct strmap count; /* entry name -> calls */
};

static struct counter *counter(void) { return fx.app.st->backend; }

/* One call of `entry`: counted, and failed when it is the chosen one. */
static enum mc_code tick(struct store *st, const char *entry,
			 struct mc_err *err)
{
	struct counter *c = st->backend;
	c->calls++;
	CHECK(strmap_put(&c->count, entry,
			 strmap_get(&c->count, entry, 0) + 1));
	if (c->calls != c->fail_at)
		return MC_OK;
	c->failed++;
	snprintf(c->failed_at, sizeof(c->failed_at), "%s", entry);
	return mc_fail(err, MC_ERR_DB, "", "database error while %s: injected",
		       entry);
}

#define FORWARD(entry, params, ...)                                     \
	static enum mc_code c_##entry params                            \
	{                                                               \
		enum mc_code rc = tick(st, #entry, err);                \
		struct store *in = ((struct counter *)st->backend)->in; \
		return rc ? rc : in->ops->entry(in, __VA_ARGS__);       \
	}

static enum mc_code c_open(struct store *st, const struct store_options *o,
			   struct mc_err *err)
{
	struct counter *c = calloc(1, sizeof(*c));
	if (!c)
		return MC_ERR_NOMEM;
	strmap_init(&c->count);
	struct store_options inner = {.location = o->location,
				      .backend = &store_sqlite_ops};
	enum mc_code rc = store_open_with(&inner, &c->in, err);
	if (rc) {
		strmap_release(&c->count);
		free(c);
		return rc;
	}
	st->backend = c;
	return MC_OK;
}

static void c_close(struct store *st)
{
	struct counter *c = st->backend;
	store_close(c->in);
	strmap_release(&c->count);
	free(c);
}

#define INNER(st) (((struct counter *)(st)->backend)->in)

static int c_schema_version(struct store *st)
{
	return INNER(st)->ops->schema_version(INNER(st));
}

static void c_busy_timeout(struct store *st, int ms)
{
	INNER(st)->ops->busy_timeout(INNER(st), ms);
}

static bool c_in_transaction(struct store *st)
{
	return INNER(st)->ops->in_transaction(INNER(st));
}

static bool c_read_begin(struct store *st)
{
	return INNER(st)->ops->read_begin(INNER(st));
}

static void c_read_end(struct store *st, bool opened)
{
	INNER(st)->ops->read_end(INNER(st), opened);
}

static void c_rollback(struct store *st)
{
	INNER(st)->ops->rollback(INNER(st));
}

/* A hint: the import does not fail when it cannot change the cache, so
 * its failure is not injected. */
static enum mc_code c_bulk(struct store *st, bool on, struct mc_err *err)
{
	return INNER(st)->ops->bulk(INNER(st), on, err);
}

/* The test's own look at the data: never counted, never failed. */
static enum mc_code c_digest(struct store *st, char hex[65], struct mc_err *err)
{
	return INNER(st)->ops->digest(INNER(st), hex, err);
}

static enum mc_code c_backup(struct store *st, const char *path,
			     struct mc_err *err)
{
	return INNER(st)->ops->backup(INNER(st), path, err);
}

FORWARD(begin, (struct store * st, struct mc_err *err), err)
FORWARD(commit, (struct store * st, struct mc_err *err), err)
FORWARD(unit_put, (struct store * st, const struct unit *u, struct mc_err *err),
	u, err)
FORWARD(unit_get,
	(struct store * st, const char *code, struct unit *out,
	 struct mc_err *err),
	code, out, err)
FORWARD(unit_changes, (struct store * st, int64_t *n, struct mc_err *err), n,
	err)
FORWARD(unit_each,
	(struct store * st, store_unit_fn fn, void *ctx, struct mc_err *err),
	fn, ctx, err)
FORWARD(procedure_put,
	(struct store * st, const struct procedure *p, struct mc_err *err), p,
	err)
FORWARD(procedure_get,
	(struct store * st, const char *code, struct procedure *out,
	 struct mc_err *err),
	code, out, err)
FORWARD(procedure_each,
	(struct store * st, store_procedure_fn fn, void *ctx,
	 struct mc_err *err),
	fn, ctx, err)
FORWARD(offers_set,
	(struct store * st, const char *procedure_code,
	 const struct procedure_offer *o, size_t n, struct mc_err *err),
	procedure_code, o, n, err)
FORWARD(offer_each,
	(struct store * st, store_offer_fn fn, void *ctx, struct mc_err *err),
	fn, ctx, err)
FORWARD(publication_put,
	(struct store * st, const struct procedure_publication *p,
	 struct mc_err *err),
	p, err)
FORWARD(publication_each,
	(struct store * st, store_publication_fn fn, void *ctx,
	 struct mc_err *err),
	fn, ctx, err)
FORWARD(calendar_put,
	(struct store * st, const struct calendar_override *o,
	 struct mc_err *err),
	o, err)
FORWARD(calendar_delete, (struct store * st, int64_t day, struct mc_err *err),
	day, err)
FORWARD(calendar_changes, (struct store * st, int64_t *n, struct mc_err *err),
	n, err)
FORWARD(calendar_each,
	(struct store * st, store_calendar_fn fn, void *ctx,
	 struct mc_err *err),
	fn, ctx, err)
FORWARD(dossier_put,
	(struct store * st, struct dossier *d, struct dossier *replaced,
	 struct mc_err *err),
	d, replaced, err)
FORWARD(dossier_get,
	(struct store * st, const char *code, struct dossier *out,
	 struct mc_err *err),
	code, out, err)
FORWARD(dossier_status,
	(struct store * st, const char *code, int *status, struct mc_err *err),
	code, status, err)
FORWARD(dossier_next_code,
	(struct store * st, const char *unit_code, int64_t day, char **code,
	 struct mc_err *err),
	unit_code, day, code, err)
FORWARD(dossier_each,
	(struct store * st, int64_t from_day, int64_t to_day,
	 store_dossier_fn fn, void *ctx, struct mc_err *err),
	from_day, to_day, fn, ctx, err)
FORWARD(anomalous_each,
	(struct store * st, int64_t from_day, int64_t to_day,
	 store_dossier_fn fn, void *ctx, struct mc_err *err),
	from_day, to_day, fn, ctx, err)
FORWARD(open_dossier_each,
	(struct store * st, store_dossier_fn fn, void *ctx, struct mc_err *err),
	fn, ctx, err)
FORWARD(dossier_search,
	(struct store * st, const struct dossier_query *q, store_dossier_fn fn,
	 void *ctx, struct mc_err *err),
	q, fn, ctx, err)
FORWARD(dossier_count_by_status,
	(struct store * st, int64_t counts[11], struct mc_err *err), counts,
	err)
FORWARD(dossier_secret_put,
	(struct store * st, const char *dossier_code, const char *secret_hash,
	 struct mc_err *err),
	dossier_code, secret_hash, err)
FORWARD(dossier_secret_get,
	(struct store * st, const char *dossier_code, char *hash, size_t size,
	 struct mc_err *err),
	dossier_code, hash, size, err)
FORWARD(online_share_take,
	(struct store * st, const char *unit, int64_t day, int limit,
	 bool *taken, struct mc_err *err),
	unit, day, limit, taken, err)
FORWARD(transfer_each,
	(struct store * st, const char *unit_root, int limit,
	 store_transfer_fn fn, void *ctx, struct mc_err *err),
	unit_root, limit, fn, ctx, err)
FORWARD(request_get,
	(struct store * st, const char *key_hash, struct stored_request *out,
	 struct mc_err *err),
	key_hash, out, err)
FORWARD(request_put,
	(struct store * st, const char *key_hash,
	 const struct stored_request *r, struct mc_err *err),
	key_hash, r, err)
FORWARD(online_share_give,
	(struct store * st, const char *unit, int64_t day, struct mc_err *err),
	unit, day, err)
FORWARD(event_append,
	(struct store * st, const struct dossier_event *ev, struct mc_err *err),
	ev, err)
FORWARD(event_each,
	(struct store * st, const char *dossier_code, store_event_fn fn,
	 void *ctx, struct mc_err *err),
	dossier_code, fn, ctx, err)
FORWARD(user_add, (struct store * st, struct user *u, struct mc_err *err), u,
	err)
FORWARD(user_get,
	(struct store * st, const char *username, struct user *out,
	 struct mc_err *err),
	username, out, err)
FORWARD(user_each,
	(struct store * st, store_user_fn fn, void *ctx, struct mc_err *err),
	fn, ctx, err)
FORWARD(session_put,
	(struct store * st, const char *token_hash, int64_t user_id,
	 const char *csrf, int64_t expires_at, struct mc_err *err),
	token_hash, user_id, csrf, expires_at, err)
FORWARD(session_get,
	(struct store * st, const char *token_hash, int64_t now,
	 struct user *out, char *csrf, size_t csrf_size, struct mc_err *err),
	token_hash, now, out, csrf, csrf_size, err)
FORWARD(session_delete,
	(struct store * st, const char *token_hash, int64_t now,
	 struct mc_err *err),
	token_hash, now, err)
FORWARD(login_attempt,
	(struct store * st, struct login_key *keys, size_t n, int64_t now,
	 int64_t window, int64_t *wait, struct mc_err *err),
	keys, n, now, window, wait, err)
FORWARD(login_forget,
	(struct store * st, const char *key, int64_t attempt, int64_t before,
	 struct mc_err *err),
	key, attempt, before, err)
FORWARD(rating_put,
	(struct store * st, const struct rating *r, struct mc_err *err), r, err)
FORWARD(rating_count,
	(struct store * st, const char *dossier_code, int64_t *n,
	 struct mc_err *err),
	dossier_code, n, err)
FORWARD(feedback_put,
	(struct store * st, const struct feedback *f, struct mc_err *err), f,
	err)
FORWARD(feedback_body_put,
	(struct store * st, const char *id, const char *body,
	 struct mc_err *err),
	id, body, err)
FORWARD(feedback_answer,
	(struct store * st, const char *id, int64_t at, const char *answer,
	 const char *outcome, struct mc_err *err),
	id, at, answer, outcome, err)
FORWARD(feedback_get,
	(struct store * st, const char *id, struct feedback_row *out,
	 struct mc_err *err),
	id, out, err)
FORWARD(feedback_each,
	(struct store * st, const char *unit, bool open, int limit,
	 store_feedback_fn fn, void *ctx, struct mc_err *err),
	unit, open, limit, fn, ctx, err)
FORWARD(feedback_by_unit,
	(struct store * st, int64_t from, int64_t to, int answer_days,
	 store_feedback_count_fn fn, void *ctx, struct mc_err *err),
	from, to, answer_days, fn, ctx, err)
FORWARD(target_put,
	(struct store * st, const char *unit, const char *period,
	 const char *indicator, int64_t value, struct mc_err *err),
	unit, period, indicator, value, err)
FORWARD(target_each,
	(struct store * st, store_target_fn fn, void *ctx, struct mc_err *err),
	fn, ctx, err)
FORWARD(snapshot_put,
	(struct store * st, const struct snapshot *s, struct mc_err *err), s,
	err)
FORWARD(snapshot_get,
	(struct store * st, const char *period, struct snapshot *out,
	 struct mc_err *err),
	period, out, err)
FORWARD(agg_key,
	(struct store * st, const char *unit, int dim, const char *value,
	 bool create, int64_t *id, struct mc_err *err),
	unit, dim, value, create, id, err)
FORWARD(agg_values,
	(struct store * st, const char *unit, int dim, store_agg_value_fn fn,
	 void *ctx, struct mc_err *err),
	unit, dim, fn, ctx, err)
FORWARD(agg_row_get,
	(struct store * st, enum store_agg_rows t, int64_t key, int64_t month,
	 uint8_t *buf, size_t cap, size_t *n, struct mc_err *err),
	t, key, month, buf, cap, n, err)
FORWARD(agg_row_put,
	(struct store * st, enum store_agg_rows t, int64_t key, int64_t month,
	 const uint8_t *row, size_t n, struct mc_err *err),
	t, key, month, row, n, err)
FORWARD(agg_rows_each,
	(struct store * st, enum store_agg_rows t, int64_t key, int64_t from,
	 int64_t to, bool falling, store_agg_row_fn fn, void *ctx,
	 struct mc_err *err),
	t, key, from, to, falling, fn, ctx, err)
FORWARD(agg_rows_delete,
	(struct store * st, enum store_agg_rows t, int64_t key, int64_t from,
	 struct mc_err *err),
	t, key, from, err)
FORWARD(agg_clear, (struct store * st, struct mc_err *err), err)
FORWARD(agg_format, (struct store * st, int *counters, struct mc_err *err),
	counters, err)
FORWARD(agg_set_format, (struct store * st, int counters, struct mc_err *err),
	counters, err)

FORWARD(upload_new,
	(struct store * st, const char *token_hash, const char *address,
	 int64_t created, int64_t expires, struct mc_err *err),
	token_hash, address, created, expires, err)
FORWARD(upload_expires,
	(struct store * st, const char *token_hash, int64_t *expires,
	 struct mc_err *err),
	token_hash, expires, err)
FORWARD(upload_file_put,
	(struct store * st, const char *token_hash,
	 const struct dossier_file *f, struct mc_err *err),
	token_hash, f, err)
FORWARD(upload_file_each,
	(struct store * st, const char *token_hash, store_file_fn fn, void *ctx,
	 struct mc_err *err),
	token_hash, fn, ctx, err)
FORWARD(upload_bytes,
	(struct store * st, const char *token_hash, const char *component,
	 int64_t *bytes, struct mc_err *err),
	token_hash, component, bytes, err)
FORWARD(upload_delete,
	(struct store * st, const char *token_hash, struct mc_err *err),
	token_hash, err)
FORWARD(upload_purge,
	(struct store * st, int64_t at, int64_t *n, struct mc_err *err), at, n,
	err)
FORWARD(upload_holds,
	(struct store * st, const char *sha256, int64_t now, bool *yes,
	 struct mc_err *err),
	sha256, now, yes, err)
FORWARD(payment_add, (struct store * st, struct payment *p, struct mc_err *err),
	p, err)
FORWARD(payment_get,
	(struct store * st, int64_t id, struct payment *out,
	 struct mc_err *err),
	id, out, err)
FORWARD(payment_update,
	(struct store * st, const struct payment *p, struct mc_err *err), p,
	err)
FORWARD(payment_each,
	(struct store * st, const char *dossier_code, store_payment_fn fn,
	 void *ctx, struct mc_err *err),
	dossier_code, fn, ctx, err)
FORWARD(receipt_issue,
	(struct store * st, struct receipt *r, struct mc_err *err), r, err)
FORWARD(receipt_get,
	(struct store * st, int64_t payment_id, struct receipt *out,
	 struct mc_err *err),
	payment_id, out, err)
FORWARD(receipt_cancel,
	(struct store * st, int64_t id, int64_t at, const char *reason,
	 const char *by, struct mc_err *err),
	id, at, reason, by, err)
FORWARD(gateway_add,
	(struct store * st, const struct gateway *g, struct mc_err *err), g,
	err)
FORWARD(gateway_get,
	(struct store * st, const char *name, const char *terminal,
	 struct gateway *out, struct mc_err *err),
	name, terminal, out, err)
FORWARD(gateway_remove,
	(struct store * st, const char *name, struct mc_err *err), name, err)
FORWARD(gateway_each,
	(struct store * st, store_gateway_fn fn, void *ctx, struct mc_err *err),
	fn, ctx, err)
FORWARD(file_add,
	(struct store * st, struct dossier_file *f, struct mc_err *err), f, err)
FORWARD(file_each,
	(struct store * st, const char *dossier_code, store_file_fn fn,
	 void *ctx, struct mc_err *err),
	dossier_code, fn, ctx, err)
FORWARD(file_get,
	(struct store * st, const char *dossier_code, const char *sha256,
	 struct dossier_file *out, struct mc_err *err),
	dossier_code, sha256, out, err)
FORWARD(file_bytes,
	(struct store * st, const char *dossier_code, int64_t *bytes,
	 struct mc_err *err),
	dossier_code, bytes, err)
FORWARD(file_with_hash,
	(struct store * st, const char *sha256, store_file_fn fn, void *ctx,
	 struct mc_err *err),
	sha256, fn, ctx, err)
FORWARD(file_referenced,
	(struct store * st, const char *sha256, bool *yes, struct mc_err *err),
	sha256, yes, err)
FORWARD(bank_account_put,
	(struct store * st, const struct bank_account *a, struct mc_err *err),
	a, err)
FORWARD(bank_account_get,
	(struct store * st, const char *unit, struct bank_account *out,
	 struct mc_err *err),
	unit, out, err)
FORWARD(bank_account_each,
	(struct store * st, store_bank_account_fn fn, void *ctx,
	 struct mc_err *err),
	fn, ctx, err)
FORWARD(notice_add,
	(struct store * st, struct financial_notice *n, struct mc_err *err), n,
	err)
FORWARD(notice_each,
	(struct store * st, const char *dossier_code, store_notice_fn fn,
	 void *ctx, struct mc_err *err),
	dossier_code, fn, ctx, err)
FORWARD(payment_paid_each,
	(struct store * st, int64_t from, int64_t to, store_paid_fn fn,
	 void *ctx, struct mc_err *err),
	from, to, fn, ctx, err)
FORWARD(file_opened,
	(struct store * st, int64_t file_id, const struct file_opening *o,
	 struct mc_err *err),
	file_id, o, err)
FORWARD(file_openings_each,
	(struct store * st, const char *dossier_code, store_opening_fn fn,
	 void *ctx, struct mc_err *err),
	dossier_code, fn, ctx, err)

static const struct store_ops counting_ops = {
	.name = "counting",
	.open = c_open,
	.close = c_close,
	.schema_version = c_schema_version,
	.bulk = c_bulk,
	.busy_timeout = c_busy_timeout,
	.begin = c_begin,
	.in_transaction = c_in_transaction,
	.read_begin = c_read_begin,
	.read_end = c_read_end,
	.commit = c_commit,
	.rollback = c_rollback,
	.unit_put = c_unit_put,
	.unit_get = c_unit_get,
	.unit_changes = c_unit_changes,
	.unit_each = c_unit_each,
	.procedure_put = c_procedure_put,
	.procedure_get = c_procedure_get,
	.procedure_each = c_procedure_each,
	.offers_set = c_offers_set,
	.offer_each = c_offer_each,
	.publication_put = c_publication_put,
	.publication_each = c_publication_each,
	.calendar_put = c_calendar_put,
	.calendar_delete = c_calendar_delete,
	.calendar_changes = c_calendar_changes,
	.calendar_each = c_calendar_each,
	.dossier_put = c_dossier_put,
	.dossier_get = c_dossier_get,
	.dossier_status = c_dossier_status,
	.dossier_next_code = c_dossier_next_code,
	.dossier_each = c_dossier_each,
	.anomalous_each = c_anomalous_each,
	.open_dossier_each = c_open_dossier_each,
	.dossier_search = c_dossier_search,
	.dossier_count_by_status = c_dossier_count_by_status,
	.dossier_secret_put = c_dossier_secret_put,
	.dossier_secret_get = c_dossier_secret_get,
	.online_share_take = c_online_share_take,
	.online_share_give = c_online_share_give,
	.transfer_each = c_transfer_each,
	.request_get = c_request_get,
	.request_put = c_request_put,
	.event_append = c_event_append,
	.event_each = c_event_each,
	.user_add = c_user_add,
	.user_get = c_user_get,
	.user_each = c_user_each,
	.session_put = c_session_put,
	.session_get = c_session_get,
	.session_delete = c_session_delete,
	.login_attempt = c_login_attempt,
	.login_forget = c_login_forget,
	.rating_put = c_rating_put,
	.rating_count = c_rating_count,
	.feedback_put = c_feedback_put,
	.feedback_body_put = c_feedback_body_put,
	.feedback_answer = c_feedback_answer,
	.feedback_get = c_feedback_get,
	.feedback_each = c_feedback_each,
	.feedback_by_unit = c_feedback_by_unit,
	.target_put = c_target_put,
	.target_each = c_target_each,
	.snapshot_put = c_snapshot_put,
	.snapshot_get = c_snapshot_get,
	.agg_key = c_agg_key,
	.agg_values = c_agg_values,
	.agg_row_get = c_agg_row_get,
	.agg_row_put = c_agg_row_put,
	.agg_rows_each = c_agg_rows_each,
	.agg_rows_delete = c_agg_rows_delete,
	.agg_clear = c_agg_clear,
	.agg_format = c_agg_format,
	.agg_set_format = c_agg_set_format,
	.upload_new = c_upload_new,
	.upload_expires = c_upload_expires,
	.upload_file_put = c_upload_file_put,
	.upload_file_each = c_upload_file_each,
	.upload_bytes = c_upload_bytes,
	.upload_delete = c_upload_delete,
	.upload_purge = c_upload_purge,
	.upload_holds = c_upload_holds,
	.payment_add = c_payment_add,
	.payment_get = c_payment_get,
	.payment_update = c_payment_update,
	.payment_each = c_payment_each,
	.receipt_issue = c_receipt_issue,
	.receipt_get = c_receipt_get,
	.receipt_cancel = c_receipt_cancel,
	.gateway_add = c_gateway_add,
	.gateway_get = c_gateway_get,
	.gateway_remove = c_gateway_remove,
	.gateway_each = c_gateway_each,
	.file_add = c_file_add,
	.file_each = c_file_each,
	.file_get = c_file_get,
	.file_bytes = c_file_bytes,
	.file_with_hash = c_file_with_hash,
	.file_referenced = c_file_referenced,
	.file_opened = c_file_opened,
	.file_openings_each = c_file_openings_each,
	.digest = c_digest,
	.backup = c_backup,
	.bank_account_put = c_bank_account_put,
	.bank_account_get = c_bank_account_get,
	.bank_account_each = c_bank_account_each,
	.notice_add = c_notice_add,
	.notice_each = c_notice_each,
	.payment_paid_each = c_payment_paid_each,
};

/* ---- what the operations must show ----------------------------------- */

/* The settlement report of June 2024 by unit, from the aggregates and
 * from a scan of the stored dossiers: the same JSON when nothing half
 * written survived. Returns the dossiers received. */
static int64_t figures_agree(void)
{
	struct report_query q = {.by = REPORT_BY_UNIT};
	CHECK_INT(report_period_parse("month:2024-06", 15, &q.period, "period",
				      NULL),
		  MC_OK);
	struct report ra, rb;
	CHECK_INT(app_report(&fx.app, &q, &ra, NULL), MC_OK);
	CHECK_INT(app_report_scan(&fx.app, &q, &rb, NULL), MC_OK);
	struct strbuf ja, jb;
	strbuf_init(&ja);
	strbuf_init(&jb);
	report_json_write(&ra, &ja);
	report_json_write(&rb, &jb);
	CHECK_STR(ja.buf, jb.buf);
	int64_t received = ra.total.received_total;
	strbuf_release(&ja);
	strbuf_release(&jb);
	report_release(&ra);
	report_release(&rb);
	return received;
}

typedef enum mc_code (*operation)(struct mc_err *err);

/* Run op with its 1st, 2nd, ... call failing until it runs clean: each
 * failure is reported as the injected one and leaves the digest as it
 * was. Returns the calls the clean run made. */
static long fails_cleanly(const char *what, operation op)
{
	struct counter *c = counter();
	char before[65], after[65];
	struct mc_err err;
	long n = 0;
	for (;; n++) {
		fixture_digest(&fx, before);
		long start = c->calls, failed = c->failed;
		c->fail_at = start + n + 1;
		enum mc_code rc = op(&err);
		if (c->failed == failed) { /* fewer calls than n + 1: clean */
			CHECK_INT(rc, MC_OK);
			break;
		}
		if (rc != MC_ERR_DB || !strstr(err.message, "injected"))
			fprintf(stderr,
				"%s: call %ld (%s) failed, the operation "
				"answered %s: %s\n",
				what, n + 1, c->failed_at, mc_code_name(rc),
				rc ? err.message : "");
		CHECK_INT(rc, MC_ERR_DB);
		CHECK(strstr(err.message, "injected") != NULL);
		CHECK_STR(fixture_digest(&fx, after), before);
	}
	c->fail_at = 0;
	CHECK(strcmp(fixture_digest(&fx, after), before) != 0);
	return n;
}

/* ---- the operations, as the edges run them ------------------------------ */

static char code[64];

static enum mc_code step(enum dossier_op o, const char *at,
			 const struct dossier *filing, struct mc_err *err)
{
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = o, .at = fixture_time(at)},
		.code = filing ? NULL : code,
		.filing = filing,
		.secret_hash = filing ? "0123456789abcdef0123456789abcdef"
					"0123456789abcdef0123456789abcdef"
				      : NULL,
	};
	struct dossier out;
	enum mc_code rc = app_lifecycle(&fx.app, &req, &out, err);
	if (!rc) {
		snprintf(code, sizeof(code), "%s", out.code);
		dossier_release(&out);
	}
	return rc;
}

static enum mc_code file_at_the_counter(struct mc_err *err)
{
	struct dossier f;
	fixture_filing(&f, "1.000001", "000.00.06.H56", CHANNEL_DIRECT);
	enum mc_code rc = step(OP_ACCEPT, "2024-06-03 09:00", &f, err);
	dossier_release(&f);
	return rc;
}

static enum mc_code start(struct mc_err *err)
{
	return step(OP_START, "2024-06-03 10:00", NULL, err);
}

static enum mc_code finish(struct mc_err *err)
{
	return step(OP_FINISH, "2024-06-05 15:00", NULL, err);
}

static enum mc_code hand_over(struct mc_err *err)
{
	return step(OP_RETURN, "2024-06-06 08:30", NULL, err);
}

static enum mc_code rate(struct mc_err *err)
{
	return app_rating_submit(&fx.app, code, "satisfied", "online",
				 fixture_time("2024-06-07 10:00"), err);
}

static enum mc_code import_three(struct mc_err *err)
{
	static const char lines[] =
		"{\"MaHoSo\":\"P-000001\",\"MaTTHC\":\"1.000001\","
		"\"DonViXuLy\":\"000.31.21.H56\",\"KenhThucHien\":\"2\","
		"\"ChuHoSo\":\"Lê Văn Cường\",\"SoGiayToChuHoSo\":"
		"\"001090012345\",\"LoaiDoiTuong\":\"1\","
		"\"NgayNopHoSo\":\"20240603080000\",\"NgayTiepNhan\":"
		"\"20240603090000\",\"NgayHenTra\":\"20240610090000\","
		"\"TrangThaiHoSo\":\"4\"}\n"
		"{\"MaHoSo\":\"P-000002\",\"MaTTHC\":\"1.000002\","
		"\"DonViXuLy\":\"000.00.31.H56\",\"KenhThucHien\":\"1\","
		"\"ChuHoSo\":\"Trần Thị Bình\",\"SoGiayToChuHoSo\":"
		"\"001190012346\",\"LoaiDoiTuong\":\"1\","
		"\"NgayNopHoSo\":\"20240604080000\",\"NgayTiepNhan\":"
		"\"20240604090000\",\"NgayHenTra\":\"20240607090000\","
		"\"TrangThaiHoSo\":\"4\"}\n"
		"{\"MaHoSo\":\"P-000001\",\"MaTTHC\":\"1.000001\","
		"\"DonViXuLy\":\"000.31.21.H56\",\"KenhThucHien\":\"2\","
		"\"ChuHoSo\":\"Lê Văn Cường\",\"SoGiayToChuHoSo\":"
		"\"001090012345\",\"LoaiDoiTuong\":\"1\","
		"\"NgayNopHoSo\":\"20240603080000\",\"NgayTiepNhan\":"
		"\"20240603090000\",\"NgayHenTra\":\"20240610090000\","
		"\"NgayCoKetQua\":\"20240607160000\","
		"\"NgayKetThucXuLy\":\"20240607160000\","
		"\"TrangThaiHoSo\":\"9\"}\n";
	FILE *in = fmemopen((void *)lines, sizeof(lines) - 1, "r");
	CHECK(in != NULL);
	struct import_stats stats;
	enum mc_code rc = import_dossiers(&fx.app, in, &stats, err);
	fclose(in);
	return rc;
}

static enum mc_code day_off(struct mc_err *err)
{
	struct calendar_override off = {.working = false, .name = "Nghỉ bù"};
	CHECK_INT(civil_parse_date("2024-06-04", &off.day, "date", NULL),
		  MC_OK);
	size_t changed = 0;
	return app_calendar_change(&fx.app, &off, false, "admin", &changed,
				   err);
}

/* The commune moves from the first district to the second: what its
 * dossiers count under moves, so the aggregates are rebuilt. */
static enum mc_code move_the_commune(struct mc_err *err)
{
	struct unit u;
	enum mc_code rc = store_unit_get(fx.app.st, "000.31.21.H56", &u, err);
	if (rc)
		return rc;
	CHECK(str_set(&u.parent, "000.00.32.H56"));
	rc = store_unit_put(fx.app.st, &u, err);
	unit_release(&u);
	return rc;
}

/* ---- the tests ---------------------------------------------------------- */

TEST(the_application_runs_over_the_wrapper)
{
	struct counter *c = counter();
	long before = c->calls;
	struct mc_err err;
	CHECK_INT(file_at_the_counter(&err), MC_OK);
	CHECK(c->calls > before);
	/* one write of the dossier, one step of the log, one commit, all
	 * through the table */
	CHECK_INT(strmap_get(&c->count, "dossier_put", 0), 1);
	CHECK_INT(strmap_get(&c->count, "event_append", 0), 1);
	CHECK_INT(strmap_get(&c->count, "dossier_secret_put", 0), 1);
	CHECK(strmap_get(&c->count, "commit", 0) >= 1);
	CHECK(strmap_get(&c->count, "agg_row_put", 0) >= 1);
	struct dossier d;
	CHECK_INT(store_dossier_get(fx.app.st, code, &d, &err), MC_OK);
	CHECK_INT(d.status, ST_ACCEPTED);
	CHECK_STR(d.unit_code, "000.00.06.H56");
	dossier_release(&d);
	CHECK_INT(figures_agree(), 1);
}

TEST(every_failed_call_leaves_the_data_as_it_was)
{
	static const struct {
		const char *what;
		operation op;
	} ops[] = {
		{"file at the counter", file_at_the_counter},
		{"start", start},
		{"finish", finish},
		{"hand over", hand_over},
		{"rate", rate},
		{"import", import_three},
		{"day off", day_off},
		{"move the commune", move_the_commune},
	};
	int64_t received = figures_agree();
	for (size_t i = 0; i < sizeof(ops) / sizeof(*ops); i++) {
		long calls = fails_cleanly(ops[i].what, ops[i].op);
		/* each made several calls, and each call failed once */
		if (calls < 3)
			fprintf(stderr, "%s: %ld calls\n", ops[i].what, calls);
		CHECK(calls >= 3);
	}
	struct dossier d;
	CHECK_INT(store_dossier_get(fx.app.st, code, &d, NULL), MC_OK);
	CHECK_INT(d.status, ST_RETURNED);
	dossier_release(&d);
	int64_t n = 0;
	CHECK_INT(store_rating_count(fx.app.st, code, &n, NULL), MC_OK);
	CHECK_INT(n, 1);
	CHECK_INT(store_dossier_get(fx.app.st, "P-000001", &d, NULL), MC_OK);
	CHECK_INT(d.status, ST_FINISHED);
	CHECK_STR(d.unit_code, "000.31.21.H56");
	dossier_release(&d);
	/* the counter's filing and the two imported dossiers */
	CHECK_INT(figures_agree(), received + 3);
}

TEST(the_location_names_the_backend)
{
	struct store *st = NULL;
	struct mc_err err;
	CHECK_INT(store_open("postgresql://localhost/motcua", &st, &err),
		  MC_ERR_INPUT);
	CHECK(st == NULL);
	CHECK_STR(err.field, "db");
	CHECK(strstr(err.message, "postgresql://") != NULL);
	char url[128];
	snprintf(url, sizeof(url), "sqlite://%s", fx.db);
	CHECK_INT(store_open(url, &st, &err), MC_OK);
	CHECK(strcmp(st->ops->name, "sqlite") == 0);
	char a[65], b[65];
	CHECK_INT(store_digest(st, a, &err), MC_OK);
	CHECK_STR(fixture_digest(&fx, b), a); /* the very same database */
	store_close(st);
}

static void setup(void)
{
	struct mc_err err;
	fixture_open(&fx);
	app_close(&fx.app);
	struct store_options o = {.location = fx.db, .backend = &counting_ops};
	CHECK_INT(app_open_with(&o, &fx.app, &err), MC_OK);
	CHECK(strcmp(fx.app.st->ops->name, "counting") == 0);
}

static void teardown(void) { fixture_close(&fx); }

TEST_MAIN_WITH(setup, teardown, T(the_application_runs_over_the_wrapper),
	       T(every_failed_call_leaves_the_data_as_it_was),
	       T(the_location_names_the_backend))
