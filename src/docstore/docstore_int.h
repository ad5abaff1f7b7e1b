/*
 * docstore_int.h - what a document-store backend provides: a table of
 * operations on opaque state. docstore.c does the hashing, the limits and
 * the type decision once for every backend; a backend only keeps bytes.
 *
 * A put goes through a temporary object that the backend keeps as a
 * local file descriptor (an object-store backend would upload it in
 * commit): tmp_open makes it, commit makes it durable under its hash,
 * discard removes it.
 */
#ifndef MC_DOCSTORE_DOCSTORE_INT_H
#define MC_DOCSTORE_DOCSTORE_INT_H

#include <stddef.h>

#include "docstore/docstore.h"

struct docstore_tmp {
	int fd;
	char path[4096];
};

struct docstore_ops {
	const char *name;
	enum mc_code (*tmp_open)(void *impl, struct docstore_tmp *t,
				 struct mc_err *err);
	/* Make t durable as sha256 and close it; on failure t is discarded.
	 * Content already stored under sha256 is kept, its time of last
	 * put (mtime) set to now, and t dropped. */
	enum mc_code (*commit)(void *impl, struct docstore_tmp *t,
			       const char *sha256, bool *existed,
			       struct mc_err *err);
	void (*discard)(void *impl, struct docstore_tmp *t);
	enum mc_code (*open)(void *impl, const char *sha256, int *fd,
			     struct mc_err *err);
	bool (*exists)(void *impl, const char *sha256);
	/* When sha256 was last put, in seconds since the epoch. */
	enum mc_code (*mtime)(void *impl, const char *sha256, int64_t *at,
			      struct mc_err *err);
	enum mc_code (*remove)(void *impl, const char *sha256,
			       struct mc_err *err);
	enum mc_code (*list)(void *impl, docstore_list_fn fn, void *ctx,
			     struct mc_err *err);
	void (*close)(void *impl);
};

/* The store over a backend; docstore.c owns the type detector. */
enum mc_code docstore_new(const struct docstore_ops *ops, void *impl,
			  struct docstore **out, struct mc_err *err);

/* The local file-system backend's state for dir (docstore_local.c). */
enum mc_code docstore_local_impl(const char *dir, bool create, void **impl,
				 struct mc_err *err);
extern const struct docstore_ops docstore_local_ops;

/* The type of the content of fd (libmagic's MIME name), into out;
 * the offset of fd is left where it was (docstore_type.c). */
struct docstore_magic;
enum mc_code docstore_magic_open(struct docstore_magic **out,
				 struct mc_err *err);
void docstore_magic_close(struct docstore_magic *m);
enum mc_code docstore_magic_type(struct docstore_magic *m, int fd, char *out,
				 size_t cap, struct mc_err *err);
/* The accepted entry for mime, or NULL. */
const struct docstore_type *docstore_type_find(const char *mime);

#endif
