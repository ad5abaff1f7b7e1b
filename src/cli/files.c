/*
 * files.c - `motcua files`: the document store from the command line.
 *
 *   motcua files put FILE [--max-file-mib N]   prints SHA-256, type, bytes
 *   motcua files get SHA256 --out F            the stored bytes, checked
 *   motcua files check                         every stored file's hash
 *
 * The store is the directory --files DIR, else $MOTCUA_FILES, else
 * DB.files next to the database (--db or $MOTCUA_DB, see cli_db_path).
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/filename.h"
#include "docstore/docstore.h"

struct args {
	const char *db, *files, *out, *max_mib;
};

static enum mc_code open_store(const struct args *a, bool create,
			       struct docstore **ds, struct mc_err *err)
{
	char dir[4096];
	const char *env = getenv("MOTCUA_FILES");
	if (a->files)
		snprintf(dir, sizeof(dir), "%s", a->files);
	else if (env && *env)
		snprintf(dir, sizeof(dir), "%s", env);
	else
		snprintf(dir, sizeof(dir), "%s.files", cli_db_path(a->db));
	return docstore_open_local(dir, create, ds, err);
}

/* --max-file-mib: a whole number of MiB, 1 to 4096. */
static int max_file(const char *s, int64_t *bytes)
{
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || v < 1 || v > 4096)
		return cli_usage("max-file-mib: must be a whole number of MiB "
				 "from 1 to 4096");
	*bytes = (int64_t)v * 1024 * 1024;
	return 0;
}

static int files_put(const struct args *a, const char *path)
{
	struct mc_err err = {0};
	char name[FILENAME_MAX_BYTES + 1];
	int64_t limit = DOCSTORE_MAX_FILE_DEFAULT;
	if (a->max_mib && max_file(a->max_mib, &limit))
		return 2;
	if (filename_clean(path, name, sizeof(name), "FILE", &err))
		return cli_fail(&err);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		mc_fail(&err, MC_ERR_INPUT, "FILE", "%s: cannot open: %m",
			name);
		return cli_fail(&err);
	}
	struct docstore *ds = NULL;
	struct docstore_info info;
	enum mc_code rc = open_store(a, true, &ds, &err);
	if (!rc) {
		docstore_set_max_file(ds, limit);
		rc = docstore_put(ds, fd, name, &info, &err);
	}
	close(fd);
	docstore_close(ds);
	if (rc)
		return cli_fail(&err);
	printf("%s\t%s\t%" PRId64 "\t%s\n", info.sha256, info.type, info.size,
	       name);
	return 0;
}

static int files_get(const struct args *a, const char *sha256)
{
	struct mc_err err = {0};
	if (!a->out)
		return cli_usage("get: --out F is required");
	struct docstore *ds = NULL;
	enum mc_code rc = docstore_hash_check(sha256, "SHA256", &err);
	if (!rc)
		rc = open_store(a, false, &ds, &err);
	if (!rc && !docstore_exists(ds, sha256))
		rc = mc_fail(&err, MC_ERR_NOT_FOUND, "SHA256",
			     "%s: no such file in the store", sha256);
	int out = -1;
	if (!rc && (out = open(a->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			       0600)) < 0)
		rc = mc_fail(&err, MC_ERR_IO, "out", "out: %s: %m", a->out);
	int64_t size = 0;
	if (!rc)
		rc = docstore_read(ds, sha256, out, &size, &err);
	if (out >= 0 && close(out) != 0 && !rc)
		rc = mc_fail(&err, MC_ERR_IO, "out", "out: %s: %m", a->out);
	if (rc && out >= 0)
		unlink(a->out); /* never leave bytes that failed their hash */
	docstore_close(ds);
	return rc ? cli_fail(&err) : 0;
}

struct tally {
	struct docstore *ds;
	long files, bad;
	int64_t bytes;
};

static enum mc_code check_one(const char *sha256, void *ctx, struct mc_err *err)
{
	struct tally *t = ctx;
	struct mc_err e = {0};
	int64_t size = 0;
	enum mc_code rc = docstore_read(t->ds, sha256, -1, &size, &e);
	t->files++;
	t->bytes += size;
	if (rc == MC_ERR_STATE || rc == MC_ERR_IO) {
		t->bad++;
		cli_fail(&e);
		return MC_OK;
	}
	if (rc)
		*err = e;
	return rc;
}

static int files_check(const struct args *a)
{
	struct mc_err err = {0};
	struct tally t = {0};
	enum mc_code rc = open_store(a, false, &t.ds, &err);
	if (!rc)
		rc = docstore_list(t.ds, check_one, &t, &err);
	docstore_close(t.ds);
	if (rc)
		return cli_fail(&err);
	printf("%ld files checked (%" PRId64 " bytes), %ld not matching their "
	       "hash\n",
	       t.files, t.bytes, t.bad);
	return t.bad ? 2 : 0;
}

int cmd_files(int argc, char **argv)
{
	struct args a = {0};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},   {"files", &a.files, NULL},
		{"out", &a.out, NULL}, {"max-file-mib", &a.max_mib, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[2];
	size_t n = 0;
	int rc = cli_parse(argc, argv, opts, pos, 2, &n);
	if (rc)
		return rc;
	if (n == 2 && strcmp(pos[0], "put") == 0)
		return files_put(&a, pos[1]);
	if (n == 2 && strcmp(pos[0], "get") == 0)
		return files_get(&a, pos[1]);
	if (n == 1 && strcmp(pos[0], "check") == 0)
		return files_check(&a);
	return cli_usage("usage: motcua files put FILE [--max-file-mib N] | "
			 "get SHA256 --out F | check   [--files DIR]");
}
