/*
 * index_http.h - the service index inputs that arrive one at a time from
 * the portal and the staff pages rather than as import files: a
 * citizen's rating of a returned dossier, feedback (phản ánh kiến nghị)
 * and its answer. Each call is one transaction; a refusal changes
 * nothing.
 */
#ifndef MC_APP_INDEX_HTTP_H
#define MC_APP_INDEX_HTTP_H

#include "app/app.h"
#include "core/feedback.h"

/* Rate dossier `code` ("satisfied", "neutral", "dissatisfied") at `at`:
 * MC_ERR_STATE unless its result was returned (status 10),
 * MC_ERR_CONFLICT when it was rated already. */
enum mc_code app_rating_submit(struct app *app, const char *code,
			       const char *rating, const char *channel,
			       int64_t at, struct mc_err *err);

/* Store new feedback `id` about `unit` (optionally dossier `dossier`)
 * with the citizen's `body`, received at `at`. */
enum mc_code app_feedback_submit(struct app *app, const char *id,
				 const char *unit, const char *dossier,
				 const char *body, int64_t at,
				 struct mc_err *err);

/* Answer feedback `id` at `at` as `actor`: MC_ERR_STATE when answered
 * already; feedback about a unit outside a staff actor's units answers
 * as an unknown id, MC_ERR_NOT_FOUND naming "id". */
enum mc_code app_feedback_answer(struct app *app, const struct actor *actor,
				 const char *id, const char *answer,
				 const char *outcome, int64_t at,
				 struct mc_err *err);

/* The feedback of the subtree of `unit`, which must lie in the actor's
 * units (MC_ERR_FORBIDDEN naming "unit" if not), newest first, at most
 * `limit`, unanswered only when `open`. */
struct feedback_query {
	const struct actor *actor;
	const char *unit;
	bool open;
	int limit;
};
enum mc_code app_feedback_list(struct app *app, const struct feedback_query *q,
			       feedback_row_fn fn, void *ctx,
			       struct mc_err *err);

#endif
