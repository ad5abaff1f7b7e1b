/*
 * docstore.h - the document store: the files citizens and officers
 * attach to dossiers, kept by the SHA-256 of their content.
 *
 * A store is a backend behind a small table of operations (docstore_int.h);
 * the one there is now keeps files on the local file system, as
 * DIR/ab/cdef... (the hash's first two hex digits name a directory).
 * docstore_put streams a file into a temporary object, hashing and
 * counting it, decides its type from the content (libmagic), and only
 * when size and type are accepted makes it durable under its hash: the
 * local backend fsyncs the file, renames it into place and fsyncs the
 * directory, so a caller may commit a row that names the hash once put
 * has returned. A refused file leaves nothing behind.
 */
#ifndef MC_DOCSTORE_DOCSTORE_H
#define MC_DOCSTORE_DOCSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define DOCSTORE_HASH_HEX 64
#define DOCSTORE_MAX_FILE_DEFAULT (20 * 1024 * 1024) /* bytes per file */

struct docstore;

/* What put made of a file. */
struct docstore_info {
	char sha256[DOCSTORE_HASH_HEX + 1]; /* lowercase hex */
	int64_t size;                       /* bytes */
	const char *type;                   /* MIME type; static */
	bool existed;                       /* the same content was there */
};

/* The local file-system store in dir, created (one level, mode 0700)
 * when create is set and it is missing; MC_ERR_NOT_FOUND naming "files"
 * when it is missing and create is not set. */
enum mc_code docstore_open_local(const char *dir, bool create,
				 struct docstore **out, struct mc_err *err);
void docstore_close(struct docstore *ds);

/* Largest file put accepts, in bytes (DOCSTORE_MAX_FILE_DEFAULT until
 * set). */
void docstore_set_max_file(struct docstore *ds, int64_t bytes);

/* Store the content read from fd (to its end). `name` names the file in
 * errors: MC_ERR_TOO_LARGE when it is over the size limit, MC_ERR_INPUT
 * when its type is not one of docstore_types. */
enum mc_code docstore_put(struct docstore *ds, int fd, const char *name,
			  struct docstore_info *info, struct mc_err *err);

/* The same as a stream, for content that arrives in pieces (an HTTP
 * upload): begin opens the temporary object, write adds bytes (refusing
 * with MC_ERR_TOO_LARGE the first piece that takes the total over the
 * limit: `limit` bytes when 0 < limit < the store's, else the store's),
 * end decides the type and makes the content durable exactly as put
 * does, abort discards it. end and abort free the put; after a failed
 * write the caller aborts. An empty file is refused (MC_ERR_INPUT). */
struct docstore_put;
enum mc_code docstore_put_begin(struct docstore *ds, const char *name,
				int64_t limit, struct docstore_put **out,
				struct mc_err *err);
enum mc_code docstore_put_write(struct docstore_put *p, const void *buf,
				size_t n, struct mc_err *err);
/* Write what fd holds, read to its end. */
enum mc_code docstore_put_fd(struct docstore_put *p, int fd,
			     struct mc_err *err);
int64_t docstore_put_size(const struct docstore_put *p);
/* ds decides the type: the store the put began in, or another over the
 * same directory (libmagic's handle is one thread's at a time, so a put
 * that moves between threads ends with the current thread's store). */
enum mc_code docstore_put_end(struct docstore *ds, struct docstore_put *p,
			      struct docstore_info *info, struct mc_err *err);
void docstore_put_abort(struct docstore_put *p);
/* put_end for content the system made itself (a result's signature),
 * whose type it knows: `type` (static) is taken as given, not decided
 * from the content, so it need not be one of docstore_types. */
enum mc_code docstore_put_end_typed(struct docstore *ds, struct docstore_put *p,
				    const char *type,
				    struct docstore_info *info,
				    struct mc_err *err);

int64_t docstore_max_file(const struct docstore *ds);

/* When the content of sha256 was last put (a put of content already
 * stored counts), seconds since the epoch: what `files gc` measures its
 * grace period from. MC_ERR_NOT_FOUND when it is not stored. */
enum mc_code docstore_mtime(struct docstore *ds, const char *sha256,
			    int64_t *mtime, struct mc_err *err);

/* The accepted MIME type of stored content (libmagic on its bytes, as
 * put decided it); MC_ERR_NOT_FOUND when it is not stored. */
enum mc_code docstore_type_of(struct docstore *ds, const char *sha256,
			      const char **type, int64_t *size,
			      struct mc_err *err);

/* Whether sha256 (64 hex digits) is well formed: MC_ERR_INPUT naming
 * field when not. */
enum mc_code docstore_hash_check(const char *sha256, const char *field,
				 struct mc_err *err);

/* Open the stored content of sha256 for reading; the caller closes *fd.
 * MC_ERR_NOT_FOUND naming the hash when it is not stored. */
enum mc_code docstore_open(struct docstore *ds, const char *sha256, int *fd,
			   struct mc_err *err);
bool docstore_exists(struct docstore *ds, const char *sha256);
enum mc_code docstore_remove(struct docstore *ds, const char *sha256,
			     struct mc_err *err);

/* Call fn with every stored hash, in no set order, until it fails;
 * list returns what fn returned. Temporary objects of puts in progress
 * are not listed. */
typedef enum mc_code (*docstore_list_fn)(const char *sha256, void *ctx,
					 struct mc_err *err);
enum mc_code docstore_list(struct docstore *ds, docstore_list_fn fn, void *ctx,
			   struct mc_err *err);

/* Read the stored content of sha256 to its end, writing it to out
 * (unless out is -1), and compare its hash: MC_ERR_STATE naming the
 * hash when it differs (what went to out is then not to be trusted);
 * *size the bytes read. */
enum mc_code docstore_read(struct docstore *ds, const char *sha256, int out,
			   int64_t *size, struct mc_err *err);

/* The accepted types, in one table: MIME type as libmagic names it and
 * what a person calls it. */
struct docstore_type {
	const char *mime;
	const char *label;
};
extern const struct docstore_type docstore_types[];
extern const int docstore_n_types;

#endif
