/*
 * files.h - the files of dossiers (app/files.c): putting a file into the
 * document store and referring a dossier to it in one step, within the
 * limits per file and per dossier; listing a dossier's files; and the
 * operator's collection (`files gc`) and check (`files check`).
 * docs/internals/docstore.md, "References".
 *
 * A reference is written only after its content is durable in the
 * document store, inside the write transaction that checks the actor and
 * the dossier's limit and logs the step: a crash leaves at most a file
 * that nothing refers to, which gc removes after its grace period.
 */
#ifndef MC_APP_FILES_H
#define MC_APP_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/dossier_file.h"

struct docstore;
struct docstore_info;

#define APP_MAX_DOSSIER_DEFAULT (100 * 1024 * 1024) /* bytes per dossier */
#define APP_FILES_GRACE_DEFAULT (24 * 3600)         /* seconds, for gc */
#define APP_UPLOAD_TTL (2 * 3600) /* seconds an upload token may be used */

/* Open the document store in dir for app (created, one level, when
 * missing); closed by app_close. Limits per file and per dossier take
 * their defaults until app_files_limits. */
enum mc_code app_files_open(struct app *app, const char *dir,
			    struct mc_err *err);
/* Bytes per file and per dossier (0 keeps the one set). */
void app_files_limits(struct app *app, int64_t per_file, int64_t per_dossier);

/* What is being attached: to which dossier, as what, named how (as the
 * person gave it; cleaned here with filename_clean), by whom. Staff may
 * attach to the dossiers of their units, the operator to any; a dossier
 * outside the actor's units is refused as an unknown code. With
 * upload_token the file goes to that upload of a filing in progress
 * instead (anyone holding the token; role component; a second file for
 * a component replaces the first). */
struct file_attach {
	const char *dossier_code;
	const char *upload_token;
	enum file_role role;
	const char *component; /* the component's code; NULL for none */
	const char *name;
	const struct actor *actor;
};

/* A file streaming in: begin checks the actor, the dossier and the
 * name and opens the document store's temporary file; write adds bytes
 * (refusing the first piece past the limit per file or what is left of
 * the dossier's); end makes the content durable and commits the
 * reference (*out, may be NULL, the stored row); abort drops it. end and
 * abort free the upload; after a failed write, abort. write touches no
 * handle, and end may be given another handle on the same database and
 * store than begin was (a server's thread that picks the request up
 * again): a slow upload holds no database connection. */
struct app_upload;
enum mc_code app_file_begin(struct app *app, const struct file_attach *a,
			    struct app_upload **out, struct mc_err *err);
enum mc_code app_file_write(struct app_upload *u, const void *buf, size_t n,
			    struct mc_err *err);
enum mc_code app_file_end(struct app *app, struct app_upload *u,
			  struct dossier_file *out, struct mc_err *err);
void app_file_abort(struct app_upload *u);

/* The same from a file descriptor read to its end. */
enum mc_code app_file_attach(struct app *app, const struct file_attach *a,
			     int fd, struct dossier_file *out,
			     struct mc_err *err);

/* Inside the caller's write transaction: refer a->dossier_code to
 * content already put in app's document store (info, from docstore_put
 * on app_docstore(app)), within the dossier's limit, and log it. For an
 * operation that attaches a file as one of its steps (a result at
 * finishing). The name is cleaned here. */
enum mc_code app_file_add_within(struct app *app, const struct file_attach *a,
				 const struct docstore_info *info,
				 struct dossier_file *out, struct mc_err *err);

/* A new upload for a filing in progress, from `address`: its token
 * (64 hex digits, only its hash is kept) and when it expires
 * (APP_UPLOAD_TTL from now). */
enum mc_code app_upload_open(struct app *app, const char *address,
			     char token[65], int64_t *expires,
			     struct mc_err *err);
/* A reader's callback over files; non-zero stops the walk. */
typedef int (*app_file_fn)(const struct dossier_file *f, void *ctx);

/* The files of a live upload, by component (dossier_code NULL). */
enum mc_code app_upload_list(struct app *app, const char *token, app_file_fn fn,
			     void *ctx, struct mc_err *err);
/* Inside the filing's transaction: dossier `code` takes the upload's
 * files as its components (logged, within the limit per dossier), and
 * the upload is gone. MC_ERR_NOT_FOUND naming "upload" when it expired
 * or was used. */
enum mc_code app_upload_claim(struct app *app, const char *token,
			      const char *code, const struct actor *actor,
			      struct mc_err *err);

/* The limits in force: bytes per file, per dossier (and per upload). */
int64_t app_files_max_file(struct app *app);
int64_t app_files_max_dossier(struct app *app);

/* Before a new filing is stored (the lifecycle, in its transaction):
 * the components of d against procedure p. A filing by a citizen or
 * staff has no digitization flags of its own: a component is digitized
 * when the system holds its file, here the files of the filing's upload
 * (listed as components when they were not). Every component p marks
 * required must be there (a citizen's in the upload, others' listed:
 * the paper the counter received), and when p lists its components, no
 * other; MC_ERR_INPUT naming TaiLieuNop otherwise. The operator's
 * filings (the demo province, the command line) keep their flags. */
struct procedure;
enum mc_code app_filing_files(struct app *app, struct dossier *d,
			      const struct procedure *p,
			      const struct op_request *req, struct mc_err *err);

/* The document store app_files_open opened (NULL before). */
struct docstore *app_docstore(struct app *app);

/* The files of a dossier the actor may see, in the order they came. */
enum mc_code app_files_list(struct app *app, const struct actor *actor,
			    const char *dossier_code, app_file_fn fn, void *ctx,
			    struct mc_err *err);

/* Open a file of a dossier the actor may see (staff of its units, the
 * operator; another unit's dossier is refused as an unknown code) for
 * reading: *fd, the caller closes it; *out the reference (released by
 * the caller). The opening is logged (who, when, which file) before the
 * file is handed over: a failed log opens nothing. MC_ERR_NOT_FOUND
 * naming sha256 when the dossier holds no such file. */
enum mc_code app_file_open(struct app *app, const struct actor *actor,
			   const char *dossier_code, const char *sha256,
			   int *fd, struct dossier_file *out,
			   struct mc_err *err);
/* The blank form of component `component` of procedure `code`, for
 * anyone: *fd (the caller closes it), its type and size. MC_ERR_NOT_FOUND
 * naming "component" when the procedure has no such component or it
 * has no blank form, "procedure" for an unknown procedure. */
enum mc_code app_procedure_form(struct app *app, const char *code,
				const char *component, int *fd,
				const char **type, int64_t *size,
				struct mc_err *err);

/* The openings of a dossier's files, oldest first. */
typedef int (*app_opening_fn)(const struct file_opening *o, void *ctx);
enum mc_code app_file_openings(struct app *app, const struct actor *actor,
			       const char *dossier_code, app_opening_fn fn,
			       void *ctx, struct mc_err *err);

/* Remove every stored file that no dossier refers to and that was last
 * put more than `grace` seconds before now (an upload in progress is
 * younger than that). */
struct files_gc {
	long kept, removed;
	int64_t bytes_removed;
};
enum mc_code app_files_gc(struct app *app, int64_t grace, struct files_gc *out,
			  struct mc_err *err);

/* Every referenced file present and hashing to its name, and every
 * stored file hashing to its name. problem is called for each fault. */
struct files_check {
	long referenced, missing, bad, stored;
	int64_t bytes;
};
typedef void (*files_problem_fn)(const struct mc_err *e, void *ctx);
enum mc_code app_files_check(struct app *app, files_problem_fn problem,
			     void *ctx, struct files_check *out,
			     struct mc_err *err);

#endif
