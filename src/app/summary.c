/*
 * summary.c - the reports behind a published summary (see summary.h).
 */
#include "app/summary.h"

#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "store/store.h"

enum mc_code app_summary(struct app *app, const struct summary_query *q,
			 struct summary *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	struct report_query rq = {.unit = q->unit,
				  .by = REPORT_BY_UNIT,
				  .level = q->level,
				  .min_resolved = q->min_resolved};
	enum mc_code rc =
		report_period_parse(q->period, q->cutoff ? q->cutoff : 15,
				    &rq.period, "period", err);
	if (rc)
		return rc;
	report_period_title(q->period, out->title, sizeof(out->title));
	if (!str_set(&out->period, q->period))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	/* both reports from the same state of the data */
	bool snapshot = store_read_begin(app->st);
	rc = app_report(app, &rq, &out->units, err);
	if (!rc) {
		struct report_query lq = {.period = rq.period,
					  .unit = q->unit,
					  .by = REPORT_BY_LEVEL};
		rc = app_report(app, &lq, &out->levels, err);
	}
	store_read_end(app->st, snapshot);
	if (rc)
		summary_release(out);
	return rc;
}

struct summary_call {
	const struct summary_query *q;
	struct summary *out;
};

static enum mc_code summary_call(struct app *app, void *ctx, struct mc_err *err)
{
	struct summary_call *c = ctx;
	return app_summary(app, c->q, c->out, err);
}

enum mc_code app_summary_as(struct app *app, const struct actor *actor,
			    const struct summary_query *q, struct summary *out,
			    struct mc_err *err)
{
	struct summary_call c = {q, out};
	memset(out, 0, sizeof(*out));
	return app_figures_as(app, actor, q->unit, summary_call, &c, err);
}
