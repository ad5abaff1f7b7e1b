/*
 * files.c - the files of dossiers (see files.h): a file is put into the
 * document store first (durable once put returns), then the reference
 * is written in a write transaction that checks the actor and the
 * dossier's limit and logs the step. A refused reference removes the
 * content it had just stored, unless something refers to it.
 */
#include "app/files.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/filename.h"
#include "core/str.h"
#include "docstore/docstore.h"
#include "store/store.h"

#define MIB (1024.0 * 1024.0)

enum mc_code app_files_open(struct app *app, const char *dir,
			    struct mc_err *err)
{
	struct docstore *ds;
	enum mc_code rc = docstore_open_local(dir, true, &ds, err);
	if (rc)
		return rc;
	docstore_close(app->files);
	app->files = ds;
	if (!app->max_dossier)
		app->max_dossier = APP_MAX_DOSSIER_DEFAULT;
	return MC_OK;
}

void app_files_limits(struct app *app, int64_t per_file, int64_t per_dossier)
{
	if (per_file > 0 && app->files)
		docstore_set_max_file(app->files, per_file);
	if (per_dossier > 0)
		app->max_dossier = per_dossier;
}

struct docstore *app_docstore(struct app *app) { return app->files; }

int64_t app_files_max_file(struct app *app)
{
	return app->files ? docstore_max_file(app->files)
			  : DOCSTORE_MAX_FILE_DEFAULT;
}

int64_t app_files_max_dossier(struct app *app)
{
	return app->max_dossier ? app->max_dossier : APP_MAX_DOSSIER_DEFAULT;
}

/* ---- who may attach and see -------------------------------------------- */

static enum mc_code unknown_dossier(const char *code, struct mc_err *err)
{
	return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
		       "MaHoSo: dossier \"%s\" is not known",
		       str_or_empty(code));
}

/* Staff of the dossier's units, or the operator: the dossier's unit in
 * *unit (at least 64 bytes). Outside one's units is an unknown code. */
static enum mc_code may_handle(struct app *app, const struct actor *a,
			       const char *code, char *unit, size_t cap,
			       struct mc_err *err)
{
	if (!(a->role & (ROLE_STAFF | ROLE_OPERATOR)))
		return mc_fail(err, MC_ERR_FORBIDDEN, "files",
			       "files: only staff handle a dossier's files");
	if (str_empty(code))
		return mc_fail(err, MC_ERR_INPUT, "MaHoSo",
			       "MaHoSo: is required");
	struct dossier d;
	dossier_init(&d);
	enum mc_code rc = store_dossier_get(app->st, code, &d, NULL);
	if (rc == MC_ERR_NOT_FOUND ||
	    (!rc && (a->role & ROLE_STAFF) &&
	     !app_in_scope(app, a->unit, d.unit_code)))
		rc = unknown_dossier(code, err);
	else if (rc)
		rc = store_dossier_get(app->st, code, &d, err);
	if (!rc)
		snprintf(unit, cap, "%s", d.unit_code);
	dossier_release(&d);
	return rc;
}

static enum mc_code check_request(struct app *app, const struct file_attach *a,
				  char *name, struct mc_err *err)
{
	if (!app->files)
		return mc_fail(err, MC_ERR_INTERNAL, "files",
			       "files: the document store is not open");
	if (!file_role_key(a->role))
		return mc_fail(err, MC_ERR_INPUT, "role",
			       "role: must be component, result or supplement");
	if (a->component && strlen(a->component) > 64)
		return mc_fail(err, MC_ERR_INPUT, "component",
			       "component: a code of at most 64 bytes");
	return filename_clean(str_or_empty(a->name), name,
			      FILENAME_MAX_BYTES + 1, "name", err);
}

static enum mc_code over_dossier(int64_t limit, const char *name,
				 const char *code, int64_t held,
				 struct mc_err *err)
{
	return mc_fail(err, MC_ERR_TOO_LARGE, name,
		       "%s: %s%s would hold more than the limit of %.1f MiB "
		       "per dossier (it holds %.1f MiB)",
		       name, strcmp(code, "the upload") ? "dossier " : "", code,
		       (double)limit / MIB, (double)held / MIB);
}

/* ---- uploads of a filing in progress ------------------------------------ */

/* The hash under which an upload token is kept (hash: 65 bytes). */
static enum mc_code token_hash(const char *token, char *hash,
			       struct mc_err *err)
{
	size_t n = 0;
	while (token && token[n] && strchr("0123456789abcdef", token[n]))
		n++;
	if (!token || n != 64 || token[n])
		return mc_fail(err, MC_ERR_INPUT, "upload",
			       "upload: must be the 64 hexadecimal digits of "
			       "an upload token");
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)token, n, NULL,
			   0);
	sodium_bin2hex(hash, 65, h, sizeof(h));
	return MC_OK;
}

/* The upload of token, not expired: its hash into hash. */
static enum mc_code upload_live(struct app *app, const char *token, char *hash,
				struct mc_err *err)
{
	int64_t expires;
	enum mc_code rc = token_hash(token, hash, err);
	if (!rc)
		rc = store_upload_expires(app->st, hash, &expires, err);
	if (!rc && expires <= (int64_t)time(NULL))
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "upload",
			     "upload: no such upload (it expired, was used by "
			     "a filing, or never was); start again");
	return rc;
}

enum mc_code app_upload_open(struct app *app, const char *address,
			     char token[65], int64_t *expires,
			     struct mc_err *err)
{
	unsigned char b[32];
	char hash[65];
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(token, 65, b, sizeof(b));
	enum mc_code rc = token_hash(token, hash, err);
	int64_t now = (int64_t)time(NULL);
	*expires = now + APP_UPLOAD_TTL;
	return rc ? rc
		  : store_upload_new(app->st, hash, address, now, *expires,
				     err);
}

/* Who may send to a target, and its bytes so far (but those of the
 * component an upload replaces). */
static enum mc_code target_bytes(struct app *app, const struct file_attach *a,
				 int64_t *held, struct mc_err *err)
{
	char unit[64], hash[65];
	enum mc_code rc;
	if (a->upload_token) {
		if ((rc = upload_live(app, a->upload_token, hash, err)))
			return rc;
		return store_upload_bytes(app->st, hash, a->component, held,
					  err);
	}
	if ((rc = may_handle(app, a->actor, a->dossier_code, unit, sizeof(unit),
			     err)))
		return rc;
	return store_file_bytes(app->st, a->dossier_code, held, err);
}

static const char *target_name(const struct file_attach *a)
{
	return a->upload_token ? "the upload" : a->dossier_code;
}

static enum mc_code copy_out(const struct dossier_file *f,
			     struct dossier_file *out, struct mc_err *err)
{
	*out = *f;
	out->dossier_code = out->component = out->name = out->type =
		out->added_by = NULL;
	if (!str_set(&out->dossier_code, f->dossier_code) ||
	    !str_set(&out->component, f->component) ||
	    !str_set(&out->name, f->name) || !str_set(&out->type, f->type) ||
	    !str_set(&out->added_by, f->added_by)) {
		dossier_file_release(out);
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	return MC_OK;
}

struct upload_rows {
	struct dossier_file *f;
	size_t n, cap;
	bool oom;
};

static int keep_row(const struct dossier_file *f, void *ctx)
{
	struct upload_rows *x = ctx;
	struct dossier_file *slot = ARRAY_PUSH(x->f, x->n, x->cap);
	x->oom = !slot || copy_out(f, slot, NULL) != MC_OK;
	if (x->oom && slot)
		x->n--;
	return x->oom;
}

static enum mc_code digitize(struct app *app, const char *code,
			     struct mc_err *err);

/* ---- one reference, inside a transaction ------------------------------- */

static enum mc_code log_attach(struct app *app, const struct actor *actor,
			       const struct dossier_file *f, struct mc_err *err)
{
	struct dossier d;
	dossier_init(&d);
	enum mc_code rc = store_dossier_get(app->st, f->dossier_code, &d, err);
	if (rc)
		return rc;
	char note[512];
	snprintf(note, sizeof(note), "%s%s%s: %s (%.12s, %lld bytes)",
		 file_role_key(f->role), f->component ? " " : "",
		 str_or_empty(f->component), f->name, f->sha256,
		 (long long)f->size);
	struct dossier_event ev = {
		.dossier_code = f->dossier_code,
		.at = f->added_at,
		.actor = (char *)actor->name,
		.unit_code = d.unit_code,
		.old_status = (int)d.status,
		.new_status = (int)d.status,
		.action = "attach-file",
		.note = note,
		.actor_role = (char *)actor_role_name(actor->role),
		.actor_unit = (char *)actor->unit,
	};
	rc = store_event_append(app->st, &ev, err);
	dossier_release(&d);
	return rc;
}

/* The reference's row from what was put. */
static struct dossier_file reference_of(const struct file_attach *a,
					const char *name,
					const struct docstore_info *info)
{
	struct dossier_file f = {
		.dossier_code = (char *)a->dossier_code,
		.role = a->role,
		.component = (char *)a->component,
		.name = (char *)name,
		.type = (char *)info->type,
		.size = info->size,
		.added_by = (char *)a->actor->name,
		.added_at = (int64_t)time(NULL),
	};
	snprintf(f.sha256, sizeof(f.sha256), "%s", info->sha256);
	return f;
}

/* Whether the dossier holds sha256 already (it then adds no bytes). */
static bool dossier_holds(struct app *app, const char *code, const char *sha256)
{
	struct dossier_file old;
	if (store_file_get(app->st, code, sha256, &old, NULL) != MC_OK)
		return false;
	dossier_file_release(&old);
	return true;
}

/* Under the write lock, which gc takes to remove: content that is there
 * now stays until this transaction commits. */
static enum mc_code still_stored(struct app *app, const char *name,
				 const char *sha256, struct mc_err *err)
{
	if (docstore_exists(app->files, sha256))
		return MC_OK;
	return mc_fail(err, MC_ERR_BUSY, "files",
		       "%s: was removed from the store while being attached; "
		       "send it again",
		       name);
}

static enum mc_code add_reference(struct app *app, const struct file_attach *a,
				  const char *name,
				  const struct docstore_info *info,
				  struct dossier_file *out, struct mc_err *err)
{
	char hash[65];
	int64_t held;
	enum mc_code rc = target_bytes(app, a, &held, err);
	if (rc)
		return rc;
	bool present = !a->upload_token &&
		       dossier_holds(app, a->dossier_code, info->sha256);
	if (!present && held + info->size > app->max_dossier)
		return over_dossier(app->max_dossier, name, target_name(a),
				    held, err);
	if ((rc = still_stored(app, name, info->sha256, err)))
		return rc;
	struct dossier_file f = reference_of(a, name, info);
	if (a->upload_token) {
		token_hash(a->upload_token, hash, NULL);
		rc = store_upload_file_put(app->st, hash, &f, err);
	} else {
		rc = store_file_add(app->st, &f, err);
		if (!rc)
			rc = log_attach(app, a->actor, &f, err);
		if (!rc &&
		    (f.role == FILE_COMPONENT || f.role == FILE_SUPPLEMENT))
			rc = digitize(app, f.dossier_code, err);
	}
	return rc || !out ? rc : copy_out(&f, out, err);
}

enum mc_code app_file_add_within(struct app *app, const struct file_attach *a,
				 const struct docstore_info *info,
				 struct dossier_file *out, struct mc_err *err)
{
	char name[FILENAME_MAX_BYTES + 1];
	enum mc_code rc = check_request(app, a, name, err);
	return rc ? rc : add_reference(app, a, name, info, out, err);
}

/* A refused reference: the content it had stored goes again, unless it
 * was there before or something refers to it now. */
static void drop_new(struct app *app, const struct docstore_info *info)
{
	bool referenced = true, held = true;
	if (info->existed ||
	    store_file_referenced(app->st, info->sha256, &referenced, NULL) ||
	    referenced ||
	    store_upload_holds(app->st, info->sha256, (int64_t)time(NULL),
			       &held, NULL) ||
	    held)
		return;
	docstore_remove(app->files, info->sha256, NULL);
}

static enum mc_code
commit_reference(struct app *app, const struct file_attach *a, const char *name,
		 const struct docstore_info *info, struct dossier_file *out,
		 struct mc_err *err)
{
	enum mc_code rc = store_begin(app->st, err);
	if (!rc) {
		rc = add_reference(app, a, name, info, out, err);
		rc = store_finish(app->st, rc, err);
	}
	if (rc)
		drop_new(app, info);
	return rc;
}

/* ---- streaming in ------------------------------------------------------ */

struct app_upload {
	struct file_attach a;
	char name[FILENAME_MAX_BYTES + 1];
	char code[80], component[80], token[80];
	struct docstore_put *put;
	int64_t held;        /* the target's bytes when it began */
	int64_t max_dossier; /* its limit */
	bool dossier_limits; /* what is left of the target's limit is the
				smaller */
};

/* Copy the request's strings into u, so the caller's may go. */
static void keep_request(struct app_upload *u, const struct file_attach *a)
{
	u->a = *a;
	snprintf(u->code, sizeof(u->code), "%s", str_or_empty(a->dossier_code));
	snprintf(u->component, sizeof(u->component), "%s",
		 str_or_empty(a->component));
	snprintf(u->token, sizeof(u->token), "%s",
		 str_or_empty(a->upload_token));
	u->a.dossier_code = a->dossier_code ? u->code : NULL;
	u->a.component = a->component ? u->component : NULL;
	u->a.upload_token = a->upload_token ? u->token : NULL;
	u->a.name = u->name;
}

enum mc_code app_file_begin(struct app *app, const struct file_attach *a,
			    struct app_upload **out, struct mc_err *err)
{
	struct app_upload *u = calloc(1, sizeof(*u));
	if (!u)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	enum mc_code rc = check_request(app, a, u->name, err);
	if (!rc && a->role == FILE_SIGNATURE)
		rc = mc_fail(err, MC_ERR_INPUT, "role",
			     "role: a result's signature is made by the system "
			     "when the dossier is finished, not sent");
	if (!rc)
		rc = target_bytes(app, a, &u->held, err);
	int64_t left = app->max_dossier - u->held;
	if (!rc && left <= 0)
		rc = over_dossier(app->max_dossier, u->name, target_name(a),
				  u->held, err);
	if (!rc) {
		keep_request(u, a);
		u->max_dossier = app->max_dossier;
		u->dossier_limits = left < docstore_max_file(app->files);
		rc = docstore_put_begin(app->files, u->name, left, &u->put,
					err);
	}
	if (rc) {
		free(u);
		return rc;
	}
	*out = u;
	return MC_OK;
}

/* A refusal at the size limit that what is left of the target's limit
 * set, worded as that. */
static enum mc_code size_refusal(struct app_upload *u, enum mc_code rc,
				 struct mc_err *err)
{
	if (rc == MC_ERR_TOO_LARGE && u->dossier_limits)
		rc = over_dossier(u->max_dossier, u->name, target_name(&u->a),
				  u->held, err);
	return rc;
}

enum mc_code app_file_write(struct app_upload *u, const void *buf, size_t n,
			    struct mc_err *err)
{
	return size_refusal(u, docstore_put_write(u->put, buf, n, err), err);
}

enum mc_code app_file_end(struct app *app, struct app_upload *u,
			  struct dossier_file *out, struct mc_err *err)
{
	struct docstore_info info;
	enum mc_code rc = docstore_put_end(app->files, u->put, &info, err);
	if (!rc)
		rc = commit_reference(app, &u->a, u->name, &info, out, err);
	free(u);
	return rc;
}

void app_file_abort(struct app_upload *u)
{
	if (!u)
		return;
	docstore_put_abort(u->put);
	free(u);
}

enum mc_code app_file_attach(struct app *app, const struct file_attach *a,
			     int fd, struct dossier_file *out,
			     struct mc_err *err)
{
	struct app_upload *u;
	enum mc_code rc = app_file_begin(app, a, &u, err);
	if (rc)
		return rc;
	rc = size_refusal(u, docstore_put_fd(u->put, fd, err), err);
	if (rc) {
		app_file_abort(u);
		return rc;
	}
	return app_file_end(app, u, out, err);
}

static enum mc_code claim_rows(struct app *app, struct upload_rows *x,
			       const char *code, const struct actor *actor,
			       struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	int64_t total = 0;
	for (size_t i = 0; !rc && i < x->n; i++) {
		struct dossier_file *f = &x->f[i];
		total += f->size;
		if (total > app->max_dossier)
			return over_dossier(app->max_dossier, f->name, code,
					    total - f->size, err);
		free(f->added_by);
		f->added_by = NULL;
		if (!str_set(&f->dossier_code, code) ||
		    !str_set(&f->added_by, actor->name))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		f->role = FILE_COMPONENT;
		f->added_at = (int64_t)time(NULL);
		if (!(rc = still_stored(app, f->name, f->sha256, err)) &&
		    !(rc = store_file_add(app->st, f, err)))
			rc = log_attach(app, actor, f, err);
	}
	return rc;
}

enum mc_code app_upload_claim(struct app *app, const char *token,
			      const char *code, const struct actor *actor,
			      struct mc_err *err)
{
	char hash[65];
	struct upload_rows x = {0};
	enum mc_code rc = upload_live(app, token, hash, err);
	if (!rc)
		rc = store_upload_file_each(app->st, hash, keep_row, &x, err);
	if (!rc && x.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc)
		rc = claim_rows(app, &x, code, actor, err);
	if (!rc)
		rc = store_upload_delete(app->st, hash, err);
	if (!rc && x.n)
		rc = digitize(app, code, err);
	for (size_t i = 0; i < x.n; i++)
		dossier_file_release(&x.f[i]);
	free(x.f);
	return rc;
}

enum mc_code app_upload_list(struct app *app, const char *token, app_file_fn fn,
			     void *ctx, struct mc_err *err)
{
	char hash[65];
	enum mc_code rc = upload_live(app, token, hash, err);
	return rc ? rc : store_upload_file_each(app->st, hash, fn, ctx, err);
}

enum mc_code app_files_list(struct app *app, const struct actor *actor,
			    const char *dossier_code, app_file_fn fn, void *ctx,
			    struct mc_err *err)
{
	char unit[64];
	bool opened = store_read_begin(app->st);
	enum mc_code rc =
		may_handle(app, actor, dossier_code, unit, sizeof(unit), err);
	if (!rc)
		rc = store_file_each(app->st, dossier_code, fn, ctx, err);
	store_read_end(app->st, opened);
	return rc;
}

/* ---- opening a dossier's file -------------------------------------------- */

static enum mc_code log_opening(struct app *app, const struct actor *actor,
				int64_t file_id, struct mc_err *err)
{
	struct file_opening o = {
		.at = (int64_t)time(NULL),
		.actor = actor->name,
		.actor_role = actor_role_name(actor->role),
		.actor_unit = actor->unit,
	};
	enum mc_code rc = store_begin(app->st, err);
	if (!rc)
		rc = store_finish(app->st,
				  store_file_opened(app->st, file_id, &o, err),
				  err);
	return rc;
}

enum mc_code app_file_open(struct app *app, const struct actor *actor,
			   const char *dossier_code, const char *sha256,
			   int *fd, struct dossier_file *out,
			   struct mc_err *err)
{
	char unit[64];
	*fd = -1;
	if (!app->files)
		return mc_fail(err, MC_ERR_INTERNAL, "files",
			       "files: the document store is not open");
	enum mc_code rc =
		may_handle(app, actor, dossier_code, unit, sizeof(unit), err);
	if (!rc)
		rc = docstore_hash_check(sha256, "sha256", err);
	if (!rc)
		rc = store_file_get(app->st, dossier_code, sha256, out, err);
	if (rc)
		return rc;
	if (!(rc = docstore_open(app->files, sha256, fd, err)) &&
	    (rc = log_opening(app, actor, out->id, err))) {
		close(*fd);
		*fd = -1;
	}
	if (rc)
		dossier_file_release(out);
	return rc;
}

enum mc_code app_procedure_form(struct app *app, const char *code,
				const char *component, int *fd,
				const char **type, int64_t *size,
				struct mc_err *err)
{
	struct procedure p;
	*fd = -1;
	if (!app->files)
		return mc_fail(err, MC_ERR_INTERNAL, "files",
			       "files: the document store is not open");
	enum mc_code rc = store_procedure_get(app->st, code, &p, err);
	if (rc)
		return rc;
	const struct procedure_component *c =
		procedure_component_find(&p, component);
	if (!c || !c->form_sha256)
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "component",
			     "component: procedure %s has no blank form for "
			     "\"%s\"",
			     p.code, str_or_empty(component));
	if (!rc)
		rc = docstore_type_of(app->files, c->form_sha256, type, size,
				      err);
	if (!rc)
		rc = docstore_open(app->files, c->form_sha256, fd, err);
	procedure_release(&p);
	return rc;
}

enum mc_code app_file_openings(struct app *app, const struct actor *actor,
			       const char *dossier_code, app_opening_fn fn,
			       void *ctx, struct mc_err *err)
{
	char unit[64];
	enum mc_code rc =
		may_handle(app, actor, dossier_code, unit, sizeof(unit), err);
	return rc ? rc
		  : store_file_openings_each(app->st, dossier_code, fn, ctx,
					     err);
}

/* ---- the operator's collection and check ------------------------------- */

struct hashes {
	char (*h)[DOCSTORE_HASH_HEX + 1];
	int64_t *size; /* per hash, from a reference; -1 unknown */
	size_t n, cap, n_size, cap_size;
};

static enum mc_code collect_stored(const char *sha256, void *ctx,
				   struct mc_err *err)
{
	struct hashes *x = ctx;
	char(*slot)[DOCSTORE_HASH_HEX + 1] = ARRAY_PUSH(x->h, x->n, x->cap);
	if (!slot)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	memcpy(*slot, sha256, DOCSTORE_HASH_HEX + 1);
	return MC_OK;
}

static void hashes_release(struct hashes *x)
{
	free(x->h);
	free(x->size);
	memset(x, 0, sizeof(*x));
}

static enum mc_code gc_one(struct app *app, const char *sha256, int64_t cut,
			   struct files_gc *out, struct mc_err *err)
{
	/* the write lock keeps a reference from committing meanwhile */
	enum mc_code rc = store_begin(app->st, err);
	if (rc)
		return rc;
	bool referenced = true, held = true;
	int64_t mtime = 0, size = 0;
	rc = store_file_referenced(app->st, sha256, &referenced, err);
	if (!rc && !referenced)
		rc = store_upload_holds(app->st, sha256, (int64_t)time(NULL),
					&held, err);
	referenced = referenced || held;
	if (!rc && !referenced)
		rc = docstore_mtime(app->files, sha256, &mtime, err);
	bool old = !rc && !referenced && mtime <= cut;
	if (old) {
		int fd;
		if (docstore_open(app->files, sha256, &fd, NULL) == MC_OK) {
			size = lseek(fd, 0, SEEK_END);
			close(fd);
		}
		rc = docstore_remove(app->files, sha256, err);
	}
	store_finish(app->st, MC_OK, NULL);
	if (rc == MC_ERR_NOT_FOUND) /* removed by another gc meanwhile */
		return MC_OK;
	if (!rc && old) {
		out->removed++;
		out->bytes_removed += size;
	} else if (!rc)
		out->kept++;
	return rc;
}

enum mc_code app_files_gc(struct app *app, int64_t grace, struct files_gc *out,
			  struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!app->files)
		return mc_fail(err, MC_ERR_INTERNAL, "files",
			       "files: the document store is not open");
	struct hashes x = {0};
	int64_t expired;
	enum mc_code rc = store_begin(app->st, err);
	if (!rc) { /* what expired uploads held is unreferenced from here */
		rc = store_upload_purge(app->st, (int64_t)time(NULL), &expired,
					err);
		rc = store_finish(app->st, rc, err);
	}
	if (!rc)
		rc = docstore_list(app->files, collect_stored, &x, err);
	int64_t cut = (int64_t)time(NULL) - grace;
	for (size_t i = 0; !rc && i < x.n; i++)
		rc = gc_one(app, x.h[i], cut, out, err);
	hashes_release(&x);
	return rc;
}

static int collect_ref(const struct dossier_file *f, void *ctx)
{
	struct hashes *x = ctx; /* by hash: a repeat follows its first */
	if (x->n && strcmp(x->h[x->n - 1], f->sha256) == 0)
		return 0;
	int64_t *size = ARRAY_PUSH(x->size, x->n_size, x->cap_size);
	if (!size || collect_stored(f->sha256, x, NULL))
		return 1;
	*size = f->size;
	return 0;
}

static int by_hash(const void *a, const void *b) { return strcmp(a, b); }

static void check_content(struct app *app, const char *sha256, int64_t want,
			  files_problem_fn problem, void *ctx,
			  struct files_check *out)
{
	struct mc_err e = {0};
	int64_t size = 0;
	enum mc_code rc = docstore_read(app->files, sha256, -1, &size, &e);
	out->bytes += size;
	if (!rc && want >= 0 && size != want)
		rc = mc_fail(&e, MC_ERR_STATE, "sha256",
			     "%s: holds %lld bytes, its references say %lld",
			     sha256, (long long)size, (long long)want);
	if (rc == MC_ERR_NOT_FOUND) {
		out->missing++;
		mc_fail(&e, MC_ERR_NOT_FOUND, "sha256",
			"%s: referred to by a dossier but not in the store",
			sha256);
	} else if (rc)
		out->bad++;
	if (rc && problem)
		problem(&e, ctx);
}

enum mc_code app_files_check(struct app *app, files_problem_fn problem,
			     void *ctx, struct files_check *out,
			     struct mc_err *err)
{
	memset(out, 0, sizeof(*out));
	if (!app->files)
		return mc_fail(err, MC_ERR_INTERNAL, "files",
			       "files: the document store is not open");
	struct hashes refs = {0}, stored = {0};
	enum mc_code rc =
		store_file_each(app->st, NULL, collect_ref, &refs, err);
	if (!rc && refs.n != refs.n_size)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	for (size_t i = 0; !rc && i < refs.n; i++)
		check_content(app, refs.h[i], refs.size[i], problem, ctx, out);
	out->referenced = (long)refs.n;
	if (!rc)
		rc = docstore_list(app->files, collect_stored, &stored, err);
	for (size_t i = 0; !rc && i < stored.n; i++) {
		out->stored++;
		if (!refs.n || !bsearch(stored.h[i], refs.h, refs.n,
					sizeof(*refs.h), by_hash))
			check_content(app, stored.h[i], -1, problem, ctx, out);
	}
	hashes_release(&refs);
	hashes_release(&stored);
	return rc;
}

/* ---- components and digitization ------------------------------------- */

static struct dossier_component *component_of(struct dossier *d,
					      const char *code)
{
	for (size_t i = 0; code && i < d->n_components; i++)
		if (d->components[i].code &&
		    strcmp(d->components[i].code, code) == 0)
			return &d->components[i];
	return NULL;
}

/* The component of d for a held file, listed when it was not. */
static enum mc_code hold(struct dossier *d, const struct dossier_file *f,
			 struct mc_err *err)
{
	struct dossier_component *c = component_of(d, f->component);
	if (!c) {
		c = ARRAY_PUSH(d->components, d->n_components,
			       d->cap_components);
		if (!c || !str_set(&c->code, f->component) ||
		    !str_set(&c->file_name, f->name))
			return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	c->digitized = true;
	return MC_OK;
}

static bool in_upload(const struct upload_rows *x, const char *code)
{
	for (size_t i = 0; i < x->n; i++)
		if (x->f[i].component && strcmp(x->f[i].component, code) == 0)
			return true;
	return false;
}

/* Every required component there (held in the upload for a citizen,
 * listed otherwise), and none that the procedure does not ask for. */
static enum mc_code check_components(const struct dossier *d,
				     const struct procedure *p,
				     const struct upload_rows *x, bool citizen,
				     struct mc_err *err)
{
	for (size_t i = 0; i < p->n_components; i++) {
		const struct procedure_component *c = &p->components[i];
		bool there = citizen ? in_upload(x, c->code)
				     : component_of((struct dossier *)d,
						    c->code) != NULL;
		if (c->required && !there)
			return mc_fail(err, MC_ERR_INPUT, "TaiLieuNop",
				       "TaiLieuNop: component %s (%s) is "
				       "required%s",
				       c->code, c->name,
				       citizen ? "; upload its file" : "");
	}
	for (size_t i = 0; p->n_components && i < d->n_components; i++)
		if (!procedure_component_find(p, d->components[i].code))
			return mc_fail(err, MC_ERR_INPUT, "TaiLieuNop",
				       "TaiLieuNop[%zu].MaThanhPhanHoSo: %s is "
				       "not a component of procedure %s",
				       i, str_or_empty(d->components[i].code),
				       p->code);
	return MC_OK;
}

enum mc_code app_filing_files(struct app *app, struct dossier *d,
			      const struct procedure *p,
			      const struct op_request *req, struct mc_err *err)
{
	struct upload_rows x = {0};
	char hash[65];
	enum mc_code rc = MC_OK;
	bool operator= req->actor->role & ROLE_OPERATOR;
	for (size_t i = 0; !operator&& i<d->n_components; i++) {
		struct dossier_component *c = &d->components[i];
		c->digitized = c->reused = c->from_national_store = false;
	}
	if (req->upload_token) {
		if (!(rc = upload_live(app, req->upload_token, hash, err)))
			rc = store_upload_file_each(app->st, hash, keep_row, &x,
						    err);
		if (!rc && x.oom)
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	for (size_t i = 0; !rc && i < x.n; i++)
		rc = hold(d, &x.f[i], err);
	if (!rc)
		rc = check_components(
			d, p, &x, (req->actor->role & ROLE_CITIZEN) != 0, err);
	if (!operator)
		d->digitized = d->n_components > 0 && dossier_all_digitized(d);
	for (size_t i = 0; i < x.n; i++)
		dossier_file_release(&x.f[i]);
	free(x.f);
	return rc;
}

static int held_file(const struct dossier_file *f, void *ctx)
{
	struct upload_rows *x = ctx;
	if (f->role != FILE_COMPONENT && f->role != FILE_SUPPLEMENT)
		return 0;
	return keep_row(f, ctx) || x->oom;
}

/* After a component or supplement file was attached: a dossier
 * numbered here is digitized in what the system holds. */
static enum mc_code digitize(struct app *app, const char *code,
			     struct mc_err *err)
{
	struct dossier d;
	struct upload_rows x = {0};
	dossier_init(&d);
	enum mc_code rc = store_dossier_get(app->st, code, &d, err);
	if (rc || !dossier_numbered_here(d.origin)) {
		dossier_release(&d);
		return rc;
	}
	rc = store_file_each(app->st, code, held_file, &x, err);
	if (!rc && x.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	/* a filing here starts with none digitized (app_filing_files):
	 * what the system holds marks its component */
	for (size_t i = 0; !rc && i < x.n; i++)
		rc = hold(&d, &x.f[i], err);
	d.digitized = d.n_components > 0 && dossier_all_digitized(&d);
	if (!rc)
		rc = app_dossier_put(app, &d, NULL, err);
	for (size_t i = 0; i < x.n; i++)
		dossier_file_release(&x.f[i]);
	free(x.f);
	dossier_release(&d);
	return rc;
}
