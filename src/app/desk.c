/*
 * desk.c - the transfers a unit sent (app/desk.h). A dossier moved to
 * another unit is outside the sender's scope, so the search no longer
 * shows it; this list does, with its status as it is now, so that the
 * sender can follow the inter-agency step (liên thông) up. It shows
 * only the summary of the search, never the dossier's file or log.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/desk.h"
#include "store/store.h"

struct sent {
	app_transfer_fn fn;
	void *ctx;
};

/* The event's note is "from OLD" or "from OLD: the sender's note"
 * (app/lifecycle.c). */
static int see_transfer(const struct dossier_event *ev, const struct dossier *d,
			void *ctx)
{
	struct sent *s = ctx;
	char from[64] = "";
	const char *note = NULL, *n = ev->note ? ev->note : "";
	if (strncmp(n, "from ", 5) == 0) {
		size_t len = strcspn(n + 5, ":");
		snprintf(from, sizeof(from), "%.*s", (int)len, n + 5);
		if (n[5 + len] == ':')
			note = n + 5 + len + 1 + (n[6 + len] == ' ');
	}
	struct app_transfer t = {
		.at = ev->at,
		.actor = ev->actor,
		.from_unit = from,
		.to_unit = ev->unit_code,
		.note = note && *note ? note : NULL,
		.now = d,
	};
	return s->fn(&t, s->ctx);
}

enum mc_code app_transfers_sent(struct app *app, const struct actor *a,
				const char *unit, int limit, app_transfer_fn fn,
				void *ctx, struct mc_err *err)
{
	if (!(a->role & ROLE_STAFF))
		return mc_fail(err, MC_ERR_FORBIDDEN, "role",
			       "role: only staff see the transfers sent");
	if (limit < 1 || limit > APP_TRANSFERS_MAX)
		return mc_fail(err, MC_ERR_INPUT, "limit",
			       "limit: must be 1-%d", APP_TRANSFERS_MAX);
	const char *root = unit ? unit : a->unit;
	if (!app_in_scope(app, a->unit, root))
		return mc_fail(err, MC_ERR_FORBIDDEN, "unit",
			       "unit: \"%s\" is outside your units", root);
	struct sent s = {fn, ctx};
	return store_transfer_each(app->st, root, limit, see_transfer, &s, err);
}
