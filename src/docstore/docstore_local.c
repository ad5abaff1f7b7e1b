/*
 * docstore_local.c - the document store's local file-system backend:
 * DIR/ab/cdef... for the content whose SHA-256 is abcdef..., and
 * DIR/.tmp-XXXXXX for a put in progress (on the same file system, so
 * the rename that ends a put is atomic).
 */
#define _GNU_SOURCE /* O_DIRECTORY, mkostemp */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docstore/docstore_int.h"

#define LOCAL_DIR_MAX 4000

struct local {
	char dir[LOCAL_DIR_MAX + 1];
};

enum mc_code docstore_local_impl(const char *dir, bool create, void **impl,
				 struct mc_err *err)
{
	if (strlen(dir) > LOCAL_DIR_MAX)
		return mc_fail(err, MC_ERR_INPUT, "files",
			       "files: the directory name is too long");
	if (create && mkdir(dir, 0700) != 0 && errno != EEXIST)
		return mc_fail(err, MC_ERR_IO, "files", "files: %s: %s", dir,
			       strerror(errno));
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return mc_fail(err, MC_ERR_NOT_FOUND, "files",
			       "files: %s: no such directory", dir);
	struct local *l = calloc(1, sizeof(*l));
	if (!l)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	snprintf(l->dir, sizeof(l->dir), "%s", dir);
	*impl = l;
	return MC_OK;
}

static void object_path(const struct local *l, const char *sha256, char *out,
			size_t cap, bool dir_only)
{
	if (dir_only)
		snprintf(out, cap, "%s/%.2s", l->dir, sha256);
	else
		snprintf(out, cap, "%s/%.2s/%s", l->dir, sha256, sha256 + 2);
}

static enum mc_code io_fail(struct mc_err *err, const char *what,
			    const char *path)
{
	return mc_fail(err, MC_ERR_IO, "files", "files: %s %s: %s", what, path,
		       strerror(errno));
}

static enum mc_code local_tmp_open(void *impl, struct docstore_tmp *t,
				   struct mc_err *err)
{
	struct local *l = impl;
	snprintf(t->path, sizeof(t->path), "%s/.tmp-XXXXXX", l->dir);
	t->fd = mkostemp(t->path, O_CLOEXEC);
	if (t->fd < 0)
		return io_fail(err, "cannot create", t->path);
	return MC_OK;
}

static void local_discard(void *impl, struct docstore_tmp *t)
{
	(void)impl;
	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	unlink(t->path);
}

static enum mc_code sync_dir(const char *path, struct mc_err *err)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return io_fail(err, "cannot open", path);
	int rc = fsync(fd);
	close(fd);
	return rc != 0 ? io_fail(err, "cannot sync", path) : MC_OK;
}

/* DIR/ab, made and made durable in DIR when new. */
static enum mc_code fan_dir(struct local *l, const char *sha256, char *sub,
			    size_t cap, struct mc_err *err)
{
	object_path(l, sha256, sub, cap, true);
	if (mkdir(sub, 0700) == 0)
		return sync_dir(l->dir, err);
	return errno == EEXIST ? MC_OK : io_fail(err, "cannot create", sub);
}

static enum mc_code local_commit(void *impl, struct docstore_tmp *t,
				 const char *sha256, bool *existed,
				 struct mc_err *err)
{
	struct local *l = impl;
	char sub[4200], path[4300];
	object_path(l, sha256, path, sizeof(path), false);
	/* the same content again: its grace period (files gc) starts anew,
	 * so a collection cannot take it before the new reference commits */
	*existed = utimensat(AT_FDCWD, path, NULL, 0) == 0;
	enum mc_code rc = MC_OK;
	if (*existed)
		goto drop;
	if (fsync(t->fd) != 0) {
		rc = io_fail(err, "cannot sync", t->path);
		goto drop;
	}
	if ((rc = fan_dir(l, sha256, sub, sizeof(sub), err)))
		goto drop;
	if (rename(t->path, path) != 0) {
		rc = io_fail(err, "cannot rename into", path);
		goto drop;
	}
	close(t->fd);
	t->fd = -1;
	return sync_dir(sub, err);
drop:
	local_discard(impl, t);
	return rc;
}

static enum mc_code local_open(void *impl, const char *sha256, int *fd,
			       struct mc_err *err)
{
	char path[4300];
	object_path(impl, sha256, path, sizeof(path), false);
	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd >= 0)
		return MC_OK;
	if (errno == ENOENT)
		return mc_fail(err, MC_ERR_NOT_FOUND, "sha256",
			       "%s: no such file in the store", sha256);
	return io_fail(err, "cannot open", path);
}

static bool local_exists(void *impl, const char *sha256)
{
	char path[4300];
	object_path(impl, sha256, path, sizeof(path), false);
	return access(path, F_OK) == 0;
}

static enum mc_code local_mtime(void *impl, const char *sha256, int64_t *at,
				struct mc_err *err)
{
	char path[4300];
	struct stat st;
	object_path(impl, sha256, path, sizeof(path), false);
	if (stat(path, &st) == 0) {
		*at = (int64_t)st.st_mtim.tv_sec;
		return MC_OK;
	}
	if (errno == ENOENT)
		return mc_fail(err, MC_ERR_NOT_FOUND, "sha256",
			       "%s: no such file in the store", sha256);
	return io_fail(err, "cannot read", path);
}

static enum mc_code local_remove(void *impl, const char *sha256,
				 struct mc_err *err)
{
	char sub[4200], path[4300];
	object_path(impl, sha256, path, sizeof(path), false);
	object_path(impl, sha256, sub, sizeof(sub), true);
	if (unlink(path) != 0)
		return errno == ENOENT
			       ? mc_fail(err, MC_ERR_NOT_FOUND, "sha256",
					 "%s: no such file in the store",
					 sha256)
			       : io_fail(err, "cannot remove", path);
	return sync_dir(sub, err);
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return false;
	return s[n] == '\0';
}

/* The objects of one fan-out directory DIR/ab. */
static enum mc_code list_sub(struct local *l, const char *ab,
			     docstore_list_fn fn, void *ctx, struct mc_err *err)
{
	char sub[4200];
	snprintf(sub, sizeof(sub), "%s/%s", l->dir, ab);
	DIR *d = opendir(sub);
	if (!d)
		return io_fail(err, "cannot read", sub);
	enum mc_code rc = MC_OK;
	struct dirent *e;
	while (!rc && (e = readdir(d))) {
		if (!all_hex(e->d_name, DOCSTORE_HASH_HEX - 2))
			continue;
		char sha[DOCSTORE_HASH_HEX + 1];
		memcpy(sha, ab, 2);
		memcpy(sha + 2, e->d_name, DOCSTORE_HASH_HEX - 2 + 1);
		rc = fn(sha, ctx, err);
	}
	closedir(d);
	return rc;
}

static enum mc_code local_list(void *impl, docstore_list_fn fn, void *ctx,
			       struct mc_err *err)
{
	struct local *l = impl;
	DIR *d = opendir(l->dir);
	if (!d)
		return io_fail(err, "cannot read", l->dir);
	enum mc_code rc = MC_OK;
	struct dirent *e;
	while (!rc && (e = readdir(d)))
		if (all_hex(e->d_name, 2))
			rc = list_sub(l, e->d_name, fn, ctx, err);
	closedir(d);
	return rc;
}

static void local_close(void *impl) { free(impl); }

const struct docstore_ops docstore_local_ops = {
	.name = "local",
	.tmp_open = local_tmp_open,
	.commit = local_commit,
	.discard = local_discard,
	.open = local_open,
	.exists = local_exists,
	.mtime = local_mtime,
	.remove = local_remove,
	.list = local_list,
	.close = local_close,
};
