/*
 * serve.c - `motcua serve [--db FILE] [--listen HOST:PORT] [--threads N]`:
 * run the HTTP server until SIGTERM or SIGINT, then stop accepting, let
 * the requests in flight finish, close the database and exit 0.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/server.h"

static int parse_threads(const char *s, unsigned *out)
{
	char *end;
	long n = s ? strtol(s, &end, 10) : 4;
	if (s && (!*s || *end || n < 1 || n > 64))
		return cli_usage("--threads: \"%s\" is not a number in 1-64",
				 s);
	*out = (unsigned)n;
	return 0;
}

static void print_address(const char *listen, unsigned port)
{
	const char *colon = strrchr(listen, ':');
	int host_len = colon ? (int)(colon - listen) : 0;
	fprintf(stderr, "motcua: serving on http://%.*s:%u/\n", host_len,
		listen, port);
}

int cmd_serve(int argc, char **argv)
{
	const char *db = NULL, *listen = "127.0.0.1:8080", *threads = NULL;
	const struct cli_opt opts[] = {
		{"db", &db, NULL},
		{"listen", &listen, NULL},
		{"threads", &threads, NULL},
		{NULL, NULL, NULL},
	};
	struct http_config cfg = {0};
	int status = cli_parse(argc, argv, opts, NULL, 0, NULL);
	if (!status)
		status = parse_threads(threads, &cfg.threads);
	if (status)
		return status;
	cfg.db_path = cli_db_path(db);
	cfg.listen = listen;
	/* Block the stop signals before any thread starts, so every server
	 * thread inherits the mask and only sigwait below sees them. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	struct http_server *srv;
	struct mc_err err;
	if (http_server_start(&cfg, &srv, &err))
		return cli_fail(&err);
	print_address(listen, http_server_port(srv));
	int sig = 0;
	sigwait(&stop, &sig);
	fprintf(stderr, "motcua: %s, stopping\n",
		sig == SIGINT ? "interrupted" : "terminated");
	http_server_stop(srv, 10000);
	return 0;
}
