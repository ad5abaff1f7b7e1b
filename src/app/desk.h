/*
 * desk.h - lists of the staff desks beyond the dossier search
 * (app/desk.c): the transfers a unit sent to other units, which the
 * sender follows after the dossier left its reach.
 */
#ifndef MC_APP_DESK_H
#define MC_APP_DESK_H

#include "app/actor.h"
#include "core/dossier.h"
#include "core/error.h"

struct app;

/* One transfer sent: when, by whom, from which unit to which, the
 * sender's note (NULL when none), and the dossier as it is now (the
 * fields of the staff search: status, unit, times). */
struct app_transfer {
	int64_t at;
	const char *actor;
	const char *from_unit, *to_unit;
	const char *note;
	const struct dossier *now;
};
typedef int (*app_transfer_fn)(const struct app_transfer *t, void *ctx);

#define APP_TRANSFERS_MAX 500

/* The transfers made by staff acting on a unit in the subtree of
 * `unit` (which must lie in the actor's units: MC_ERR_FORBIDDEN naming
 * "unit" otherwise; NULL: the actor's own), newest first, at most
 * `limit` (1..APP_TRANSFERS_MAX). Staff only. */
enum mc_code app_transfers_sent(struct app *app, const struct actor *a,
				const char *unit, int limit, app_transfer_fn fn,
				void *ctx, struct mc_err *err);

#endif
