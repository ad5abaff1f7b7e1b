/*
 * pki.c - `motcua pki`: the units' signing keys.
 *
 *   motcua pki init                      demonstration CA, a key per unit
 *   motcua pki import --unit U FILE.p12 [--ca CA.pem]
 *                    [--password-file F] (else $MOTCUA_P12_PASSWORD)
 *   motcua pki list                      every unit in service, its key
 *
 * The key directory is --pki DIR, else $MOTCUA_PKI, else DB.pki next to
 * the database. A password is never taken from the command line, where
 * every user of the machine could read it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/pki.h"
#include "cli/cli.h"
#include "core/civil.h"

struct args {
	const char *db, *pki, *unit, *ca, *password_file;
};

enum mc_code cli_open_app_pki(const char *db, const char *dir, bool create,
			      struct app *app, struct mc_err *err)
{
	char path[4096];
	enum mc_code rc = cli_open_app(db, app, err);
	if (rc)
		return rc;
	rc = app_pki_open(app, cli_pki_dir(db, dir, path, sizeof(path)), create,
			  err);
	if (rc)
		app_close(app);
	return rc;
}

static int pki_init(const struct args *a)
{
	struct mc_err err = {0};
	struct app app;
	struct app_pki_init_result res;
	enum mc_code rc = cli_open_app_pki(a->db, a->pki, true, &app, &err);
	if (rc)
		return cli_fail(&err);
	rc = app_pki_init(&app, &res, &err);
	if (!rc)
		printf("%s: %s; %zu units given a key, %zu had one\n",
		       pki_dir(app.pki),
		       res.ca_made ? "demonstration CA made (ca.pem)"
				   : "CA kept (ca.pem)",
		       res.issued, res.had);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

/* The first line of --password-file, else $MOTCUA_P12_PASSWORD. */
static int password(const struct args *a, char *buf, size_t size)
{
	const char *env = getenv("MOTCUA_P12_PASSWORD");
	buf[0] = '\0';
	if (a->password_file) {
		FILE *f = fopen(a->password_file, "r");
		if (!f)
			return cli_usage("--password-file: cannot open %s",
					 a->password_file);
		if (!fgets(buf, (int)size, f))
			buf[0] = '\0';
		fclose(f);
		buf[strcspn(buf, "\r\n")] = '\0';
	} else if (env) {
		snprintf(buf, size, "%s", env);
	} else {
		return cli_usage("import: the PKCS#12 password comes from "
				 "--password-file F or $MOTCUA_P12_PASSWORD");
	}
	return 0;
}

static int pki_import(const struct args *a, const char *file)
{
	struct mc_err err = {0};
	char pw[1024], *p12 = NULL, *ca = NULL;
	size_t n = 0, ca_n = 0;
	if (!a->unit)
		return cli_usage("import: --unit U is required");
	int status = password(a, pw, sizeof(pw));
	if (status)
		return status;
	enum mc_code rc = cli_slurp(file, PKI_MAX_P12, "p12", &p12, &n, &err);
	if (!rc && a->ca)
		rc = cli_slurp(a->ca, PKI_MAX_P12, "ca", &ca, &ca_n, &err);
	struct app app;
	bool opened = false;
	if (!rc)
		opened = !(
			rc = cli_open_app_pki(a->db, a->pki, true, &app, &err));
	if (!rc)
		rc = app_pki_import(&app, a->unit, p12, n, pw, ca, ca_n, &err);
	sodium_memzero(pw, sizeof(pw));
	struct pki_cert_info info;
	if (!rc && pki_unit_cert(app.pki, a->unit, &info, &err) == MC_OK)
		printf("%s\t%s\t%s\n", a->unit, info.subject, info.fingerprint);
	if (opened)
		app_close(&app);
	free(p12);
	free(ca);
	return rc ? cli_fail(&err) : 0;
}

static enum mc_code list_one(const struct unit *u, bool has,
			     const struct pki_cert_info *c, void *ctx,
			     struct mc_err *err)
{
	(void)ctx;
	(void)err;
	char until[32];
	if (!has) {
		printf("%s\t%s\t-\tno key\n", u->code, u->name);
		return MC_OK;
	}
	civil_format_date(civil_local_day(c->not_after), until);
	printf("%s\t%s\t%s\tuntil %s\t%s\n", u->code, u->name, c->subject,
	       until, c->fingerprint);
	return MC_OK;
}

static int pki_list(const struct args *a)
{
	struct mc_err err = {0};
	struct app app;
	enum mc_code rc = cli_open_app_pki(a->db, a->pki, false, &app, &err);
	if (rc)
		return cli_fail(&err);
	rc = app_pki_list(&app, list_one, NULL, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

int cmd_pki(int argc, char **argv)
{
	struct args a = {0};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"pki", &a.pki, NULL},
		{"unit", &a.unit, NULL},
		{"ca", &a.ca, NULL},
		{"password-file", &a.password_file, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[2];
	size_t n = 0;
	int rc = cli_parse(argc, argv, opts, pos, 2, &n);
	if (rc)
		return rc;
	if (n == 1 && strcmp(pos[0], "init") == 0)
		return pki_init(&a);
	if (n == 2 && strcmp(pos[0], "import") == 0)
		return pki_import(&a, pos[1]);
	if (n == 1 && strcmp(pos[0], "list") == 0)
		return pki_list(&a);
	return cli_usage("usage: motcua pki init | import --unit U FILE.p12 "
			 "[--ca CA.pem] [--password-file F] | list   "
			 "[--pki DIR]");
}
