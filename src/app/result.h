/*
 * result.h - issuing electronic results: finishing a dossier with its
 * result files, each signed by the key of the unit that settles the
 * dossier (a detached CMS signature with the signing time, src/pki/),
 * the file and its signature kept in the document store and referred to
 * by the dossier, all in the transaction that finishes it. Such a result
 * is what dossier_has_e_result counts. docs/internals/pki.md.
 */
#ifndef MC_APP_RESULT_H
#define MC_APP_RESULT_H

#include <stddef.h>

#include "app/app.h"
#include "app/dossier.h"
#include "app/pki.h"

/* One result document: its name and number, and its file, either read
 * from fd to its end (fd >= 0; file_name names it, as the officer gave
 * it) or already held by the dossier as a result file (fd -1, sha256). */
struct result_doc {
	const char *name, *code;
	int fd;
	const char *file_name;
	const char *sha256;
};

#define RESULT_SIGNATURE_TYPE "application/pkcs7-signature"

/* Finish req->code (req->params.op must be OP_FINISH) with the n
 * documents, n from 1 to LIMIT_RESULTS: the actor, the dossier's state
 * and the files are checked, each file signed with the key of the
 * dossier's unit at the finishing time, the signature put into the
 * document store, both referred to by the dossier and the dossier
 * finished with results that name them, in one transaction. A unit
 * without a key is MC_ERR_NOT_FOUND naming "unit"; a document the
 * dossier does not hold, MC_ERR_NOT_FOUND naming results[i].file. On
 * failure the database is as it was (what was put into the document
 * store without a reference is left to `files gc`). */
enum mc_code app_finish_signed(struct app *app, const struct op_request *req,
			       const struct result_doc *docs, size_t n,
			       struct dossier *out, struct mc_err *err);

/* An electronic result the system holds, checked: the stored file
 * against its stored signature (v: the verdict, who signed, when). */
struct held_result {
	const char *dossier_code;
	const struct dossier_result *result;
	struct app_verdict *v;
};
typedef enum mc_code (*held_result_fn)(const struct held_result *h,
				       void *ctx, struct mc_err *err);

/* The electronic results of dossier `code`, or (code NULL) the ones
 * whose file is sha256, each checked; *n how many. Anyone may ask: a
 * result's signature says nothing its holder cannot read from it. An
 * unknown code is MC_ERR_NOT_FOUND naming "code". */
enum mc_code app_results_held(struct app *app, const char *code,
			      const char *sha256, held_result_fn fn, void *ctx,
			      size_t *n, struct mc_err *err);

/* A result file or its signature, opened for download. */
struct result_download {
	int fd; /* the caller closes it */
	int64_t size;
	char name[256]; /* as the dossier refers to it */
	char type[128];
};

/* The electronic result (or its .p7s) of rq->code whose SHA-256 is
 * sha256, for whoever may read the dossier (app_dossier_read: the
 * citizen with the tracking secret, staff of its units, the operator);
 * a wrong secret answers as an unknown code, and a hash that is not
 * one of the dossier's electronic results is MC_ERR_NOT_FOUND naming
 * "file". */
enum mc_code app_result_download(struct app *app, const struct dossier_read *rq,
				 const char *sha256, struct result_download *out,
				 bool *secret_checked, struct mc_err *err);

#endif
