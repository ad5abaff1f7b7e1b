/*
 * user.c - `motcua user`: staff accounts of the server.
 *
 *   motcua user add --username U --role admin|leader|officer|clerk
 *                   --unit CODE [--password-file F]   (else standard input)
 *   motcua user list
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/account.h"
#include "cli/cli.h"

/* The first line of the file (or standard input for NULL or "-"). */
static int read_password(const char *path, char *buf, size_t size)
{
	FILE *f = !path || strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!f)
		return cli_usage("--password-file: cannot open %s", path);
	bool ok = fgets(buf, (int)size, f) != NULL;
	if (f != stdin)
		fclose(f);
	buf[ok ? strcspn(buf, "\r\n") : 0] = '\0';
	if (!ok || !buf[0])
		return cli_usage("password: none given (first line of "
				 "--password-file or standard input)");
	return 0;
}

static int add(const char *db, const char *username, const char *role,
	       const char *unit, const char *file)
{
	char pw[512];
	struct app app;
	struct mc_err err;
	if (!username || !role || !unit)
		return cli_usage("user add needs --username, --role and "
				 "--unit");
	int status = read_password(file, pw, sizeof(pw));
	if (status)
		return status;
	if (cli_open_app(db, &app, &err)) {
		sodium_memzero(pw, sizeof(pw));
		return cli_fail(&err);
	}
	enum mc_code rc = account_add(&app, username, role, unit, pw, &err);
	sodium_memzero(pw, sizeof(pw));
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	printf("%s\t%s\t%s\n", username, role, unit);
	return 0;
}

static int print_user(const struct account_info *u, void *ctx)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\n", u->username, u->role, u->unit,
	       u->active ? "active" : "inactive");
	return 0;
}

static int list(const char *db)
{
	struct app app;
	struct mc_err err;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = account_each(&app, print_user, NULL, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

int cmd_user(int argc, char **argv)
{
	const char *db = NULL, *username = NULL, *role = NULL, *unit = NULL;
	const char *file = NULL;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},
		{"username", &username, NULL},
		{"role", &role, NULL},
		{"unit", &unit, NULL},
		{"password-file", &file, NULL},
		{NULL, NULL, NULL},
	};
	if (argc < 2)
		return cli_usage("user add|list");
	int status = cli_parse(argc - 1, argv + 1, opts, NULL, 0, NULL);
	if (status)
		return status;
	if (strcmp(argv[1], "add") == 0)
		return add(db, username, role, unit, file);
	if (strcmp(argv[1], "list") == 0)
		return list(db);
	return cli_usage("unknown user command \"%s\"", argv[1]);
}
