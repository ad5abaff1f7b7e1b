/*
 * vnpay.h - the redirect-and-callback protocol of VNPay's payment
 * gateway, version 2.1.0, as Vietnamese gateways speak it: a payment URL
 * whose vnp_ parameters are sorted by name, URL-encoded and signed with
 * the HMAC-SHA512 of a secret shared with the gateway (vnp_SecureHash,
 * 128 hex digits); the gateway's server-to-server callback (IPN) and the
 * citizen's return carry parameters signed the same way. Amounts travel
 * in hundredths of a dong (vnp_Amount = dong * 100); times as
 * yyyyMMddHHmmss in Vietnam time. See docs/internals/payments.md.
 */
#ifndef MC_IO_VNPAY_H
#define MC_IO_VNPAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/str.h"

#define VNPAY_VERSION "2.1.0"
#define VNPAY_MAX_PARAMS 32
#define VNPAY_MAX_QUERY 4096 /* bytes of a callback's query */
#define VNPAY_HASH_HEX 128

/* The answers an IPN gets (RspCode and Message). */
#define VNPAY_RSP_OK "00"        /* Confirm Success */
#define VNPAY_RSP_NOT_FOUND "01" /* Order not found */
#define VNPAY_RSP_CONFIRMED "02" /* Order already confirmed */
#define VNPAY_RSP_AMOUNT "04"    /* Invalid amount */
#define VNPAY_RSP_SIGNATURE "97" /* Invalid signature */
#define VNPAY_RSP_UNKNOWN "99"   /* Unknown error */

struct vnpay_param {
	char *name, *value; /* decoded */
};

struct vnpay_params {
	struct vnpay_param p[VNPAY_MAX_PARAMS];
	size_t n;
};

void vnpay_params_init(struct vnpay_params *ps);
void vnpay_params_release(struct vnpay_params *ps);
/* Add one (copied); MC_ERR_INPUT naming it when it is there already,
 * MC_ERR_TOO_LARGE past VNPAY_MAX_PARAMS. */
enum mc_code vnpay_add(struct vnpay_params *ps, const char *name,
		       const char *value, struct mc_err *err);
enum mc_code vnpay_add_int(struct vnpay_params *ps, const char *name,
			   int64_t value, struct mc_err *err);
/* The value of a parameter, NULL when absent. */
const char *vnpay_get(const struct vnpay_params *ps, const char *name);

/* Read a query string (name=value&..., %XX and '+' decoded): refuses a
 * query over VNPAY_MAX_QUERY bytes, a bad escape, a name twice, more
 * than VNPAY_MAX_PARAMS parameters, a value that is not UTF-8. */
enum mc_code vnpay_parse(const char *query, struct vnpay_params *out,
			 struct mc_err *err);

/* Append s URL-encoded as the gateway signs it: letters, digits and
 * "-_." as they are, space as '+', every other byte %XX. */
void vnpay_encode(struct strbuf *sb, const char *s);
/* The text that is signed: every vnp_ parameter but vnp_SecureHash and
 * vnp_SecureHashType, sorted by name (bytes), name=value encoded,
 * joined by '&'. */
void vnpay_sign_data(const struct vnpay_params *ps, struct strbuf *out);
/* HMAC-SHA512 of data under key, as 128 lowercase hex digits. */
void vnpay_hmac(const char *key, size_t key_len, const char *data, size_t len,
		char hex[VNPAY_HASH_HEX + 1]);
/* base "?" the signed data "&vnp_SecureHash=" its HMAC: a payment URL,
 * or a callback's query when base is NULL. */
void vnpay_signed_query(const struct vnpay_params *ps, const char *base,
			const char *secret, size_t secret_len,
			struct strbuf *out);
/* Whether vnp_SecureHash (hex, either case) is the HMAC of the rest;
 * compared in constant time. */
bool vnpay_verify(const struct vnpay_params *ps, const char *secret,
		  size_t secret_len);

#endif
