/*
 * obligation.h - land financial obligations (nghĩa vụ tài chính về đất
 * đai): the officer records the tax authority's notice (number, date,
 * amount, due date), the dossier waits for it (status 6), the citizen
 * pays it online or by VietQR as an order of its own (app/payment.h:
 * while a notice is unpaid, an order covers it alone), and the dossier
 * goes back to processing in the transaction that settles the last
 * unpaid notice. docs/internals/vietqr.md.
 */
#ifndef MC_APP_OBLIGATION_H
#define MC_APP_OBLIGATION_H

#include "app/app.h"
#include "core/payment.h"
#include "core/payment_figures.h"

/* Record notice n for dossier n->dossier_code at `at` and set the dossier
 * waiting for it (request-financial, logged with the notice): by staff
 * who may run that step on the dossier, or the operator. Refused with
 * nothing changed: a number empty or too long ("number"), an amount not
 * above 0 ("amount"), a due date before the notice's date ("due"), a
 * notice number the dossier has already ("number"), and the lifecycle's
 * refusals (a dossier not accepted or processing, outside the actor's
 * units). */
enum mc_code app_obligation_record(struct app *app, const struct actor *actor,
				   struct financial_notice *n, int64_t at,
				   struct dossier *out, struct mc_err *err);

/* A dossier's notices, to whoever may see the dossier. */
enum mc_code app_obligation_list(struct app *app, const struct actor *a,
				 const char *code, store_notice_fn fn,
				 void *ctx, struct mc_err *err);

/* Inside an order's transaction: add to p the lines of d's notices that
 * no paid record among paid[0..n) covers. */
enum mc_code app_obligation_owed(struct app *app, const struct dossier *d,
				 const struct payment *paid, size_t n,
				 struct payment *p, struct mc_err *err);

/* Inside a settlement's transaction, after p was paid: when p pays an
 * obligation and its dossier waits for one with nothing left unpaid, the
 * dossier goes back to processing (fulfil-financial, by the system). */
enum mc_code app_obligation_paid(struct app *app, const struct payment *p,
				 int64_t at, struct mc_err *err);

#endif
