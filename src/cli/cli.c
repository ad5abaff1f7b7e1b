/*
 * cli.c - option parsing and error reporting shared by the subcommands.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/civil.h"
#include "core/figures.h"
#include "io/report_text.h"

static const struct cli_opt *find(const struct cli_opt *opts, const char *a)
{
	for (; opts && opts->name; opts++)
		if (strcmp(opts->name, a) == 0)
			return opts;
	return NULL;
}

int cli_parse(int argc, char **argv, const struct cli_opt *opts,
	      const char **pos, size_t max_pos, size_t *n_pos)
{
	size_t n = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || strcmp(a, "-") == 0) {
			if (n == max_pos)
				return cli_usage("unexpected argument \"%s\"",
						 a);
			pos[n++] = a;
			continue;
		}
		const struct cli_opt *o = find(opts, a + 2);
		if (!o)
			return cli_usage("unknown option %s", a);
		if (o->flag) {
			*o->flag = true;
		} else {
			if (i + 1 >= argc)
				return cli_usage("%s needs a value", a);
			*o->value = argv[++i];
		}
	}
	if (n_pos)
		*n_pos = n;
	return 0;
}

const char *cli_db_path(const char *db_opt)
{
	if (db_opt)
		return db_opt;
	const char *env = getenv("MOTCUA_DB");
	return env && *env ? env : "motcua.db";
}

enum mc_code cli_fixed_now(int64_t *now, struct mc_err *err)
{
	const char *env = getenv("MOTCUA_NOW");
	*now = MC_NO_TIME;
	if (!env || !*env)
		return MC_OK;
	return civil_parse_local(env, now, "MOTCUA_NOW", err);
}

int64_t cli_now(void)
{
	int64_t t;
	if (cli_fixed_now(&t, NULL) == MC_OK && t != MC_NO_TIME)
		return t;
	return (int64_t)time(NULL);
}

enum mc_code cli_open_app(const char *db, struct app *app, struct mc_err *err)
{
	int64_t t;
	enum mc_code rc = cli_fixed_now(&t, err);
	if (!rc)
		rc = app_open(cli_db_path(db), app, err);
	if (!rc)
		app->now = t;
	return rc;
}

void cli_print_as_of(int64_t as_of) { report_as_of_write(stdout, as_of); }

int cli_fail(const struct mc_err *err)
{
	fprintf(stderr, "motcua: %s\n",
		err->message[0] ? err->message : mc_code_name(err->code));
	return mc_code_exit_status(err->code);
}

int cli_put(struct strbuf *sb)
{
	bool oom = sb->oom;
	bool ok = !oom &&
		  fwrite(sb->buf ? sb->buf : "", 1, sb->len, stdout) == sb->len;
	strbuf_release(sb);
	if (ok)
		return 0;
	fprintf(stderr, "motcua: %s\n",
		oom ? "out of memory" : "cannot write the output");
	return 1;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	fputs("motcua: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs(" (see motcua help)\n", stderr);
	return 2;
}

/* dir, else $env, else DB + suffix, into buf. */
static const char *dir_option(const char *db, const char *dir,
			      const char *env, const char *suffix, char *buf,
			      size_t size)
{
	const char *e = getenv(env);
	if (dir)
		snprintf(buf, size, "%s", dir);
	else if (e && *e)
		snprintf(buf, size, "%s", e);
	else
		snprintf(buf, size, "%s%s", cli_db_path(db), suffix);
	return buf;
}

const char *cli_files_dir(const char *db, const char *dir, char *buf,
			  size_t size)
{
	return dir_option(db, dir, "MOTCUA_FILES", ".files", buf, size);
}

const char *cli_pki_dir(const char *db, const char *dir, char *buf,
			size_t size)
{
	return dir_option(db, dir, "MOTCUA_PKI", ".pki", buf, size);
}

enum mc_code cli_slurp(const char *path, size_t max, const char *field,
		       char **data, size_t *n, struct mc_err *err)
{
	*data = NULL;
	*n = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_fail(err, MC_ERR_INPUT, field, "%s: %s: %m", field,
			       path);
	char *buf = malloc(max + 2);
	size_t got = buf ? fread(buf, 1, max + 1, f) : 0;
	bool bad = ferror(f);
	fclose(f);
	if (!buf)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (bad || got > max) {
		free(buf);
		return bad ? mc_fail(err, MC_ERR_INPUT, field,
				     "%s: %s: cannot be read", field, path)
			   : mc_fail(err, MC_ERR_TOO_LARGE, field,
				     "%s: %s is larger than %zu bytes", field,
				     path, max);
	}
	buf[got] = '\0';
	*data = buf;
	*n = got;
	return MC_OK;
}

int cli_cutoff(const char *s, int *cutoff)
{
	if (!s)
		return 0;
	char *end;
	long c = strtol(s, &end, 10);
	if (!*s || *end || c < 1 || c > 28)
		return cli_usage("--cutoff: \"%s\" is not a day 1-28", s);
	*cutoff = (int)c;
	return 0;
}

int cli_unit_figures(const char *level, const char *min_resolved,
		     enum unit_level *out_level, int64_t *out_min)
{
	struct mc_err err;
	if (level && unit_level_parse(level, out_level, "level", &err))
		return cli_fail(&err);
	if (min_resolved && report_min_resolved_parse(min_resolved, out_min,
						      "min-resolved", &err))
		return cli_fail(&err);
	return 0;
}

int cli_period(const char *from, const char *to, const char *period,
	       int cutoff, struct report_period *out)
{
	struct mc_err err;
	if ((from || to) && period)
		return cli_usage("give --from and --to, or --period, not both");
	if (!from && !to && !period) {
		*out = report_last_month(cli_now(), cutoff);
		return 0;
	}
	if (period)
		return report_period_parse(period, cutoff, out, "period", &err)
			       ? cli_fail(&err)
			       : 0;
	if (!from || !to)
		return cli_usage("give --from and --to together");
	if (civil_parse_date(from, &out->from, "from", &err) ||
	    civil_parse_date(to, &out->to, "to", &err))
		return cli_fail(&err);
	if (out->to < out->from)
		return cli_usage("--to: %s is before --from %s", to, from);
	return 0;
}
