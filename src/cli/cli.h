/*
 * cli.h - what the subcommands share: option parsing, opening the
 * database, and turning an error into a message and an exit status.
 * One file per subcommand; main.c dispatches.
 */
#ifndef MC_CLI_CLI_H
#define MC_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "cli/opt.h"
#include "core/error.h"
#include "core/report.h"
#include "core/str.h"

/* The database path: --db, else $MOTCUA_DB, else motcua.db. */
const char *cli_db_path(const char *db_opt);
/* The app on that database; $MOTCUA_NOW ("YYYY-MM-DD HH:MM", Vietnam
 * time) fixes the moment it takes as now, for tests and rehearsals. */
enum mc_code cli_open_app(const char *db, struct app *app, struct mc_err *err);

/* $MOTCUA_NOW as a time, MC_NO_TIME when unset; a bad one is refused
 * naming MOTCUA_NOW. */
enum mc_code cli_fixed_now(int64_t *now, struct mc_err *err);
/* Now as the app will take it: $MOTCUA_NOW when it is a valid time
 * (cli_open_app refuses a bad one), else the clock. */
int64_t cli_now(void);

/* While a period runs, the line that says its figures are as of
 * `as_of` (to the minute, Vietnam time); nothing for an ended period. */
void cli_print_as_of(int64_t as_of);

/* Write sb to stdout and release it: 0, or 1 after saying why when it
 * ran out of memory or the write failed. */
int cli_put(struct strbuf *sb);

/* Shared by `report` and `summary`: --cutoff DAY (1-28) into *cutoff
 * when given; --level NAME and --min-resolved N into *level and *min
 * when given. 0, or the exit status 2 after printing what is wrong. */
int cli_cutoff(const char *s, int *cutoff);
int cli_unit_figures(const char *level, const char *min_resolved,
		     enum unit_level *out_level, int64_t *out_min);

/* Read a whole file of at most max bytes (malloc'd, NUL after the end):
 * MC_ERR_INPUT naming field when it cannot be read, MC_ERR_TOO_LARGE
 * when over max. */
enum mc_code cli_slurp(const char *path, size_t max, const char *field,
		       char **data, size_t *n, struct mc_err *err);

/* The document store: dir, else $MOTCUA_FILES, else DB.files, into
 * buf. */
const char *cli_files_dir(const char *db, const char *dir, char *buf,
			  size_t size);

/* The key directory: dir, else $MOTCUA_PKI, else DB.pki, into buf. */
const char *cli_pki_dir(const char *db, const char *dir, char *buf,
			size_t size);
/* cli_open_app, then the key directory opened for it (app_pki_open). */
enum mc_code cli_open_app_pki(const char *db, const char *dir, bool create,
			      struct app *app, struct mc_err *err);

/* The period of --from D --to D, or --period P (statutory months with
 * cut-off day `cutoff`), or the latest month that has ended. 0, or the
 * exit status 2 after printing what is wrong. */
int cli_period(const char *from, const char *to, const char *period,
	       int cutoff, struct report_period *out);

int cmd_calendar(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_dossier(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_files(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_gateway(int argc, char **argv);
int cmd_gateway_sim(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_index(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_payments(int argc, char **argv);
int cmd_pki(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_quality(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_targets(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_vietqr(int argc, char **argv);

#endif
