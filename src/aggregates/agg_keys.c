/*
 * agg_keys.c - the keys a dossier counts under, derived from its unit's
 * ancestry and level and its procedure's field and online level: its
 * unit alone, and every ancestor's subtree in total, by level, by field
 * and by procedure. Units, procedures, key ids and each (unit,
 * procedure) pair's keys are cached until the catalogue changes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "aggregates/agg_int.h"

void agg_forget_combos(struct agg *a)
{
	strmap_release(&a->combos);
	a->n_c = 0;
}

void agg_forget_catalogue(struct agg *a)
{
	agg_forget_combos(a);
	for (size_t i = 0; i < a->n_u; i++)
		for (int j = 0; j < a->uinfo[i].n_anc; j++)
			free(a->uinfo[i].anc[j]);
	for (size_t i = 0; i < a->n_p; i++)
		free(a->pinfo[i].field);
	a->n_u = a->n_p = 0;
	strmap_release(&a->units);
	strmap_release(&a->procs);
}

/* The unit's level and its ancestors, the unit first. */
static enum mc_code ancestry(struct agg *a, const char *code,
			     struct agg_unit *ui, struct mc_err *err)
{
	struct unit u;
	enum mc_code rc = store_unit_get(a->st, code, &u, err);
	for (int depth = 0; !rc; depth++) {
		if (depth == 0)
			ui->level = u.level;
		if (depth == AGG_MAX_DEPTH) {
			unit_release(&u);
			return mc_fail(err, MC_ERR_DB, "parent",
				       "unit %s is more than %d levels deep",
				       code, AGG_MAX_DEPTH);
		}
		ui->anc[ui->n_anc++] = u.code;
		u.code = NULL;
		char *parent = u.parent;
		u.parent = NULL;
		unit_release(&u);
		if (!parent)
			break;
		rc = store_unit_get(a->st, parent, &u, err);
		free(parent);
	}
	return rc;
}

static enum mc_code unit_info(struct agg *a, const char *code,
			      struct agg_unit **out, struct mc_err *err)
{
	int64_t i = strmap_get(&a->units, code, -1);
	if (i >= 0) {
		*out = &a->uinfo[i];
		return MC_OK;
	}
	struct agg_unit *ui = ARRAY_PUSH(a->uinfo, a->n_u, a->cap_u);
	if (!ui)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	ui->n_anc = 0;
	enum mc_code rc = ancestry(a, code, ui, err);
	if (rc || !strmap_put(&a->units, code, (int64_t)(a->n_u - 1))) {
		for (int j = 0; j < ui->n_anc; j++)
			free(ui->anc[j]);
		a->n_u--;
		return rc ? rc
			  : mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	*out = ui;
	return MC_OK;
}

static enum mc_code proc_info(struct agg *a, const char *code,
			      struct agg_proc **out, struct mc_err *err)
{
	int64_t i = strmap_get(&a->procs, code, -1);
	if (i >= 0) {
		*out = &a->pinfo[i];
		return MC_OK;
	}
	struct procedure p;
	enum mc_code rc = store_procedure_get(a->st, code, &p, err);
	if (rc)
		return rc;
	struct agg_proc *pi = ARRAY_PUSH(a->pinfo, a->n_p, a->cap_p);
	if (!pi || !strmap_put(&a->procs, code, (int64_t)(a->n_p - 1))) {
		procedure_release(&p);
		if (pi)
			a->n_p--;
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	pi->level = p.online_level;
	pi->field = p.field_code;
	p.field_code = NULL;
	procedure_release(&p);
	*out = pi;
	return MC_OK;
}

enum mc_code agg_key_id(struct agg *a, const char *unit, int dim,
			const char *value, bool create, int64_t *id,
			struct mc_err *err)
{
	char name[256];
	snprintf(name, sizeof(name), "%s\x1f%d\x1f%s", unit, dim, value);
	*id = strmap_get(&a->keys, name, 0);
	if (*id)
		return MC_OK;
	enum mc_code rc =
		a->rows->key(a->rctx, unit, dim, value, create, id, err);
	if (rc || !*id)
		return rc;
	if (!strmap_put(&a->keys, name, *id))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	return MC_OK;
}

/* The keys a dossier counts under: its unit alone, every ancestor's
 * subtree in total, by level, by field and by procedure. */
static enum mc_code find_keys(struct agg *a, const struct dossier *d,
			      int64_t *keys, size_t *n,
			      enum online_level *level, struct mc_err *err)
{
	struct agg_unit *u = NULL;
	struct agg_proc *p = NULL;
	enum mc_code rc;
	if ((rc = unit_info(a, d->unit_code, &u, err)) ||
	    (rc = proc_info(a, d->procedure_code, &p, err)))
		return rc;
	*level = p->level;
	char lv[12];
	snprintf(lv, sizeof(lv), "%d", u->level);
	*n = 0;
	rc = agg_key_id(a, d->unit_code, AGG_DIM_OWN, "", true, &keys[(*n)++],
			err);
	for (int i = 0; !rc && i < u->n_anc; i++) {
		const char *anc = u->anc[i];
		if ((rc = agg_key_id(a, anc, AGG_DIM_ALL, "", true,
				     &keys[(*n)++], err)) ||
		    (rc = agg_key_id(a, anc, AGG_DIM_LEVEL, lv, true,
				     &keys[(*n)++], err)) ||
		    (rc = agg_key_id(a, anc, AGG_DIM_FIELD, p->field, true,
				     &keys[(*n)++], err)))
			break;
		rc = agg_key_id(a, anc, AGG_DIM_PROCEDURE, d->procedure_code,
				true, &keys[(*n)++], err);
	}
	return rc;
}

enum mc_code agg_dossier_keys(struct agg *a, const struct dossier *d,
			      const struct agg_combo **out, struct mc_err *err)
{
	char name[160];
	snprintf(name, sizeof(name), "%s\x1f%s", d->unit_code,
		 d->procedure_code);
	int64_t i = strmap_get(&a->combos, name, -1);
	if (i >= 0) {
		*out = &a->combo[i];
		return MC_OK;
	}
	struct agg_combo c;
	enum mc_code rc = find_keys(a, d, c.keys, &c.n, &c.level, err);
	if (rc)
		return rc;
	struct agg_combo *slot = ARRAY_PUSH(a->combo, a->n_c, a->cap_c);
	if (!slot || !strmap_put(&a->combos, name, (int64_t)(a->n_c - 1)))
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	*slot = c;
	*out = slot;
	return MC_OK;
}
