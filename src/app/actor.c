/*
 * actor.c - the role table of the lifecycle operations and the unit
 * scope of an account (see actor.h).
 */
#include "app/actor.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/str.h"
#include "store/store.h"

#define COUNTER (ROLE_CLERK | ROLE_ADMIN)
#define PROCESS (ROLE_OFFICER | ROLE_ADMIN)
#define DESK (ROLE_CLERK | ROLE_OFFICER | ROLE_ADMIN)
#define DECIDE (ROLE_OFFICER | ROLE_LEADER | ROLE_ADMIN)

/* The one table: the HTTP routes take their roles from it too. The
 * operator may run everything (it holds the database file). */
static const unsigned op_roles[OP__COUNT] = {
	[OP_REGISTER] = ROLE_CITIZEN,
	[OP_ACCEPT] = COUNTER,
	[OP_REFUSE] = COUNTER,
	[OP_ASK_SUPPLEMENT_AT_RECEPTION] = COUNTER,
	[OP_START] = PROCESS,
	[OP_TRANSFER] = PROCESS,
	[OP_REQUEST_SUPPLEMENT] = PROCESS,
	[OP_COMPLETE_SUPPLEMENT] = DESK,
	[OP_REQUEST_FINANCIAL] = PROCESS,
	[OP_FULFIL_FINANCIAL] = DESK,
	[OP_FINISH] = DECIDE,
	[OP_STOP] = DECIDE,
	[OP_RETURN] = COUNTER,
	[OP_WITHDRAW] = COUNTER,
	[OP_RESCHEDULE] = DECIDE,
};

static const struct {
	const char *name;
	unsigned bit;
} role_names[] = {
	{"admin", ROLE_ADMIN},     {"leader", ROLE_LEADER},
	{"officer", ROLE_OFFICER}, {"clerk", ROLE_CLERK},
	{"citizen", ROLE_CITIZEN}, {"operator", ROLE_OPERATOR},
};
#define N_ROLE_NAMES (sizeof(role_names) / sizeof(*role_names))

unsigned actor_op_roles(enum dossier_op op)
{
	return (unsigned)op < OP__COUNT ? op_roles[op] | ROLE_OPERATOR : 0;
}

const char *actor_role_name(unsigned role)
{
	for (size_t i = 0; i < N_ROLE_NAMES; i++)
		if (role_names[i].bit == role)
			return role_names[i].name;
	return NULL;
}

unsigned actor_role_bit(const char *name)
{
	for (size_t i = 0; name && i < N_ROLE_NAMES; i++)
		if (role_names[i].bit & ROLE_STAFF &&
		    strcmp(name, role_names[i].name) == 0)
			return role_names[i].bit;
	return 0;
}

enum mc_code app_unit_in_scope(struct app *app, const char *root,
			       const char *code, bool *in, struct mc_err *err)
{
	char cur[64];
	*in = false;
	snprintf(cur, sizeof(cur), "%s", code ? code : "");
	/* units form a tree a few levels deep; the bound stops a cycle */
	for (int depth = 0; root && cur[0] && depth < 16; depth++) {
		if (strcmp(cur, root) == 0) {
			*in = true;
			return MC_OK;
		}
		struct unit u;
		enum mc_code rc = store_unit_get(app->st, cur, &u, err);
		if (rc == MC_ERR_NOT_FOUND)
			return MC_OK;
		if (rc)
			return rc;
		snprintf(cur, sizeof(cur), "%s", u.parent ? u.parent : "");
		unit_release(&u);
	}
	return MC_OK;
}

bool app_in_scope(struct app *app, const char *root, const char *code)
{
	bool in;
	return app_unit_in_scope(app, root, code, &in, NULL) == MC_OK && in;
}

enum mc_code actor_may_run(const struct actor *a, enum dossier_op op,
			   struct mc_err *err)
{
	const char *role = a ? actor_role_name(a->role) : NULL;
	if (!role || str_empty(a->name))
		return mc_fail(err, MC_ERR_FORBIDDEN, "actor",
			       "actor: an operation needs a named actor "
			       "with one role");
	if (!(actor_op_roles(op) & a->role))
		return mc_fail(err, MC_ERR_FORBIDDEN, "actor",
			       "actor: the role %s may not %s", role,
			       dossier_op_name(op));
	return MC_OK;
}

enum mc_code actor_on_unit(struct app *app, const struct actor *a,
			   const char *unit, struct mc_err *err)
{
	if (!a || !(a->role & (ROLE_STAFF | ROLE_OPERATOR)) ||
	    str_empty(a->name))
		return mc_fail(err, MC_ERR_FORBIDDEN, "actor",
			       "actor: only staff and the operator may do "
			       "this");
	bool in = true;
	enum mc_code rc =
		a->role & ROLE_STAFF
			? app_unit_in_scope(app, a->unit, unit, &in, err)
			: MC_OK;
	if (rc)
		return rc;
	if (!in)
		return mc_fail(err, MC_ERR_FORBIDDEN, "unit",
			       "unit: \"%.60s\" is outside your units",
			       str_or_empty(unit));
	return MC_OK;
}

enum mc_code actor_on_figures(struct app *app, const struct actor *a,
			      const char *unit, struct mc_err *err)
{
	if (a && (a->role & ROLE_STAFF) && !(a->role & ROLE_FIGURES))
		return mc_fail(err, MC_ERR_FORBIDDEN, "actor",
			       "actor: the role %s may not see or set a "
			       "unit's figures",
			       actor_role_name(a->role));
	return actor_on_unit(app, a, unit, err);
}

enum mc_code app_figures_as(struct app *app, const struct actor *a,
			    const char *unit, app_read_fn fn, void *ctx,
			    struct mc_err *err)
{
	bool opened = store_read_begin(app->st);
	enum mc_code rc = actor_on_figures(app, a, unit, err);
	if (!rc)
		rc = fn(app, ctx, err);
	store_read_end(app->st, opened);
	return rc;
}

enum mc_code app_actor_unit(struct app *app, const struct actor *a,
			    const char *unit, struct mc_err *err)
{
	bool opened = store_read_begin(app->st);
	enum mc_code rc = actor_on_unit(app, a, unit, err);
	store_read_end(app->st, opened);
	return rc;
}
