/*
 * gateway.h - paying online through a gateway that speaks VNPay's
 * protocol 2.1.0 (io/vnpay.h): the gateways the operator configures, the
 * signed payment URL a citizen is sent to, the gateway's server-to-server
 * callback (IPN) checked and answered, and the citizen's return, which
 * changes nothing: only a valid callback confirms a payment. See
 * docs/internals/payments.md.
 */
#ifndef MC_APP_GATEWAY_H
#define MC_APP_GATEWAY_H

#include "app/payment.h"
#include "io/vnpay.h"

/* The operator's: add refuses a bad name (letters, digits, '-'), a
 * terminal code that is not 1-16 letters and digits, a secret file that
 * cannot be read or holds fewer than 16 bytes, a URL that is not http(s),
 * a method other than national or provincial. The secret file's path is
 * kept made absolute; the secret itself is read when used. */
enum mc_code app_gateway_add(struct app *app, const struct actor *a,
			     const struct gateway *g, struct mc_err *err);
enum mc_code app_gateway_remove(struct app *app, const struct actor *a,
				const char *name, struct mc_err *err);
typedef int (*app_gateway_fn)(const struct gateway *g, void *ctx);
enum mc_code app_gateway_each(struct app *app, app_gateway_fn fn, void *ctx,
			      struct mc_err *err);

struct checkout {
	const char *code, *secret; /* the dossier, its tracking secret */
	const char *gateway;       /* NULL: the first configured */
	const char *client_ip;     /* vnp_IpAddr */
	bool english;              /* vnp_Locale en, else vn */
	const struct actor *actor;
};

/* Order what the dossier owes through the gateway (app_payment_order)
 * and append to url where to send the citizen: the gateway's pay_url
 * with the signed vnp_ parameters (vnp_TxnRef the order number,
 * vnp_Amount in hundredths, expiry after PAYMENT_ORDER_SECONDS). */
enum mc_code app_gateway_checkout(struct app *app, const struct checkout *c,
				  struct strbuf *url, struct payment *out,
				  struct mc_err *err);

/* What the gateway is answered (RspCode, Message). */
struct ipn_answer {
	char code[3];
	char message[40];
	int64_t order; /* vnp_TxnRef when it was a number, else 0 */
};

/* Check and record a callback: its terminal is a configured gateway's
 * and vnp_SecureHash is the HMAC of the rest under its secret (else
 * "97", MC_ERR_FORBIDDEN naming vnp_SecureHash: nothing is written);
 * the order is that gateway's ("01" when not); the amount is the
 * order's ("04"); the order is still pending and was paid before it
 * expired ("02"). vnp_ResponseCode and vnp_TransactionStatus "00" pay
 * it, anything else fails it. Returns MC_OK when recorded, else why
 * not (for the log); ans is always filled. */
enum mc_code app_gateway_ipn(struct app *app, const struct vnpay_params *q,
			     struct ipn_answer *ans, struct mc_err *err);

/* The citizen back from the gateway: the signature checked as for the
 * callback, then the order as stored (pending until the callback came,
 * whatever the return says). */
enum mc_code app_gateway_return(struct app *app, const struct vnpay_params *q,
				struct payment *out, struct mc_err *err);

#endif
