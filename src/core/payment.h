/*
 * payment.h - a payment of a dossier's fees: the fee lines it covers,
 * the amount in whole dong, how it is paid (the national payment
 * platform, a provincial gateway, a VietQR bank transfer, cash at the
 * counter), who carried it and their reference, and its status. What
 * the portal format says of a paid dossier (DuocThanhToanTrucTuyen, each
 * fee's HinhThucThu) follows from its paid records. Receipts (biên lai)
 * are numbered per unit and year. See docs/internals/payments.md.
 */
#ifndef MC_CORE_PAYMENT_H
#define MC_CORE_PAYMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/error.h"
#include "core/str.h"

enum payment_method {
	PAY_NATIONAL = 1,   /* the National Public Service Portal's platform */
	PAY_PROVINCIAL = 2, /* a provincial payment gateway */
	PAY_VIETQR = 3,     /* bank transfer to the unit's account by VietQR */
	PAY_CASH = 4        /* cash at the counter */
};

enum payment_status {
	PAYMENT_PENDING = 1,
	PAYMENT_PAID = 2,
	PAYMENT_FAILED = 3,
	PAYMENT_EXPIRED = 4,
	PAYMENT_REFUNDED = 5
};

/* One fee line a payment covers, as it was charged when ordered. */
struct payment_line {
	char *code, *name;
	int64_t amount;
};

struct payment {
	int64_t id; /* the order number, given by the store */
	char *dossier_code;
	char *unit_code; /* the dossier's unit when ordered */
	struct payment_line *lines;
	size_t n_lines, cap_lines;
	int64_t amount; /* whole dong, the sum of the lines */
	enum payment_method method;
	char *provider;     /* the gateway's name, the bank, "counter" */
	char *provider_ref; /* the provider's transaction; NULL until known */
	enum payment_status status;
	int64_t created, expires, paid, updated; /* MC_NO_TIME: none */
	char *actor;                             /* who ordered it */
	char *note; /* why it failed, expired or was refunded */
};

/* An electronic receipt (biên lai thu phí, lệ phí điện tử) of a paid
 * payment: series and number per issuing unit and year, without gaps;
 * cancelled with a reason, never deleted. */
struct receipt {
	int64_t id, payment_id;
	char *unit_code;
	int year;     /* Vietnam time, of issue */
	char *series; /* e.g. "BL-2026" */
	int64_t number;
	int64_t issued, cancelled; /* cancelled MC_NO_TIME: valid */
	char *cancel_reason, *cancelled_by;
};
/* A payment gateway the system sends citizens to (VNPay's protocol,
 * io/vnpay.h): its name (the payments' provider), the terminal code the
 * gateway gave, the file holding the shared secret (read when used,
 * never stored), where payments start and where the citizen comes
 * back, and the method its payments are (national or provincial). */
struct gateway {
	char *name, *terminal, *secret_file, *pay_url, *return_url;
	enum payment_method method;
	int64_t created;
};
void gateway_init(struct gateway *g);
void gateway_release(struct gateway *g);

void receipt_init(struct receipt *r);
void receipt_release(struct receipt *r);

void payment_init(struct payment *p);
void payment_release(struct payment *p);
bool payment_copy(struct payment *dst, const struct payment *src);

/* "national", "provincial", "vietqr", "cash"; NULL when not a method. */
const char *payment_method_key(enum payment_method m);
const char *payment_method_name(enum payment_method m); /* Vietnamese */
enum mc_code payment_method_parse(const char *s, enum payment_method *out,
				  const char *field, struct mc_err *err);
/* "pending", "paid", "failed", "expired", "refunded". */
const char *payment_status_key(enum payment_status s);
const char *payment_status_name(enum payment_status s); /* Vietnamese */
/* Whether a status may follow another: pending to paid, failed or
 * expired; paid to refunded; nothing else. */
bool payment_status_may_follow(enum payment_status from,
			       enum payment_status to);

/* Paid through the internet (national platform or provincial gateway):
 * what DuocThanhToanTrucTuyen counts. */
bool payment_method_online(enum payment_method m);
/* The portal's HinhThucThu of a fee paid so: 1 cash, 2 bank transfer,
 * 3 online. */
int payment_method_portal(enum payment_method m);

/* An amount of dong in Vietnamese words, as a receipt writes it
 * ("Năm mươi nghìn đồng"), appended to sb; 0 to 10^18 - 1. */
void payment_amount_words(int64_t dong, struct strbuf *sb);

/* What a dossier still owes: the sum of its fee lines (exempted lines
 * are 0) less what its paid records cover. */
int64_t payment_owed(const struct dossier *d, const struct payment *paid,
		     size_t n);
/* Set the dossier's DuocThanhToanTrucTuyen and each fee's HinhThucThu
 * from its records (only paid ones count; the latest online one names
 * the platform). A fee no paid record covers keeps method 0. */
void payment_apply(struct dossier *d, const struct payment *records, size_t n);

#endif
