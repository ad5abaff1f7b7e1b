/*
 * import.c - `motcua import units|procedures|dossiers FILE [--db FILE]`:
 * load a JSON Lines file ("-" for stdin), all or nothing; dossiers with
 * `--rejects OUT` line by line, the refused lines written to OUT.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app/import.h"
#include "app/index.h"
#include "cli/cli.h"

typedef enum mc_code (*import_fn)(struct app *app, FILE *in,
				  struct import_stats *stats,
				  struct mc_err *err);

static const struct {
	const char *kind;
	import_fn fn;
} kinds[] = {
	{"units", import_units},       {"procedures", import_procedures},
	{"dossiers", import_dossiers}, {"ratings", import_ratings},
	{"feedback", import_feedback},
};

static import_fn find_kind(const char *kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return kinds[i].fn;
	return NULL;
}

/* The anomalies stored as given, by kind: "warning: 2 appointment before
 * reception (due_before_received)". */
static void print_warnings(const struct import_stats *stats)
{
	for (int a = 0; a < ANOMALY__COUNT; a++) {
		if (!stats->anomalies[a])
			continue;
		const struct dossier_anomaly_kind *k =
			dossier_anomaly_kind((enum dossier_anomaly)a);
		fprintf(stderr, "warning: %zu %s (%s)\n", stats->anomalies[a],
			k->label, k->key);
	}
	if (stats->anomalous)
		fprintf(stderr,
			"%zu dossier%s stored with anomalies: motcua quality "
			"lists them\n",
			stats->anomalous, stats->anomalous == 1 ? "" : "s");
}

static FILE *open_input(const char *path, struct mc_err *err)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in) /* a path that will not open is the caller's to fix: exit 2 */
		mc_fail(err, MC_ERR_INPUT, "", "%s: %s", path, strerror(errno));
	return in;
}

static void close_input(FILE *in)
{
	if (in && in != stdin)
		fclose(in);
}

/* The name a dossier keeps of the file it came from. */
static const char *source_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "(stdin)" : path;
}

static int run(import_fn fn, const char *kind, const char *path, const char *db)
{
	struct mc_err err = {0};
	FILE *in = open_input(path, &err);
	if (!in)
		return cli_fail(&err);
	struct app app;
	if (cli_open_app(db, &app, &err)) {
		close_input(in);
		return cli_fail(&err);
	}
	struct import_stats stats;
	enum mc_code rc = fn(&app, in, &stats, &err);
	app_close(&app);
	close_input(in);
	if (rc)
		return cli_fail(&err);
	fprintf(stderr, "imported %zu %s (%zu new, %zu updated) in %.2f s\n",
		stats.records, kind, stats.created, stats.updated,
		stats.seconds);
	print_warnings(&stats);
	return 0;
}

/* Dossiers, with their file's name; with --rejects OUT line by line:
 * exit 0 when a line went in, 2 when none did. */
static int run_dossiers(const char *path, const char *out, const char *db)
{
	struct mc_err err = {0};
	FILE *in = open_input(path, &err);
	if (!in)
		return cli_fail(&err);
	FILE *rejects = out ? fopen(out, "w") : NULL;
	if (out && !rejects) {
		close_input(in);
		mc_fail(&err, MC_ERR_INPUT, "--rejects", "--rejects: %s: %s",
			out, strerror(errno));
		return cli_fail(&err);
	}
	struct app app;
	enum mc_code rc = cli_open_app(db, &app, &err);
	struct import_stats stats;
	if (!rc) {
		struct import_options opt = {.rejects = rejects,
					     .source = source_name(path)};
		rc = import_dossiers_with(&app, in, &opt, &stats, &err);
		app_close(&app);
	}
	close_input(in);
	if (rejects && fclose(rejects) != 0 && !rc)
		rc = mc_fail(&err, MC_ERR_IO, "--rejects", "--rejects: %s: %s",
			     out, strerror(errno));
	if (rc)
		return cli_fail(&err);
	fprintf(stderr, "imported %zu dossiers (%zu new, %zu updated)",
		stats.records, stats.created, stats.updated);
	if (out)
		fprintf(stderr, ", refused %zu line%s (in %s)", stats.rejected,
			stats.rejected == 1 ? "" : "s", out);
	fprintf(stderr, " in %.2f s\n", stats.seconds);
	print_warnings(&stats);
	if (!out || stats.records)
		return 0;
	mc_fail(&err, MC_ERR_INPUT, "", "no line was imported");
	return cli_fail(&err);
}

int cmd_import(int argc, char **argv)
{
	const char *db = NULL, *rejects = NULL;
	const char *pos[2];
	size_t n_pos = 0;
	const struct cli_opt opts[] = {{"db", &db, NULL},
				       {"rejects", &rejects, NULL},
				       {NULL, NULL, NULL}};
	int status = cli_parse(argc, argv, opts, pos, 2, &n_pos);
	if (status)
		return status;
	if (n_pos != 2)
		return cli_usage("usage: motcua import units|procedures|"
				 "dossiers|ratings|feedback FILE [--db FILE]"
				 " [--rejects OUT (dossiers)]");
	import_fn fn = find_kind(pos[0]);
	if (!fn)
		return cli_usage("cannot import \"%s\": expected units, "
				 "procedures, dossiers, ratings or feedback",
				 pos[0]);
	if (rejects && strcmp(pos[0], "dossiers") != 0)
		return cli_usage("--rejects: only for dossiers");
	if (fn == import_dossiers)
		return run_dossiers(pos[1], rejects, db);
	return run(fn, pos[0], pos[1], db);
}
