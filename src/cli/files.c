/*
 * files.c - `motcua files`: the document store from the command line.
 *
 *   motcua files put FILE [--max-file-mib N]   prints SHA-256, type, bytes
 *   motcua files get SHA256 --out F            the stored bytes, checked
 *   motcua files attach CODE FILE --role R [--component C]
 *          [--max-file-mib N] [--max-dossier-mib N] [--actor NAME]
 *                                              a dossier refers to FILE
 *   motcua files list CODE                     the files of a dossier
 *   motcua files openings CODE                 who opened them, when
 *   motcua files gc [--grace-hours H]          remove what nothing refers
 *                                              to, last put H hours ago
 *   motcua files check                         every referenced file
 *                                              present, every file's hash
 *
 * The store is the directory --files DIR, else $MOTCUA_FILES, else
 * DB.files next to the database (--db or $MOTCUA_DB, see cli_db_path).
 * put and get touch the store alone; the rest go through the
 * application (app/files.h), which keeps the references.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/files.h"
#include "cli/cli.h"
#include "core/civil.h"
#include "core/filename.h"
#include "docstore/docstore.h"

struct args {
	const char *db, *files, *out, *max_mib, *max_dossier_mib, *role,
		*component, *actor, *grace_hours;
};

static void files_dir(const struct args *a, char *dir, size_t cap)
{
	cli_files_dir(a->db, a->files, dir, cap);
}

static enum mc_code open_store(const struct args *a, bool create,
			       struct docstore **ds, struct mc_err *err)
{
	char dir[4096];
	files_dir(a, dir, sizeof(dir));
	return docstore_open_local(dir, create, ds, err);
}

/* --max-file-mib, --max-dossier-mib: a whole number of MiB, 1 to 4096. */
static int mib_option(const char *name, const char *s, int64_t *bytes)
{
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || v < 1 || v > 4096)
		return cli_usage("%s: must be a whole number of MiB from 1 to "
				 "4096",
				 name);
	*bytes = (int64_t)v * 1024 * 1024;
	return 0;
}

static int max_file(const char *s, int64_t *bytes)
{
	return mib_option("max-file-mib", s, bytes);
}

/* The app with its document store; `create` makes the directory. */
static int open_app(const struct args *a, bool create, struct app *app)
{
	struct mc_err err = {0};
	char dir[4096];
	files_dir(a, dir, sizeof(dir));
	enum mc_code rc = MC_OK;
	if (!create && access(dir, F_OK) != 0)
		rc = mc_fail(&err, MC_ERR_NOT_FOUND, "files",
			     "files: %s: no such directory", dir);
	if (!rc && !(rc = cli_open_app(a->db, app, &err)) &&
	    (rc = app_files_open(app, dir, &err)))
		app_close(app);
	return rc ? cli_fail(&err) : 0;
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

static void print_file(const struct dossier_file *f)
{
	printf("%s\t%s\t%s\t%s\t%" PRId64 "\t%s\t%s\n", f->sha256,
	       file_role_key(f->role), f->component ? f->component : "-",
	       f->type, f->size, f->name, str_or_empty(f->added_by));
}

static int files_attach(const struct args *a, const char *code,
			const char *path)
{
	struct mc_err err = {0};
	int64_t per_file = 0, per_dossier = 0;
	if ((a->max_mib && max_file(a->max_mib, &per_file)) ||
	    (a->max_dossier_mib &&
	     mib_option("max-dossier-mib", a->max_dossier_mib, &per_dossier)))
		return 2;
	if (!a->role)
		return cli_usage("attach: --role component|result|supplement "
				 "is required");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		mc_fail(&err, MC_ERR_INPUT, "FILE", "%s: cannot open: %m",
			path);
		return cli_fail(&err);
	}
	struct app app;
	int status = open_app(a, true, &app);
	if (status) {
		close(fd);
		return status;
	}
	app_files_limits(&app, per_file, per_dossier);
	const char *who = a->actor ? a->actor : getenv("USER");
	struct actor actor = ACTOR_OPERATOR(who ? who : "cli");
	struct file_attach req = {
		.dossier_code = code,
		.role = file_role_by_key(a->role),
		.component = a->component,
		.name = path,
		.actor = &actor,
	};
	struct dossier_file f;
	enum mc_code rc = app_file_attach(&app, &req, fd, &f, &err);
	close(fd);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	print_file(&f);
	dossier_file_release(&f);
	return 0;
}

static int list_one(const struct dossier_file *f, void *ctx)
{
	(void)ctx;
	print_file(f);
	return 0;
}

static int files_list(const struct args *a, const char *code)
{
	struct mc_err err = {0};
	struct app app;
	int status = open_app(a, true, &app);
	if (status)
		return status;
	const char *who = a->actor ? a->actor : getenv("USER");
	struct actor actor = ACTOR_OPERATOR(who ? who : "cli");
	enum mc_code rc =
		app_files_list(&app, &actor, code, list_one, NULL, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

static int print_opening(const struct file_opening *o, void *ctx)
{
	char when[CIVIL_BUF];
	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s\t%s\n", civil_format_local(o->at, when),
	       o->actor, o->actor_role ? o->actor_role : "-",
	       o->actor_unit ? o->actor_unit : "-", o->file->sha256,
	       o->file->name);
	return 0;
}

static int files_openings(const struct args *a, const char *code)
{
	struct mc_err err = {0};
	struct app app;
	int status = open_app(a, true, &app);
	if (status)
		return status;
	const char *who = a->actor ? a->actor : getenv("USER");
	struct actor actor = ACTOR_OPERATOR(who ? who : "cli");
	enum mc_code rc = app_file_openings(&app, &actor, code, print_opening,
					    NULL, &err);
	app_close(&app);
	return rc ? cli_fail(&err) : 0;
}

static int files_gc(const struct args *a)
{
	struct mc_err err = {0};
	int64_t grace = APP_FILES_GRACE_DEFAULT;
	if (a->grace_hours) {
		char *end;
		long h = strtol(a->grace_hours, &end, 10);
		if (!*a->grace_hours || *end || h < 0 || h > 24 * 365)
			return cli_usage("grace-hours: must be a whole number "
					 "of hours from 0 to 8760");
		grace = (int64_t)h * 3600;
	}
	struct app app;
	int status = open_app(a, false, &app);
	if (status)
		return status;
	struct files_gc r;
	enum mc_code rc = app_files_gc(&app, grace, &r, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	printf("%ld files removed (%" PRId64 " bytes), %ld kept\n", r.removed,
	       r.bytes_removed, r.kept);
	return 0;
}

static void problem(const struct mc_err *e, void *ctx)
{
	(void)ctx;
	cli_fail(e);
}

static int files_check(const struct args *a)
{
	struct mc_err err = {0};
	struct app app;
	int status = open_app(a, false, &app);
	if (status)
		return status;
	struct files_check r;
	enum mc_code rc = app_files_check(&app, problem, NULL, &r, &err);
	app_close(&app);
	if (rc)
		return cli_fail(&err);
	printf("%ld files checked (%" PRId64 " bytes), %ld referenced by "
	       "dossiers, %ld missing, %ld not matching their hash\n",
	       r.stored + r.missing, r.bytes, r.referenced, r.missing, r.bad);
	return r.bad || r.missing ? 2 : 0;
}

int cmd_files(int argc, char **argv)
{
	struct args a = {0};
	const struct cli_opt opts[] = {
		{"db", &a.db, NULL},
		{"files", &a.files, NULL},
		{"out", &a.out, NULL},
		{"max-file-mib", &a.max_mib, NULL},
		{"max-dossier-mib", &a.max_dossier_mib, NULL},
		{"role", &a.role, NULL},
		{"component", &a.component, NULL},
		{"actor", &a.actor, NULL},
		{"grace-hours", &a.grace_hours, NULL},
		{NULL, NULL, NULL},
	};
	const char *pos[3];
	size_t n = 0;
	int rc = cli_parse(argc, argv, opts, pos, 3, &n);
	if (rc)
		return rc;
	if (n == 2 && strcmp(pos[0], "put") == 0)
		return files_put(&a, pos[1]);
	if (n == 2 && strcmp(pos[0], "get") == 0)
		return files_get(&a, pos[1]);
	if (n == 3 && strcmp(pos[0], "attach") == 0)
		return files_attach(&a, pos[1], pos[2]);
	if (n == 2 && strcmp(pos[0], "list") == 0)
		return files_list(&a, pos[1]);
	if (n == 2 && strcmp(pos[0], "openings") == 0)
		return files_openings(&a, pos[1]);
	if (n == 1 && strcmp(pos[0], "gc") == 0)
		return files_gc(&a);
	if (n == 1 && strcmp(pos[0], "check") == 0)
		return files_check(&a);
	return cli_usage(
		"usage: motcua files put FILE [--max-file-mib N] | get SHA256 "
		"--out F | attach CODE FILE --role component|result|supplement "
		"[--component C] [--max-file-mib N] [--max-dossier-mib N] | "
		"list CODE | openings CODE | gc [--grace-hours H] | check   "
		"[--files DIR]");
}
