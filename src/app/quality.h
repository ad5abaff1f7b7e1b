/*
 * quality.h - the data-quality list: every stored dossier with an
 * anomaly (core/dossier.h: odd but usable times an import kept as
 * given), for a period and a unit subtree, one item per dossier and
 * kind with the fields involved and their values. `motcua quality`,
 * GET /api/v1/quality and the leader's dashboard show the same list.
 */
#ifndef MC_APP_QUALITY_H
#define MC_APP_QUALITY_H

#include <stdbool.h>

#include "app/app.h"
#include "core/quality.h"

/* Ordered by unit, reception time and code. MC_ERR_NOT_FOUND naming
 * "unit" for an unknown unit. */
enum mc_code app_quality(struct app *app, const struct quality_query *q,
			 struct quality_list *out, struct mc_err *err);
/* The same for `actor` (actor_on_figures on q->unit, which a staff
 * actor must name), in one read view with the check. */
enum mc_code app_quality_as(struct app *app, const struct actor *actor,
			    const struct quality_query *q,
			    struct quality_list *out, struct mc_err *err);

#endif
