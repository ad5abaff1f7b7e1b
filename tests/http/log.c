/*
 * log.c - what the server writes down: a busy database (another writer
 * holds the lock) answers 503 with Retry-After, every 5xx goes to the
 * error log with its reason, the access log has one JSON line per
 * request without secrets, and SIGHUP reopens it (logrotate).
 */
#include <sqlite3.h>

#include "env.h"
#include "spawn.h"
#include "test.h"

#define FILING                                                     \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\"," \
	"\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Nguyễn Văn An\"," \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"LoaiDoiTuong\":\"1\"}"

/* The lines of a file, NULL-ended (free with free_lines). */
static char **read_lines(const char *path, int *n)
{
	FILE *f = fopen(path, "r");
	char **lines = calloc(256, sizeof(*lines)), buf[4096];
	*n = 0;
	while (f && *n < 255 && fgets(buf, sizeof(buf), f))
		lines[(*n)++] = strdup(buf);
	if (f)
		fclose(f);
	return lines;
}

static void free_lines(char **lines)
{
	for (int i = 0; lines[i]; i++)
		free(lines[i]);
	free(lines);
}

static char *slurp(const char *path)
{
	struct strbuf sb;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");
	strbuf_init(&sb);
	while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	if (f)
		fclose(f);
	strbuf_add(&sb, "", 0);
	return sb.buf ? sb.buf : strdup("");
}

/* Wait (up to about 5 s) for a file to hold n lines. */
static int lines_of(const char *path, int n)
{
	int got = 0;
	for (int i = 0; i < 100; i++) {
		char **l = read_lines(path, &got);
		free_lines(l);
		if (got >= n)
			break;
		usleep(50 * 1000);
	}
	return got;
}

TEST(a_busy_database_answers_503_and_is_logged)
{
	struct env e;
	struct reply r;
	sqlite3 *db;
	env_open_with(&e, (struct http_config){.access_log = ENV_LOGS,
					       .busy_ms = 200});
	/* an import holds the write lock */
	CHECK(sqlite3_open(e.f.db, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
	      SQLITE_OK);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL, FILING, &r);
	CHECK_INT(r.status, 503);
	char *retry = reply_header(&r, "Retry-After");
	CHECK(retry && atoi(retry) > 0);
	free(retry);
	CHECK_STR(json_string_value(json_object_get(
			  json_object_get(r.json, "error"), "code")),
		  "busy");
	reply_release(&r);
	CHECK(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK);
	/* the lock is gone: the same filing goes in */
	client_request(e.port, "POST", "/api/v1/dossiers", NULL, FILING, &r);
	CHECK_INT(r.status, 201);
	reply_release(&r);
	sqlite3_close(db);
	int n;
	CHECK_INT(lines_of(e.error_log, 1), 1);
	char **lines = read_lines(e.error_log, &n);
	CHECK_INT(n, 1);
	CHECK(n && strstr(lines[0], "\"status\":503"));
	CHECK(n && strstr(lines[0], "\"route\":\"/api/v1/dossiers\""));
	CHECK(n && strstr(lines[0], "database is locked"));
	free_lines(lines);
	env_close(&e);
}

TEST(every_500_is_logged_with_its_reason)
{
	struct env e;
	struct reply r;
	sqlite3 *db;
	env_open_with(&e, (struct http_config){.access_log = ENV_LOGS});
	/* a store that fails under the server (as a full disk does) */
	CHECK(sqlite3_open(e.f.db, &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "DROP TABLE dossier_status_counts", NULL, NULL,
			   NULL) == SQLITE_OK);
	sqlite3_close(db);
	for (int i = 0; i < 3; i++) {
		client_request(e.port, "GET", "/metrics", NULL, NULL, &r);
		CHECK_INT(r.status, 500);
		/* the client is told nothing of SQLite */
		CHECK(r.body && !strstr(r.body, "dossier_status_counts"));
		reply_release(&r);
	}
	int n;
	CHECK_INT(lines_of(e.error_log, 3), 3);
	char **lines = read_lines(e.error_log, &n);
	CHECK_INT(n, 3);
	for (int i = 0; i < n; i++) {
		CHECK(strstr(lines[i], "\"status\":500"));
		CHECK(strstr(lines[i], "no such table: dossier_status_counts"));
	}
	free_lines(lines);
	env_close(&e);
}

TEST(the_access_log_has_a_line_per_request_and_no_secrets)
{
	struct env e;
	struct reply r;
	struct session s;
	char path[200], secret[64] = "";
	env_open_with(&e, (struct http_config){.access_log = ENV_LOGS});
	client_request(e.port, "POST", "/api/v1/dossiers", NULL, FILING, &r);
	CHECK_INT(r.status, 201);
	snprintf(secret, sizeof(secret), "%s",
		 json_string_value(json_object_get(r.json, "secret")));
	snprintf(path, sizeof(path), "/api/v1/public/dossiers/%s?secret=%s",
		 json_string_value(json_object_get(r.json, "code")), secret);
	reply_release(&r);
	client_request(e.port, "GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	env_login(&e, "clerk31", &s);
	client_request(e.port, "GET", "/api/v1/auth/me", s.headers, NULL, &r);
	CHECK_INT(r.status, 200);
	reply_release(&r);
	client_request(e.port, "GET", "/api/v1/nope?x=1", NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	reply_release(&r);

	int n;
	CHECK_INT(lines_of(e.access_log, 5), 5);
	char **lines = read_lines(e.access_log, &n);
	CHECK_INT(n, 5);
	static const char *const routes[] = {
		"/api/v1/dossiers", "/api/v1/public/dossiers/{code}",
		"/api/v1/auth/login", "/api/v1/auth/me", NULL};
	static const int statuses[] = {201, 200, 200, 200, 404};
	for (int i = 0; i < n && i < 5; i++) {
		json_t *l = json_loads(lines[i], 0, NULL);
		CHECK(l != NULL);
		const char *route =
			json_string_value(json_object_get(l, "route"));
		CHECK_STR(route ? route : "-", routes[i] ? routes[i] : "-");
		CHECK_INT(json_integer_value(json_object_get(l, "status")),
			  statuses[i]);
		CHECK(json_is_string(json_object_get(l, "time")));
		CHECK(json_is_number(json_object_get(l, "ms")));
		CHECK_STR(json_string_value(json_object_get(l, "addr")),
			  "127.0.0.1");
		json_decref(l);
	}
	/* the filing names its unit; the signed-in request its account */
	CHECK(n > 3 && strstr(lines[0], "\"unit\":\"" DISTRICT "\"") &&
	      strstr(lines[0], "\"user\":null"));
	CHECK(n > 3 && strstr(lines[3], "\"user\":\"clerk31\"") &&
	      strstr(lines[3], "\"unit\":\"" DISTRICT "\""));
	free_lines(lines);
	char *text = slurp(e.access_log);
	const char *cookie = strstr(s.headers, "motcua_session=");
	CHECK(cookie != NULL);
	char token[80] = "";
	if (cookie)
		snprintf(token, sizeof(token), "%.64s", cookie + 15);
	CHECK(strlen(secret) == 32 && !strstr(text, secret));
	CHECK(strlen(token) == 64 && !strstr(text, token));
	CHECK(!strstr(text, PW));
	CHECK(!strstr(text, "secret="));
	CHECK(!strstr(text, "x=1"));
	free(text);
	env_close(&e);
}

TEST(the_library_s_messages_go_to_the_error_log)
{
	struct env e;
	env_open_with(&e, (struct http_config){.access_log = ENV_LOGS});
	/* half a request, then gone: libmicrohttpd says so */
	int fd = client_connect(e.port);
	static const char part[] = "GET /api/v1/units HTTP/1.1\r\nHost: x";
	CHECK(fd >= 0 && send(fd, part, sizeof(part) - 1, MSG_NOSIGNAL) > 0);
	usleep(100 * 1000);
	close(fd);
	CHECK_INT(lines_of(e.error_log, 1), 1);
	int n;
	char **lines = read_lines(e.error_log, &n);
	json_t *l = n ? json_loads(lines[0], 0, NULL) : NULL;
	CHECK(json_is_string(json_object_get(l, "time")));
	CHECK(json_string_value(json_object_get(l, "library")) &&
	      strstr(json_string_value(json_object_get(l, "library")),
		     "incomplete request"));
	json_decref(l);
	free_lines(lines);
	env_close(&e);
}

TEST(sighup_reopens_the_access_log)
{
	struct fixture f;
	unsigned port;
	char log[128], rotated[140];
	struct reply r;
	fixture_open(&f);
	snprintf(log, sizeof(log), "%s/access.log", f.dir);
	snprintf(rotated, sizeof(rotated), "%s.1", log);
	pid_t pid = spawn_serve(f.db, log, &port);
	CHECK(pid > 0 && port > 0);
	CHECK(client_request(port, "GET", "/api/v1/units", NULL, NULL, &r) ==
	      0);
	reply_release(&r);
	CHECK_INT(lines_of(log, 1), 1);
	/* what logrotate does: move the file, then signal */
	CHECK(rename(log, rotated) == 0);
	kill(pid, SIGHUP);
	for (int i = 0; i < 100 && access(log, F_OK) != 0; i++)
		usleep(50 * 1000);
	CHECK(client_request(port, "GET", "/api/v1/procedures", NULL, NULL,
			     &r) == 0);
	reply_release(&r);
	CHECK_INT(lines_of(log, 1), 1);
	char *old = slurp(rotated), *cur = slurp(log);
	CHECK(strstr(old, "/api/v1/units") && !strstr(old, "procedures"));
	CHECK(strstr(cur, "/api/v1/procedures") && !strstr(cur, "units"));
	free(old);
	free(cur);
	int status = -1;
	kill(pid, SIGTERM);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	unlink(log);
	unlink(rotated);
	fixture_close(&f);
}

TEST_MAIN(T(a_busy_database_answers_503_and_is_logged),
	  T(every_500_is_logged_with_its_reason),
	  T(the_access_log_has_a_line_per_request_and_no_secrets),
	  T(the_library_s_messages_go_to_the_error_log),
	  T(sighup_reopens_the_access_log))
