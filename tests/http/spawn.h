/*
 * spawn.h - `motcua serve` as a child process on a free loopback port,
 * for the tests of what only the command does (signals). Header-only,
 * shared by the tests/http binaries.
 */
#ifndef MC_TESTS_HTTP_SPAWN_H
#define MC_TESTS_HTTP_SPAWN_H

#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

/* build/MODE/motcua, next to this test binary's build/MODE/tests/http. */
static inline void spawn_binary(char *out, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = '\0';
	char *dir = dirname(dirname(dirname(self)));
	snprintf(out, size, "%s/motcua", dir);
}

/* Start `motcua serve --db db` (with --access-log when not NULL) and
 * read the port it bound from its first line; the pid, or -1. */
static inline pid_t spawn_serve(const char *db, const char *access_log,
				unsigned *port)
{
	char bin[PATH_MAX + 16];
	int fds[2];
	spawn_binary(bin, sizeof(bin));
	if (pipe(fds))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		if (access_log)
			execl(bin, bin, "serve", "--db", db, "--listen",
			      "127.0.0.1:0", "--threads", "2", "--access-log",
			      access_log, (char *)NULL);
		else
			execl(bin, bin, "serve", "--db", db, "--listen",
			      "127.0.0.1:0", "--threads", "2", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	FILE *f = fdopen(fds[0], "r");
	char line[256] = "";
	*port = 0;
	if (fgets(line, sizeof(line), f))
		sscanf(line, "motcua: serving on http://127.0.0.1:%u/", port);
	fclose(f);
	return pid;
}

#endif
