/*
 * opt.h - what every subcommand needs to read its options and to explain
 * a refusal, without the application (cli.h adds the database): a
 * command that opens no database includes this alone.
 */
#ifndef MC_CLI_OPT_H
#define MC_CLI_OPT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* An option: "--name VALUE" (value != NULL) or "--name" (flag != NULL). */
struct cli_opt {
	const char *name;
	const char **value;
	bool *flag;
};

/* Parse argv[1..]: options from `opts`, the rest into pos[0..max_pos).
 * Returns 0, or prints what is wrong and returns 2. */
int cli_parse(int argc, char **argv, const struct cli_opt *opts,
	      const char **pos, size_t max_pos, size_t *n_pos);

/* Print "motcua: message" (the message names the field) to stderr and
 * return the exit status: 2 for the caller's fault, 1 for ours. */
int cli_fail(const struct mc_err *err);
/* A usage error: print and return 2. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
