/*
 * gateway.c - `motcua gateway`: the payment gateways the server sends
 * citizens to (VNPay's protocol 2.1.0, docs/internals/payments.md).
 *
 *   motcua gateway add NAME --terminal CODE --secret-file F
 *                  --pay-url URL --return-url URL [--method
 * provincial|national] motcua gateway list motcua gateway remove NAME
 *
 * The secret stays in its file (read when a payment is made or checked);
 * the list never shows it.
 */
#include <stdio.h>
#include <string.h>

#include "app/gateway.h"
#include "cli/cli.h"

static int add(const char *db, const char *name, struct gateway *g,
	       const char *method)
{
	struct mc_err err;
	if (!name || !g->terminal || !g->secret_file || !g->pay_url ||
	    !g->return_url)
		return cli_usage("gateway add NAME needs --terminal, "
				 "--secret-file, --pay-url and --return-url");
	g->method = PAY_PROVINCIAL;
	if (method &&
	    payment_method_parse(method, &g->method, "--method", &err))
		return cli_fail(&err);
	g->name = (char *)name;
	struct app app;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	const struct actor op = ACTOR_OPERATOR("operator");
	enum mc_code rc = app_gateway_add(&app, &op, g, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	printf("%s\t%s\t%s\n", name, g->terminal,
	       payment_method_key(g->method));
	return 0;
}

static int print_gateway(const struct gateway *g, void *ctx)
{
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", g->name, g->terminal,
	       payment_method_key(g->method), g->pay_url, g->return_url,
	       g->secret_file);
	return 0;
}

static int list(const char *db)
{
	struct app app;
	struct mc_err err;
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	enum mc_code rc = app_gateway_each(&app, print_gateway, NULL, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

static int remove_one(const char *db, const char *name)
{
	struct app app;
	struct mc_err err;
	if (!name)
		return cli_usage("gateway remove NAME");
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	const struct actor op = ACTOR_OPERATOR("operator");
	enum mc_code rc = app_gateway_remove(&app, &op, name, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

int cmd_gateway(int argc, char **argv)
{
	const char *db = NULL, *method = NULL;
	struct gateway g;
	gateway_init(&g);
	const struct cli_opt opts[] = {
		{"db", &db, NULL},
		{"terminal", (const char **)&g.terminal, NULL},
		{"secret-file", (const char **)&g.secret_file, NULL},
		{"pay-url", (const char **)&g.pay_url, NULL},
		{"return-url", (const char **)&g.return_url, NULL},
		{"method", &method, NULL},
		{NULL, NULL, NULL},
	};
	if (argc < 2)
		return cli_usage("gateway add|list|remove");
	const char *pos[1] = {NULL};
	size_t n_pos = 0;
	int status = cli_parse(argc - 1, argv + 1, opts, pos, 1, &n_pos);
	if (status)
		return status;
	/* the strings are argv's: nothing to release */
	if (strcmp(argv[1], "add") == 0)
		return add(db, pos[0], &g, method);
	if (strcmp(argv[1], "list") == 0)
		return list(db);
	if (strcmp(argv[1], "remove") == 0)
		return remove_one(db, pos[0]);
	return cli_usage("unknown gateway command \"%s\"", argv[1]);
}
