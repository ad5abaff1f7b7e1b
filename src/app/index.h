/*
 * index.h - the service index over the stored data: every unit's
 * indicators, group scores, total and rank among its siblings for a
 * period; targets per unit with inheritance and allocation; published
 * snapshots. See docs/internals/index.md.
 *
 * Indicators come from the report aggregates (a few counter reads per
 * row) plus small tables (offers, ratings, feedback, publication).
 */
#ifndef MC_APP_INDEX_H
#define MC_APP_INDEX_H

#include <stdbool.h>
#include <stdio.h>

#include "app/app.h"
#include "app/import.h"
#include "core/feedback.h"
#include "core/index.h"
#include "core/index_table.h"
#include "core/snapshot.h"
#include "core/str.h"

struct index_query {
	struct report_period period;
	const char *unit; /* NULL: the province (the root) */
	enum index_by by;
	int64_t min_dossiers; /* rows with less volume are not ranked */
	const struct index_rules *rules; /* NULL: the built-in rules */
};

enum mc_code app_index(struct app *app, const struct index_query *q,
		       struct index_table *out, struct mc_err *err);
/* The same for `actor` (actor_on_figures on q->unit, which a staff
 * actor must name), in one read view with the check. */
enum mc_code app_index_as(struct app *app, const struct actor *actor,
			  const struct index_query *q, struct index_table *out,
			  struct mc_err *err);

/* ---- inputs: ratings, feedback (JSON Lines, all or nothing) ------------ */

/* "satisfied", "neutral" or "dissatisfied"; errors name "rating". */
enum mc_code index_rating_parse(const char *s, enum rating_value *out,
				struct mc_err *err);

enum mc_code import_ratings(struct app *app, FILE *in,
			    struct import_stats *stats, struct mc_err *err);
enum mc_code import_feedback(struct app *app, FILE *in,
			     struct import_stats *stats, struct mc_err *err);
/* The optional service-index fields of a procedure import line:
 * "units":[codes] and "levels":[1-3] (who offers it) and "publication":
 * {"decided","effective","publicized"} (dates YYYY-MM-DD). Called by the
 * procedure import after the procedure itself is stored. */
enum mc_code index_procedure_line(struct app *app, const char *line, size_t len,
				  const char *procedure_code,
				  struct mc_err *err);

/* ---- targets ------------------------------------------------------------ */

/* Lines {"unit","period","indicator","value"}; value in percent. */
enum mc_code import_targets(struct app *app, FILE *in,
			    struct import_stats *stats, struct mc_err *err);
/* Set a target of `unit` as `actor`, checked inside the transaction
 * (actor_on_figures; a leader sets only the units below their own,
 * MC_ERR_FORBIDDEN naming "unit"). */
enum mc_code app_target_set(struct app *app, const struct actor *actor,
			    const char *unit, const char *period,
			    const char *indicator, const char *value,
			    struct mc_err *err);
/* Give every child of `unit` its own rows for `period`, equal to the
 * unit's effective targets, where the child has none yet; *written
 * counts the rows. As `actor`, checked inside the transaction
 * (actor_on_figures). */
enum mc_code app_target_allocate(struct app *app, const struct actor *actor,
				 const char *unit, const char *period,
				 size_t *written, struct mc_err *err);

struct target_check {
	char *unit, *name;
	enum index_indicator ind;
	int64_t actual, target, margin; /* rates; margin = actual - target */
	int met;                        /* -1: no actual */
	bool inherited;                 /* the target is an ancestor's */
	bool below_parent;              /* own target under the parent's */
};
struct target_report {
	struct target_check *rows;
	size_t n, cap;
	int64_t as_of; /* actuals as of this moment while the period runs;
			* MC_NO_TIME once it has ended */
};
void target_report_release(struct target_report *r);
/* Every unit of the subtree of `unit` (NULL: root) with a target for
 * the period, own or inherited or the government's. */
enum mc_code app_target_check(struct app *app, const char *period,
			      const char *unit, struct target_report *out,
			      struct mc_err *err);
/* The same for `actor` (actor_on_figures on `unit`, which a staff actor
 * must name), in one read view with the check. */
enum mc_code app_target_check_as(struct app *app, const struct actor *actor,
				 const char *period, const char *unit,
				 struct target_report *out, struct mc_err *err);

/* ---- publication -------------------------------------------------------- */

/* Freeze the period's report (by unit) and index as a snapshot, as
 * `actor`: an administrator of a root unit (the province) or the
 * operator, checked inside the transaction that stores it
 * (MC_ERR_FORBIDDEN naming "actor" for anyone else). */
enum mc_code app_publish(struct app *app, const struct actor *actor,
			 const char *period, struct mc_err *err);
/* The snapshot; *intact tells whether its checksum still matches. */
enum mc_code app_publish_show(struct app *app, const char *period,
			      struct snapshot *out, bool *intact,
			      struct mc_err *err);
/* The content the period would have if published now. */
enum mc_code app_publish_render(struct app *app, const char *period,
				struct strbuf *out, char **rules,
				struct mc_err *err);
/* Lines "path: old -> new" of what differs between two JSON texts. */
enum mc_code index_json_diff(const char *old_json, const char *new_json,
			     struct strbuf *out, size_t *changes,
			     struct mc_err *err);

#endif
