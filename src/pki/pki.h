/*
 * pki.h - the units' signing keys and the signatures of electronic
 * results: detached CMS (PKCS#7) signed-data in DER, made with OpenSSL's
 * libcrypto by the key of the unit that settles a dossier, with the
 * signing time among the signed attributes.
 *
 * The keys live in a directory of their own (mode 0700, each key file
 * 0600), by default DB.pki next to the database; docs/internals/pki.md
 * says why there and not in the database. Layout:
 *
 *   ca.pem            the trusted roots: the province CA (one or more
 *                     certificates); what a signature must chain to
 *   ca.key            the demonstration CA's key, after `pki init` only
 *   units/CODE.key    the unit's current private key (PEM, 0600)
 *   units/CODE.pem    its certificate, then the chain above it
 *   issued/FP.pem     every certificate a unit ever signed with, by its
 *                     SHA-256 fingerprint, a "unit: CODE" line first, so
 *                     that a signature made before a key was replaced
 *                     still names its unit
 *
 * Every file is written to a temporary name, fsynced, renamed into place
 * and the directory fsynced. This layer knows units only by code and
 * name; the application decides which units get a key.
 */
#ifndef MC_PKI_PKI_H
#define MC_PKI_PKI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define PKI_FP_HEX 64           /* SHA-256 fingerprint, lowercase hex */
#define PKI_MAX_SIGNATURE 65536 /* bytes of a .p7s we read */
#define PKI_MAX_P12 (1024 * 1024)

struct pki;

/* The key directory dir, created (mode 0700) when create is set and it
 * is missing; MC_ERR_NOT_FOUND naming "pki" when it is missing and
 * create is not set. A directory that others may read or write is
 * refused naming its mode. */
enum mc_code pki_open(const char *dir, bool create, struct pki **out,
		      struct mc_err *err);
void pki_close(struct pki *p);
const char *pki_dir(const struct pki *p);

/* Whether the directory has trusted roots (ca.pem). */
bool pki_has_ca(const struct pki *p);

/* Make the demonstration province CA when there is none: an ECDSA P-256
 * key and a self-signed certificate "CN=<province> - CA thử nghiệm /
 * demonstration CA" valid 20 years from now. *made says whether it was
 * made now. */
enum mc_code pki_demo_ca(struct pki *p, const char *province, int64_t now,
			 bool *made, struct mc_err *err);

/* Issue the unit a key and a certificate from the demonstration CA
 * (subject CN=name, OU=code, O=province, C=VN; 10 years), replacing
 * what it had. MC_ERR_STATE when the CA's key is not here. */
enum mc_code pki_demo_issue(struct pki *p, const char *unit_code,
			    const char *unit_name, const char *province,
			    int64_t now, struct mc_err *err);

/* Take a real key and certificate from a PKCS#12 file's bytes for the
 * unit. ca_pem (may be NULL) are roots to trust from now on, added to
 * ca.pem. Refused, naming the field "p12", when the password is wrong,
 * the file holds no key or no certificate or they do not match, the
 * certificate is not valid at now, may not sign (key usage), or does
 * not chain to a trusted root; nothing is changed then. */
enum mc_code pki_import_p12(struct pki *p, const char *unit_code,
			    const void *p12, size_t n, const char *password,
			    const void *ca_pem, size_t ca_n, int64_t now,
			    struct mc_err *err);

/* What a unit holds. */
struct pki_cert_info {
	char unit[48];
	char subject[512]; /* RFC 2253, UTF-8 */
	char issuer[512];
	char serial[80]; /* hex */
	char fingerprint[PKI_FP_HEX + 1];
	int64_t not_before, not_after; /* seconds, UTC */
};

/* The unit's current certificate; MC_ERR_NOT_FOUND naming "unit" when
 * it has no key. */
enum mc_code pki_unit_cert(struct pki *p, const char *unit_code,
			   struct pki_cert_info *info, struct mc_err *err);
/* The trusted roots, one call per certificate of ca.pem. */
typedef enum mc_code (*pki_cert_fn)(const struct pki_cert_info *info, void *ctx,
				    struct mc_err *err);
enum mc_code pki_each_root(struct pki *p, pki_cert_fn fn, void *ctx,
			   struct mc_err *err);

/* Sign the content read from fd (to its end) with the unit's key:
 * *sig (malloc'd, the caller frees) is the detached CMS signed-data in
 * DER, with signing time `at`, the unit's certificate and its chain.
 * MC_ERR_NOT_FOUND naming "unit" when the unit has no key, MC_ERR_STATE
 * when its certificate is not valid at `at`. */
enum mc_code pki_sign(struct pki *p, const char *unit_code, int fd, int64_t at,
		      unsigned char **sig, size_t *sig_n, struct mc_err *err);

/* What a signature says about a content. */
struct pki_verdict {
	bool intact;       /* the content is what was signed, signature good */
	bool trusted;      /* the signer chains to a root of ca.pem */
	char problem[320]; /* why not intact or not trusted; "" when both */
	struct pki_cert_info signer; /* signer.unit "" when not ours */
	int64_t signed_at;           /* MC_NO_TIME when not in the signature */
};

/* Check the signature sig (DER) over the content read from fd. A
 * signature that is not a detached CMS signed-data with exactly one
 * signer is MC_ERR_INPUT naming "signature"; otherwise MC_OK and the
 * verdict, good or not. The chain is checked at the signing time (the
 * signer's certificate must have been valid when it signed). */
enum mc_code pki_verify(struct pki *p, int fd, const void *sig, size_t sig_n,
			struct pki_verdict *v, struct mc_err *err);

/* The same from the file's SHA-256 alone (what a browser computes
 * without sending the file): the digest the signer signed must be
 * SHA-256 and equal sha256, and the signature over the signed
 * attributes good. A signature with another digest, or without signed
 * attributes, is MC_ERR_INPUT naming "signature". */
enum mc_code pki_verify_digest(struct pki *p, const unsigned char sha256[32],
			       const void *sig, size_t sig_n,
			       struct pki_verdict *v, struct mc_err *err);

#endif
