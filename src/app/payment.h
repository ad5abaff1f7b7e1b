/*
 * payment.h - paying a dossier's fees: orders, their outcomes, a staff
 * member's exemption, and the list of a dossier's payments. Each call is
 * one transaction that checks its actor inside it and logs the step in
 * the dossier's event log. A payment is confirmed only by an outcome
 * (a gateway's checked callback, a reconciled bank statement, the
 * cashier), never by the citizen. See docs/internals/payments.md.
 */
#ifndef MC_APP_PAYMENT_H
#define MC_APP_PAYMENT_H

#include "app/app.h"
#include "core/payment.h"

/* How long a gateway order may be paid by default. */
#define PAYMENT_ORDER_SECONDS (15 * 60)

struct payment_order {
	const char *code; /* the dossier */
	enum payment_method method;
	const char *provider; /* the gateway, the bank, "counter" */
	int64_t expires;      /* MC_NO_TIME: no limit */
	int64_t at;           /* MC_NO_TIME: now */
	const struct actor *actor;
	/* A citizen actor: the dossier's tracking secret, checked here
	 * against its stored hash; a wrong one is answered as an unknown
	 * dossier. */
	const char *secret;
};

/* Order what dossier `code` still owes: its fee lines no paid payment
 * covers. A live pending order of the same method and provider is
 * handed back as it is (paying twice on a second click is not
 * possible); any other pending order is expired by the new one. A
 * citizen may order online or VietQR payments only; staff in the
 * dossier's units and the operator any. Refused: a dossier of an old
 * system (its payments are that system's; MC_ERR_RULE), one refused,
 * withdrawn or stopped (MC_ERR_STATE), one that owes nothing
 * (MC_ERR_STATE naming DanhSachLePhi). */
enum mc_code app_payment_order(struct app *app, const struct payment_order *o,
			       struct payment *out, struct mc_err *err);

/* What a provider (or the cashier, or a bank statement) says of order
 * `id`. */
struct payment_outcome {
	int64_t id;
	enum payment_status status; /* paid, failed, expired or refunded */
	const char *provider;       /* NULL: not checked */
	const char *provider_ref;   /* the provider's transaction */
	int64_t amount;  /* paid: must be the order's amount exactly */
	int64_t paid_at; /* paid: when the provider took the money */
	int64_t at;      /* when the outcome arrived; MC_NO_TIME: now */
	const char *note;
	const struct actor *actor; /* the operator (a gateway's callback runs
				      as one) or staff in the units */
};

/* Record the outcome. Refused with nothing changed: an unknown order
 * (MC_ERR_NOT_FOUND naming "payment"), another provider's
 * (MC_ERR_INPUT naming "provider"), another amount (MC_ERR_INPUT naming
 * "amount"), an order no longer pending (MC_ERR_STATE naming "payment":
 * "already confirmed" to a gateway), a payment made after the order
 * expired (MC_ERR_STATE naming "expires"). A paid order sets the
 * dossier's DuocThanhToanTrucTuyen and its fees' HinhThucThu
 * (payment_apply) and issues its receipt. */
enum mc_code app_payment_settle(struct app *app,
				const struct payment_outcome *o,
				struct payment *out, struct mc_err *err);

/* The two above inside a transaction the caller holds, at `at` (cash
 * at the counter is ordered and settled in one). */
enum mc_code app_payment_order_within(struct app *app,
				      const struct payment_order *o, int64_t at,
				      struct payment *out, struct mc_err *err);
enum mc_code app_payment_settle_within(struct app *app,
				       const struct payment_outcome *o,
				       int64_t at, struct payment *p,
				       struct mc_err *err);

/* A dossier's fees as its payments leave them, and its payments oldest
 * first with their receipts, for whoever may see the dossier (staff in
 * its units, the operator, the citizen with its secret). */
struct payment_entry {
	struct payment p;
	struct receipt r; /* r.id 0: none */
};
struct payment_statement {
	char *code;         /* the dossier */
	int64_t charged;    /* the fee lines' sum (exempted lines 0) */
	int64_t paid;       /* paid payments */
	int64_t owed;       /* what is left */
	enum fee_due due;   /* the procedure's step that waits for it */
	bool numbered_here; /* else its fees were an old system's */
	struct payment_entry *e;
	size_t n, cap;
};
void payment_statement_release(struct payment_statement *s);
enum mc_code app_payment_statement(struct app *app, const struct actor *a,
				   const char *code, const char *secret,
				   struct payment_statement *out,
				   struct mc_err *err);

/* The printable receipt (io/pdf_fee.h) of paid order `id` of dossier
 * `code`, appended to out, for whoever may see the dossier;
 * MC_ERR_NOT_FOUND naming "receipt" when the order has none. */
enum mc_code app_receipt_pdf(struct app *app, const struct actor *a,
			     const char *code, const char *secret, int64_t id,
			     bool a4, struct strbuf *out, struct mc_err *err);

/* Cancel the receipt of order `id` of dossier `code` with its reason
 * (staff in the dossier's units, the operator): kept, marked cancelled,
 * logged; MC_ERR_STATE when cancelled already. */
enum mc_code app_receipt_cancel(struct app *app, const struct actor *a,
				const char *code, int64_t id,
				const char *reason, struct mc_err *err);

/* Staff record that dossier `code` is exempt from fee line `fee_code`,
 * with its legal reason (required): the line is charged 0 from then on
 * and the step is logged with the amount it had. Refused: a line
 * already paid, exempted or covered by a pending order (MC_ERR_STATE),
 * an unknown line (MC_ERR_NOT_FOUND naming MaPhiLePhi), a citizen
 * (MC_ERR_FORBIDDEN). */
enum mc_code app_fee_exempt(struct app *app, const struct actor *a,
			    const char *code, const char *fee_code,
			    const char *reason, struct dossier *out,
			    struct mc_err *err);

/* Inside the lifecycle's transaction: MC_ERR_RULE naming DanhSachLePhi
 * and the unpaid amount when `op` is the step dossier d's procedure
 * holds for payment (start for "processing", return for both) and d,
 * numbered here, still owes. */
enum mc_code app_payment_gate(struct app *app, const struct dossier *d,
			      const struct procedure *p, enum dossier_op op,
			      struct mc_err *err);

#endif
