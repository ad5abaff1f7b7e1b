/*
 * env.h - the server running in-process on the fixture province, with one
 * account per role: admin (province), and leader, officer, clerk of
 * district 000.00.31.H56 and an officer of department 000.00.06.H56.
 * Header-only, shared by the tests/http binaries.
 */
#ifndef MC_TESTS_HTTP_ENV_H
#define MC_TESTS_HTTP_ENV_H

#include <time.h>

#include "app/account.h"
#include "core/civil.h"
#include "fixture.h"
#include "http/client.h"
#include "http/server.h"

#define PW "correct-horse-1"
#define DISTRICT "000.00.31.H56"
#define COMMUNE "000.31.21.H56"
#define DEPARTMENT "000.00.06.H56"

struct env {
	struct fixture f;
	struct http_server *srv;
	unsigned port;
	char access_log[128], error_log[128]; /* "" unless ENV_LOGS */
};

/* As http_config.access_log: both logs go to files in the fixture's
 * directory, named in e->access_log and e->error_log. */
#define ENV_LOGS "(fixture)"

static inline void env_user(struct env *e, const char *name, const char *role,
			    const char *unit)
{
	struct mc_err err;
	if (account_add(&e->f.app, name, role, unit, PW, &err)) {
		fprintf(stderr, "env: %s: %s\n", name, err.message);
		exit(1);
	}
}

/* The server with the settings of cfg (its database, address and
 * thread count filled in when unset). */
static inline void env_open_with(struct env *e, struct http_config cfg)
{
	struct mc_err err;
	fixture_open(&e->f);
	env_user(e, "admin", "admin", "000.00.00.H56");
	env_user(e, "leader31", "leader", DISTRICT);
	env_user(e, "officer31", "officer", DISTRICT);
	env_user(e, "clerk31", "clerk", DISTRICT);
	env_user(e, "officer06", "officer", DEPARTMENT);
	cfg.db_path = e->f.db;
	e->access_log[0] = e->error_log[0] = '\0';
	if (cfg.access_log && strcmp(cfg.access_log, ENV_LOGS) == 0) {
		snprintf(e->access_log, sizeof(e->access_log), "%s/access.log",
			 e->f.dir);
		snprintf(e->error_log, sizeof(e->error_log), "%s/error.log",
			 e->f.dir);
		cfg.access_log = e->access_log;
		cfg.error_log = e->error_log;
	}
	cfg.listen = cfg.listen ? cfg.listen : "127.0.0.1:0";
	cfg.threads = cfg.threads ? cfg.threads : 2;
	if (http_server_start(&cfg, &e->srv, &err)) {
		fprintf(stderr, "env: server: %s\n", err.message);
		exit(1);
	}
	e->port = http_server_port(e->srv);
}

static inline void env_open(struct env *e)
{
	env_open_with(e, (struct http_config){0});
}

/* The value of a motcua_http_events_total counter, from /metrics. */
static inline long env_event(struct env *e, const char *event)
{
	struct reply r;
	char key[96];
	long n = -1;
	snprintf(key, sizeof(key), "motcua_http_events_total{event=\"%s\"} ",
		 event);
	if (client_request(e->port, "GET", "/metrics", NULL, NULL, &r) == 0 &&
	    r.body && strstr(r.body, key))
		n = atol(strstr(r.body, key) + strlen(key));
	reply_release(&r);
	return n;
}

static inline void env_close(struct env *e)
{
	http_server_stop(e->srv, 5000);
	if (e->access_log[0])
		unlink(e->access_log);
	if (e->error_log[0])
		unlink(e->error_log);
	fixture_close(&e->f);
}

/* A dossier received at the counter of `unit` just now, status 2. */
static inline char *env_dossier(struct env *e, const char *unit)
{
	struct dossier filing, out;
	struct mc_err err;
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT, .at = (int64_t)time(NULL)}};
	fixture_filing(&filing, "1.000001", unit, CHANNEL_DIRECT);
	req.filing = &filing;
	if (app_lifecycle(&e->f.app, &req, &out, &err)) {
		fprintf(stderr, "env: dossier: %s\n", err.message);
		exit(1);
	}
	char *code = strdup(out.code);
	dossier_release(&out);
	dossier_release(&filing);
	return code;
}

/* Some dossiers of district 31 in April 2024, for the reports: finished
 * on time, still open past its due date, refused, transferred in from
 * the department, each driven by the operator. */
static inline void env_april(struct env *e)
{
	static const struct {
		const char *unit, *at;
		enum dossier_op ops[3];
	} lives[] = {
		{COMMUNE,
		 "2024-04-01 09:00",
		 {OP_ACCEPT, OP_FINISH, OP_RETURN}},
		{DISTRICT, "2024-04-02 09:00", {OP_ACCEPT, OP_START}},
		{COMMUNE, "2024-04-03 09:00", {OP_REFUSE}},
		{DEPARTMENT, "2024-04-04 09:00", {OP_ACCEPT, OP_TRANSFER}},
	};
	for (size_t i = 0; i < sizeof(lives) / sizeof(*lives); i++) {
		struct dossier filing, out;
		struct mc_err err;
		int64_t at = fixture_time(lives[i].at);
		struct op_request req = {
			.actor = &fixture_operator,
			.params = {.note = "lý do", .to_unit = COMMUNE}};
		fixture_filing(&filing, "1.000001", lives[i].unit,
			       CHANNEL_DIRECT);
		req.filing = &filing;
		for (size_t k = 0; k < 3 && (k == 0 || lives[i].ops[k]); k++) {
			req.params.op = lives[i].ops[k];
			req.params.at = at + (int64_t)k * 86400;
			if (app_lifecycle(&e->f.app, &req, &out, &err)) {
				fprintf(stderr, "env: april: %s\n",
					err.message);
				exit(1);
			}
			if (!req.code)
				req.code = strdup(out.code);
			dossier_release(&out);
		}
		free((char *)req.code);
		dossier_release(&filing);
	}
}

/* The command `motcua ARGS --db DB --format FORMAT`, run with the
 * binary beside this test's build, into cmd. */
static inline void env_cli_command(struct env *e, const char *args,
				   const char *format, char *cmd, size_t n)
{
	char self[4096];
	ssize_t len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[len > 0 ? len : 0] = '\0';
	/* build/MODE/tests/http/NAME -> build/MODE/motcua */
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(self, '/');
		if (slash)
			*slash = '\0';
	}
	snprintf(cmd, n, "'%s/motcua' %s --db '%s' --format %s", self, args,
		 e->f.db, format);
}

/* What `motcua ARGS --db DB --format json` prints, parsed (NULL when it
 * fails or is not JSON). */
static inline json_t *env_cli_json(struct env *e, const char *args)
{
	char cmd[8192];
	env_cli_command(e, args, "json", cmd, sizeof(cmd));
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	json_t *j = json_loadf(p, 0, NULL);
	if (pclose(p) != 0) {
		json_decref(j);
		return NULL;
	}
	return j;
}

/* What `motcua ARGS --db DB --format FORMAT` prints, as a string to
 * free (NULL when it fails). */
static inline char *env_cli_output(struct env *e, const char *args,
				   const char *format)
{
	char cmd[8192];
	env_cli_command(e, args, format, cmd, sizeof(cmd));
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	char *out = NULL;
	size_t len = 0, cap = 0, got;
	char buf[4096];
	while ((got = fread(buf, 1, sizeof(buf), p)) > 0) {
		if (len + got + 1 > cap) {
			cap = 2 * (len + got + 1);
			out = realloc(out, cap);
			if (!out)
				break;
		}
		memcpy(out + len, buf, got);
		len += got;
	}
	if (out)
		out[len] = '\0';
	if (pclose(p) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

static inline void env_login(struct env *e, const char *name, struct session *s)
{
	if (client_login(e->port, name, PW, s) != 200) {
		fprintf(stderr, "env: login %s failed\n", name);
		exit(1);
	}
}

#endif
