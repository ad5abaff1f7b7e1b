/*
 * catalog.c - the public catalogue's reads (see catalog.h).
 */
#include "app/catalog.h"

#include "store/store.h"

enum mc_code app_unit_get(struct app *app, const char *code, struct unit *out,
			  struct mc_err *err)
{
	return store_unit_get(app->st, code, out, err);
}

enum mc_code app_unit_each(struct app *app, app_unit_fn fn, void *ctx,
			   struct mc_err *err)
{
	bool opened = store_read_begin(app->st);
	enum mc_code rc = store_unit_each(app->st, fn, ctx, err);
	store_read_end(app->st, opened);
	return rc;
}

enum mc_code app_procedure_get(struct app *app, const char *code,
			       struct procedure *out, struct mc_err *err)
{
	return store_procedure_get(app->st, code, out, err);
}

enum mc_code app_procedure_each(struct app *app, app_procedure_fn fn, void *ctx,
				struct mc_err *err)
{
	bool opened = store_read_begin(app->st);
	enum mc_code rc = store_procedure_each(app->st, fn, ctx, err);
	store_read_end(app->st, opened);
	return rc;
}

enum mc_code app_calendar_each(struct app *app, app_calendar_fn fn, void *ctx,
			       struct mc_err *err)
{
	return store_calendar_each(app->st, fn, ctx, err);
}
