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

static enum mc_code too_large(const struct docstore *ds, const char *name,
			      struct mc_err *err)
{
	return mc_fail(err, MC_ERR_TOO_LARGE, name,
		       "%s: is larger than the limit of %.1f MiB per file",
		       name, (double)ds->max_file / (1024.0 * 1024.0));
}

/* Copy fd into the temporary object, hashing and counting; refuse at
 * the first byte over the limit. */
static enum mc_code stream_in(struct docstore *ds, int fd, const char *name,
			      struct docstore_tmp *t,
			      struct docstore_info *info, struct mc_err *err)
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	unsigned char buf[65536];
	info->size = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mc_fail(err, MC_ERR_IO, name,
				       "%s: cannot read: %s", name,
				       strerror(errno));
		if (n == 0)
			break;
		info->size += n;
		if (info->size > ds->max_file)
			return too_large(ds, name, err);
		crypto_hash_sha256_update(&h, buf, (unsigned long long)n);
		if (!write_all(t->fd, buf, (size_t)n))
			return mc_fail(err, MC_ERR_IO, "files",
				       "files: cannot write %s: %s", t->path,
				       strerror(errno));
	}
	hex_digest(&h, info->sha256);
	return MC_OK;
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

enum mc_code docstore_put(struct docstore *ds, int fd, const char *name,
			  struct docstore_info *info, struct mc_err *err)
{
	memset(info, 0, sizeof(*info));
	struct stat st; /* a plain file over the limit is refused unread */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > ds->max_file)
		return too_large(ds, name, err);
	struct docstore_tmp t = {.fd = -1};
	enum mc_code rc = ds->ops->tmp_open(ds->impl, &t, err);
	if (rc)
		return rc;
	if ((rc = stream_in(ds, fd, name, &t, info, err)) ||
	    (rc = decide_type(ds, t.fd, name, info, err))) {
		ds->ops->discard(ds->impl, &t);
		return rc;
	}
	return ds->ops->commit(ds->impl, &t, info->sha256, &info->existed, err);
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

/* Read fd to its end into h (and out when >= 0). */
static enum mc_code hash_fd(int fd, int out, crypto_hash_sha256_state *h,
			    int64_t *size, const char *sha256,
			    struct mc_err *err)
{
	unsigned char buf[65536];
	*size = 0;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return mc_fail(err, MC_ERR_IO, "sha256",
				       "%s: cannot read: %s", sha256,
				       strerror(errno));
		if (n == 0)
			return MC_OK;
		crypto_hash_sha256_update(h, buf, (unsigned long long)n);
		*size += n;
		if (out >= 0 && !write_all(out, buf, (size_t)n))
			return mc_fail(err, MC_ERR_IO, "out",
				       "out: cannot write: %s",
				       strerror(errno));
	}
}

enum mc_code docstore_read(struct docstore *ds, const char *sha256, int out,
			   int64_t *size, struct mc_err *err)
{
	int fd;
	enum mc_code rc = docstore_open(ds, sha256, &fd, err);
	if (rc)
		return rc;
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	rc = hash_fd(fd, out, &h, size, sha256, err);
	close(fd);
	if (rc)
		return rc;
	char got[DOCSTORE_HASH_HEX + 1];
	hex_digest(&h, got);
	if (strcmp(got, sha256) != 0)
		return mc_fail(err, MC_ERR_STATE, "sha256",
			       "%s: the stored content does not match its hash "
			       "(it hashes to %s)",
			       sha256, got);
	return MC_OK;
}
