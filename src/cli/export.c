/*
 * export.c - `motcua export dossiers [--from D --to D] [--db FILE]
 * [--out FILE]`: stored dossiers as portal JSON Lines, to stdout or FILE;
 * `motcua export units|procedures`: the catalogue in its import format
 * (procedures with who offers them and their publication dates).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "app/catalog.h"
#include "app/export.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "io/catalog.h"

/* An optional YYYY-MM-DD option; absent leaves the day open. */
static enum mc_code day_opt(const char *s, const char *name, int64_t *day,
			    struct mc_err *err)
{
	*day = MC_NO_TIME;
	return s ? civil_parse_date(s, day, name, err) : MC_OK;
}

struct catalog_out {
	FILE *out;
	struct strbuf line;
	size_t n;
};

static int write_unit(const struct unit *u, void *ctx)
{
	struct catalog_out *c = ctx;
	strbuf_reset(&c->line);
	catalog_unit_write(u, &c->line);
	c->n++;
	return fprintf(c->out, "%s\n", c->line.buf) < 0;
}

static enum mc_code export_units(struct app *app, FILE *out, size_t *n,
				 struct mc_err *err)
{
	struct catalog_out c = {.out = out};
	strbuf_init(&c.line);
	enum mc_code rc = app_unit_each(app, write_unit, &c, err);
	strbuf_release(&c.line);
	if (!rc && ferror(out))
		rc = mc_fail(err, MC_ERR_IO, "out", "out: write failed");
	*n = c.n;
	return rc;
}

static int run(const char *db, const char *what, const char *path, int64_t from,
	       int64_t to)
{
	struct mc_err err = {0};
	struct app app;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	FILE *out = path ? fopen(path, "w") : stdout;
	if (!out) {
		/* a path that will not open is the caller's to fix: exit 2 */
		mc_fail(&err, MC_ERR_INPUT, "", "%s: %s", path,
			strerror(errno));
		app_close(&app);
		return cli_fail(&err);
	}
	size_t n = 0;
	enum mc_code rc =
		strcmp(what, "dossiers") == 0
			? export_dossiers(&app, from, to, out, &n, &err)
		: strcmp(what, "units") == 0
			? export_units(&app, out, &n, &err)
			: export_procedures(&app, out, &n, &err);
	app_close(&app);
	if (out != stdout && fclose(out) != 0 && !rc)
		rc = mc_fail(&err, MC_ERR_IO, "", "%s: %s", path,
			     strerror(errno));
	if (rc)
		return cli_fail(&err);
	fprintf(stderr, "exported %zu %s\n", n, what);
	return 0;
}

int cmd_export(int argc, char **argv)
{
	const char *db = NULL, *out = NULL, *from_s = NULL, *to_s = NULL;
	const char *pos[1];
	size_t n_pos = 0;
	const struct cli_opt opts[] = {{"db", &db, NULL},
				       {"out", &out, NULL},
				       {"from", &from_s, NULL},
				       {"to", &to_s, NULL},
				       {NULL, NULL, NULL}};
	int status = cli_parse(argc, argv, opts, pos, 1, &n_pos);
	if (status)
		return status;
	if (n_pos != 1 ||
	    (strcmp(pos[0], "dossiers") != 0 && strcmp(pos[0], "units") != 0 &&
	     strcmp(pos[0], "procedures") != 0))
		return cli_usage("usage: motcua export units|procedures|"
				 "dossiers [--from YYYY-MM-DD --to YYYY-MM-DD] "
				 "[--db FILE] [--out FILE]");
	if (strcmp(pos[0], "dossiers") != 0 && (from_s || to_s))
		return cli_usage("--from/--to: only dossiers have dates");
	struct mc_err err = {0};
	int64_t from, to;
	if (day_opt(from_s, "--from", &from, &err) ||
	    day_opt(to_s, "--to", &to, &err))
		return cli_fail(&err);
	if (from != MC_NO_TIME && to != MC_NO_TIME && to < from) {
		mc_fail(&err, MC_ERR_INPUT, "--to", "--to: is before --from");
		return cli_fail(&err);
	}
	return run(db, pos[0], out, from, to);
}
