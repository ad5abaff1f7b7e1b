/*
 * dossier.h - reading dossiers for the edges: one dossier with its
 * event log, the staff's search of their units, the counts by status,
 * and the daily share of a unit's online filings. Each read runs in one
 * read view of the store and checks the actor inside it: staff see the
 * dossiers handled in their units, the citizen the one whose tracking
 * secret they hold, the operator everything.
 */
#ifndef MC_APP_DOSSIER_H
#define MC_APP_DOSSIER_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/event.h"
#include "core/search.h"

/* What to read of one dossier, and as whom. */
struct dossier_read {
	const struct actor *actor;
	const char *code;
	/* the tracking secret: required of the citizen; from staff it must
	 * match too when given (the counter prints it on form 01) */
	const char *secret;
	dossier_event_fn events; /* each event of its log, oldest first;
				    NULL: not the log */
	void *ctx;
};

/* Read dossier rq->code into *out (the caller releases it) and, with
 * rq->events, its log. A dossier the actor may not see answers as an
 * unknown code, MC_ERR_NOT_FOUND naming "MaHoSo" (outside a staff
 * account's units), or naming "code" when a secret was given or is
 * required (the citizen) and is not its own: an unknown code is then
 * checked against a dummy secret, the same work as a wrong one.
 * *secret_checked (may be NULL) tells whether a secret was compared. */
enum mc_code app_dossier_read(struct app *app, const struct dossier_read *rq,
			      struct dossier *out, bool *secret_checked,
			      struct mc_err *err);

/* The staff search (core/search.h) of q->unit_root, which must lie in
 * the actor's units (MC_ERR_FORBIDDEN naming "unit" if not). The
 * dossiers passed carry only id, code, procedure code and name, unit,
 * channel, applicant name and id, status, times and supplement rounds;
 * fn returns non-zero to stop. */
typedef int (*app_dossier_fn)(const struct dossier *d, void *ctx);
enum mc_code app_dossier_search(struct app *app, const struct actor *actor,
				const struct dossier_query *q,
				app_dossier_fn fn, void *ctx,
				struct mc_err *err);

/* counts[s] = the number of dossiers with status s, for s in 1..10. */
enum mc_code app_dossier_counts(struct app *app, int64_t counts[11],
				struct mc_err *err);

/* One of `unit`'s `limit` online filings of civil day `day`, taken in
 * one step so that concurrent filings cannot overrun the share: *taken
 * false when they are all used. An unknown unit takes none and answers
 * MC_OK with *taken false and *known false (the filing is refused by
 * name later). app_online_share_give gives one back when the filing
 * failed after all. */
enum mc_code app_online_share_take(struct app *app, const char *unit,
				   int64_t day, int limit, bool *known,
				   bool *taken, struct mc_err *err);
enum mc_code app_online_share_give(struct app *app, const char *unit,
				   int64_t day, struct mc_err *err);

#endif
