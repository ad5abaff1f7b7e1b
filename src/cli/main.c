/*
 * main.c - the motcua command: dispatch to one subcommand per file.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *usage;
} commands[] = {
	{"init", cmd_init,
	 "init [--db FILE]      create or migrate a database"},
	{"import", cmd_import,
	 "import units|procedures|dossiers|ratings|feedback FILE [--db FILE] "
	 "[--rejects OUT]"},
	{"quality", cmd_quality,
	 "quality [--period P] [--unit CODE] [--format text|json|csv]   "
	 "dossiers with anomalies"},
	{"export", cmd_export,
	 "export units|procedures|dossiers [--from D --to D] [--out FILE]"},
	{"dossier", cmd_dossier,
	 "dossier OPERATION ...  lifecycle operations (motcua dossier help)"},
	{"calendar", cmd_calendar,
	 "calendar holidays YEAR | due --from T --days N [--explain] | "
	 "set/unset/list"},
	{"demo", cmd_demo,
	 "demo [--seed N] [--until D] [--dossiers N] [--districts N] "
	 "[--communes N] [--years N] [--no-reorganisation]"},
	{"report", cmd_report,
	 "report [--from D --to D] [--unit CODE] [--db FILE]"},
	{"summary", cmd_summary,
	 "summary --period P [--unit CODE] [--level L] [--min-resolved N] "
	 "[--cutoff DAY] [--format text|json]   the release of a period"},
	{"index", cmd_index,
	 "index [--period month:2024-04] [--unit CODE] [--by unit|level] "
	 "[--format text|json|csv|xlsx] [--out FILE] [--min-dossiers N] "
	 "[--rules FILE]"},
	{"targets", cmd_targets,
	 "targets import FILE | set --unit U --period P --indicator I "
	 "--value V | allocate --unit U --period P | check --period P "
	 "[--unit U]"},
	{"pki", cmd_pki,
	 "pki init | import --unit U FILE.p12 [--ca CA.pem] "
	 "[--password-file F] | list   [--pki DIR]   the units' signing keys"},
	{"verify", cmd_verify,
	 "verify FILE [--signature SIG] [--pki DIR]   who signed a file, "
	 "when, intact or not"},
	{"publish", cmd_publish, "publish --period P | --show P | --diff P"},
	{"files", cmd_files,
	 "files put FILE [--max-file-mib N] | get SHA256 --out F | check "
	 "[--files DIR]   the document store"},
	{"backup", cmd_backup,
	 "backup --out DIR [--files DIR]   a consistent copy of the database "
	 "and of its dossiers' files"},
	{"serve", cmd_serve,
	 "serve [--db FILE] [--listen 127.0.0.1:8080]   the HTTP server"},
	{"payments", cmd_payments,
	 "payments account set|list | qr --code C [--png F] | reconcile FILE "
	 "| cash --code C --amount N   paying at the counter"},
	{"vietqr", cmd_vietqr,
	 "vietqr --bin BIN --account ACCOUNT --amount N [--note TEXT] "
	 "[--png FILE]   the VietQR payload of a transfer"},
	{"gateway", cmd_gateway,
	 "gateway add NAME --terminal CODE --secret-file F --pay-url URL "
	 "--return-url URL [--method provincial|national] | list | remove "
	 "NAME   payment gateways (VNPay 2.1.0)"},
	{"gateway-sim", cmd_gateway_sim,
	 "gateway-sim --listen 127.0.0.1:PORT --terminal CODE --secret-file F "
	 "--ipn URL [--deliver once|twice|late|none] [--auto OUTCOME]   a "
	 "gateway for tests and the demo"},
	{"user", cmd_user,
	 "user add --username U --role R --unit CODE [--password-file F] | "
	 "list"},
};

static int usage(FILE *f)
{
	fputs("usage: motcua COMMAND [ARGS]\n\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(f, "  motcua %s\n", commands[i].usage);
	return f == stderr ? 2 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0)
		return usage(stdout);
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "motcua: unknown command \"%s\"\n", argv[1]);
	return usage(stderr);
}
