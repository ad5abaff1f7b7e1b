/*
 * docstore.c - the document store over its backend (see docstore.h):
 * hashing with libsodium's SHA-256 while a file streams in, the size
 * limit, the type decision, and checking stored content against its hash.
 */
#include "docstore/docstore.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "docstore/docstore_int.h"

struct docstore {
	const struct docstore_ops *ops;
	void *impl;
	struct docstore_magic *magic;
	int64_t max_file;
};

enum mc_code docstore_new(const struct docstore_ops *ops, void *impl,
			  struct docstore **out, struct mc_err *err)
{
	struct docstore *ds = calloc(1, sizeof(*ds));
	enum mc_code rc = ds ? docstore_magic_open(&ds->magic, err)
			     : mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (rc) {
		free(ds);
		ops->close(impl);
		return rc;
	}
	ds->ops = ops;
	ds->impl = impl;
	ds->max_file = DOCSTORE_MAX_FILE_DEFAULT;
	*out = ds;
	return MC_OK;
}

enum mc_code docstore_open_local(const char *dir, bool create,
				 struct docstore **out, struct mc_err *err)
{
	void *impl;
	enum mc_code rc = docstore_local_impl(dir, create, &impl, err);
	return rc ? rc : docstore_new(&docstore_local_ops, impl, out, err);
}

void docstore_close(struct docstore *ds)
{
	if (!ds)
		return;
	ds->ops->close(ds->impl);
	docstore_magic_close(ds->magic);
	free(ds);
}

void docstore_set_max_file(struct docstore *ds, int64_t bytes)
{
	ds->max_file = bytes;
}

static void hex_digest(crypto_hash_sha256_state *h,
		       char out[DOCSTORE_HASH_HEX + 1])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(h, d);
	sodium_bin2hex(out, DOCSTORE_HASH_HEX + 1, d, sizeof(d));
}

static bool write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

static enum mc_code too_large(int64_t limit, const char *name,
			      struct mc_err *err)
{
	return mc_fail(err, MC_ERR_TOO_LARGE, name,
		       "%s: is larger than the limit of %.1f MiB per file",
		       name, (double)limit / (1024.0 * 1024.0));
}

/* A put in progress: the temporary object, the running hash and count. */
struct docstore_put {
	struct docstore *ds;
	struct docstore_tmp t;
	crypto_hash_sha256_state h;
	int64_t size, limit;
	char name[256];
};

enum mc_code docstore_put_begin(struct docstore *ds, const char *name,
				int64_t limit, struct docstore_put **out,
				struct mc_err *err)
{
	struct docstore_put *p = calloc(1, sizeof(*p));
	if (!p)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	p->ds = ds;
	p->t.fd = -1;
	p->limit = limit > 0 && limit < ds->max_file ? limit : ds->max_file;
	snprintf(p->name, sizeof(p->name), "%s", name);
	crypto_hash_sha256_init(&p->h);
	enum mc_code rc = ds->ops->tmp_open(ds->impl, &p->t, err);
	if (rc) {
		free(p);
		return rc;
	}
	*out = p;
	return MC_OK;
}

int64_t docstore_put_size(const struct docstore_put *p) { return p->size; }

enum mc_code docstore_put_write(struct docstore_put *p, const void *buf,
				size_t n, struct mc_err *err)
{
	if ((int64_t)n > p->limit - p->size)
		return too_large(p->limit, p->name, err);
	p->size += (int64_t)n;
	crypto_hash_sha256_update(&p->h, buf, (unsigned long long)n);
	if (!write_all(p->t.fd, buf, n))
		return mc_fail(err, MC_ERR_IO, "files",
			       "files: cannot write %s: %s", p->t.path,
			       strerror(errno));
	return MC_OK;
}

void docstore_put_abort(struct docstore_put *p)
{
	if (!p)
		return;
	p->ds->ops->discard(p->ds->impl, &p->t);
	free(p);
}

static enum mc_code decide_type(struct docstore *ds, int fd, const char *name,
				struct docstore_info *info, struct mc_err *err)
{
	char mime[256];
	enum mc_code rc =
		docstore_magic_type(ds->magic, fd, mime, sizeof(mime), err);
	if (rc)
		return rc;
	const struct docstore_type *t = docstore_type_find(mime);
	if (!t)
		return mc_fail(err, MC_ERR_INPUT, name,
			       "%s: type \"%s\" is not accepted (PDF, JPEG, "
			       "PNG, TIFF, DOCX, XLSX, ODT or ZIP)",
			       name, mime);
	info->type = t->mime;
	return MC_OK;
}

/* put_end with the type decided from the content (type NULL) or given. */
static enum mc_code put_finish(struct docstore *ds, struct docstore_put *p,
			       const char *type, struct docstore_info *info,
			       struct mc_err *err)
{
	memset(info, 0, sizeof(*info));
	enum mc_code rc = MC_OK;
	info->size = p->size;
	hex_digest(&p->h, info->sha256);
	if (p->size == 0)
		rc = mc_fail(err, MC_ERR_INPUT, p->name, "%s: is empty",
			     p->name);
	if (!rc && type)
		info->type = type;
	else if (!rc)
		rc = decide_type(ds, p->t.fd, p->name, info, err);
	if (rc)
		ds->ops->discard(ds->impl, &p->t);
	else
		rc = ds->ops->commit(ds->impl, &p->t, info->sha256,
				     &info->existed, err);
	free(p);
	return rc;
}

enum mc_code docstore_put_end(struct docstore *ds, struct docstore_put *p,
			      struct docstore_info *info, struct mc_err *err)
{
	return put_finish(ds, p, NULL, info, err);
}

enum mc_code docstore_put_end_typed(struct docstore *ds, struct docstore_put *p,
				    const char *type,
				    struct docstore_info *info,
				    struct mc_err *err)
{
	return put_finish(ds, p, type, info, err);
}

/* Read fd to its end in blocks, handing each to fn; a read error names
 * `what`. */
typedef enum mc_code (*block_fn)(const unsigned char *b, size_t n, void *ctx,
				 struct mc_err *err);
static enum mc_code read_blocks(int fd, block_fn fn, void *ctx,
				const char *what, struct mc_err *err)
{
	unsigned char buf[65536];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mc_fail(err, MC_ERR_IO, what,
				       "%s: cannot read: %s", what,
				       strerror(errno));
		if (n == 0)
			return MC_OK;
		enum mc_code rc = fn(buf, (size_t)n, ctx, err);
		if (rc)
			return rc;
	}
}

static enum mc_code put_block(const unsigned char *b, size_t n, void *ctx,
			      struct mc_err *err)
{
	return docstore_put_write(ctx, b, n, err);
}

enum mc_code docstore_put_fd(struct docstore_put *p, int fd, struct mc_err *err)
{
	return read_blocks(fd, put_block, p, p->name, err);
}

enum mc_code docstore_put(struct docstore *ds, int fd, const char *name,
			  struct docstore_info *info, struct mc_err *err)
{
	memset(info, 0, sizeof(*info));
	struct stat st; /* a plain file over the limit is refused unread */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > ds->max_file)
		return too_large(ds->max_file, name, err);
	struct docstore_put *p;
	enum mc_code rc = docstore_put_begin(ds, name, 0, &p, err);
	if (rc)
		return rc;
	if ((rc = docstore_put_fd(p, fd, err))) {
		docstore_put_abort(p);
		return rc;
	}
	return docstore_put_end(ds, p, info, err);
}

int64_t docstore_max_file(const struct docstore *ds) { return ds->max_file; }

enum mc_code docstore_type_of(struct docstore *ds, const char *sha256,
			      const char **type, int64_t *size,
			      struct mc_err *err)
{
	int fd;
	struct docstore_info info = {0};
	enum mc_code rc = docstore_open(ds, sha256, &fd, err);
	if (rc)
		return rc;
	struct stat st;
	*size = fstat(fd, &st) == 0 ? (int64_t)st.st_size : 0;
	rc = decide_type(ds, fd, sha256, &info, err);
	close(fd);
	*type = info.type;
	return rc;
}

enum mc_code docstore_mtime(struct docstore *ds, const char *sha256,
			    int64_t *mtime, struct mc_err *err)
{
	enum mc_code rc = docstore_hash_check(sha256, "sha256", err);
	return rc ? rc : ds->ops->mtime(ds->impl, sha256, mtime, err);
}

enum mc_code docstore_hash_check(const char *sha256, const char *field,
				 struct mc_err *err)
{
	size_t n = 0;
	while (sha256[n] && strchr("0123456789abcdef", sha256[n]))
		n++;
	if (n != DOCSTORE_HASH_HEX || sha256[n])
		return mc_fail(err, MC_ERR_INPUT, field,
			       "%s: must be 64 lowercase hexadecimal digits "
			       "(a SHA-256)",
			       field);
	return MC_OK;
}

enum mc_code docstore_open(struct docstore *ds, const char *sha256, int *fd,
			   struct mc_err *err)
{
	enum mc_code rc = docstore_hash_check(sha256, "sha256", err);
	return rc ? rc : ds->ops->open(ds->impl, sha256, fd, err);
}

bool docstore_exists(struct docstore *ds, const char *sha256)
{
	return docstore_hash_check(sha256, "sha256", NULL) == MC_OK &&
	       ds->ops->exists(ds->impl, sha256);
}

enum mc_code docstore_remove(struct docstore *ds, const char *sha256,
			     struct mc_err *err)
{
	enum mc_code rc = docstore_hash_check(sha256, "sha256", err);
	return rc ? rc : ds->ops->remove(ds->impl, sha256, err);
}

enum mc_code docstore_list(struct docstore *ds, docstore_list_fn fn, void *ctx,
			   struct mc_err *err)
{
	return ds->ops->list(ds->impl, fn, ctx, err);
}

struct hashing {
	crypto_hash_sha256_state h;
	int out;
	int64_t size;
};

/* One block of a read: hashed, counted, copied to out when >= 0. */
static enum mc_code hash_block(const unsigned char *b, size_t n, void *ctx,
			       struct mc_err *err)
{
	struct hashing *x = ctx;
	crypto_hash_sha256_update(&x->h, b, (unsigned long long)n);
	x->size += (int64_t)n;
	if (x->out >= 0 && !write_all(x->out, b, n))
		return mc_fail(err, MC_ERR_IO, "out", "out: cannot write: %s",
			       strerror(errno));
	return MC_OK;
}

enum mc_code docstore_read(struct docstore *ds, const char *sha256, int out,
			   int64_t *size, struct mc_err *err)
{
	int fd;
	enum mc_code rc = docstore_open(ds, sha256, &fd, err);
	if (rc)
		return rc;
	struct hashing x = {.out = out};
	crypto_hash_sha256_init(&x.h);
	rc = read_blocks(fd, hash_block, &x, sha256, err);
	close(fd);
	*size = x.size;
	if (rc)
		return rc;
	char got[DOCSTORE_HASH_HEX + 1];
	hex_digest(&x.h, got);
	if (strcmp(got, sha256) != 0)
		return mc_fail(err, MC_ERR_STATE, "sha256",
			       "%s: the stored content does not match its hash "
			       "(it hashes to %s)",
			       sha256, got);
	return MC_OK;
}
