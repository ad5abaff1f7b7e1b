/*
 * filing.h - the system's part of a new filing (app/filing.c): fees
 * from the catalogue, and the check that the unit offers the procedure.
 * Called by the lifecycle inside the filing's transaction.
 */
#ifndef MC_APP_FILING_H
#define MC_APP_FILING_H

#include "app/app.h"
#include "core/procedure.h"
#include "core/unit.h"

/* Replace d's fees with the procedure's (not yet paid): the online
 * amount when d's channel is online. */
enum mc_code app_filing_fees(struct dossier *d, const struct procedure *p,
			     struct mc_err *err);
/* MC_ERR_RULE naming DonViXuLy and the units that offer p when the unit
 * does not offer it. */
enum mc_code app_filing_offered(struct app *app, const struct procedure *p,
				const char *unit_code, struct mc_err *err);

#endif
