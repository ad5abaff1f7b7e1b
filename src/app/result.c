/*
 * result.c - finishing a dossier with signed result files (result.h).
 *
 * Files read from a descriptor are put into the document store first,
 * so they are durable before the transaction that refers to them. Then,
 * in one write transaction: the actor, the dossier and its state are
 * checked; each result file is referred to (or found among the
 * dossier's), signed with the key of the dossier's unit as it is inside
 * this transaction, its signature put and referred to; and the dossier
 * is finished with results naming file and signature.
 */
#include "app/result.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/files.h"
#include "core/civil.h"
#include "core/filename.h"
#include "core/limits.h"
#include "core/str.h"
#include "docstore/docstore.h"
#include "pki/pki.h"
#include "store/store.h"

struct issue {
	struct app *app;
	const struct op_request *req;
	struct dossier d; /* as it is inside the transaction */
	int64_t at;
};

static enum mc_code check_request(struct app *app, const struct op_request *req,
				  size_t n, struct mc_err *err)
{
	if (req->params.op != OP_FINISH || !req->code)
		return mc_fail(err, MC_ERR_INPUT, "op",
			       "op: only finishing a dossier issues results");
	if (n < 1 || n > LIMIT_RESULTS)
		return mc_fail(err, MC_ERR_INPUT, "results",
			       "results: give 1 to %d result files",
			       LIMIT_RESULTS);
	if (!app->pki)
		return mc_fail(err, MC_ERR_STATE, "pki",
			       "pki: no key directory is open, so results "
			       "cannot be signed (motcua pki init makes one)");
	if (!app_docstore(app))
		return mc_fail(err, MC_ERR_STATE, "files",
			       "files: the document store is not open");
	return MC_OK;
}

/* The time of the step: given, or now; never ahead of the clock. */
static enum mc_code step_time(const struct op_request *req, int64_t *at,
			      struct mc_err *err)
{
	int64_t now = (int64_t)time(NULL);
	*at = req->params.at == MC_NO_TIME ? now : req->params.at;
	if (*at <= now + 300)
		return MC_OK;
	char buf[CIVIL_BUF];
	return mc_fail(err, MC_ERR_INPUT, "at", "at: %s is in the future",
		       civil_format_local(*at, buf));
}

/* Put the files given as descriptors; hashes[i] names each document's
 * content from here on. */
static enum mc_code put_files(struct app *app, const struct result_doc *docs,
			      size_t n, char (*hashes)[DOCSTORE_HASH_HEX + 1],
			      struct docstore_info *infos, struct mc_err *err)
{
	for (size_t i = 0; i < n; i++) {
		char name[FILENAME_MAX_BYTES + 1], field[48];
		enum mc_code rc;
		snprintf(field, sizeof(field), "results[%zu].file", i);
		if (docs[i].fd < 0) {
			rc = docstore_hash_check(str_or_empty(docs[i].sha256),
						 field, err);
			snprintf(hashes[i], DOCSTORE_HASH_HEX + 1, "%s",
				 str_or_empty(docs[i].sha256));
		} else {
			rc = filename_clean(str_or_empty(docs[i].file_name),
					    name, sizeof(name), field, err);
			if (!rc)
				rc = docstore_put(app_docstore(app), docs[i].fd,
						  name, &infos[i], err);
			if (!rc)
				memcpy(hashes[i], infos[i].sha256,
				       DOCSTORE_HASH_HEX + 1);
		}
		if (rc)
			return rc;
	}
	return MC_OK;
}

/* The actor may finish this dossier now; the dossier into is->d. */
static enum mc_code load(struct issue *is, struct mc_err *err)
{
	const struct actor *a = is->req->actor;
	enum mc_code rc = actor_may_run(a, OP_FINISH, err);
	if (!rc)
		rc = store_dossier_get(is->app->st, is->req->code, &is->d,
				       NULL);
	if (rc == MC_ERR_NOT_FOUND ||
	    (!rc && (a->role & ROLE_STAFF) &&
	     !app_in_scope(is->app, a->unit, is->d.unit_code)))
		return mc_fail(err, MC_ERR_NOT_FOUND, "MaHoSo",
			       "MaHoSo: dossier \"%s\" is not known",
			       is->req->code);
	if (rc)
		return store_dossier_get(is->app->st, is->req->code, &is->d,
					 err);
	return dossier_op_allowed(OP_FINISH, (int)is->d.status, err);
}

/* The dossier refers to the result file: a new one now, or one it holds
 * already (as a result). name gets the file's name. */
static enum mc_code refer_result(struct issue *is, const struct result_doc *doc,
				 size_t i, const char *sha256,
				 const struct docstore_info *info, char *name,
				 size_t cap, struct mc_err *err)
{
	struct dossier_file f = {0};
	bool held = store_file_get(is->app->st, is->req->code, sha256, &f,
				   NULL) == MC_OK &&
		    f.role == FILE_RESULT;
	dossier_file_release(&f);
	if (doc->fd >= 0 && !held) {
		struct file_attach a = {.dossier_code = is->req->code,
					.role = FILE_RESULT,
					.name = doc->file_name,
					.actor = is->req->actor};
		enum mc_code rc =
			app_file_add_within(is->app, &a, info, &f, err);
		if (!rc) {
			snprintf(name, cap, "%s", f.name);
			dossier_file_release(&f);
		}
		return rc;
	}
	if (store_file_get(is->app->st, is->req->code, sha256, &f, NULL) ||
	    f.role != FILE_RESULT) {
		dossier_file_release(&f);
		return mc_fail(err, MC_ERR_NOT_FOUND, "results",
			       "results[%zu].file: dossier %s holds no result "
			       "file %s; upload it first",
			       i, is->req->code, sha256);
	}
	snprintf(name, cap, "%s", f.name);
	dossier_file_release(&f);
	return MC_OK;
}

/* Sign the stored content of sha256 with the unit's key, put the
 * signature and refer to it: its hash into sig_hash. */
static enum mc_code sign_one(struct issue *is, const char *sha256,
			     const char *name, char *sig_hash,
			     struct mc_err *err)
{
	struct docstore *ds = app_docstore(is->app);
	unsigned char *sig = NULL;
	size_t n = 0;
	int fd = -1;
	enum mc_code rc = docstore_open(ds, sha256, &fd, err);
	if (!rc)
		rc = pki_sign(is->app->pki, is->d.unit_code, fd, is->at, &sig,
			      &n, err);
	if (fd >= 0)
		close(fd);
	char sig_name[FILENAME_MAX_BYTES + 1];
	snprintf(sig_name, sizeof(sig_name), "%.*s.p7s", FILENAME_MAX_BYTES - 4,
		 name);
	struct docstore_put *p = NULL;
	struct docstore_info info;
	if (!rc)
		rc = docstore_put_begin(ds, sig_name, 0, &p, err);
	if (!rc && (rc = docstore_put_write(p, sig, n, err)))
		docstore_put_abort(p);
	else if (!rc)
		rc = docstore_put_end_typed(ds, p, RESULT_SIGNATURE_TYPE, &info,
					    err);
	free(sig);
	struct file_attach a = {.dossier_code = is->req->code,
				.role = FILE_SIGNATURE,
				.name = sig_name,
				.actor = is->req->actor};
	if (!rc)
		rc = app_file_add_within(is->app, &a, &info, NULL, err);
	if (!rc)
		memcpy(sig_hash, info.sha256, DOCSTORE_HASH_HEX + 1);
	return rc;
}

static enum mc_code issue(struct issue *is, const struct result_doc *docs,
			  size_t n, char (*hashes)[DOCSTORE_HASH_HEX + 1],
			  const struct docstore_info *infos,
			  struct dossier_result *res, struct dossier *out,
			  struct mc_err *err)
{
	char sigs[LIMIT_RESULTS][DOCSTORE_HASH_HEX + 1];
	enum mc_code rc = load(is, err);
	for (size_t i = 0; !rc && i < n; i++) {
		char name[FILENAME_MAX_BYTES + 1];
		rc = refer_result(is, &docs[i], i, hashes[i], &infos[i], name,
				  sizeof(name), err);
		if (!rc)
			rc = sign_one(is, hashes[i], name, sigs[i], err);
		res[i] = (struct dossier_result){
			.name = (char *)(str_empty(docs[i].name)
						 ? "Kết quả"
						 : docs[i].name),
			.code = (char *)docs[i].code,
			.file = hashes[i],
			.signature = sigs[i],
			.signed_at = is->at,
		};
	}
	struct op_request r = *is->req;
	r.params.at = is->at;
	r.params.results = res;
	r.params.n_results = n;
	if (!rc)
		rc = app_lifecycle_within(is->app, &r, out, err);
	return rc;
}

enum mc_code app_finish_signed(struct app *app, const struct op_request *req,
			       const struct result_doc *docs, size_t n,
			       struct dossier *out, struct mc_err *err)
{
	char hashes[LIMIT_RESULTS][DOCSTORE_HASH_HEX + 1];
	struct docstore_info infos[LIMIT_RESULTS];
	struct dossier_result res[LIMIT_RESULTS];
	struct issue is = {.app = app, .req = req};
	dossier_init(&is.d);
	enum mc_code rc = check_request(app, req, n, err);
	if (!rc)
		rc = step_time(req, &is.at, err);
	if (!rc)
		rc = put_files(app, docs, n, hashes, infos, err);
	if (!rc)
		rc = store_begin(app->st, err);
	if (rc)
		return rc;
	struct dossier d;
	dossier_init(&d);
	rc = issue(&is, docs, n, hashes, infos, res, &d, err);
	rc = store_finish(app->st, rc, err);
	dossier_release(&is.d);
	if (!rc && out)
		*out = d;
	else
		dossier_release(&d);
	return rc;
}

/* ---- the results held, checked ------------------------------------------ */

/* The whole stored content of sha256, at most cap bytes (a signature). */
static enum mc_code read_small(struct docstore *ds, const char *sha256,
			       unsigned char *buf, size_t cap, size_t *n,
			       struct mc_err *err)
{
	int fd;
	enum mc_code rc = docstore_open(ds, sha256, &fd, err);
	if (rc)
		return rc;
	*n = 0;
	ssize_t got;
	while (*n < cap && (got = read(fd, buf + *n, cap - *n)) > 0)
		*n += (size_t)got;
	close(fd);
	return *n < cap ? MC_OK
			: mc_fail(err, MC_ERR_TOO_LARGE, "signature",
				  "signature: %s is larger than %zu bytes",
				  sha256, cap - 1);
}

static enum mc_code check_held(struct app *app, const struct dossier *d,
			       const struct dossier_result *r,
			       held_result_fn fn, void *ctx, struct mc_err *err)
{
	struct docstore *ds = app_docstore(app);
	size_t n = 0;
	unsigned char *sig = malloc(PKI_MAX_SIGNATURE + 1);
	if (!sig)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	enum mc_code rc = read_small(ds, r->signature, sig,
				     PKI_MAX_SIGNATURE + 1, &n, err);
	int fd = -1;
	if (!rc)
		rc = docstore_open(ds, r->file, &fd, err);
	struct app_verdict v;
	if (!rc)
		rc = app_verify(app, fd, sig, n, &v, err);
	if (fd >= 0)
		close(fd);
	free(sig);
	struct held_result h = {d->code, r, &v};
	return rc ? rc : fn(&h, ctx, err);
}

/* The signed results of d (only those whose file is sha256, when given). */
static enum mc_code check_dossier(struct app *app, const struct dossier *d,
				  const char *sha256, held_result_fn fn,
				  void *ctx, size_t *n, struct mc_err *err)
{
	enum mc_code rc = MC_OK;
	for (size_t i = 0; !rc && i < d->n_results; i++) {
		const struct dossier_result *r = &d->results[i];
		if (str_empty(r->file) || str_empty(r->signature) ||
		    (sha256 && strcmp(r->file, sha256) != 0))
			continue;
		rc = check_held(app, d, r, fn, ctx, err);
		*n += rc == MC_OK;
	}
	return rc;
}

struct codes {
	char (*code)[80];
	size_t n, cap;
};

static int collect_code(const struct dossier_file *f, void *ctx)
{
	struct codes *c = ctx;
	if (f->role != FILE_RESULT)
		return 0;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->code[i], f->dossier_code) == 0)
			return 0;
	char(*slot)[80] = ARRAY_PUSH(c->code, c->n, c->cap);
	if (!slot)
		return 1;
	snprintf(*slot, sizeof(*slot), "%s", f->dossier_code);
	return 0;
}

static enum mc_code one_dossier(struct app *app, const char *code,
				const char *sha256, held_result_fn fn,
				void *ctx, size_t *n, struct mc_err *err)
{
	struct dossier d;
	dossier_init(&d);
	enum mc_code rc = store_dossier_get(app->st, code, &d, NULL);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail(err, MC_ERR_NOT_FOUND, "code",
			       "code: no dossier %s", code);
	if (rc)
		return store_dossier_get(app->st, code, &d, err);
	rc = check_dossier(app, &d, sha256, fn, ctx, n, err);
	dossier_release(&d);
	return rc;
}

enum mc_code app_results_held(struct app *app, const char *code,
			      const char *sha256, held_result_fn fn, void *ctx,
			      size_t *n, struct mc_err *err)
{
	*n = 0;
	if (!app->pki || !app_docstore(app))
		return mc_fail(err, MC_ERR_STATE, "pki",
			       "pki: results cannot be checked here: no key "
			       "directory or document store is open");
	if (code)
		return one_dossier(app, code, NULL, fn, ctx, n, err);
	enum mc_code rc =
		docstore_hash_check(str_or_empty(sha256), "sha256", err);
	struct codes c = {0};
	if (!rc)
		rc = store_file_with_hash(app->st, sha256, collect_code, &c,
					  err);
	for (size_t i = 0; !rc && i < c.n; i++)
		rc = one_dossier(app, c.code[i], sha256, fn, ctx, n, err);
	free(c.code);
	return rc;
}

/* ---- a result to download ----------------------------------------------- */

static bool is_result_file(const struct dossier *d, const char *sha256)
{
	for (size_t i = 0; i < d->n_results; i++) {
		const struct dossier_result *r = &d->results[i];
		if (str_empty(r->file) || str_empty(r->signature))
			continue;
		if (strcmp(r->file, sha256) == 0 ||
		    strcmp(r->signature, sha256) == 0)
			return true;
	}
	return false;
}

enum mc_code app_result_download(struct app *app, const struct dossier_read *rq,
				 const char *sha256,
				 struct result_download *out,
				 bool *secret_checked, struct mc_err *err)
{
	struct dossier d;
	struct dossier_file f = {0};
	memset(out, 0, sizeof(*out));
	out->fd = -1;
	dossier_init(&d);
	enum mc_code rc = app_dossier_read(app, rq, &d, secret_checked, err);
	if (rc)
		return rc;
	if (!app_docstore(app))
		rc = mc_fail(err, MC_ERR_STATE, "files",
			     "files: the document store is not open");
	else if (docstore_hash_check(str_or_empty(sha256), "file", NULL) ||
		 !is_result_file(&d, sha256) ||
		 store_file_get(app->st, d.code, sha256, &f, NULL))
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "file",
			     "file: dossier %s has no electronic result %s",
			     d.code, str_or_empty(sha256));
	if (!rc)
		rc = docstore_open(app_docstore(app), sha256, &out->fd, err);
	if (!rc) {
		out->size = f.size;
		snprintf(out->name, sizeof(out->name), "%s", f.name);
		snprintf(out->type, sizeof(out->type), "%s", f.type);
	}
	dossier_file_release(&f);
	dossier_release(&d);
	return rc;
}
