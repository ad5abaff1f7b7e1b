/*
 * lifecycle.h - what each lifecycle operation does to a dossier, as pure
 * arithmetic on the struct: statuses, times, due dates and supplement
 * rounds. Loading, storing and logging are the caller's (app/lifecycle.c).
 */
#ifndef MC_CORE_LIFECYCLE_H
#define MC_CORE_LIFECYCLE_H

#include "core/calendar.h"
#include "core/dossier.h"
#include "core/procedure.h"
#include "core/unit.h"

/* What an operation needs besides the dossier. */
struct op_params {
	enum dossier_op op;
	int64_t at;             /* when it happens */
	const char *note;       /* reason; required to refuse, stop, ask */
	const char *to_unit;    /* transfer target, already checked */
	enum delivery delivery; /* return: counter or post */
	int64_t new_due;        /* reschedule: the new appointment */
	const struct dossier_result *results; /* finish: result documents */
	size_t n_results;
};

/* The time rules of one dossier: its procedure, calendar, office hours. */
struct time_rules {
	const struct procedure *procedure;
	struct calendar *cal;
	const struct office_hours *hours;
};

/* Apply `p` to `d` (status already checked with dossier_op_allowed).
 * On failure `d` may be half changed: callers work on a copy or reload. */
enum mc_code lifecycle_mutate(struct dossier *d, const struct op_params *p,
			      const struct time_rules *tr, struct mc_err *err);

/* The due time as the rules give it today: the legal limit from the
 * received time, moved later by every completed supplement pause. Rewrites
 * the rounds' due_before / due_after to match. */
enum mc_code lifecycle_recompute_due(struct dossier *d,
				     const struct time_rules *tr,
				     struct mc_err *err);

/* Whether a filing may use its channel on day `day` of its procedure. */
enum mc_code lifecycle_channel_allowed(const struct procedure *p,
				       enum channel ch, int64_t day,
				       struct mc_err *err);

#endif
