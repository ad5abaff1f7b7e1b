/*
 * pki_cms.c - detached CMS signatures: made with a unit's key over a
 * result file (SHA-256, the signing time a signed attribute, the
 * signer's certificate and chain included), and checked: the content
 * against the signature, then the signer against the trusted roots.
 */
#include <string.h>
#include <time.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "core/civil.h"
#include "core/unit.h"
#include "pki/pki_int.h"

static enum mc_code load_signer(struct pki *p, const char *unit_code,
				EVP_PKEY **key, STACK_OF(X509) * *chain,
				struct mc_err *err)
{
	char rel[80];
	enum mc_code rc = unit_code_check(unit_code, "unit", err);
	if (rc)
		return rc;
	snprintf(rel, sizeof(rel), "units/%s.pem", unit_code);
	rc = pki_load_certs(p, rel, "unit", chain, err);
	if (!rc) {
		snprintf(rel, sizeof(rel), "units/%s.key", unit_code);
		rc = pki_load_key(p, rel, "unit", key, err);
	}
	if (rc == MC_ERR_NOT_FOUND)
		rc = mc_fail(err, MC_ERR_NOT_FOUND, "unit",
			     "unit: %s has no signing key (motcua pki init "
			     "or motcua pki import)",
			     unit_code);
	return rc;
}

static enum mc_code valid_at(X509 *x, const char *unit_code, int64_t at,
			     struct mc_err *err)
{
	int64_t from = pki_asn1_seconds(X509_get0_notBefore(x));
	int64_t to = pki_asn1_seconds(X509_get0_notAfter(x));
	if (from != MC_NO_TIME && to != MC_NO_TIME && at >= from && at <= to)
		return MC_OK;
	char a[32] = "?", b[32] = "?";
	if (from != MC_NO_TIME)
		civil_format_local(from, a);
	if (to != MC_NO_TIME)
		civil_format_local(to, b);
	return mc_fail(err, MC_ERR_STATE, "unit",
		       "unit: the signing certificate of %s is valid from %s "
		       "to %s, not now; import a new one (motcua pki import)",
		       unit_code, a, b);
}

static enum mc_code add_signing_time(CMS_SignerInfo *si, int64_t at)
{
	ASN1_TIME *t = ASN1_TIME_set(NULL, (time_t)at);
	int ok = t && CMS_signed_add1_attr_by_NID(si, NID_pkcs9_signingTime,
						  t->type, t, -1);
	ASN1_TIME_free(t);
	return ok ? MC_OK : MC_ERR_INTERNAL;
}

static enum mc_code der_out(CMS_ContentInfo *cms, unsigned char **sig,
			    size_t *sig_n, struct mc_err *err)
{
	BIO *out = BIO_new(BIO_s_mem());
	if (!out || !i2d_CMS_bio(out, cms)) {
		BIO_free(out);
		return pki_ssl_fail(err, MC_ERR_INTERNAL, "signature",
				    "cannot be written");
	}
	const char *d;
	size_t n = pki_bio_bytes(out, &d);
	*sig = malloc(n ? n : 1);
	if (*sig) {
		memcpy(*sig, d, n);
		*sig_n = n;
	}
	BIO_free(out);
	return *sig ? MC_OK : mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
}

enum mc_code pki_sign(struct pki *p, const char *unit_code, int fd, int64_t at,
		      unsigned char **sig, size_t *sig_n, struct mc_err *err)
{
	EVP_PKEY *key = NULL;
	STACK_OF(X509) *chain = NULL;
	*sig = NULL;
	*sig_n = 0;
	enum mc_code rc = load_signer(p, unit_code, &key, &chain, err);
	X509 *cert = rc ? NULL : sk_X509_value(chain, 0);
	if (!rc)
		rc = valid_at(cert, unit_code, at, err);
	const int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL;
	CMS_ContentInfo *cms = NULL;
	CMS_SignerInfo *si = NULL;
	if (!rc &&
	    (!(cms = CMS_sign(NULL, NULL, NULL, NULL, flags)) ||
	     !(si = CMS_add1_signer(cms, cert, key, EVP_sha256(), flags)) ||
	     add_signing_time(si, at)))
		rc = pki_ssl_fail(err, MC_ERR_INTERNAL, "signature",
				  "cannot be made");
	for (int i = 1; !rc && i < sk_X509_num(chain); i++)
		if (!CMS_add1_cert(cms, sk_X509_value(chain, i)))
			rc = pki_ssl_fail(err, MC_ERR_INTERNAL, "signature",
					  "cannot take the chain");
	BIO *in = rc ? NULL : BIO_new_fd(fd, BIO_NOCLOSE);
	if (!rc &&
	    (!in || !CMS_final(cms, in, NULL, CMS_DETACHED | CMS_BINARY)))
		rc = pki_ssl_fail(err, MC_ERR_IO, "signature",
				  "cannot sign the file");
	if (!rc)
		rc = der_out(cms, sig, sig_n, err);
	BIO_free(in);
	CMS_ContentInfo_free(cms);
	sk_X509_pop_free(chain, X509_free);
	EVP_PKEY_free(key);
	return rc;
}

static int64_t signing_time(CMS_SignerInfo *si)
{
	int i = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
	X509_ATTRIBUTE *a = i >= 0 ? CMS_signed_get_attr(si, i) : NULL;
	ASN1_TYPE *t = a ? X509_ATTRIBUTE_get0_type(a, 0) : NULL;
	if (!t ||
	    (t->type != V_ASN1_UTCTIME && t->type != V_ASN1_GENERALIZEDTIME))
		return MC_NO_TIME;
	return pki_asn1_seconds((const ASN1_TIME *)t->value.asn1_string);
}

static enum mc_code parse(const void *sig, size_t sig_n, CMS_ContentInfo **out,
			  struct mc_err *err)
{
	*out = NULL;
	if (sig_n == 0 || sig_n > PKI_MAX_SIGNATURE)
		return mc_fail(err, MC_ERR_INPUT, "signature",
			       "signature: must be 1 to %d bytes of DER",
			       PKI_MAX_SIGNATURE);
	BIO *b = BIO_new_mem_buf(sig, (int)sig_n);
	CMS_ContentInfo *cms = b ? d2i_CMS_bio(b, NULL) : NULL;
	BIO_free(b);
	ERR_clear_error();
	const char *why = NULL;
	if (!cms)
		why = "is not a CMS (PKCS#7) signature in DER";
	else if (OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
		why = "is CMS but not signed-data";
	else if (CMS_is_detached(cms) != 1)
		why = "carries its content; a detached signature is expected";
	else if (sk_CMS_SignerInfo_num(CMS_get0_SignerInfos(cms)) != 1)
		why = "must have exactly one signer";
	if (why) {
		CMS_ContentInfo_free(cms);
		return mc_fail(err, MC_ERR_INPUT, "signature", "signature: %s",
			       why);
	}
	*out = cms;
	return MC_OK;
}

static void set_problem(struct pki_verdict *v, const char *fmt, const char *s)
{
	if (!v->problem[0])
		snprintf(v->problem, sizeof(v->problem), fmt, s);
}

/* The signer's chain to the roots at the signing time (else now). */
static void check_chain(struct pki *p, CMS_ContentInfo *cms, X509 *signer,
			struct pki_verdict *v)
{
	STACK_OF(X509) *roots = NULL, *certs = CMS_get1_certs(cms);
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	if (pki_load_certs(p, "ca.pem", "ca", &roots, NULL)) {
		set_problem(v, "%s", "no trusted CA is set up here");
		goto out;
	}
	for (int i = 0; st && i < sk_X509_num(roots); i++)
		X509_STORE_add_cert(st, sk_X509_value(roots, i));
	if (!st || !ctx || !X509_STORE_CTX_init(ctx, st, signer, certs) ||
	    !X509_STORE_CTX_set_purpose(ctx, X509_PURPOSE_SMIME_SIGN)) {
		set_problem(v, "%s", "out of memory");
		goto out;
	}
	if (v->signed_at != MC_NO_TIME)
		X509_STORE_CTX_set_time(ctx, 0, (time_t)v->signed_at);
	if (X509_verify_cert(ctx) == 1)
		v->trusted = true;
	else
		set_problem(v, "the signer does not chain to a trusted CA: %s",
			    X509_verify_cert_error_string(
				    X509_STORE_CTX_get_error(ctx)));
out:
	ERR_clear_error();
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(st);
	sk_X509_pop_free(roots, X509_free);
	sk_X509_pop_free(certs, X509_free);
}

/* The signature parsed, its signer found and described in v; the
 * caller frees *cms. */
static enum mc_code open_signed(struct pki *p, const void *sig, size_t sig_n,
				CMS_ContentInfo **cms, CMS_SignerInfo **si,
				X509 **signer, struct pki_verdict *v,
				struct mc_err *err)
{
	memset(v, 0, sizeof(*v));
	v->signed_at = MC_NO_TIME;
	enum mc_code rc = parse(sig, sig_n, cms, err);
	if (rc)
		return rc;
	*si = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(*cms), 0);
	*signer = NULL;
	if (CMS_set1_signers_certs(*cms, NULL, 0) < 0 || ERR_peek_error())
		ERR_clear_error();
	CMS_SignerInfo_get0_algs(*si, NULL, signer, NULL, NULL);
	if (!*signer) {
		CMS_ContentInfo_free(*cms);
		*cms = NULL;
		return mc_fail(err, MC_ERR_INPUT, "signature",
			       "signature: carries no certificate of its "
			       "signer");
	}
	char unit[48];
	pki_issued_unit(p, *signer, unit, sizeof(unit));
	pki_cert_info_fill(*signer, unit, &v->signer);
	v->signed_at = signing_time(*si);
	return MC_OK;
}

static const char not_signed[] = "the file is not the one that was signed, "
				 "or the signature was changed";

enum mc_code pki_verify(struct pki *p, int fd, const void *sig, size_t sig_n,
			struct pki_verdict *v, struct mc_err *err)
{
	CMS_ContentInfo *cms;
	CMS_SignerInfo *si;
	X509 *signer;
	enum mc_code rc = open_signed(p, sig, sig_n, &cms, &si, &signer, v, err);
	if (rc)
		return rc;
	BIO *in = BIO_new_fd(fd, BIO_NOCLOSE);
	if (in && CMS_verify(cms, NULL, NULL, in, NULL,
			     CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) == 1)
		v->intact = true;
	else
		set_problem(v, "%s", not_signed);
	ERR_clear_error();
	BIO_free(in);
	check_chain(p, cms, signer, v);
	CMS_ContentInfo_free(cms);
	return MC_OK;
}

/* The SHA-256 the signer signed: its messageDigest attribute, when the
 * digest algorithm is SHA-256. */
static enum mc_code signed_digest(CMS_SignerInfo *si,
				  const ASN1_OCTET_STRING **md,
				  struct mc_err *err)
{
	X509_ALGOR *alg = NULL;
	CMS_SignerInfo_get0_algs(si, NULL, NULL, &alg, NULL);
	const ASN1_OBJECT *oid = NULL;
	if (alg)
		X509_ALGOR_get0(&oid, NULL, NULL, alg);
	if (!oid || OBJ_obj2nid(oid) != NID_sha256)
		return mc_fail(err, MC_ERR_INPUT, "signature",
			       "signature: its digest is not SHA-256; check it "
			       "with the file itself");
	*md = CMS_signed_get0_data_by_OBJ(si, OBJ_nid2obj(NID_pkcs9_messageDigest),
					  -3, V_ASN1_OCTET_STRING);
	if (!*md || ASN1_STRING_length(*md) != 32)
		return mc_fail(err, MC_ERR_INPUT, "signature",
			       "signature: has no signed message digest");
	return MC_OK;
}

enum mc_code pki_verify_digest(struct pki *p, const unsigned char sha256[32],
			       const void *sig, size_t sig_n,
			       struct pki_verdict *v, struct mc_err *err)
{
	CMS_ContentInfo *cms;
	CMS_SignerInfo *si;
	X509 *signer;
	enum mc_code rc = open_signed(p, sig, sig_n, &cms, &si, &signer, v, err);
	const ASN1_OCTET_STRING *md = NULL;
	if (!rc)
		rc = signed_digest(si, &md, err);
	if (rc) {
		CMS_ContentInfo_free(cms);
		return rc;
	}
	/* the file's digest is the one signed, and the signature over the
	 * signed attributes (which hold it) is the signer's */
	bool same = memcmp(ASN1_STRING_get0_data(md), sha256, 32) == 0;
	if (same && CMS_SignerInfo_verify(si) == 1)
		v->intact = true;
	else
		set_problem(v, "%s", not_signed);
	ERR_clear_error();
	check_chain(p, cms, signer, v);
	CMS_ContentInfo_free(cms);
	return MC_OK;
}
