/*
 * sqlite_backup.c - a copy of the whole database while others may write,
 * through SQLite's online backup API: the pages are copied in one step
 * under one read transaction of the source, so the copy is the database
 * as of one moment, and writers in WAL mode go on meanwhile.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "store/sqlite_int.h"

enum mc_code sqlite_backup(struct store *st, const char *path,
			   struct mc_err *err)
{
	if (access(path, F_OK) == 0)
		return mc_fail(err, MC_ERR_CONFLICT, "out",
			       "out: %s: exists already", path);
	sqlite3 *to = NULL;
	int r = sqlite3_open_v2(
		path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (r != SQLITE_OK) {
		enum mc_code rc = mc_fail(
			err, MC_ERR_DB, "out", "out: %s: cannot create: %s",
			path, to ? sqlite3_errmsg(to) : sqlite3_errstr(r));
		sqlite3_close(to);
		return rc;
	}
	sqlite3_backup *b = sqlite3_backup_init(to, "main", sq(st)->db, "main");
	if (b) {
		/* -1: every page in one step, under one read lock */
		while ((r = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
		       r == SQLITE_LOCKED)
			sqlite3_sleep(20);
		r = sqlite3_backup_finish(b);
	} else
		r = sqlite3_errcode(to);
	enum mc_code rc = MC_OK;
	if (r != SQLITE_OK)
		rc = mc_fail(err, MC_ERR_DB, "", "backing up to %s: %s", path,
			     sqlite3_errmsg(to));
	if (sqlite3_close(to) != SQLITE_OK && !rc)
		rc = mc_fail(err, MC_ERR_DB, "", "closing %s", path);
	int fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	if (!rc && (fd < 0 || fsync(fd) != 0))
		rc = mc_fail(err, MC_ERR_DB, "", "%s: cannot sync: %m", path);
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(path);
	return rc;
}
