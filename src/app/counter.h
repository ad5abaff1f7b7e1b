/*
 * counter.h - paying at the counter: the account each unit collects fees
 * into, the VietQR of what a dossier owes, reconciling the bank's
 * statement against those QR orders, and cash taken by the cashier.
 * Payments themselves are app/payment.h's orders and outcomes; this
 * module orders them by VietQR or cash and confirms them from a
 * statement or a cashier. docs/internals/vietqr.md.
 */
#ifndef MC_APP_COUNTER_H
#define MC_APP_COUNTER_H

#include "app/app.h"
#include "core/payment.h"
#include "core/vietqr.h"
#include "io/statement.h"

/* The provider of every VietQR order. */
#define VIETQR_PROVIDER "vietqr"
/* The provider of cash taken at the counter. */
#define CASH_PROVIDER "counter"

/* Set unit `a->unit_code`'s collecting account (an administrator of a
 * unit above it or the unit itself, or the operator): the BIN and
 * account are checked as vietqr_payload checks them, the holder is
 * required (at most 70 characters, unaccented as banks show it). */
enum mc_code app_bank_account_set(struct app *app, const struct actor *actor,
				  const struct bank_account *a,
				  struct mc_err *err);
/* The account dossiers of `unit` pay into: the unit's own or its
 * nearest ancestor's; MC_ERR_RULE naming "account" when none has one. */
enum mc_code app_bank_account_for(struct app *app, const char *unit,
				  struct bank_account *out, struct mc_err *err);
enum mc_code app_bank_account_each(struct app *app, store_bank_account_fn fn,
				   void *ctx, struct mc_err *err);

/* What a dossier's QR carries. */
struct vietqr_order {
	struct payment payment; /* the pending VietQR order */
	struct bank_account account;
	char note[VIETQR_NOTE_MAX + 1];
	char payload[VIETQR_PAYLOAD_MAX];
};
void vietqr_order_release(struct vietqr_order *o);

/* Order what dossier `code` owes by VietQR (app_payment_order, method
 * vietqr, provider VIETQR_PROVIDER, no expiry: a transfer may come days
 * later) and make its payload: the unit's account, the exact amount, the
 * dossier code as the purpose. The same pending order is handed back on
 * a second call. Refusals are app_payment_order's, and MC_ERR_RULE
 * naming "account" when the unit has no account. */
enum mc_code app_vietqr_order(struct app *app, const struct actor *actor,
			      const char *code, const char *secret,
			      struct vietqr_order *out, struct mc_err *err);

typedef int (*reconcile_fn)(const struct reconcile_line *r, void *ctx);

/* Mark paid every pending VietQR order that a credit line of s pays: the
 * line names the dossier (vietqr_codes_in) and its amount is the
 * order's to the dong. Each line is settled in its own transaction with
 * the line's identity as the provider's reference (the bank's reference
 * when the file has one, else a digest of day, amount, description and
 * how many identical lines came before), so running the same statement
 * again changes nothing. fn gets every line's verdict, in file order;
 * counts[v] the number of each. Staff see only their units' dossiers. */
enum mc_code app_reconcile(struct app *app, const struct actor *actor,
			   const struct statement *s, reconcile_fn fn,
			   void *ctx, size_t counts[RECONCILE__COUNT],
			   struct mc_err *err);

/* The cashier (a clerk of the dossier's units, or the operator) takes
 * `amount` in cash for what dossier `code` owes: one transaction orders
 * it (method cash, provider CASH_PROVIDER) and settles it paid, so the
 * receipt is issued at once. Refused with nothing changed: another role
 * (MC_ERR_FORBIDDEN naming "role"), a dossier outside the cashier's
 * units (as unknown), an amount that is not what is owed (MC_ERR_INPUT
 * naming "amount", with what is owed), and app_payment_order's refusals. */
enum mc_code app_cash_take(struct app *app, const struct actor *actor,
			   const char *code, int64_t amount,
			   struct payment *out, struct mc_err *err);

#endif
