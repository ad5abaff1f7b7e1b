/*
 * catalog.h - the public catalogue as the edges read it: units,
 * procedures and the administrator's calendar rows. Anyone may read
 * them; each read is one statement of the store, or one read view for
 * the walks.
 */
#ifndef MC_APP_CATALOG_H
#define MC_APP_CATALOG_H

#include "app/app.h"
#include "core/calendar.h"
#include "core/procedure.h"
#include "core/unit.h"

/* MC_ERR_NOT_FOUND naming the code when unknown; the caller releases
 * *out. */
enum mc_code app_unit_get(struct app *app, const char *code, struct unit *out,
			  struct mc_err *err);
typedef int (*app_unit_fn)(const struct unit *u, void *ctx);
/* Every unit by code; fn returns non-zero to stop. */
enum mc_code app_unit_each(struct app *app, app_unit_fn fn, void *ctx,
			   struct mc_err *err);

enum mc_code app_procedure_get(struct app *app, const char *code,
			       struct procedure *out, struct mc_err *err);
typedef int (*app_procedure_fn)(const struct procedure *p, void *ctx);
enum mc_code app_procedure_each(struct app *app, app_procedure_fn fn, void *ctx,
				struct mc_err *err);

typedef int (*app_calendar_fn)(const struct calendar_override *o, void *ctx);
/* The administrator's calendar rows by day. */
enum mc_code app_calendar_each(struct app *app, app_calendar_fn fn, void *ctx,
			       struct mc_err *err);

#endif
