/*
 * init.c - `motcua init`: create the database or migrate it to this
 * program's schema.
 */
#include <stdio.h>

#include "cli/cli.h"

int cmd_init(int argc, char **argv)
{
	const char *db = NULL;
	const struct cli_opt opts[] = {{"db", &db, NULL}, {NULL, NULL, NULL}};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (status)
		return status;
	struct app app;
	struct mc_err err;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	fprintf(stderr, "%s: schema version %d\n", cli_db_path(db),
		app_schema_version(&app));
	app_close(&app);
	return 0;
}
