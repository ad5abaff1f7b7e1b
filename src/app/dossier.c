/*
 * dossier.c - reading dossiers for the edges, each in one read view
 * with the actor checked inside it (see dossier.h).
 */
#include "app/dossier.h"

#include <sodium.h>
#include <string.h>

#include "app/account.h"
#include "core/str.h"
#include "store/store.h"

/* BLAKE2b of nothing anyone holds: what an unknown code is compared
 * against. */
static const char dummy_secret_hash[65] =
	"0000000000000000000000000000000000000000000000000000000000000000";

/* Whether `secret` is the tracking secret of dossier `code` (NULL:
 * none). An unknown dossier reads the secret of code "", as a known one
 * reads its own: the same lookup, then the same hash. */
static enum mc_code secret_check(struct app *app, const char *code,
				 const char *secret, bool *match,
				 struct mc_err *err)
{
	char want[129], got[65];
	enum mc_code rc = store_dossier_secret_get(app->st, str_or_empty(code),
						   want, sizeof(want), err);
	if (rc && rc != MC_ERR_NOT_FOUND)
		return rc;
	bool stored = !rc && strlen(want) == 64;
	if (!stored)
		memcpy(want, dummy_secret_hash, sizeof(dummy_secret_hash));
	bool given = secret && strlen(secret) <= 256;
	account_token_hash(given ? secret : "", got);
	*match = sodium_memcmp(want, got, 64) == 0 && stored && given && code;
	return MC_OK;
}

/* Whether the actor may see dossier d (NULL: unknown code), inside the
 * read view. */
static enum mc_code may_see(struct app *app, const struct dossier_read *rq,
			    const struct dossier *d, bool *seen, bool *checked,
			    struct mc_err *err)
{
	const struct actor *a = rq->actor;
	*seen = d != NULL;
	if ((a->role & ROLE_CITIZEN) || !str_empty(rq->secret)) {
		bool match = false;
		enum mc_code rc = secret_check(app, d ? d->code : NULL,
					       rq->secret, &match, err);
		if (rc)
			return rc;
		*checked = true;
		*seen = *seen && match;
	}
	if (*seen && (a->role & ROLE_STAFF))
		return app_unit_in_scope(app, a->unit, d->unit_code, seen, err);
	return MC_OK;
}

static enum mc_code read_in_view(struct app *app, const struct dossier_read *rq,
				 struct dossier *out, bool *checked,
				 struct mc_err *err)
{
	bool seen;
	enum mc_code rc = store_dossier_get(app->st, rq->code, out, err);
	if (rc && rc != MC_ERR_NOT_FOUND)
		return rc;
	bool known = rc == MC_OK;
	if ((rc = may_see(app, rq, known ? out : NULL, &seen, checked, err)) ==
		    MC_OK &&
	    !seen)
		rc = *checked ? mc_fail_as(
					err, MC_ERR_NOT_FOUND, "code",
					"tracking_unknown",
					"no dossier with this code and secret")
			      : mc_fail_as(err, MC_ERR_NOT_FOUND, "MaHoSo",
					   "dossier_unknown",
					   "MaHoSo: dossier \"%.60s\" is not "
					   "known",
					   str_or_empty(rq->code));
	if (!rc && rq->events)
		rc = store_event_each(app->st, out->code, rq->events, rq->ctx,
				      err);
	if (rc && known)
		dossier_release(out);
	return rc;
}

enum mc_code app_dossier_read(struct app *app, const struct dossier_read *rq,
			      struct dossier *out, bool *secret_checked,
			      struct mc_err *err)
{
	const struct actor *a = rq->actor;
	bool checked = false;
	if (secret_checked)
		*secret_checked = false;
	dossier_init(out);
	if (!a || !actor_role_name(a->role) || str_empty(a->name))
		return mc_fail(err, MC_ERR_FORBIDDEN, "actor",
			       "actor: a read needs a named actor with one "
			       "role");
	bool opened = store_read_begin(app->st);
	enum mc_code rc = read_in_view(app, rq, out, &checked, err);
	store_read_end(app->st, opened);
	if (secret_checked)
		*secret_checked = checked;
	return rc;
}

enum mc_code app_dossier_search(struct app *app, const struct actor *actor,
				const struct dossier_query *q,
				app_dossier_fn fn, void *ctx,
				struct mc_err *err)
{
	bool opened = store_read_begin(app->st);
	enum mc_code rc = actor_on_unit(app, actor, q->unit_root, err);
	if (!rc)
		rc = store_dossier_search(app->st, q, fn, ctx, err);
	store_read_end(app->st, opened);
	return rc;
}

enum mc_code app_dossier_counts(struct app *app, int64_t counts[11],
				struct mc_err *err)
{
	return store_dossier_count_by_status(app->st, counts, err);
}

enum mc_code app_online_share_take(struct app *app, const char *unit,
				   int64_t day, int limit, bool *known,
				   bool *taken, struct mc_err *err)
{
	struct unit u;
	*known = *taken = false;
	enum mc_code rc = str_empty(unit)
				  ? MC_ERR_NOT_FOUND
				  : store_unit_get(app->st, unit, &u, err);
	if (rc == MC_ERR_NOT_FOUND)
		return MC_OK;
	if (rc)
		return rc;
	unit_release(&u);
	*known = true;
	return store_online_share_take(app->st, unit, day, limit, taken, err);
}

enum mc_code app_online_share_give(struct app *app, const char *unit,
				   int64_t day, struct mc_err *err)
{
	return store_online_share_give(app->st, unit, day, err);
}
