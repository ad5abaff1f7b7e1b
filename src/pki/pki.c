/*
 * pki.c - the key directory: opening it, its files (every write atomic
 * and durable), the certificates a unit signs with, and the conversions
 * between libcrypto's types and ours.
 */
#define _GNU_SOURCE /* mkostemp */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include "core/civil.h"
#include "core/unit.h"
#include "pki/pki_int.h"

static enum mc_code io_fail(struct mc_err *err, const char *what,
			    const char *path)
{
	return mc_fail(err, MC_ERR_IO, "pki", "pki: %s %s: %s", what, path,
		       strerror(errno));
}

enum mc_code pki_ssl_fail(struct mc_err *err, enum mc_code code,
			  const char *field, const char *msg)
{
	char why[200] = "";
	unsigned long e = ERR_peek_last_error();
	if (e)
		ERR_error_string_n(e, why, sizeof(why));
	ERR_clear_error();
	return mc_fail(err, code, field, "%s: %s%s%s", field, msg,
		       *why ? " (" : "", *why ? why : "");
}

enum mc_code pki_open(const char *dir, bool create, struct pki **out,
		      struct mc_err *err)
{
	*out = NULL;
	if (strlen(dir) > PKI_DIR_MAX)
		return mc_fail(err, MC_ERR_INPUT, "pki",
			       "pki: the directory name is too long");
	if (create && mkdir(dir, 0700) != 0 && errno != EEXIST)
		return io_fail(err, "cannot make", dir);
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return mc_fail(err, MC_ERR_NOT_FOUND, "pki",
			       "pki: %s: no such directory (motcua pki init "
			       "makes it)",
			       dir);
	if (st.st_mode & 077)
		return mc_fail(err, MC_ERR_STATE, "pki",
			       "pki: %s: mode %03o lets others in; the key "
			       "directory must be 0700",
			       dir, (unsigned)(st.st_mode & 0777));
	struct pki *p = calloc(1, sizeof(*p));
	if (!p)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	snprintf(p->dir, sizeof(p->dir), "%s", dir);
	*out = p;
	return MC_OK;
}

void pki_close(struct pki *p) { free(p); }

const char *pki_dir(const struct pki *p) { return p->dir; }

enum mc_code pki_path(const struct pki *p, const char *rel, char *buf,
		      size_t size, struct mc_err *err)
{
	int n = snprintf(buf, size, "%s/%s", p->dir, rel);
	if (n < 0 || (size_t)n >= size)
		return mc_fail(err, MC_ERR_INPUT, "pki",
			       "pki: the path of %s is too long", rel);
	return MC_OK;
}

bool pki_has_ca(const struct pki *p)
{
	char path[4096];
	return pki_path(p, "ca.pem", path, sizeof(path), NULL) == MC_OK &&
	       access(path, R_OK) == 0;
}

static enum mc_code fsync_dir(const char *path, struct mc_err *err)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return io_fail(err, "cannot open", dir);
	int rc = fsync(fd);
	close(fd);
	return rc ? io_fail(err, "cannot fsync", dir) : MC_OK;
}

enum mc_code pki_mkdir(const struct pki *p, const char *rel, struct mc_err *err)
{
	char path[4096];
	enum mc_code rc = pki_path(p, rel, path, sizeof(path), err);
	if (rc)
		return rc;
	if (mkdir(path, 0700) == 0)
		return fsync_dir(path, err);
	return errno == EEXIST ? MC_OK : io_fail(err, "cannot make", path);
}

enum mc_code pki_write(const struct pki *p, const char *rel, const void *data,
		       size_t n, mode_t mode, struct mc_err *err)
{
	char path[4096], tmp[4200];
	enum mc_code rc = pki_path(p, rel, path, sizeof(path), err);
	if (rc)
		return rc;
	snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return io_fail(err, "cannot make", tmp);
	const char *c = data;
	size_t done = 0;
	rc = fchmod(fd, mode) ? io_fail(err, "cannot chmod", tmp) : MC_OK;
	while (!rc && done < n) {
		ssize_t w = write(fd, c + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = io_fail(err, "cannot write", tmp);
		else
			done += (size_t)w;
	}
	if (!rc && fsync(fd) != 0)
		rc = io_fail(err, "cannot fsync", tmp);
	if (close(fd) != 0 && !rc)
		rc = io_fail(err, "cannot close", tmp);
	if (!rc && rename(tmp, path) != 0)
		rc = io_fail(err, "cannot rename into", path);
	if (rc) {
		unlink(tmp);
		return rc;
	}
	return fsync_dir(path, err);
}

enum mc_code pki_slurp(const char *path, size_t max, const char *field,
		       char **data, size_t *n, struct mc_err *err)
{
	*data = NULL;
	*n = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return mc_fail(
			err, errno == ENOENT ? MC_ERR_NOT_FOUND : MC_ERR_IO,
			field, "%s: %s: %s", field, path, strerror(errno));
	char *buf = malloc(max + 2);
	if (!buf) {
		fclose(f);
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	size_t got = fread(buf, 1, max + 1, f);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return mc_fail(err, MC_ERR_IO, field, "%s: %s: cannot read",
			       field, path);
	}
	if (got > max) {
		free(buf);
		return mc_fail(err, MC_ERR_TOO_LARGE, field,
			       "%s: is larger than %zu bytes", field, max);
	}
	buf[got] = '\0';
	*data = buf;
	*n = got;
	return MC_OK;
}

/* DIR/rel (its path into path, 4096 bytes) read whole. */
static enum mc_code slurp_rel(const struct pki *p, const char *rel,
			      const char *field, char *path, char **pem,
			      size_t *n, struct mc_err *err)
{
	enum mc_code rc = pki_path(p, rel, path, 4096, err);
	return rc ? rc : pki_slurp(path, PKI_MAX_P12, field, pem, n, err);
}

STACK_OF(X509) * pki_pem_certs(const void *pem, size_t n)
{
	if (n > INT32_MAX)
		return NULL;
	BIO *b = BIO_new_mem_buf(pem, (int)n);
	STACK_OF(X509) *sk = sk_X509_new_null();
	X509 *x;
	while (b && sk && (x = PEM_read_bio_X509(b, NULL, NULL, NULL)))
		if (!sk_X509_push(sk, x))
			X509_free(x);
	ERR_clear_error(); /* the end of the text */
	BIO_free(b);
	if (sk && sk_X509_num(sk) == 0) {
		sk_X509_free(sk);
		sk = NULL;
	}
	return sk;
}

enum mc_code pki_load_certs(const struct pki *p, const char *rel,
			    const char *field, STACK_OF(X509) * *out,
			    struct mc_err *err)
{
	char path[4096], *pem;
	size_t n;
	*out = NULL;
	enum mc_code rc = slurp_rel(p, rel, field, path, &pem, &n, err);
	if (rc)
		return rc;
	*out = pki_pem_certs(pem, n);
	free(pem);
	if (!*out)
		return mc_fail(err, MC_ERR_NOT_FOUND, field,
			       "%s: %s holds no certificate", field, path);
	return MC_OK;
}

enum mc_code pki_load_key(const struct pki *p, const char *rel,
			  const char *field, EVP_PKEY **out, struct mc_err *err)
{
	char path[4096], *pem;
	size_t n;
	*out = NULL;
	enum mc_code rc = slurp_rel(p, rel, field, path, &pem, &n, err);
	if (rc)
		return rc;
	BIO *b = BIO_new_mem_buf(pem, (int)n);
	*out = b ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	OPENSSL_cleanse(pem, n);
	free(pem);
	if (!*out)
		return pki_ssl_fail(err, MC_ERR_STATE, field,
				    "the key file cannot be read");
	return MC_OK;
}

int pki_pem_append(BIO *b, STACK_OF(X509) * certs)
{
	for (int i = 0; i < sk_X509_num(certs); i++)
		if (!PEM_write_bio_X509(b, sk_X509_value(certs, i)))
			return 0;
	return 1;
}

size_t pki_bio_bytes(BIO *b, const char **data)
{
	char *d = NULL;
	long n = BIO_get_mem_data(b, &d);
	*data = d;
	return n > 0 ? (size_t)n : 0;
}

void pki_fingerprint(X509 *x, char hex[PKI_FP_HEX + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	hex[0] = '\0';
	if (!X509_digest(x, EVP_sha256(), md, &n) || n != PKI_FP_HEX / 2)
		return;
	for (unsigned i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
}

int64_t pki_asn1_seconds(const ASN1_TIME *t)
{
	struct tm tm;
	if (!t || !ASN1_TIME_to_tm(t, &tm))
		return MC_NO_TIME;
	return (int64_t)timegm(&tm);
}

static void name_text(X509_NAME *name, char *buf, size_t size)
{
	buf[0] = '\0';
	BIO *b = BIO_new(BIO_s_mem());
	if (!b)
		return;
	if (X509_NAME_print_ex(b, name, 0,
			       XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0) {
		const char *d;
		size_t n = pki_bio_bytes(b, &d);
		if (n >= size)
			n = size - 1;
		memcpy(buf, d, n);
		buf[n] = '\0';
	}
	BIO_free(b);
}

void pki_cert_info_fill(X509 *x, const char *unit, struct pki_cert_info *info)
{
	memset(info, 0, sizeof(*info));
	snprintf(info->unit, sizeof(info->unit), "%s", unit ? unit : "");
	name_text(X509_get_subject_name(x), info->subject,
		  sizeof(info->subject));
	name_text(X509_get_issuer_name(x), info->issuer, sizeof(info->issuer));
	BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL);
	char *hex = bn ? BN_bn2hex(bn) : NULL;
	snprintf(info->serial, sizeof(info->serial), "%s", hex ? hex : "");
	OPENSSL_free(hex);
	BN_free(bn);
	pki_fingerprint(x, info->fingerprint);
	info->not_before = pki_asn1_seconds(X509_get0_notBefore(x));
	info->not_after = pki_asn1_seconds(X509_get0_notAfter(x));
}

enum mc_code pki_record_issued(struct pki *p, const char *unit_code, X509 *x,
			       struct mc_err *err)
{
	char fp[PKI_FP_HEX + 1], rel[100];
	pki_fingerprint(x, fp);
	snprintf(rel, sizeof(rel), "issued/%s.pem", fp);
	enum mc_code rc = pki_mkdir(p, "issued", err);
	BIO *b = rc ? NULL : BIO_new(BIO_s_mem());
	if (!rc && !b)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (rc)
		return rc;
	const char *d;
	size_t n;
	if (BIO_printf(b, "unit: %s\n", unit_code) <= 0 ||
	    !PEM_write_bio_X509(b, x))
		rc = pki_ssl_fail(err, MC_ERR_INTERNAL, "pki",
				  "cannot write the certificate");
	if (!rc) {
		n = pki_bio_bytes(b, &d);
		rc = pki_write(p, rel, d, n, 0600, err);
	}
	BIO_free(b);
	return rc;
}

void pki_issued_unit(const struct pki *p, X509 *x, char *unit, size_t size)
{
	char fp[PKI_FP_HEX + 1], rel[100], path[4096], line[128];
	unit[0] = '\0';
	pki_fingerprint(x, fp);
	snprintf(rel, sizeof(rel), "issued/%s.pem", fp);
	if (pki_path(p, rel, path, sizeof(path), NULL))
		return;
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f) && strncmp(line, "unit: ", 6) == 0) {
		line[strcspn(line, "\n")] = '\0';
		if (unit_code_check(line + 6, "unit", NULL) == MC_OK)
			snprintf(unit, size, "%s", line + 6);
	}
	fclose(f);
}

enum mc_code pki_install(struct pki *p, const char *unit_code, EVP_PKEY *key,
			 STACK_OF(X509) * chain, struct mc_err *err)
{
	char rel[80];
	enum mc_code rc = pki_mkdir(p, "units", err);
	BIO *kb = rc ? NULL : BIO_new(BIO_s_mem());
	BIO *cb = kb ? BIO_new(BIO_s_mem()) : NULL;
	if (!rc && !cb)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc &&
	    (!PEM_write_bio_PrivateKey(kb, key, NULL, NULL, 0, NULL, NULL) ||
	     !pki_pem_append(cb, chain)))
		rc = pki_ssl_fail(err, MC_ERR_INTERNAL, "pki",
				  "cannot write the key");
	/* The record first: a certificate in units/ is always in issued/. */
	if (!rc)
		rc = pki_record_issued(p, unit_code, sk_X509_value(chain, 0),
				       err);
	const char *d;
	size_t n;
	if (!rc) {
		n = pki_bio_bytes(kb, &d);
		snprintf(rel, sizeof(rel), "units/%s.key", unit_code);
		rc = pki_write(p, rel, d, n, 0600, err);
		OPENSSL_cleanse((void *)d, n);
	}
	if (!rc) {
		n = pki_bio_bytes(cb, &d);
		snprintf(rel, sizeof(rel), "units/%s.pem", unit_code);
		rc = pki_write(p, rel, d, n, 0600, err);
	}
	BIO_free(kb);
	BIO_free(cb);
	return rc;
}

enum mc_code pki_unit_cert(struct pki *p, const char *unit_code,
			   struct pki_cert_info *info, struct mc_err *err)
{
	char rel[80];
	STACK_OF(X509) *chain = NULL;
	enum mc_code rc = unit_code_check(unit_code, "unit", err);
	if (rc)
		return rc;
	snprintf(rel, sizeof(rel), "units/%s.pem", unit_code);
	rc = pki_load_certs(p, rel, "unit", &chain, err);
	if (rc == MC_ERR_NOT_FOUND)
		return mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			       "unit: %s has no signing key (motcua pki init "
			       "or motcua pki import)",
			       unit_code);
	if (rc)
		return rc;
	pki_cert_info_fill(sk_X509_value(chain, 0), unit_code, info);
	sk_X509_pop_free(chain, X509_free);
	return MC_OK;
}

enum mc_code pki_each_root(struct pki *p, pki_cert_fn fn, void *ctx,
			   struct mc_err *err)
{
	STACK_OF(X509) *roots = NULL;
	enum mc_code rc = pki_load_certs(p, "ca.pem", "ca", &roots, err);
	for (int i = 0; !rc && i < sk_X509_num(roots); i++) {
		struct pki_cert_info info;
		pki_cert_info_fill(sk_X509_value(roots, i), "", &info);
		rc = fn(&info, ctx, err);
	}
	sk_X509_pop_free(roots, X509_free);
	return rc;
}
