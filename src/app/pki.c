/*
 * pki.c - the application's side of the signing keys: the units come
 * from the store's tree, the keys from src/pki/.
 */
#include "app/pki.h"

#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "core/civil.h"

enum mc_code app_pki_open(struct app *app, const char *dir, bool create,
			  struct mc_err *err)
{
	struct pki *p = NULL;
	enum mc_code rc = pki_open(dir, create, &p, err);
	if (rc)
		return rc;
	pki_close(app->pki);
	app->pki = p;
	return MC_OK;
}

static enum mc_code need_pki(struct app *app, struct mc_err *err)
{
	return app->pki ? MC_OK
			: mc_fail(err, MC_ERR_STATE, "pki",
				  "pki: no key directory is open (motcua pki "
				  "init makes one)");
}

static const struct unit *province(const struct unit_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (!t->units[i].parent)
			return &t->units[i];
	return t->n ? &t->units[0] : NULL;
}

enum mc_code app_pki_init(struct app *app, struct app_pki_init_result *res,
			  struct mc_err *err)
{
	const struct unit_tree *t;
	struct pki *pki = app->pki;
	memset(res, 0, sizeof(*res));
	enum mc_code rc = need_pki(app, err);
	if (!rc)
		rc = app_units(app, &t, err);
	if (rc)
		return rc;
	const struct unit *root = province(t);
	if (!root)
		return mc_fail(err, MC_ERR_STATE, "unit",
			       "unit: the database has no units yet (motcua "
			       "import units)");
	int64_t now = app_now(app), today = civil_local_day(now);
	rc = pki_demo_ca(pki, root->name, now, &res->ca_made, err);
	for (size_t i = 0; !rc && i < t->n; i++) {
		const struct unit *u = &t->units[i];
		struct pki_cert_info info;
		if (!unit_valid_on(u, today))
			continue;
		if (pki_unit_cert(pki, u->code, &info, NULL) == MC_OK) {
			res->had++;
			continue;
		}
		rc = pki_demo_issue(pki, u->code, u->name, root->name, now,
				    err);
		res->issued += rc == MC_OK;
	}
	return rc;
}

enum mc_code app_pki_import(struct app *app, const char *unit, const void *p12,
			    size_t n, const char *password, const void *ca_pem,
			    size_t ca_n, struct mc_err *err)
{
	const struct unit_tree *t;
	enum mc_code rc = need_pki(app, err);
	if (!rc)
		rc = app_units(app, &t, err);
	if (rc)
		return rc;
	if (unit_tree_find(t, unit) < 0)
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: %s is not a known unit", unit);
	return pki_import_p12(app->pki, unit, p12, n, password, ca_pem, ca_n,
			      app_now(app), err);
}

enum mc_code app_pki_list(struct app *app, app_pki_unit_fn fn, void *ctx,
			  struct mc_err *err)
{
	const struct unit_tree *t;
	enum mc_code rc = need_pki(app, err);
	if (!rc)
		rc = app_units(app, &t, err);
	int64_t today = civil_local_day(app_now(app));
	for (size_t i = 0; !rc && i < t->n; i++) {
		const struct unit *u = &t->units[i];
		struct pki_cert_info info;
		if (!unit_valid_on(u, today))
			continue;
		bool has =
			pki_unit_cert(app->pki, u->code, &info, NULL) == MC_OK;
		rc = fn(u, has, has ? &info : NULL, ctx, err);
	}
	return rc;
}

/* The signer's unit by name, when it is one of ours. */
static void name_unit(struct app *app, struct app_verdict *out)
{
	const struct unit_tree *t;
	if (!out->v.signer.unit[0] || app_units(app, &t, NULL) != MC_OK)
		return;
	int64_t i = unit_tree_find(t, out->v.signer.unit);
	if (i >= 0)
		snprintf(out->unit_name, sizeof(out->unit_name), "%s",
			 t->units[i].name);
}

enum mc_code app_verify(struct app *app, int fd, const void *sig, size_t sig_n,
			struct app_verdict *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	enum mc_code rc = need_pki(app, err);
	if (!rc)
		rc = pki_verify(app->pki, fd, sig, sig_n, &out->v, err);
	if (!rc)
		name_unit(app, out);
	return rc;
}

enum mc_code app_verify_digest(struct app *app, const unsigned char sha256[32],
			       const void *sig, size_t sig_n,
			       struct app_verdict *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	enum mc_code rc = need_pki(app, err);
	if (!rc)
		rc = pki_verify_digest(app->pki, sha256, sig, sig_n, &out->v,
				       err);
	if (!rc)
		name_unit(app, out);
	return rc;
}
