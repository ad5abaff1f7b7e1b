/*
 * verify.c - `motcua verify FILE [--signature SIG]`: who signed a file,
 * when, whether it is intact and whether the signer chains to the
 * province CA of the key directory (--pki DIR, else $MOTCUA_PKI, else
 * DB.pki). Without --signature, FILE.p7s beside it. Exit 0 when the
 * file is intact and the signer trusted, 2 when not.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/pki.h"
#include "cli/cli.h"
#include "core/civil.h"

static void print_verdict(const char *file, const char *sig,
			  const struct app_verdict *a)
{
	const struct pki_verdict *v = &a->v;
	char at[32] = "-";
	if (v->signed_at != MC_NO_TIME)
		civil_format_local(v->signed_at, at);
	printf("file:       %s\n", file);
	printf("signature:  %s\n", sig);
	printf("signed by:  %s\n", v->signer.subject);
	if (v->signer.unit[0])
		printf("unit:       %s %s\n", v->signer.unit, a->unit_name);
	else
		printf("unit:       - (not a unit of this system)\n");
	printf("issuer:     %s\n", v->signer.issuer);
	printf("serial:     %s\n", v->signer.serial);
	printf("signed at:  %s%s\n", at,
	       v->signed_at != MC_NO_TIME ? " (Vietnam time)" : "");
	printf("intact:     %s\n", v->intact ? "yes" : "no");
	printf("trusted:    %s\n", v->trusted ? "yes" : "no");
}

int cmd_verify(int argc, char **argv)
{
	const char *db = NULL, *dir = NULL, *sig_path = NULL;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},
		{"pki", &dir, NULL},
		{"signature", &sig_path, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[1];
	size_t n = 0;
	int status = cli_parse(argc, argv, opts, pos, 1, &n);
	if (status)
		return status;
	if (n != 1)
		return cli_usage("usage: motcua verify FILE [--signature SIG] "
				 "[--pki DIR]");
	char beside[4200];
	if (!sig_path) {
		snprintf(beside, sizeof(beside), "%s.p7s", pos[0]);
		sig_path = beside;
	}
	struct mc_err err = {0};
	char *sig = NULL;
	size_t sig_n = 0;
	enum mc_code rc = cli_slurp(sig_path, PKI_MAX_SIGNATURE, "signature",
				    &sig, &sig_n, &err);
	int fd = -1;
	if (!rc && (fd = open(pos[0], O_RDONLY | O_CLOEXEC)) < 0)
		rc = mc_fail(&err, MC_ERR_INPUT, "FILE", "FILE: %s: %m",
			     pos[0]);
	struct app app;
	bool opened = false;
	if (!rc)
		opened = !(rc = cli_open_app_pki(db, dir, false, &app, &err));
	struct app_verdict v;
	if (!rc)
		rc = app_verify(&app, fd, sig, sig_n, &v, &err);
	if (fd >= 0)
		close(fd);
	if (opened)
		app_close(&app);
	free(sig);
	if (rc)
		return cli_fail(&err);
	print_verdict(pos[0], sig_path, &v);
	if (v.v.intact && v.v.trusted)
		return 0;
	fprintf(stderr, "motcua: signature: %s\n", v.v.problem);
	return 2;
}
