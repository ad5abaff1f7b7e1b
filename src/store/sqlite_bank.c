/*
 * sqlite_bank.c - the bank account each unit collects fees into by
 * VietQR, one row per unit, replaced when staff change it, and the tax
 * authority's notices of financial obligations, never deleted (schema
 * migration 24). Statements are prepared per call: both change rarely.
 */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_int.h"
#include "store/store.h"

enum mc_code sqlite_bank_account_put(struct store *st,
				     const struct bank_account *a,
				     struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"INSERT INTO bank_accounts(unit_code, bin, account, holder,"
		" updated_at, actor) VALUES(?,?,?,?,?,?)"
		" ON CONFLICT(unit_code) DO UPDATE SET bin = excluded.bin,"
		" account = excluded.account, holder = excluded.holder,"
		" updated_at = excluded.updated_at, actor = excluded.actor",
		&s, "storing an account", err);
	if (rc)
		return rc;
	bind_text(s, 1, a->unit_code);
	bind_text(s, 2, a->bin);
	bind_text(s, 3, a->account);
	bind_text(s, 4, a->holder);
	bind_time(s, 5, a->updated);
	bind_text(s, 6, a->actor);
	return sqlite_step_done(st, s, sqlite3_step(s), "storing an account",
				err);
}

static bool read_account(sqlite3_stmt *s, struct bank_account *a)
{
	bool ok = true;
	bank_account_init(a);
	a->unit_code = column_strdup(s, 0, &ok);
	a->bin = column_strdup(s, 1, &ok);
	a->account = column_strdup(s, 2, &ok);
	a->holder = column_strdup(s, 3, &ok);
	a->updated = column_time(s, 4);
	a->actor = column_strdup(s, 5, &ok);
	if (!ok)
		bank_account_release(a);
	return ok;
}

#define ACCOUNT_COLS "unit_code, bin, account, holder, updated_at, actor"

enum mc_code sqlite_bank_account_get(struct store *st, const char *unit,
				     struct bank_account *out,
				     struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st,
			       "SELECT " ACCOUNT_COLS " FROM bank_accounts"
			       " WHERE unit_code = ?",
			       &s, "reading an account", err);
	if (rc)
		return rc;
	bind_text(s, 1, unit);
	int step = sqlite3_step(s);
	if (step == SQLITE_DONE) {
		sqlite3_finalize(s);
		return mc_fail(err, MC_ERR_NOT_FOUND, "account",
			       "account: unit %.60s has none",
			       str_or_empty(unit));
	}
	if (step == SQLITE_ROW && !read_account(s, out)) {
		sqlite3_finalize(s);
		return sqlite_nomem(err, "reading an account");
	}
	return sqlite_step_done(st, s, step, "reading an account", err);
}

enum mc_code sqlite_bank_account_each(struct store *st,
				      store_bank_account_fn fn, void *ctx,
				      struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc =
		sqlite_prepare(st,
			       "SELECT " ACCOUNT_COLS " FROM bank_accounts"
			       " ORDER BY unit_code",
			       &s, "listing accounts", err);
	if (rc)
		return rc;
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct bank_account a;
		if (!read_account(s, &a)) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "listing accounts");
		}
		int stop = fn(&a, ctx);
		bank_account_release(&a);
		if (stop)
			break;
	}
	return sqlite_step_done(st, s, step, "listing accounts", err);
}

enum mc_code sqlite_notice_add(struct store *st, struct financial_notice *n,
			       struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"INSERT INTO financial_notices(dossier_id, number, notice_day,"
		" amount, due_day, recorded_at, actor)"
		" VALUES((SELECT id FROM dossiers WHERE code = ?),?,?,?,?,?,?)",
		&s, "storing a notice", err);
	if (rc)
		return rc;
	bind_text(s, 1, n->dossier_code);
	bind_text(s, 2, n->number);
	sqlite3_bind_int64(s, 3, n->notice_day);
	sqlite3_bind_int64(s, 4, n->amount);
	sqlite3_bind_int64(s, 5, n->due_day);
	bind_time(s, 6, n->recorded);
	bind_text(s, 7, n->actor);
	int step = sqlite3_step(s);
	if (step == SQLITE_CONSTRAINT) {
		bool unknown = sqlite3_extended_errcode(sq(st)->db) ==
			       SQLITE_CONSTRAINT_NOTNULL;
		sqlite3_finalize(s);
		return unknown ? mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
					 "MaHoSo: dossier \"%.60s\" is not "
					 "known",
					 str_or_empty(n->dossier_code))
			       : mc_fail(err, MC_ERR_CONFLICT, "number",
					 "number: notice %.60s is recorded "
					 "already",
					 str_or_empty(n->number));
	}
	if (step == SQLITE_DONE)
		n->id = sqlite3_last_insert_rowid(sq(st)->db);
	return sqlite_step_done(st, s, step, "storing a notice", err);
}

enum mc_code sqlite_notice_each(struct store *st, const char *dossier_code,
				store_notice_fn fn, void *ctx,
				struct mc_err *err)
{
	sqlite3_stmt *s;
	enum mc_code rc = sqlite_prepare(
		st,
		"SELECT n.id, d.code, n.number, n.notice_day, n.amount,"
		" n.due_day, n.recorded_at, n.actor FROM financial_notices n"
		" JOIN dossiers d ON d.id = n.dossier_id WHERE d.code = ?"
		" ORDER BY n.id",
		&s, "listing notices", err);
	if (rc)
		return rc;
	bind_text(s, 1, dossier_code);
	int step;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		bool ok = true;
		struct financial_notice n;
		financial_notice_init(&n);
		n.id = sqlite3_column_int64(s, 0);
		n.dossier_code = column_strdup(s, 1, &ok);
		n.number = column_strdup(s, 2, &ok);
		n.notice_day = sqlite3_column_int64(s, 3);
		n.amount = sqlite3_column_int64(s, 4);
		n.due_day = sqlite3_column_int64(s, 5);
		n.recorded = column_time(s, 6);
		n.actor = column_strdup(s, 7, &ok);
		int stop = ok ? fn(&n, ctx) : -1;
		financial_notice_release(&n);
		if (stop < 0) {
			sqlite3_finalize(s);
			return sqlite_nomem(err, "listing notices");
		}
		if (stop)
			break;
	}
	return sqlite_step_done(st, s, step, "listing notices", err);
}
