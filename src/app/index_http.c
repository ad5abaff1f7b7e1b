/*
 * index_http.c - single ratings and feedback as the portal and the staff
 * pages send them (see index_http.h). The imports take whole files of
 * the same facts; these take one, with the checks a live citizen needs:
 * a rating only for a returned result, and only once.
 */
#include <string.h>

#include "app/index.h"
#include "app/index_http.h"
#include "core/civil.h"
#include "store/store.h"

/* Inside the transaction: returned and not rated yet. */
static enum mc_code may_rate(struct store *st, const char *code,
			     struct mc_err *err)
{
	int64_t n;
	int status;
	enum mc_code rc = store_dossier_status(st, code, &status, err);
	if (rc)
		return rc;
	if (status != ST_RETURNED)
		return mc_fail_as(err, MC_ERR_STATE, "code", "not_returned",
				  "a dossier can be "
				  "rated once its result is returned");
	if ((rc = store_rating_count(st, code, &n, err)))
		return rc;
	if (n > 0)
		return mc_fail_as(err, MC_ERR_CONFLICT, "code", "already_rated",
				  "this dossier has been rated already");
	return MC_OK;
}

enum mc_code app_rating_submit(struct app *app, const char *code,
			       const char *rating, const char *channel,
			       int64_t at, struct mc_err *err)
{
	struct rating r = {.dossier_code = code, .at = at, .channel = channel};
	enum mc_code rc;
	if ((rc = index_rating_parse(rating, &r.value, err)) ||
	    (rc = store_begin(app->st, err)))
		return rc;
	rc = may_rate(app->st, code, err);
	if (!rc)
		rc = store_rating_put(app->st, &r, err);
	return store_finish(app->st, rc, err);
}

enum mc_code app_feedback_submit(struct app *app, const char *id,
				 const char *unit, const char *dossier,
				 const char *body, int64_t at,
				 struct mc_err *err)
{
	struct feedback f = {.id = id,
			     .unit_code = unit,
			     .dossier_code = dossier,
			     .received_at = at,
			     .answered_at = MC_NO_TIME};
	struct feedback_row old;
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	/* put replaces by id; a new submission must never do that */
	rc = store_feedback_get(app->st, id, &old, NULL);
	if (rc == MC_OK) {
		feedback_row_release(&old);
		rc = mc_fail(err, MC_ERR_CONFLICT, "id",
			     "feedback \"%.60s\" exists", id);
	} else {
		rc = store_feedback_put(app->st, &f, err);
	}
	if (!rc)
		rc = store_feedback_body_put(app->st, id, body, err);
	return store_finish(app->st, rc, err);
}

/* Inside the transaction: the feedback is known and about a unit of
 * the actor's; outside them it is worded as unknown. */
static enum mc_code may_answer(struct app *app, const struct actor *a,
			       const char *id, struct mc_err *err)
{
	struct feedback_row f;
	if (!a || !(a->role & (ROLE_STAFF | ROLE_OPERATOR)))
		return actor_on_unit(app, a, NULL, err); /* names the actor */
	enum mc_code rc = store_feedback_get(app->st, id, &f, err);
	if (!rc) {
		rc = actor_on_unit(app, a, f.unit_code, err);
		feedback_row_release(&f);
	}
	/* outside one's units as unknown; a failure of the store as itself */
	if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_FORBIDDEN)
		return mc_fail(err, MC_ERR_NOT_FOUND, "id",
			       "feedback \"%.60s\" is not known", id);
	return rc;
}

enum mc_code app_feedback_answer(struct app *app, const struct actor *actor,
				 const char *id, const char *answer,
				 const char *outcome, int64_t at,
				 struct mc_err *err)
{
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	rc = may_answer(app, actor, id, err);
	if (!rc)
		rc = store_feedback_answer(app->st, id, at, answer, outcome,
					   err);
	return store_finish(app->st, rc, err);
}

enum mc_code app_feedback_list(struct app *app, const struct feedback_query *q,
			       feedback_row_fn fn, void *ctx,
			       struct mc_err *err)
{
	bool opened = store_read_begin(app->st);
	enum mc_code rc = actor_on_unit(app, q->actor, q->unit, err);
	if (!rc)
		rc = store_feedback_each(app->st, q->unit, q->open, q->limit,
					 fn, ctx, err);
	store_read_end(app->st, opened);
	return rc;
}
