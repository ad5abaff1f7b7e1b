/*
 * actor.h - who asks for a lifecycle operation, and the one table of which
 * role may run which operation. Every edge (HTTP, command line, importer)
 * names its actor; app_lifecycle checks it inside the operation's write
 * transaction, against the dossier as it is then, and records it in the
 * event log. See docs/internals/lifecycle.md.
 */
#ifndef MC_APP_ACTOR_H
#define MC_APP_ACTOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/error.h"

/* One bit per role; an actor has exactly one. */
enum {
	ROLE_ADMIN = 1,
	ROLE_LEADER = 2,
	ROLE_OFFICER = 4,
	ROLE_CLERK = 8,
	ROLE_STAFF = 15,    /* any signed-in account */
	ROLE_CITIZEN = 16,  /* anonymous: the public filing route */
	ROLE_OPERATOR = 32, /* whoever runs the command line on the
			       database file, and the system itself */
	/* who reads a unit's figures (reports, the index, the quality
	 * list, targets) and sets its targets */
	ROLE_FIGURES = ROLE_LEADER | ROLE_ADMIN,
};

struct actor {
	unsigned role;    /* one ROLE_ bit */
	const char *name; /* account name, "congdan", or the operator's */
	const char *unit; /* staff: the root of the units they act on */
	int64_t user_id;  /* staff: the account's id; else 0 */
};

/* The operator of the command line (or a system job) named `name`. */
#define ACTOR_OPERATOR(n) ((struct actor){.role = ROLE_OPERATOR, .name = (n)})
/* The anonymous citizen of the public routes. */
#define ACTOR_CITIZEN ((struct actor){.role = ROLE_CITIZEN, .name = "congdan"})

/* The roles that may run `op` (ROLE_ bits). */
unsigned actor_op_roles(enum dossier_op op);
/* "admin", "leader", "officer", "clerk", "citizen", "operator"; NULL when
 * not one bit of these. */
const char *actor_role_name(unsigned role);
/* The staff role bit of "admin", ...; 0 when unknown. */
unsigned actor_role_bit(const char *name);

struct app;

/* Whether unit `code` lies in the subtree of `root`, into *in (walks
 * parents in the store, inside the caller's transaction if there is
 * one). A failure of the store is returned, never taken for an answer;
 * an unknown unit is outside. */
enum mc_code app_unit_in_scope(struct app *app, const char *root,
			       const char *code, bool *in, struct mc_err *err);
/* The same as a yes or no, no on any failure. */
bool app_in_scope(struct app *app, const char *root, const char *code);

/* May `a` act on unit `unit`: staff on the units of their subtree, the
 * operator on every one; MC_ERR_FORBIDDEN naming "unit" (or "actor" for
 * anyone else) if not. actor_on_unit runs inside the caller's
 * transaction or read view, app_actor_unit opens one of its own. */
enum mc_code actor_on_unit(struct app *app, const struct actor *a,
			   const char *unit, struct mc_err *err);
enum mc_code app_actor_unit(struct app *app, const struct actor *a,
			    const char *unit, struct mc_err *err);

/* May `a` read the figures of `unit` (a leader or an administrator whose
 * units hold it, or the operator)? MC_ERR_FORBIDDEN naming "actor" for
 * another role, "unit" outside the units; inside the caller's
 * transaction or read view. */
enum mc_code actor_on_figures(struct app *app, const struct actor *a,
			      const char *unit, struct mc_err *err);

/* Run fn(app, ctx, err) for `a` in one read view, after
 * actor_on_figures on `unit` inside it: the *_as readers of the
 * figures. */
typedef enum mc_code (*app_read_fn)(struct app *app, void *ctx,
				    struct mc_err *err);
enum mc_code app_figures_as(struct app *app, const struct actor *a,
			    const char *unit, app_read_fn fn, void *ctx,
			    struct mc_err *err);

/* May `a` run `op` at all? MC_ERR_FORBIDDEN naming the role if not. */
enum mc_code actor_may_run(const struct actor *a, enum dossier_op op,
			   struct mc_err *err);

#endif
