/*
 * publish.c - `motcua publish --period P | --show P | --diff P`: freeze a
 * period's report and index as an immutable, checksummed snapshot, print
 * it (verifying the checksum), or show what recomputing it today would
 * change.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app/index.h"
#include "cli/cli.h"

static int show(struct app *app, const char *period)
{
	struct snapshot s;
	struct mc_err err;
	bool intact;
	if (app_publish_show(app, period, &s, &intact, &err))
		return cli_fail(&err);
	puts(s.content);
	fprintf(stderr, "checksum %s: %s\n", s.checksum,
		intact ? "verified" : "DOES NOT MATCH the content");
	snapshot_release(&s);
	return intact ? 0 : 1;
}

static int diff(struct app *app, const char *period)
{
	struct snapshot s;
	struct strbuf now, out;
	struct mc_err err;
	bool intact;
	char *rules = NULL;
	size_t changes = 0;
	if (app_publish_show(app, period, &s, &intact, &err))
		return cli_fail(&err);
	strbuf_init(&now);
	strbuf_init(&out);
	enum mc_code rc = app_publish_render(app, period, &now, &rules, &err);
	if (!rc)
		rc = index_json_diff(s.content, now.buf, &out, &changes, &err);
	if (!rc) {
		fputs(str_or_empty(out.buf), stdout);
		fprintf(stderr, "%zu changes since publication\n", changes);
	}
	free(rules);
	strbuf_release(&now);
	strbuf_release(&out);
	snapshot_release(&s);
	return rc ? cli_fail(&err) : 0;
}

int cmd_publish(int argc, char **argv)
{
	const char *db = NULL, *period = NULL, *show_p = NULL, *diff_p = NULL;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},       {"period", &period, NULL},
		{"show", &show_p, NULL}, {"diff", &diff_p, NULL},
		{NULL, NULL, NULL},
	};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (status)
		return status;
	if (!!period + !!show_p + !!diff_p != 1)
		return cli_usage("usage: motcua publish --period P | --show P "
				 "| --diff P");
	struct app app;
	struct mc_err err;
	const char *name = getenv("USER");
	const struct actor who = ACTOR_OPERATOR(name ? name : "cli");
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	if (show_p)
		status = show(&app, show_p);
	else if (diff_p)
		status = diff(&app, diff_p);
	else if (app_publish(&app, &who, period, &err))
		status = cli_fail(&err);
	else
		fprintf(stderr, "published %s\n", period);
	app_close(&app);
	return status;
}
