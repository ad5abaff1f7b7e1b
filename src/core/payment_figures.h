/*
 * payment_figures.h - the payment figures provinces publish: per row the
 * number of payments and their amount, split online (the national
 * platform or a provincial gateway) and at the counter (VietQR transfer
 * or cash), fees and financial obligations, by method, and the shares
 * paid online and without cash; how one payment record adds to the
 * aggregate counters (report.h, AGG_PAY_FIRST on) and how a row is read
 * back from them. Pure functions, no I/O. docs/internals/vietqr.md.
 */
#ifndef MC_CORE_PAYMENT_FIGURES_H
#define MC_CORE_PAYMENT_FIGURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/payment.h"
#include "core/report.h"

/* A financial obligation's payment line has a code that starts so
 * ("NVTC-" and the tax authority's notice number). */
#define OBLIGATION_LINE_PREFIX "NVTC-"

/* A notice of the tax authority: what a dossier's land financial
 * obligation is (nghĩa vụ tài chính về đất đai). Its payment line is
 * OBLIGATION_LINE_PREFIX + number. */
struct financial_notice {
	int64_t id;
	char *dossier_code;
	char *number;           /* the notice's number */
	int64_t notice_day;     /* its date */
	int64_t amount;         /* whole dong */
	int64_t due_day;        /* pay by */
	int64_t recorded;
	char *actor;
};
void financial_notice_init(struct financial_notice *n);
/* A callback over notices; non-zero stops. */
typedef int (*store_notice_fn)(const struct financial_notice *n, void *ctx);
void financial_notice_release(struct financial_notice *n);
/* The payment line code of a notice ("NVTC-" + number) into buf. */
void financial_notice_line(const struct financial_notice *n, char *buf,
			   size_t cap);

/* Whether p pays a financial obligation (its lines are obligation lines)
 * rather than fees. */
bool payment_is_obligation(const struct payment *p);

enum pay_kind { PAY_KIND_FEE = 0, PAY_KIND_OBLIGATION = 1 };

struct pay_cell {
	int64_t count, amount;
};

struct pay_row {
	struct pay_cell by[5][2]; /* [method 1-4][kind]; [0] unused */
};

/* The counter of (method, kind) and part: 0 count, 1 amount / 10,000,
 * 2 amount % 10,000. */
enum agg_counter pay_counter(enum payment_method m, enum pay_kind k, int part);

/* The (counter, value) pairs a paid payment adds on its paid day (*day,
 * Vietnam time); 0 when p adds nothing (not paid, or no paid time). */
struct pay_delta {
	enum agg_counter counter;
	int32_t value;
};
size_t payment_contributions(const struct payment *p, int64_t *day,
			     struct pay_delta out[3]);

/* Add counters summed over a period (agg_added) into row. */
void pay_row_from_counters(struct pay_row *row, const int64_t v[AGG__COUNT]);
/* Add one paid payment (the full scan). */
void pay_row_add(struct pay_row *row, const struct payment *p);
void pay_row_merge(struct pay_row *into, const struct pay_row *row);
bool pay_row_equal(const struct pay_row *a, const struct pay_row *b);

/* The columns: every payment, online, at the counter, fees, financial
 * obligations, one method. */
struct pay_cell pay_row_total(const struct pay_row *r);
struct pay_cell pay_row_online(const struct pay_row *r);
struct pay_cell pay_row_counter(const struct pay_row *r);
struct pay_cell pay_row_kind(const struct pay_row *r, enum pay_kind k);
struct pay_cell pay_row_method(const struct pay_row *r, enum payment_method m);
/* Shares of the number of payments, in hundredths of a percent (-1 for
 * none): paid online; paid without cash. */
int64_t pay_row_online_share(const struct pay_row *r);
int64_t pay_row_cashless_share(const struct pay_row *r);

/* The payments report: one line per child unit (and the unit's own
 * payments), per level of the handling unit, or per method; the lines
 * add up to the total. */
enum pay_by { PAY_BY_UNIT, PAY_BY_LEVEL, PAY_BY_METHOD };
const char *pay_by_key(enum pay_by by); /* "unit", "level", "method" */

struct pay_line {
	char *key;  /* unit code, level ("1"-"3") or method key */
	char *name; /* Vietnamese */
	struct pay_row row;
};

struct pay_table {
	char *unit, *unit_name;
	struct report_period period, counted; /* counted: as of now */
	int64_t as_of; /* MC_NO_TIME once the period has ended */
	enum pay_by by;
	struct pay_line *lines;
	size_t n, cap;
	struct pay_row total;
};
void pay_table_release(struct pay_table *t);
/* A new line (key and name copied); NULL on OOM. */
struct pay_line *pay_table_add(struct pay_table *t, const char *key,
			       const char *name);

#endif
