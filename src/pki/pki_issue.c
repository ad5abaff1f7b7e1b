/*
 * pki_issue.c - where a unit's key comes from: the demonstration
 * province CA and the certificates it issues (pki init), or a real key
 * and certificate taken from a PKCS#12 file (pki import).
 */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include "core/civil.h"
#include "core/unit.h"
#include "pki/pki_int.h"

#define DAY (24 * 3600)

static EVP_PKEY *new_key(void) { return EVP_EC_gen("P-256"); }

static int add_name(X509_NAME *n, const char *field, const char *value)
{
	return X509_NAME_add_entry_by_txt(n, field, MBSTRING_UTF8,
					  (const unsigned char *)value, -1, -1,
					  0);
}

static int add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx_nodb(&ctx);
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	X509_EXTENSION *e = X509V3_EXT_nconf_nid(NULL, &ctx, nid, value);
	int ok = e && X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
	return ok;
}

static int random_serial(X509 *x)
{
	unsigned char b[16];
	if (RAND_bytes(b, sizeof(b)) != 1)
		return 0;
	b[0] &= 0x7f; /* positive */
	b[0] |= 0x40; /* and of full length */
	BIGNUM *bn = BN_bin2bn(b, sizeof(b), NULL);
	int ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	return ok;
}

/* A certificate for key under subject, signed by issuer_key (as
 * issuer, or self-signed when issuer is NULL). */
static X509 *make_cert(EVP_PKEY *key, X509_NAME *subject, X509 *issuer,
		       EVP_PKEY *issuer_key, int64_t now, int64_t days, bool ca)
{
	time_t t = (time_t)now;
	X509 *x = X509_new();
	bool ok = x && X509_set_version(x, X509_VERSION_3) &&
		  random_serial(x) && X509_set_subject_name(x, subject) &&
		  X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer)
						 : subject) &&
		  X509_time_adj_ex(X509_getm_notBefore(x), 0, -3600, &t) &&
		  X509_time_adj_ex(X509_getm_notAfter(x), (int)days, 0, &t) &&
		  X509_set_pubkey(x, key);
	X509 *signer = issuer ? issuer : x;
	if (ok && ca)
		ok = add_ext(x, signer, NID_basic_constraints,
			     "critical,CA:TRUE") &&
		     add_ext(x, signer, NID_key_usage,
			     "critical,keyCertSign,cRLSign");
	else if (ok)
		ok = add_ext(x, signer, NID_basic_constraints,
			     "critical,CA:FALSE") &&
		     add_ext(x, signer, NID_key_usage,
			     "critical,digitalSignature,nonRepudiation");
	ok = ok && add_ext(x, signer, NID_subject_key_identifier, "hash") &&
	     add_ext(x, signer, NID_authority_key_identifier, "keyid:always") &&
	     X509_sign(x, issuer_key, EVP_sha256()) > 0;
	if (!ok) {
		X509_free(x);
		return NULL;
	}
	return x;
}

enum mc_code pki_demo_ca(struct pki *p, const char *province, int64_t now,
			 bool *made, struct mc_err *err)
{
	*made = false;
	if (pki_has_ca(p))
		return MC_OK;
	char cn[300];
	snprintf(cn, sizeof(cn), "%.200s - CA thử nghiệm (demonstration CA)",
		 province);
	EVP_PKEY *key = new_key();
	X509_NAME *name = X509_NAME_new();
	X509 *x = NULL;
	if (key && name && add_name(name, "C", "VN") &&
	    add_name(name, "O", province) && add_name(name, "CN", cn))
		x = make_cert(key, name, NULL, key, now, 20 * 366, true);
	enum mc_code rc = x ? MC_OK
			    : pki_ssl_fail(err, MC_ERR_INTERNAL, "pki",
					   "cannot make the demonstration CA");
	BIO *kb = rc ? NULL : BIO_new(BIO_s_mem());
	BIO *cb = kb ? BIO_new(BIO_s_mem()) : NULL;
	if (!rc &&
	    (!cb ||
	     !PEM_write_bio_PrivateKey(kb, key, NULL, NULL, 0, NULL, NULL) ||
	     !PEM_write_bio_X509(cb, x)))
		rc = pki_ssl_fail(err, MC_ERR_INTERNAL, "pki",
				  "cannot write the demonstration CA");
	const char *d;
	size_t n;
	/* The key first: ca.pem without ca.key would read as a real CA. */
	if (!rc) {
		n = pki_bio_bytes(kb, &d);
		rc = pki_write(p, "ca.key", d, n, 0600, err);
		OPENSSL_cleanse((void *)d, n);
	}
	if (!rc) {
		n = pki_bio_bytes(cb, &d);
		rc = pki_write(p, "ca.pem", d, n, 0644, err);
	}
	*made = rc == MC_OK;
	BIO_free(kb);
	BIO_free(cb);
	X509_free(x);
	X509_NAME_free(name);
	EVP_PKEY_free(key);
	return rc;
}

enum mc_code pki_demo_issue(struct pki *p, const char *unit_code,
			    const char *unit_name, const char *province,
			    int64_t now, struct mc_err *err)
{
	enum mc_code rc = unit_code_check(unit_code, "unit", err);
	if (rc)
		return rc;
	EVP_PKEY *ca_key = NULL, *key = NULL;
	STACK_OF(X509) *roots = NULL, *chain = NULL;
	rc = pki_load_key(p, "ca.key", "pki", &ca_key, err);
	if (rc == MC_ERR_NOT_FOUND)
		rc = mc_fail(err, MC_ERR_STATE, "pki",
			     "pki: the demonstration CA's key is not in %s; "
			     "give each unit its certificate with motcua pki "
			     "import",
			     p->dir);
	if (!rc)
		rc = pki_load_certs(p, "ca.pem", "pki", &roots, err);
	X509 *ca = roots ? sk_X509_value(roots, 0) : NULL;
	if (!rc && X509_check_private_key(ca, ca_key) != 1)
		rc = pki_ssl_fail(err, MC_ERR_STATE, "pki",
				  "ca.key is not the key of the first "
				  "certificate of ca.pem");
	X509_NAME *name = rc ? NULL : X509_NAME_new();
	X509 *x = NULL;
	if (name && (key = new_key()) && add_name(name, "C", "VN") &&
	    add_name(name, "O", province) && add_name(name, "OU", unit_code) &&
	    add_name(name, "CN", unit_name))
		x = make_cert(key, name, ca, ca_key, now, 10 * 366, false);
	if (!rc && !x)
		rc = pki_ssl_fail(err, MC_ERR_INTERNAL, "pki",
				  "cannot issue the unit's certificate");
	if (!rc && (!(chain = sk_X509_new_null()) || !sk_X509_push(chain, x)))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	else if (!rc)
		x = NULL; /* the chain owns it */
	if (!rc && X509_up_ref(ca) && !sk_X509_push(chain, ca)) {
		X509_free(ca);
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	}
	if (!rc)
		rc = pki_install(p, unit_code, key, chain, err);
	X509_free(x);
	X509_NAME_free(name);
	sk_X509_pop_free(chain, X509_free);
	sk_X509_pop_free(roots, X509_free);
	EVP_PKEY_free(key);
	EVP_PKEY_free(ca_key);
	return rc;
}

/* The roots of ca.pem plus those of extra (may be NULL), each once. */
static STACK_OF(X509) *
	roots_with(STACK_OF(X509) * have, STACK_OF(X509) * extra, bool *added)
{
	STACK_OF(X509) *all = sk_X509_new_null();
	*added = false;
	for (int pass = 0; all && pass < 2; pass++) {
		STACK_OF(X509) *from = pass ? extra : have;
		for (int i = 0; i < sk_X509_num(from); i++) {
			X509 *x = sk_X509_value(from, i);
			bool dup = false;
			for (int j = 0; j < sk_X509_num(all) && !dup; j++)
				dup = X509_cmp(x, sk_X509_value(all, j)) == 0;
			if (dup)
				continue;
			if (!X509_up_ref(x) || !sk_X509_push(all, x)) {
				sk_X509_pop_free(all, X509_free);
				return NULL;
			}
			*added |= pass == 1;
		}
	}
	return all;
}

/* The certificate chains from the roots through the intermediates at
 * `now` for signing; the reason into err when not. */
static enum mc_code chain_check(X509 *leaf, STACK_OF(X509) * inter,
				STACK_OF(X509) * roots, int64_t now,
				struct mc_err *err)
{
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	enum mc_code rc = MC_OK;
	for (int i = 0; st && i < sk_X509_num(roots); i++)
		if (!X509_STORE_add_cert(st, sk_X509_value(roots, i)))
			rc = MC_ERR_NOMEM;
	if (!st || !ctx || rc || !X509_STORE_CTX_init(ctx, st, leaf, inter) ||
	    !X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SMIME_SIGN))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc) {
		X509_STORE_CTX_set_time(ctx, 0, (time_t)now);
		if (X509_verify_cert(ctx) != 1)
			rc = mc_fail(err, MC_ERR_INPUT, "p12",
				     "p12: the certificate does not chain to a "
				     "trusted CA (%s); give its root with --ca",
				     X509_verify_cert_error_string(
					     X509_STORE_CTX_get_error(ctx)));
	}
	ERR_clear_error();
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	return rc;
}

static enum mc_code p12_parse(const void *data, size_t n, const char *password,
			      EVP_PKEY **key, X509 **cert,
			      STACK_OF(X509) * *extra, struct mc_err *err)
{
	if (n > PKI_MAX_P12)
		return mc_fail(err, MC_ERR_TOO_LARGE, "p12",
			       "p12: is larger than %d bytes", PKI_MAX_P12);
	BIO *b = BIO_new_mem_buf(data, (int)n);
	PKCS12 *p12 = b ? d2i_PKCS12_bio(b, NULL) : NULL;
	BIO_free(b);
	if (!p12)
		return pki_ssl_fail(err, MC_ERR_INPUT, "p12",
				    "is not a PKCS#12 file");
	enum mc_code rc = MC_OK;
	if (!PKCS12_verify_mac(p12, password, -1))
		rc = mc_fail(err, MC_ERR_INPUT, "p12",
			     "p12: the password is wrong (or the file is "
			     "damaged)");
	else if (!PKCS12_parse(p12, password, key, cert, extra))
		rc = pki_ssl_fail(err, MC_ERR_INPUT, "p12",
				  "cannot be read with this password");
	else if (!*key || !*cert)
		rc = mc_fail(err, MC_ERR_INPUT, "p12", "p12: holds no %s",
			     *key ? "certificate" : "key");
	else if (X509_check_private_key(*cert, *key) != 1)
		rc = mc_fail(err, MC_ERR_INPUT, "p12",
			     "p12: the key is not the certificate's key");
	ERR_clear_error();
	PKCS12_free(p12);
	return rc;
}

/* Valid at now and made for signing. */
static enum mc_code usable(X509 *x, int64_t now, struct mc_err *err)
{
	char a[32], b[32];
	int64_t from = pki_asn1_seconds(X509_get0_notBefore(x));
	int64_t to = pki_asn1_seconds(X509_get0_notAfter(x));
	if (from == MC_NO_TIME || to == MC_NO_TIME || now < from || now > to) {
		civil_format_local(from, a);
		civil_format_local(to, b);
		return mc_fail(err, MC_ERR_INPUT, "p12",
			       "p12: the certificate is valid from %s to %s, "
			       "not now",
			       a, b);
	}
	uint32_t ku = X509_get_key_usage(x);
	if (ku != UINT32_MAX &&
	    !(ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)))
		return mc_fail(err, MC_ERR_INPUT, "p12",
			       "p12: the certificate's key usage does not "
			       "allow signing");
	if (X509_check_ca(x) == 1)
		return mc_fail(err, MC_ERR_INPUT, "p12",
			       "p12: the certificate is a CA's, not a "
			       "signer's");
	return MC_OK;
}

enum mc_code pki_import_p12(struct pki *p, const char *unit_code,
			    const void *data, size_t n, const char *password,
			    const void *ca_pem, size_t ca_n, int64_t now,
			    struct mc_err *err)
{
	EVP_PKEY *key = NULL;
	X509 *cert = NULL;
	STACK_OF(X509) *extra = NULL, *have = NULL, *given = NULL,
		       *roots = NULL, *chain = NULL;
	bool added = false;
	enum mc_code rc = unit_code_check(unit_code, "unit", err);
	if (!rc)
		rc = p12_parse(data, n, password, &key, &cert, &extra, err);
	if (!rc)
		rc = usable(cert, now, err);
	if (!rc && ca_pem && !(given = pki_pem_certs(ca_pem, ca_n)))
		rc = mc_fail(err, MC_ERR_INPUT, "ca",
			     "ca: holds no PEM certificate");
	if (!rc && pki_has_ca(p))
		rc = pki_load_certs(p, "ca.pem", "pki", &have, err);
	if (!rc && !(roots = roots_with(have, given, &added)))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc)
		rc = chain_check(cert, extra, roots, now, err);
	/* the chain kept with the key: the leaf, then what came with it */
	if (!rc &&
	    (!(chain = sk_X509_new_null()) || !sk_X509_push(chain, cert)))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	else if (!rc)
		cert = NULL;
	while (!rc && sk_X509_num(extra) > 0) {
		X509 *x = sk_X509_shift(extra);
		if (!sk_X509_push(chain, x)) {
			X509_free(x);
			rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
		}
	}
	BIO *b = !rc && added ? BIO_new(BIO_s_mem()) : NULL;
	if (!rc && added && (!b || !pki_pem_append(b, roots)))
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	if (!rc && added) {
		const char *d;
		size_t bn = pki_bio_bytes(b, &d);
		rc = pki_write(p, "ca.pem", d, bn, 0644, err);
	}
	if (!rc)
		rc = pki_install(p, unit_code, key, chain, err);
	BIO_free(b);
	X509_free(cert);
	EVP_PKEY_free(key);
	sk_X509_pop_free(extra, X509_free);
	sk_X509_pop_free(have, X509_free);
	sk_X509_pop_free(given, X509_free);
	sk_X509_pop_free(roots, X509_free);
	sk_X509_pop_free(chain, X509_free);
	return rc;
}
