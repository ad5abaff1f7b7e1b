/*
 * backup.c - `motcua backup --out DIR`: a consistent copy of the
 * database and of every file its dossiers refer to (app/backup.h), taken
 * while a server may be writing. Restoring is pointing --db at the copy.
 *
 *   motcua backup --out DIR [--db DB] [--files STORE]
 *
 * DIR must not exist or be empty; it receives DB's file name, its
 * document store beside it (NAME.files) and MANIFEST.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "app/backup.h"
#include "app/files.h"
#include "cli/cli.h"

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL, *files = NULL, *out = NULL;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},
		{"files", &files, NULL},
		{"out", &out, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[1];
	size_t n = 0;
	int rc = cli_parse(argc, argv, opts, pos, 1, &n);
	if (rc)
		return rc;
	if (n || !out || !*out)
		return cli_usage("usage: motcua backup --out DIR [--db DB] "
				 "[--files STORE]");
	struct mc_err err = {0};
	const char *path = cli_db_path(db);
	const char *file = strncmp(path, "sqlite://", 9) == 0 ? path + 9 : path;
	if (access(file, F_OK) != 0) {
		mc_fail(&err, MC_ERR_NOT_FOUND, "db",
			"db: %s: no such database", path);
		return cli_fail(&err);
	}
	const char *slash = strrchr(file, '/');
	const char *name = slash ? slash + 1 : file;
	char dir[4096];
	cli_files_dir(db, files, dir, sizeof(dir));
	struct app app;
	struct backup_result r;
	enum mc_code code = cli_open_app(db, &app, &err);
	if (code)
		return cli_fail(&err);
	code = app_files_open(&app, dir, &err);
	if (!code)
		code = app_backup(&app, out, name, &r, &err);
	app_close(&app);
	if (code)
		return cli_fail(&err);
	printf("%s/%s: %ld dossiers, %" PRId64 " bytes; %ld files, %" PRId64
	       " bytes, each checked against its SHA-256\n",
	       out, name, r.dossiers, r.database_bytes, r.files, r.file_bytes);
	return 0;
}
