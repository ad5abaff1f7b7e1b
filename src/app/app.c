/*
 * app.c - the application handle: store plus calendar (see app.h).
 */
#include "app/app.h"

#include <string.h>
#include <time.h>

#include "aggregates/agg.h"
#include "core/civil.h"
#include "docstore/docstore.h"
#include "io/holiday_decisions.h"
#include "io/holiday_rules.h"
#include "pki/pki.h"
#include "store/store.h"

static int add_override(const struct calendar_override *o, void *ctx)
{
	struct app *app = ctx;
	return calendar_add_override(&app->cal, o, NULL) != MC_OK;
}

enum mc_code app_reload_calendar(struct app *app, struct mc_err *err)
{
	enum mc_code rc =
		store_calendar_changes(app->st, &app->cal_changes, err);
	calendar_release(&app->cal);
	calendar_init(&app->cal, app->rules);
	calendar_use_decisions(&app->cal, app->decisions);
	return rc ? rc : store_calendar_each(app->st, add_override, app, err);
}

enum mc_code app_calendar_fresh(struct app *app, struct mc_err *err)
{
	int64_t gen;
	enum mc_code rc = store_calendar_changes(app->st, &gen, err);
	if (rc || gen == app->cal_changes)
		return rc;
	return app_reload_calendar(app, err);
}

enum mc_code app_units(struct app *app, const struct unit_tree **out,
		       struct mc_err *err)
{
	int64_t gen;
	enum mc_code rc = store_unit_changes(app->st, &gen, err);
	if (rc)
		return rc;
	if (gen != app->tree_changes) {
		unit_tree_release(&app->tree);
		app->tree_changes = -1;
		if ((rc = unit_tree_load(app->st, &app->tree, err))) {
			unit_tree_release(&app->tree);
			return rc;
		}
		app->tree_changes = gen;
	}
	*out = &app->tree;
	return MC_OK;
}

enum mc_code app_dossier_put(struct app *app, struct dossier *d,
			     int *old_status, struct mc_err *err)
{
	struct store *st = app->st;
	bool own = !store_in_transaction(st);
	enum mc_code rc = own ? store_begin(st, err) : MC_OK;
	struct dossier old;
	dossier_init(&old);
	if (!rc)
		rc = store_dossier_put(st, d, &old, err);
	struct agg *a = agg_of(st);
	if (!rc && a)
		rc = agg_replace(a, &old, d, err);
	if (old_status)
		*old_status = !rc && old.code ? (int)old.status : 0;
	dossier_release(&old);
	return own ? store_finish(st, rc, err) : rc;
}

enum mc_code app_open(const char *db_path, struct app *app, struct mc_err *err)
{
	return app_open_with(&(struct store_options){.location = db_path}, app,
			     err);
}

enum mc_code app_open_with(const struct store_options *o, struct app *app,
			   struct mc_err *err)
{
	memset(app, 0, sizeof(*app));
	app->tree_changes = -1;
	app->now = MC_NO_TIME;
	enum mc_code rc = holiday_rules_default(&app->rules, err);
	if (!rc && (rc = holiday_decisions_default(&app->decisions, err)))
		holiday_rules_free(app->rules);
	if (rc)
		return rc;
	calendar_init(&app->cal, app->rules);
	calendar_use_decisions(&app->cal, app->decisions);
	if ((rc = agg_store_open_with(o, &app->st, &app->agg, err)) ||
	    (rc = app_reload_calendar(app, err))) {
		app_close(app);
		return rc;
	}
	return MC_OK;
}

void app_close(struct app *app)
{
	store_close(app->st);
	docstore_close(app->files);
	unit_tree_release(&app->tree);
	calendar_release(&app->cal);
	holiday_rules_free(app->rules);
	holiday_decisions_free(app->decisions);
	pki_close(app->pki);
	memset(app, 0, sizeof(*app));
}

int app_schema_version(struct app *app)
{
	return store_schema_version(app->st);
}

void app_busy_timeout(struct app *app, int ms)
{
	store_busy_timeout(app->st, ms);
}

bool app_read_begin(struct app *app) { return store_read_begin(app->st); }

void app_read_end(struct app *app, bool opened)
{
	store_read_end(app->st, opened);
}

int64_t app_now(const struct app *app)
{
	return app->now != MC_NO_TIME ? app->now : (int64_t)time(NULL);
}

enum mc_code app_office_hours(struct app *app, const char *unit_code,
			      struct office_hours *oh, struct mc_err *err)
{
	struct unit u;
	enum mc_code rc = store_unit_get(app->st, unit_code, &u, err);
	if (rc)
		return rc;
	if (u.office_hours)
		rc = office_hours_parse(u.office_hours, oh, "office_hours",
					err);
	else
		office_hours_default(oh);
	unit_release(&u);
	return rc;
}
