/*
 * statement.h - a bank statement's credit lines, as read from the bank's
 * file (io/statement.h) and reconciled against VietQR orders
 * (app/counter.h).
 */
#ifndef MC_CORE_STATEMENT_H
#define MC_CORE_STATEMENT_H

#include <stddef.h>
#include <stdint.h>

/* The largest statement read, and the longest description kept. */
#define STATEMENT_MAX_BYTES (16 * 1024 * 1024)
#define STATEMENT_MAX_DESCRIPTION 1000

/* One credit to the account. */
struct statement_line {
	int line;          /* in the file, from 1 */
	int64_t day;       /* the transaction's day */
	int64_t amount;    /* whole dong, above 0 */
	char *description; /* as the bank wrote it */
	char *ref;         /* the bank's reference; NULL without a column */
};

struct statement {
	struct statement_line *lines;
	size_t n, cap;
	size_t skipped; /* preamble, header, totals, balances, debits */
};

void statement_init(struct statement *s);
void statement_release(struct statement *s);

/* What reconciliation found for one statement line. */
enum reconcile_verdict {
	RECONCILE_PAID,      /* the QR order of that amount is now paid */
	RECONCILE_ALREADY,   /* this line paid it before: nothing changed */
	RECONCILE_PARTIAL,   /* less than the order: left pending */
	RECONCILE_OVER,      /* more than the order: left pending */
	RECONCILE_DOUBLE,    /* the dossier's QR order was paid already */
	RECONCILE_NO_ORDER,  /* a dossier named, no QR order of it */
	RECONCILE_UNMATCHED, /* no dossier named (or none visible) */
	RECONCILE__COUNT
};
/* "paid", "already", "partial", "over", "double", "no_order",
 * "unmatched"; and the Vietnamese. */
const char *reconcile_verdict_key(enum reconcile_verdict v);
const char *reconcile_verdict_name(enum reconcile_verdict v);

struct reconcile_line {
	const struct statement_line *line;
	enum reconcile_verdict verdict;
	const char *code;   /* the dossier, NULL when unmatched */
	int64_t payment_id; /* the order, 0 when none */
	int64_t owed;       /* the order's amount, 0 when none */
};

#endif
