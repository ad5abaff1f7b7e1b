/*
 * payment_report.h - the payments report over the stored data: how many
 * payments were made in a period and for how much, per child unit, per
 * level or per method, online and at the counter, fees and financial
 * obligations (core/payment_figures.h).
 *
 * app_payment_report answers from the aggregates (agg_added over the
 * period's days: a handful of reads per line whatever the number of
 * payments); app_payment_report_scan reads every paid payment of the
 * period, the slow reference the tests hold the fast path to. Both count
 * a period that has not ended as of app_now.
 */
#ifndef MC_APP_PAYMENT_REPORT_H
#define MC_APP_PAYMENT_REPORT_H

#include "app/app.h"
#include "core/payment_figures.h"

struct pay_query {
	struct report_period period;
	const char *unit; /* NULL: the province */
	enum pay_by by;
};

enum mc_code app_payment_report(struct app *app, const struct pay_query *q,
				struct pay_table *out, struct mc_err *err);
/* The same for `actor` (actor_on_figures on q->unit, which a staff actor
 * must name), in one read view with the check. */
enum mc_code app_payment_report_as(struct app *app, const struct actor *actor,
				   const struct pay_query *q,
				   struct pay_table *out, struct mc_err *err);
enum mc_code app_payment_report_scan(struct app *app, const struct pay_query *q,
				     struct pay_table *out, struct mc_err *err);

#endif
