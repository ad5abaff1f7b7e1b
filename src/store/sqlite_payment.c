/*
 * sqlite_payment.c - payments of dossiers' fees and their receipts
 * (schema migration 22). A payment's fee lines are compact JSON text in
 * its row. Receipts take the next number of their unit and year from
 * receipt_counters in the same transaction, so numbers have no gaps;
 * triggers refuse deleting either and changing a receipt other than by
 * its cancellation. The payment gateways configured (migration 23).
 * Statements are prepared per call, like sqlite_citizen.c: a payment is
 * written a few times in its life.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store.h"

static bool lines_json(const struct payment *p, struct strbuf *sb)
{
	strbuf_puts(sb, "[");
	for (size_t i = 0; i < p->n_lines; i++) {
		strbuf_puts(sb, i ? ",{\"code\":" : "{\"code\":");
		strbuf_json_string(sb, str_or_empty(p->lines[i].code));
		strbuf_puts(sb, ",\"name\":");
		strbuf_json_string(sb, str_or_empty(p->lines[i].name));
		strbuf_addf(sb, ",\"amount\":%lld}",
			    (long long)p->lines[i].amount);
	}
	strbuf_puts(sb, "]");
	return !sb->oom;
}

static bool read_lines(const char *text, struct payment *p)
{
	json_t *a = json_loads(text ? text : "[]", 0, NULL);
	bool ok = json_is_array(a);
	size_t i;
	json_t *v;
	json_array_foreach (a, i, v) {
		struct payment_line *l =
			ARRAY_PUSH(p->lines, p->n_lines, p->cap_lines);
		if (!l ||
		    !str_set(&l->code,
			     json_string_value(json_object_get(v, "code"))) ||
		    !str_set(&l->name,
			     json_string_value(json_object_get(v, "name")))) {
			ok = false;
			break;
		}
		l->amount = json_integer_value(json_object_get(v, "amount"));
	}
	json_decref(a);
	return ok;
}

enum mc_code sqlite_payment_add(struct store *st, struct payment *p,
				struct mc_err *err)
{
	struct strbuf lines;
	strbuf_init(&lines);
	if (!lines_json(p, &lines)) {
		strbuf_release(&lines);
		return sqlite_nomem(err, "storing a payment");
	}
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"INSERT INTO payments(dossier_id, unit_code, lines, amount,"
		" method, provider, provider_ref, status, created_at,"
		" expires_at, paid_at, updated_at, actor, note)"
		" VALUES((SELECT id FROM dossiers WHERE code = ?1),"
		" ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
		&s, "preparing a payment statement", err);
	if (rc) {
		strbuf_release(&lines);
		return rc;
	}
	bind_text(s, 1, p->dossier_code);
	bind_text(s, 2, p->unit_code);
	bind_text(s, 3, lines.buf);
	sqlite3_bind_int64(s, 4, p->amount);
	sqlite3_bind_int(s, 5, (int)p->method);
	bind_text(s, 6, p->provider);
	bind_text(s, 7, p->provider_ref);
	sqlite3_bind_int(s, 8, (int)p->status);
	bind_time(s, 9, p->created);
	bind_time(s, 10, p->expires);
	bind_time(s, 11, p->paid);
	bind_time(s, 12, p->updated);
	bind_text(s, 13, p->actor);
	bind_text(s, 14, p->note);
	int step = sqlite3_step(s);
	strbuf_release(&lines);
	if (step == SQLITE_CONSTRAINT) {
		bool unknown = !sqlite3_stmt_busy(s) &&
			       sqlite3_extended_errcode(sq(st)->db) ==
				       SQLITE_CONSTRAINT_NOTNULL;
		sqlite3_finalize(s);
		if (unknown)
			return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
				       "MaHoSo: dossier \"%.60s\" is not known",
				       str_or_empty(p->dossier_code));
		return mc_fail(err, MC_ERR_INPUT, "payment",
			       "payment: refused by the store (%s)",
			       sqlite3_errmsg(sq(st)->db));
	}
	if (step == SQLITE_DONE)
		p->id = sqlite3_last_insert_rowid(sq(st)->db);
	return sqlite_step_done(st, s, step, "storing a payment", err);
}

#define PAYMENT_COLS                                                          \
	"p.id, d.code, p.unit_code, p.lines, p.amount, p.method, p.provider," \
	" p.provider_ref, p.status, p.created_at, p.expires_at, p.paid_at,"   \
	" p.updated_at, p.actor, p.note"

static bool read_payment(sqlite3_stmt *s, struct payment *p)
{
	bool ok = true;
	payment_init(p);
	p->id = sqlite3_column_int64(s, 0);
	p->dossier_code = column_strdup(s, 1, &ok);
	p->unit_code = column_strdup(s, 2, &ok);
	ok = ok && read_lines((const char *)sqlite3_column_text(s, 3), p);
	p->amount = sqlite3_column_int64(s, 4);
	p->method = (enum payment_method)sqlite3_column_int(s, 5);
	p->provider = column_strdup(s, 6, &ok);
	p->provider_ref = column_strdup(s, 7, &ok);
	p->status = (enum payment_status)sqlite3_column_int(s, 8);
	p->created = column_time(s, 9);
	p->expires = column_time(s, 10);
	p->paid = column_time(s, 11);
	p->updated = column_time(s, 12);
	p->actor = column_strdup(s, 13, &ok);
	p->note = column_strdup(s, 14, &ok);
	if (!ok)
		payment_release(p);
	return ok;
}

enum mc_code sqlite_payment_get(struct store *st, int64_t id,
				struct payment *out, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st,
			       "SELECT " PAYMENT_COLS " FROM payments p"
			       " JOIN dossiers d ON d.id = p.dossier_id"
			       " WHERE p.id = ?",
			       &s, "preparing a payment statement", err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, id);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "payment",
			       "payment: order %lld is not known",
			       (long long)id);
	}
	if (step == SQLITE_ROW && !read_payment(s, out)) {
		sqlite3_finalize(s);
		return sqlite_nomem(err, "reading a payment");
	}
	return sqlite_step_done(st, s, step, "reading a payment", err);
}

enum mc_code sqlite_payment_update(struct store *st, const struct payment *p,
				   struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"UPDATE payments SET status = ?, provider_ref = ?,"
		" paid_at = ?, updated_at = ?, note = ?"
		" WHERE id = ?",
		&s, "preparing a payment statement", err);
	if (rc)
		return rc;
	sqlite3_bind_int(s, 1, (int)p->status);
	bind_text(s, 2, p->provider_ref);
	bind_time(s, 3, p->paid);
	bind_time(s, 4, p->updated);
	bind_text(s, 5, p->note);
	sqlite3_bind_int64(s, 6, p->id);
	int step = sqlite3_step(s);
	if (step == SQLITE_CONSTRAINT) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_CONFLICT, "provider_ref",
			       "provider_ref: %s's transaction \"%.60s\" is "
			       "another order's",
			       str_or_empty(p->provider),
			       str_or_empty(p->provider_ref));
	}
	if (step == SQLITE_DONE && sqlite3_changes(sq(st)->db) == 0) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "payment",
			       "payment: order %lld is not known",
			       (long long)p->id);
	}
	return sqlite_step_done(st, s, step, "updating a payment", err);
}

enum mc_code sqlite_payment_each(struct store *st, const char *dossier_code,
				 store_payment_fn fn, void *ctx,
				 struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st,
			       "SELECT " PAYMENT_COLS " FROM dossiers d"
			       " JOIN payments p ON p.dossier_id = d.id"
			       " WHERE d.code = ? ORDER BY p.id",
			       &s, "preparing a payment statement", err);
	if (rc)
		return rc;
	bind_text(s, 1, dossier_code);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct payment p;
		if (!read_payment(s, &p)) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "listing payments");
		}
		int stop = fn(&p, ctx);
		payment_release(&p);
		if (stop)
			break;
	}
	return sqlite_step_done(st, s, step, "listing payments", err);
}

enum mc_code sqlite_payment_paid_each(struct store *st, int64_t from,
				     int64_t to, store_paid_fn fn, void *ctx,
				     struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"SELECT " PAYMENT_COLS ", d.procedure_code FROM payments p"
		" JOIN dossiers d ON d.id = p.dossier_id"
		" WHERE p.paid_at IS NOT NULL AND p.status = 2"
		" AND (?1 IS NULL OR p.paid_at >= ?1)"
		" AND (?2 IS NULL OR p.paid_at < ?2) ORDER BY p.paid_at, p.id",
		&s, "listing paid payments", err);
	if (rc)
		return rc;
	bind_time(s, 1, from);
	bind_time(s, 2, to);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct payment p;
		if (!read_payment(s, &p)) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "listing paid payments");
		}
		int stop = fn(&p, (const char *)sqlite3_column_text(s, 15), ctx);
		payment_release(&p);
		if (stop)
			break;
	}
	return sqlite_step_done(st, s, step, "listing paid payments", err);
}

/* ---- receipts -------------------------------------------------------- */

static enum mc_code next_number(struct store *st, const char *unit, int year,
				int64_t *n, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st,
			       "INSERT INTO receipt_counters(unit_code, year,"
			       " last) VALUES(?, ?, 1) ON CONFLICT(unit_code,"
			       " year) DO UPDATE SET last = last + 1"
			       " RETURNING last",
			       &s, "preparing a payment statement", err);
	if (rc)
		return rc;
	bind_text(s, 1, unit);
	sqlite3_bind_int(s, 2, year);
	int step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		*n = sqlite3_column_int64(s, 0);
		step = sqlite3_step(s);
	}
	return sqlite_step_done(st, s, step, "numbering a receipt", err);
}

enum mc_code sqlite_receipt_issue(struct store *st, struct receipt *r,
				  struct mc_err *err)
{
	enum mc_code rc =
		next_number(st, r->unit_code, r->year, &r->number, err);
	sqlite3_stmt *s;
	if (rc || (rc = sqlite_prepare(
			   st,
			   "INSERT INTO receipts(payment_id, unit_code, year,"
			   " series, number, issued_at) VALUES(?,?,?,?,?,?)",
			   &s, "preparing a payment statement", err)))
		return rc;
	sqlite3_bind_int64(s, 1, r->payment_id);
	bind_text(s, 2, r->unit_code);
	sqlite3_bind_int(s, 3, r->year);
	bind_text(s, 4, r->series);
	sqlite3_bind_int64(s, 5, r->number);
	bind_time(s, 6, r->issued);
	int step = sqlite3_step(s);
	if (step == SQLITE_CONSTRAINT) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_CONFLICT, "receipt",
			       "receipt: order %lld has one already",
			       (long long)r->payment_id);
	}
	if (step == SQLITE_DONE)
		r->id = sqlite3_last_insert_rowid(sq(st)->db);
	return sqlite_step_done(st, s, step, "issuing a receipt", err);
}

enum mc_code sqlite_receipt_get(struct store *st, int64_t payment_id,
				struct receipt *out, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"SELECT id, payment_id, unit_code, year, series,"
		" number, issued_at, cancelled_at, cancel_reason,"
		" cancelled_by FROM receipts WHERE payment_id = ?",
		&s, "preparing a payment statement", err);
	if (rc)
		return rc;
	sqlite3_bind_int64(s, 1, payment_id);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "receipt",
			       "receipt: order %lld has none",
			       (long long)payment_id);
	}
	if (step == SQLITE_ROW) {
		bool ok = true;
		receipt_init(out);
		out->id = sqlite3_column_int64(s, 0);
		out->payment_id = sqlite3_column_int64(s, 1);
		out->unit_code = column_strdup(s, 2, &ok);
		out->year = sqlite3_column_int(s, 3);
		out->series = column_strdup(s, 4, &ok);
		out->number = sqlite3_column_int64(s, 5);
		out->issued = column_time(s, 6);
		out->cancelled = column_time(s, 7);
		out->cancel_reason = column_strdup(s, 8, &ok);
		out->cancelled_by = column_strdup(s, 9, &ok);
		if (!ok) {
			receipt_release(out);
			sqlite3_finalize(s);
			return sqlite_nomem(err, "reading a receipt");
		}
	}
	return sqlite_step_done(st, s, step, "reading a receipt", err);
}

enum mc_code sqlite_receipt_cancel(struct store *st, int64_t id, int64_t at,
				   const char *reason, const char *by,
				   struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st,
			       "UPDATE receipts SET cancelled_at = ?,"
			       " cancel_reason = ?, cancelled_by = ?"
			       " WHERE id = ? AND cancelled_at IS NULL",
			       &s, "preparing a payment statement", err);
	if (rc)
		return rc;
	bind_time(s, 1, at);
	bind_text(s, 2, reason);
	bind_text(s, 3, by);
	sqlite3_bind_int64(s, 4, id);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE && sqlite3_changes(sq(st)->db) == 0) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_STATE, "receipt",
			       "receipt: it is cancelled already");
	}
	return sqlite_step_done(st, s, step, "cancelling a receipt", err);
}

/* ---- gateways -------------------------------------------------------- */

enum mc_code sqlite_gateway_add(struct store *st, const struct gateway *g,
				struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"INSERT INTO gateways(name, terminal, method, secret_file,"
		" pay_url, return_url, created_at) VALUES(?,?,?,?,?,?,?)",
		&s, "preparing a payment statement", err);
	if (rc)
		return rc;
	bind_text(s, 1, g->name);
	bind_text(s, 2, g->terminal);
	sqlite3_bind_int(s, 3, (int)g->method);
	bind_text(s, 4, g->secret_file);
	bind_text(s, 5, g->pay_url);
	bind_text(s, 6, g->return_url);
	bind_time(s, 7, g->created);
	int step = sqlite3_step(s);
	if (step == SQLITE_CONSTRAINT) {
		bool name = strstr(sqlite3_errmsg(sq(st)->db), "gateways.name");
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_CONFLICT, name ? "name" : "terminal",
			       name ? "name: gateway \"%.40s\" exists already"
				    : "terminal: %.40s is another gateway's",
			       name ? g->name : g->terminal);
	}
	return sqlite_step_done(st, s, step, "storing a gateway", err);
}

#define GATEWAY_COLS \
	"name, terminal, method, secret_file, pay_url, return_url, created_at"

static bool read_gateway(sqlite3_stmt *s, struct gateway *g)
{
	bool ok = true;
	gateway_init(g);
	g->name = column_strdup(s, 0, &ok);
	g->terminal = column_strdup(s, 1, &ok);
	g->method = (enum payment_method)sqlite3_column_int(s, 2);
	g->secret_file = column_strdup(s, 3, &ok);
	g->pay_url = column_strdup(s, 4, &ok);
	g->return_url = column_strdup(s, 5, &ok);
	g->created = column_time(s, 6);
	if (!ok)
		gateway_release(g);
	return ok;
}

enum mc_code sqlite_gateway_get(struct store *st, const char *name,
				const char *terminal, struct gateway *out,
				struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		name ? "SELECT " GATEWAY_COLS " FROM gateways WHERE name = ?"
		     : "SELECT " GATEWAY_COLS " FROM gateways"
		       " WHERE terminal = ?",
		&s, "preparing a payment statement", err);
	if (rc)
		return rc;
	bind_text(s, 1, name ? name : terminal);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "gateway",
			       "gateway: %s \"%.40s\" is not configured",
			       name ? "gateway" : "terminal",
			       name ? name : str_or_empty(terminal));
	}
	if (step == SQLITE_ROW && !read_gateway(s, out)) {
		sqlite3_finalize(s);
		return sqlite_nomem(err, "reading a gateway");
	}
	return sqlite_step_done(st, s, step, "reading a gateway", err);
}

enum mc_code sqlite_gateway_remove(struct store *st, const char *name,
				   struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st, "DELETE FROM gateways WHERE name = ?", &s,
			       "preparing a payment statement", err);
	if (rc)
		return rc;
	bind_text(s, 1, name);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE && sqlite3_changes(sq(st)->db) == 0) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "gateway",
			       "gateway: gateway \"%.40s\" is not configured",
			       str_or_empty(name));
	}
	return sqlite_step_done(st, s, step, "removing a gateway", err);
}

enum mc_code sqlite_gateway_each(struct store *st, store_gateway_fn fn,
				 void *ctx, struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st, "SELECT " GATEWAY_COLS " FROM gateways ORDER BY name", &s,
		"preparing a payment statement", err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct gateway g;
		if (!read_gateway(s, &g)) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "listing gateways");
		}
		int stop = fn(&g, ctx);
		gateway_release(&g);
		if (stop)
			break;
	}
	return sqlite_step_done(st, s, step, "listing gateways", err);
}
