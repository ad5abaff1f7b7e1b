/*
 * serve.c - `motcua serve [--db FILE] [--listen HOST:PORT] [--threads N]
 * [--web DIR] [--trusted-proxy ADDR] [--access-log FILE] [--error-log
 * FILE] [--filings-per-address N] [--filings-per-unit N]
 * [--conns-per-address N] [--request-deadline SECS] [--files DIR]
 * [--max-file-mib N] [--max-dossier-mib N] [--uploads-per-address N]
 * [--demo-accounts]`:
 * run the HTTP server (the JSON API and the pages in DIR, default "web")
 * until SIGTERM or SIGINT, then stop accepting, let the requests in
 * flight finish, close the database and exit 0. SIGHUP reopens the log
 * files (for logrotate). --trusted-proxy names the TLS proxy in front:
 * only from that peer is X-Forwarded-For taken as the client's address.
 * The limits are described in docs/internals/http.md ("Flooding"); the
 * document store is DIR, else DB.files (docs/internals/docstore.md).
 *
 * --demo-accounts first adds, when missing, the demonstration accounts
 * admin, lanhdao, motcua and canbo, all with the password "demo" (too
 * short for `motcua user add` on purpose: never on real data).
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/account.h"
#include "app/catalog.h"
#include "app/report.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "http/server.h"

#define DEMO_PASSWORD "demo"

/* A numeric option: unset keeps the server's default (0). */
struct number_opt {
	const char *name, *value;
	unsigned *out;
	long max;
};

static int parse_numbers(const struct number_opt *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *s = o[i].value;
		char *end;
		long v = s ? strtol(s, &end, 10) : 0;
		if (s && (!*s || *end || v < 1 || v > o[i].max))
			return cli_usage("--%s: \"%s\" is not a number in "
					 "1-%ld",
					 o[i].name, s, o[i].max);
		*o[i].out = (unsigned)v;
	}
	return 0;
}

static void print_address(const char *listen, unsigned port)
{
	const char *colon = strrchr(listen, ':');
	int host_len = colon ? (int)(colon - listen) : 0;
	fprintf(stderr, "motcua: serving on http://%.*s:%u/\n", host_len,
		listen, port);
}

/* ---- demonstration accounts -------------------------------------------- */

struct busiest {
	struct app *app;
	const char *root;
	char code[64];
	int64_t received;
};

/* The department (a province-level unit under the province, in service
 * today: not one closed in a merger) that has received the most dossiers
 * so far, from the aggregates. */
static enum mc_code busiest_department(struct app *app, const char *root,
				       char *out, size_t size,
				       struct mc_err *err)
{
	struct report rep;
	struct report_query q = {.unit = root, .by = REPORT_BY_UNIT};
	q.period.from = civil_days(1990, 1, 1);
	q.period.to = civil_local_day((int64_t)time(NULL));
	enum mc_code rc = app_report(app, &q, &rep, err);
	if (rc)
		return rc;
	int64_t best = -1;
	snprintf(out, size, "%s", root);
	for (size_t i = 0; i < rep.n; i++) {
		struct unit u;
		const struct report_line *l = &rep.lines[i];
		if (l->row.received_total <= best ||
		    strcmp(l->key, root) == 0 ||
		    app_unit_get(app, l->key, &u, err))
			continue;
		if (u.level == LEVEL_PROVINCE &&
		    unit_valid_on(&u, q.period.to)) {
			best = l->row.received_total;
			snprintf(out, size, "%s", l->key);
		}
		unit_release(&u);
	}
	report_release(&rep);
	return MC_OK;
}

/* The province: the unit without a parent. */
static int find_root(const struct unit *u, void *ctx)
{
	if (!u->parent && !*(char *)ctx)
		snprintf(ctx, 64, "%s", u->code);
	return 0;
}

/* Add one account unless the name is taken. */
static enum mc_code seed_account(struct app *app, const char *name,
				 const char *role, const char *unit,
				 struct mc_err *err)
{
	struct account_info u;
	enum mc_code rc = account_get(app, name, &u, err);
	if (rc == MC_OK) {
		printf("  %-8s %-8s %s (already there)\n", name, u.role,
		       u.unit);
		return MC_OK;
	}
	if (rc != MC_ERR_NOT_FOUND)
		return rc;
	printf("  %-8s %-8s %s\n", name, role, unit);
	return account_add_demo(app, name, role, unit, DEMO_PASSWORD, err);
}

static int seed_accounts(const char *db)
{
	struct app app;
	struct mc_err err;
	char root[64] = "", dept[64];
	if (cli_open_app(db, &app, &err))
		return cli_fail(&err);
	printf("demo accounts (password \"%s\"; demonstration only):\n",
	       DEMO_PASSWORD);
	enum mc_code rc = app_unit_each(&app, find_root, root, &err);
	if (!rc && !root[0])
		rc = mc_fail(&err, MC_ERR_NOT_FOUND, "unit",
			     "the database has no units: run motcua demo");
	if (!rc)
		rc = busiest_department(&app, root, dept, sizeof(dept), &err);
	if (!rc)
		rc = seed_account(&app, "admin", "admin", root, &err);
	if (!rc)
		rc = seed_account(&app, "lanhdao", "leader", root, &err);
	if (!rc)
		rc = seed_account(&app, "motcua", "clerk", dept, &err);
	if (!rc)
		rc = seed_account(&app, "canbo", "officer", dept, &err);
	app_close(&app);
	fflush(stdout);
	return rc ? cli_fail(&err) : 0;
}

static int parse_proxy(const char *s)
{
	unsigned char bin[16];
	if (s && inet_pton(AF_INET, s, bin) != 1 &&
	    inet_pton(AF_INET6, s, bin) != 1)
		return cli_usage("--trusted-proxy: \"%s\" is not an IP "
				 "address",
				 s);
	return 0;
}

/* --public-url: http:// or https://, then a host and an optional path,
 * in printable ASCII without quotes, spaces or a query; at most 200
 * bytes. It ends up inside QR codes and page links. */
static int parse_public_url(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	bool scheme =
		strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
	const char *host = scheme ? strstr(s, "//") + 2 : s;
	bool clean = n <= 200 && *host && *host != '/';
	for (const char *c = s; clean && *c; c++)
		clean = *c > ' ' && *c < 127 && !strchr("\"'<>\\`?#", *c);
	if (!scheme || !clean)
		return cli_usage("--public-url: \"%s\" is not an http:// or "
				 "https:// address (host and path, at most "
				 "200 bytes, no query)",
				 s);
	return 0;
}

/* A missing page directory is worth a warning, not a refusal: the API
 * alone is a useful server. */
static void check_web(const char *dir)
{
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		fprintf(stderr,
			"motcua: --web: \"%s\" is not a directory; "
			"serving the API only\n",
			dir);
}

/* Block the signals the main thread takes with sigwait before any
 * thread starts, so that every server thread inherits the mask. */
static void block_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Serve until SIGTERM or SIGINT; SIGHUP reopens the logs (logrotate). */
static int serve(const struct http_config *cfg)
{
	sigset_t set;
	struct http_server *srv;
	struct mc_err err;
	block_signals(&set);
	if (http_server_start(cfg, &srv, &err))
		return cli_fail(&err);
	print_address(cfg->listen, http_server_port(srv));
	int sig = 0;
	while (sigwait(&set, &sig) == 0 && sig == SIGHUP)
		http_server_reopen_logs(srv);
	fprintf(stderr, "motcua: %s, stopping\n",
		sig == SIGINT ? "interrupted" : "terminated");
	http_server_stop(srv, 10000);
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080";
	const char *web = "web", *proxy = NULL, *pki = NULL;
	struct http_config cfg = {0};
	unsigned file_mib = 0, dossier_mib = 0;
	struct number_opt nums[] = {
		{"threads", NULL, &cfg.threads, 64},
		{"filings-per-address", NULL, &cfg.filings_per_address, 100000},
		{"filings-per-unit", NULL, &cfg.filings_per_unit, 99999},
		{"conns-per-address", NULL, &cfg.conns_per_address, 10000},
		{"request-deadline", NULL, &cfg.request_deadline, 3600},
		{"uploads-per-address", NULL, &cfg.uploads_per_address, 100000},
		{"max-file-mib", NULL, &file_mib, 4096},
		{"max-dossier-mib", NULL, &dossier_mib, 4096},
	};
	bool demo = false;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},
		{"listen", &listen, NULL},
		{"web", &web, NULL},
		{"trusted-proxy", &proxy, NULL},
		{"access-log", &cfg.access_log, NULL},
		{"error-log", &cfg.error_log, NULL},
		{nums[0].name, &nums[0].value, NULL},
		{nums[1].name, &nums[1].value, NULL},
		{nums[2].name, &nums[2].value, NULL},
		{nums[3].name, &nums[3].value, NULL},
		{nums[4].name, &nums[4].value, NULL},
		{nums[5].name, &nums[5].value, NULL},
		{nums[6].name, &nums[6].value, NULL},
		{nums[7].name, &nums[7].value, NULL},
		{"files", &cfg.files_dir, NULL},
		{"demo-accounts", NULL, &demo},
		{"pki", &pki, NULL},
		{"public-url", &cfg.public_url, NULL},
		{NULL, NULL, NULL},
	};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_numbers(nums, sizeof(nums) / sizeof(*nums));
	if (!status)
		status = parse_proxy(proxy);
	if (!status)
		status = parse_public_url(cfg.public_url);
	if (!status && demo)
		status = seed_accounts(cli_db_path(db));
	if (status)
		return status;
	struct mc_err err;
	int64_t now;
	if (cli_fixed_now(&now, &err))
		return cli_fail(&err);
	cfg.now = now == MC_NO_TIME ? 0 : now;
	cfg.db_path = cli_db_path(db);
	cfg.listen = listen;
	cfg.web_root = web;
	cfg.trusted_proxy = proxy;
	if (!cfg.files_dir && getenv("MOTCUA_FILES") && *getenv("MOTCUA_FILES"))
		cfg.files_dir = getenv("MOTCUA_FILES");
	cfg.max_file = (int64_t)file_mib * 1024 * 1024;
	cfg.max_dossier = (int64_t)dossier_mib * 1024 * 1024;
	/* the key directory: named, or DB.pki (or $MOTCUA_PKI) when there */
	char keys[4096];
	cli_pki_dir(db, pki, keys, sizeof(keys));
	if (pki || access(keys, F_OK) == 0)
		cfg.pki_dir = keys;
	check_web(web);
	return serve(&cfg);
}
