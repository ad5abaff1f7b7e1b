/*
 * feedback.h - what citizens say of the service, the service index's
 * inputs besides the dossiers: a rating of a dossier, and feedback
 * (phản ánh kiến nghị) about a unit with its answer.
 */
#ifndef MC_CORE_FEEDBACK_H
#define MC_CORE_FEEDBACK_H

#include <stdint.h>

enum rating_value {
	RATING_SATISFIED = 1,
	RATING_NEUTRAL = 2,
	RATING_DISSATISFIED = 3
};

/* A citizen's rating of a dossier; one per dossier and instant. */
struct rating {
	const char *dossier_code;
	int64_t at;
	enum rating_value value;
	const char *channel; /* may be NULL */
};

/* Feedback about a unit, optionally a dossier; answered_at MC_NO_TIME
 * while unanswered. */
struct feedback {
	const char *id, *unit_code, *dossier_code, *outcome;
	int64_t received_at, answered_at;
};

/* Feedback with what the citizen wrote and the answer (NULL when none). */
struct feedback_row {
	char *id, *unit_code, *dossier_code, *outcome, *body, *answer;
	int64_t received_at, answered_at;
};
void feedback_row_release(struct feedback_row *f);
/* A reader's callback over feedback; non-zero stops the walk. */
typedef int (*feedback_row_fn)(const struct feedback_row *f, void *ctx);

/* One unit's share of a period: its dossiers with a dissatisfied rating
 * or a complaint, the feedback it received, and of that, answered in
 * time. */
struct feedback_counts {
	int64_t complained, received, answered_in_time;
};

#endif
