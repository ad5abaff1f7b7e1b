/*
 * verify.c - `motcua verify FILE [--signature SIG]`: who signed a file,
 * when, whether it is intact and whether the signer chains to the
 * province CA of the key directory (--pki DIR, else $MOTCUA_PKI, else
 * DB.pki). Without --signature, FILE.p7s beside it; when there is none,
 * the electronic results this system issued with FILE's content (its
 * SHA-256 found in the document store, --files DIR), each checked
 * against its stored signature. Exit 0 when the file is intact and the
 * signer trusted, 2 when not (or when the system issued no such file).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>
#include <sys/stat.h>

#include "app/files.h"
#include "app/pki.h"
#include "app/result.h"
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

struct held_print {
	const char *file;
	bool all_good;
};

static enum mc_code print_held(const struct held_result *h, void *ctx,
			       struct mc_err *err)
{
	(void)err;
	struct held_print *p = ctx;
	char where[200];
	snprintf(where, sizeof(where), "issued for dossier %s (%s %s)",
		 h->dossier_code, h->result->name ? h->result->name : "",
		 h->result->code ? h->result->code : "");
	print_verdict(p->file, where, h->v);
	p->all_good &= h->v->v.intact && h->v->v.trusted;
	return MC_OK;
}

/* FILE's SHA-256 as hex. */
static enum mc_code file_hash(const char *path, char hex[65],
			      struct mc_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_fail(err, MC_ERR_INPUT, "FILE", "FILE: %s: %m", path);
	crypto_hash_sha256_state st;
	unsigned char buf[65536], md[32];
	size_t n;
	crypto_hash_sha256_init(&st);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	bool bad = ferror(f);
	fclose(f);
	crypto_hash_sha256_final(&st, md);
	sodium_bin2hex(hex, 65, md, 32);
	return bad ? mc_fail(err, MC_ERR_INPUT, "FILE",
			     "FILE: %s: cannot be "
			     "read",
			     path)
		   : MC_OK;
}

/* No signature beside FILE: the results issued here with its content. */
static int verify_held(const char *db, const char *dir, const char *files,
		       const char *path)
{
	struct mc_err err = {0};
	char hex[65], store[4096];
	struct app app;
	struct held_print p = {path, true};
	size_t n = 0;
	enum mc_code rc = file_hash(path, hex, &err);
	cli_files_dir(db, files, store, sizeof(store));
	if (!rc && access(store, F_OK) != 0)
		rc = mc_fail(&err, MC_ERR_INPUT, "signature",
			     "signature: none given (FILE.p7s beside it, or "
			     "--signature SIG), and no document store at %s",
			     store);
	bool opened = false;
	if (!rc)
		opened = !(rc = cli_open_app_pki(db, dir, false, &app, &err));
	if (!rc)
		rc = app_files_open(&app, store, &err);
	if (!rc)
		rc = app_results_held(&app, NULL, hex, print_held, &p, &n,
				      &err);
	if (opened)
		app_close(&app);
	if (rc)
		return cli_fail(&err);
	if (n == 0) {
		fprintf(stderr,
			"motcua: signature: none given, and this system "
			"issued no result with this content (SHA-256 %s)\n",
			hex);
		return 2;
	}
	return p.all_good ? 0 : 2;
}

int cmd_verify(int argc, char **argv)
{
	const char *db = NULL, *dir = NULL, *sig_path = NULL, *files = NULL;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},       {"pki", &dir, NULL},
		{"files", &files, NULL}, {"signature", &sig_path, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[1];
	size_t n = 0;
	int status = cli_parse(argc, argv, opts, pos, 1, &n);
	if (status)
		return status;
	if (n != 1)
		return cli_usage("usage: motcua verify FILE [--signature SIG] "
				 "[--pki DIR] [--files DIR]");
	char beside[4200];
	struct stat st;
	if (!sig_path) {
		snprintf(beside, sizeof(beside), "%s.p7s", pos[0]);
		if (stat(beside, &st) != 0)
			return verify_held(db, dir, files, pos[0]);
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
