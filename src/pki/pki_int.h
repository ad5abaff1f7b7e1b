/*
 * pki_int.h - what the files of src/pki/ share: the handle, the
 * directory's files (atomic writes, bounded reads) and the small
 * conversions between libcrypto's types and ours.
 */
#ifndef MC_PKI_PKI_INT_H
#define MC_PKI_PKI_INT_H

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "pki/pki.h"

#define PKI_DIR_MAX 3900

struct pki {
	char dir[PKI_DIR_MAX + 1];
};

/* DIR/rel into buf; MC_ERR_INPUT naming "pki" when it does not fit. */
enum mc_code pki_path(const struct pki *p, const char *rel, char *buf,
		      size_t size, struct mc_err *err);

/* Write DIR/rel as a whole: a temporary file beside it with `mode`,
 * written, fsynced, renamed into place, the directory fsynced. */
enum mc_code pki_write(const struct pki *p, const char *rel, const void *data,
		       size_t n, mode_t mode, struct mc_err *err);
/* Make DIR/rel a directory (mode 0700) when missing. */
enum mc_code pki_mkdir(const struct pki *p, const char *rel,
		       struct mc_err *err);

/* Read a file of at most max bytes (malloc'd, NUL added after the end).
 * MC_ERR_NOT_FOUND naming field when missing, MC_ERR_TOO_LARGE when
 * over max. */
enum mc_code pki_slurp(const char *path, size_t max, const char *field,
		       char **data, size_t *n, struct mc_err *err);

/* The certificates of a PEM text, in order; NULL when it holds none. */
STACK_OF(X509) * pki_pem_certs(const void *pem, size_t n);
/* The certificates of DIR/rel (PEM); MC_ERR_NOT_FOUND naming field when
 * the file is missing or holds none. */
enum mc_code pki_load_certs(const struct pki *p, const char *rel,
			    const char *field, STACK_OF(X509) * *out,
			    struct mc_err *err);
enum mc_code pki_load_key(const struct pki *p, const char *rel,
			  const char *field, EVP_PKEY **out,
			  struct mc_err *err);

/* Append PEM of each certificate to buf (a memory BIO). */
int pki_pem_append(BIO *b, STACK_OF(X509) * certs);
/* The bytes of a memory BIO. */
size_t pki_bio_bytes(BIO *b, const char **data);

void pki_cert_info_fill(X509 *x, const char *unit, struct pki_cert_info *info);
void pki_fingerprint(X509 *x, char hex[PKI_FP_HEX + 1]);
int64_t pki_asn1_seconds(const ASN1_TIME *t);

/* Record x as a certificate the unit signs with (issued/FP.pem). */
enum mc_code pki_record_issued(struct pki *p, const char *unit_code, X509 *x,
			       struct mc_err *err);
/* The unit recorded for a certificate, "" when none. */
void pki_issued_unit(const struct pki *p, X509 *x, char *unit, size_t size);

/* Install a unit's key and certificate chain (leaf first). */
enum mc_code pki_install(struct pki *p, const char *unit_code, EVP_PKEY *key,
			 STACK_OF(X509) * chain, struct mc_err *err);

/* An error from libcrypto: msg, then libcrypto's reason, into err. */
enum mc_code pki_ssl_fail(struct mc_err *err, enum mc_code code,
			  const char *field, const char *msg);

#endif
