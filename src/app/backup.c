/*
 * backup.c - `motcua backup`: the database through the store's online
 * backup, then the files the copy refers to, then the manifest.
 */
#define _XOPEN_SOURCE 700 /* nftw */

#include "app/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/dossier_file.h"
#include "core/str.h"
#include "docstore/docstore.h"
#include "store/store.h"

/* The distinct contents the copy refers to, by hash, with the type and
 * size their first reference records. */
struct contents {
	struct dossier_file *f;
	size_t n, cap;
	bool nomem;
};

static int collect(const struct dossier_file *f, void *ctx)
{
	struct contents *c = ctx;
	if (c->n && strcmp(c->f[c->n - 1].sha256, f->sha256) == 0)
		return 0;
	struct dossier_file *slot = ARRAY_PUSH(c->f, c->n, c->cap);
	if (!slot || !(slot->type = strdup(f->type ? f->type : ""))) {
		c->nomem = true;
		return 1;
	}
	memcpy(slot->sha256, f->sha256, sizeof(slot->sha256));
	slot->size = f->size;
	return 0;
}

static void contents_release(struct contents *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->f[i].type);
	free(c->f);
}

/* DIR made (mode 0700) when missing; refused when it holds anything. */
static enum mc_code out_dir(const char *dir, bool *made, struct mc_err *err)
{
	*made = false;
	if (mkdir(dir, 0700) == 0) {
		*made = true;
		return MC_OK;
	}
	if (errno != EEXIST)
		return mc_fail(err, MC_ERR_INPUT, "out",
			       "out: %s: cannot create: %m", dir);
	DIR *d = opendir(dir);
	if (!d)
		return mc_fail(err, MC_ERR_INPUT, "out",
			       "out: %s: is not a directory that can be read",
			       dir);
	struct dirent *e;
	bool empty = true;
	while (empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	closedir(d);
	if (!empty)
		return mc_fail(err, MC_ERR_CONFLICT, "out",
			       "out: %s: is not empty; a backup goes to a new "
			       "or empty directory",
			       dir);
	return MC_OK;
}

static int remove_one(const char *path, const struct stat *sb, int flag,
		      struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/* A failed backup leaves DIR as it found it: empty, or not there. */
static void out_clear(const char *dir, bool made)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (made)
		rmdir(dir);
}

/* One content from src to dst: streamed through a put, whose hash must
 * be the one it is stored under, then read back and checked again. */
static enum mc_code copy_one(struct docstore *src, struct docstore *dst,
			     const struct dossier_file *f, struct mc_err *err)
{
	int fd = -1;
	struct docstore_put *p = NULL;
	struct docstore_info info;
	enum mc_code rc = docstore_open(src, f->sha256, &fd, err);
	if (rc == MC_ERR_NOT_FOUND)
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "sha256",
			     "%s: referred to by a dossier but not in the "
			     "store",
			     f->sha256);
	if (!rc)
		rc = docstore_put_begin(dst, f->sha256, INT64_MAX, &p, err);
	if (!rc && (rc = docstore_put_fd(p, fd, err)))
		docstore_put_abort(p);
	if (fd >= 0)
		close(fd);
	if (!rc)
		rc = docstore_put_end_typed(dst, p, f->type, &info, err);
	if (!rc && strcmp(info.sha256, f->sha256) != 0) {
		docstore_remove(dst, info.sha256, NULL);
		rc = mc_fail(err, MC_ERR_STATE, "sha256",
			     "%s: the stored bytes no longer match their "
			     "hash (they hash to %s)",
			     f->sha256, info.sha256);
	}
	int64_t size = 0;
	if (!rc)
		rc = docstore_read(dst, f->sha256, -1, &size, err);
	if (!rc && size != f->size)
		rc = mc_fail(err, MC_ERR_STATE, "sha256",
			     "%s: holds %" PRId64 " bytes, its references say "
			     "%" PRId64,
			     f->sha256, size, f->size);
	return rc;
}

static enum mc_code count_dossiers(struct store *st, long *n,
				   struct mc_err *err)
{
	int64_t counts[11] = {0};
	enum mc_code rc = store_dossier_count_by_status(st, counts, err);
	*n = 0;
	for (int s = 1; !rc && s <= 10; s++)
		*n += (long)counts[s];
	return rc;
}

static enum mc_code write_manifest(const char *dir, const char *name,
				   const struct backup_result *r,
				   struct mc_err *err)
{
	char path[4096], tmp[4200];
	snprintf(path, sizeof(path), "%s/%s", dir, APP_BACKUP_MANIFEST);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	FILE *f = fopen(tmp, "wx");
	if (!f)
		return mc_fail(err, MC_ERR_INPUT, "out", "out: %s: %m", tmp);
	fprintf(f,
		"database\t%s\n"
		"database_bytes\t%" PRId64 "\n"
		"files_dir\t%s.files\n"
		"dossiers\t%ld\n"
		"files\t%ld\n"
		"files_bytes\t%" PRId64 "\n",
		name, r->database_bytes, name, r->dossiers, r->files,
		r->file_bytes);
	bool bad = fflush(f) != 0 || fsync(fileno(f)) != 0;
	bad = fclose(f) != 0 || bad;
	if (bad || rename(tmp, path) != 0) {
		unlink(tmp);
		return mc_fail(err, MC_ERR_INPUT, "out",
			       "out: %s: cannot write: %m", path);
	}
	int d = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d >= 0) {
		fsync(d);
		close(d);
	}
	return MC_OK;
}

enum mc_code app_backup(struct app *app, const char *dir, const char *name,
			struct backup_result *out, struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!app->files)
		return mc_fail(err, MC_ERR_INTERNAL, "files",
			       "files: the document store is not open");
	if (!*name || strchr(name, '/'))
		return mc_fail(err, MC_ERR_INPUT, "db",
			       "db: \"%s\": a backup needs a file name", name);
	bool made;
	enum mc_code rc = out_dir(dir, &made, err);
	if (rc)
		return rc;
	char db[4096], files[4200];
	snprintf(db, sizeof(db), "%s/%s", dir, name);
	snprintf(files, sizeof(files), "%s.files", db);
	struct store *copy = NULL;
	struct docstore *dst = NULL;
	struct contents c = {0};
	struct stat sb;
	rc = store_backup(app->st, db, err);
	if (!rc)
		rc = store_open(db, &copy, err);
	if (!rc && stat(db, &sb) == 0)
		out->database_bytes = sb.st_size;
	if (!rc)
		rc = count_dossiers(copy, &out->dossiers, err);
	if (!rc)
		rc = store_file_each(copy, NULL, collect, &c, err);
	if (!rc && c.nomem)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	store_close(copy);
	if (!rc)
		rc = docstore_open_local(files, true, &dst, err);
	for (size_t i = 0; !rc && i < c.n; i++) {
		rc = copy_one(app->files, dst, &c.f[i], err);
		out->files += !rc;
		out->file_bytes += rc ? 0 : c.f[i].size;
	}
	docstore_close(dst);
	contents_release(&c);
	if (!rc)
		rc = write_manifest(dir, name, out, err);
	if (rc)
		out_clear(dir, made);
	return rc;
}
