/*
 * citizen.h - the store calls behind the citizens' side of the service
 * index over HTTP: whether a dossier was rated, the text of portal
 * feedback, the feedback list of a unit subtree and its answer
 * (store/sqlite_citizen.c, schema migration 5). Part of the store
 * interface; kept apart from store.h only while store.h is being edited
 * elsewhere.
 */
#ifndef MC_STORE_CITIZEN_H
#define MC_STORE_CITIZEN_H

#include "store/store.h"

/* How many ratings a dossier has. */
enum mc_code store_rating_count(struct store *st, const char *dossier_code,
				int64_t *n, struct mc_err *err);

/* Feedback with what the citizen wrote and the answer (NULL when none). */
struct feedback_row {
	char *id, *unit_code, *dossier_code, *outcome, *body, *answer;
	int64_t received_at, answered_at;
};
void feedback_row_release(struct feedback_row *f);

/* Set the citizen's text of stored feedback `id`. */
enum mc_code store_feedback_body_put(struct store *st, const char *id,
				     const char *body, struct mc_err *err);
/* Answer feedback `id`: MC_ERR_NOT_FOUND when unknown, MC_ERR_STATE when
 * it was answered already. */
enum mc_code store_feedback_answer(struct store *st, const char *id,
				   int64_t at, const char *answer,
				   const char *outcome, struct mc_err *err);
enum mc_code store_feedback_get(struct store *st, const char *id,
				struct feedback_row *out, struct mc_err *err);
/* Feedback of the subtree of `unit`, newest first, at most `limit`;
 * unanswered only when `open`. The callback returns non-zero to stop. */
typedef int (*store_feedback_fn)(const struct feedback_row *f, void *ctx);
enum mc_code store_feedback_each(struct store *st, const char *unit,
				 bool open, int limit, store_feedback_fn fn,
				 void *ctx, struct mc_err *err);

#endif
