/*
 * pki.c - tests of the signing keys and signatures (src/pki/): what the
 * demonstration CA issues signs results that the openssl command line
 * verifies, and that fail there and here after one changed byte; the
 * verdict names the unit and the signing time; a stranger's signature
 * is intact but not trusted; bad signature bytes are refused by name.
 */
#include "pki/pki.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/sha.h>

#include "core/civil.h"
#include "test.h"

static char root[64], dir[96], other[96];
static struct pki *pki;
static const int64_t at = 1780000000; /* 2026-05-28 */

static void run(const char *fmt, const char *a, const char *b, int *status)
{
	char cmd[1024];
	snprintf(cmd, sizeof(cmd), fmt, a, b);
	*status = system(cmd);
}

static void setup(void)
{
	snprintf(root, sizeof(root), "/tmp/motcua-pki-XXXXXX");
	if (!mkdtemp(root))
		abort();
	snprintf(dir, sizeof(dir), "%s/keys", root);
	snprintf(other, sizeof(other), "%s/other", root);
	struct mc_err err = {0};
	bool made = false;
	if (pki_open(dir, true, &pki, &err) ||
	    pki_demo_ca(pki, "Tỉnh Bình An", at - 86400, &made, &err) ||
	    !made ||
	    pki_demo_issue(pki, "000.00.15.H56", "Sở Y tế", "Tỉnh Bình An",
			   at - 86400, &err)) {
		fprintf(stderr, "setup: %s\n", err.message);
		abort();
	}
}

static void teardown(void)
{
	pki_close(pki);
	int status;
	run("rm -rf '%s'%s", root, "", &status);
}

static const char *write_file(const char *name, const void *data, size_t n)
{
	static char path[2][160];
	static int k;
	char *p = path[k++ % 2];
	snprintf(p, sizeof(path[0]), "%s/%s", root, name);
	FILE *f = fopen(p, "wb");
	CHECK(f != NULL);
	if (f) {
		fwrite(data, 1, n, f);
		fclose(f);
	}
	return p;
}

static const char content[] = "%PDF-1.4\nKet qua giai quyet ho so\n%%EOF\n";

/* Sign content with the unit's key; the signature's path. */
static const char *sign(struct pki *p, const char *unit, unsigned char **sig,
			size_t *n)
{
	const char *file =
		write_file("result.pdf", content, sizeof(content) - 1);
	int fd = open(file, O_RDONLY);
	struct mc_err err = {0};
	CHECK_INT(pki_sign(p, unit, fd, at, sig, n, &err), MC_OK);
	close(fd);
	return write_file("result.pdf.p7s", *sig, *n);
}

static enum mc_code verify(const char *file, const unsigned char *sig, size_t n,
			   struct pki_verdict *v, struct mc_err *err)
{
	int fd = open(file, O_RDONLY);
	enum mc_code rc = pki_verify(pki, fd, sig, n, v, err);
	close(fd);
	return rc;
}

TEST(openssl_verifies_and_refuses_a_changed_byte)
{
	unsigned char *sig = NULL;
	size_t n = 0;
	const char *p7s = sign(pki, "000.00.15.H56", &sig, &n);
	char file[160], ca[160];
	snprintf(file, sizeof(file), "%s/result.pdf", root);
	snprintf(ca, sizeof(ca), "%s/ca.pem", dir);
	char cmd[1024];
	snprintf(cmd, sizeof(cmd),
		 "openssl cms -verify -binary -inform DER -in '%s' -content "
		 "'%s' -CAfile '%s' -out /dev/null 2>/dev/null",
		 p7s, file, ca);
	CHECK_INT(system(cmd), 0);
	struct pki_verdict v;
	struct mc_err err = {0};
	CHECK_INT(verify(file, sig, n, &v, &err), MC_OK);
	CHECK(v.intact);
	CHECK(v.trusted);
	CHECK_STR(v.problem, "");

	char changed[sizeof(content)];
	memcpy(changed, content, sizeof(content));
	changed[12] ^= 1;
	write_file("result.pdf", changed, sizeof(content) - 1);
	CHECK(system(cmd) != 0);
	CHECK_INT(verify(file, sig, n, &v, &err), MC_OK);
	CHECK(!v.intact);
	CHECK(strstr(v.problem, "not the one that was signed") != NULL);

	/* a changed byte of the signature itself */
	write_file("result.pdf", content, sizeof(content) - 1);
	sig[n - 5] ^= 0x40;
	write_file("result.pdf.p7s", sig, n);
	CHECK(system(cmd) != 0);
	CHECK_INT(verify(file, sig, n, &v, &err), MC_OK);
	CHECK(!v.intact);
	free(sig);
}

TEST(the_verdict_names_the_unit_and_the_time)
{
	unsigned char *sig = NULL;
	size_t n = 0;
	sign(pki, "000.00.15.H56", &sig, &n);
	char file[160];
	snprintf(file, sizeof(file), "%s/result.pdf", root);
	struct pki_verdict v;
	struct mc_err err = {0};
	CHECK_INT(verify(file, sig, n, &v, &err), MC_OK);
	CHECK_STR(v.signer.unit, "000.00.15.H56");
	CHECK(strstr(v.signer.subject, "CN=Sở Y tế") != NULL);
	CHECK(strstr(v.signer.subject, "OU=000.00.15.H56") != NULL);
	CHECK(strstr(v.signer.issuer, "CA thử nghiệm") != NULL);
	CHECK_INT(v.signed_at, at);

	/* a new key for the unit: what the old one signed still names it */
	CHECK_INT(pki_demo_issue(pki, "000.00.15.H56", "Sở Y tế",
				 "Tỉnh Bình An", at - 86400, &err),
		  MC_OK);
	struct pki_cert_info now;
	CHECK_INT(pki_unit_cert(pki, "000.00.15.H56", &now, &err), MC_OK);
	CHECK(strcmp(now.fingerprint, v.signer.fingerprint) != 0);
	struct pki_verdict again;
	CHECK_INT(verify(file, sig, n, &again, &err), MC_OK);
	CHECK(again.intact && again.trusted);
	CHECK_STR(again.signer.unit, "000.00.15.H56");
	free(sig);
}

TEST(a_stranger_is_intact_but_not_trusted)
{
	struct pki *o = NULL;
	struct mc_err err = {0};
	bool made;
	CHECK_INT(pki_open(other, true, &o, &err), MC_OK);
	CHECK_INT(pki_demo_ca(o, "Tỉnh Khác", at - 86400, &made, &err), MC_OK);
	CHECK_INT(pki_demo_issue(o, "000.00.15.H56", "Sở Y tế", "Tỉnh Khác",
				 at - 86400, &err),
		  MC_OK);
	unsigned char *sig = NULL;
	size_t n = 0;
	sign(o, "000.00.15.H56", &sig, &n);
	char file[160];
	snprintf(file, sizeof(file), "%s/result.pdf", root);
	struct pki_verdict v;
	CHECK_INT(verify(file, sig, n, &v, &err), MC_OK);
	CHECK(v.intact);
	CHECK(!v.trusted);
	CHECK_STR(v.signer.unit, ""); /* not one of ours */
	CHECK(strstr(v.problem, "does not chain to a trusted CA") != NULL);
	free(sig);
	pki_close(o);
}

TEST(bad_signatures_are_refused_by_name)
{
	char file[160];
	snprintf(file, sizeof(file), "%s/result.pdf", root);
	write_file("result.pdf", content, sizeof(content) - 1);
	struct pki_verdict v;
	struct mc_err err = {0};
	CHECK_INT(verify(file, (const unsigned char *)"hello", 5, &v, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "signature");
	CHECK(strstr(err.message, "not a CMS") != NULL);
	CHECK_INT(verify(file, (const unsigned char *)"", 0, &v, &err),
		  MC_ERR_INPUT);
	unsigned char *sig = NULL;
	size_t n = 0;
	sign(pki, "000.00.15.H56", &sig, &n);
	CHECK_INT(verify(file, sig, n / 2, &v, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "signature");
	free(sig);
	/* an attached signature (the content inside) is not what we issue */
	char cmd[1024], key[160], crt[160];
	snprintf(key, sizeof(key), "%s/units/000.00.15.H56.key", dir);
	snprintf(crt, sizeof(crt), "%s/units/000.00.15.H56.pem", dir);
	snprintf(cmd, sizeof(cmd),
		 "openssl cms -sign -nodetach -binary -outform DER -in '%s' "
		 "-signer '%s' -inkey '%s' -out '%s/attached.p7s'",
		 file, crt, key, root);
	CHECK_INT(system(cmd), 0);
	char path[200];
	snprintf(path, sizeof(path), "%s/attached.p7s", root);
	FILE *f = fopen(path, "rb");
	unsigned char buf[8192];
	size_t got = f ? fread(buf, 1, sizeof(buf), f) : 0;
	if (f)
		fclose(f);
	CHECK(got > 0);
	CHECK_INT(verify(file, buf, got, &v, &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "detached") != NULL);
}

TEST(keys_are_for_the_owner_only)
{
	struct stat st;
	char path[200];
	snprintf(path, sizeof(path), "%s/units/000.00.15.H56.key", dir);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	snprintf(path, sizeof(path), "%s/ca.key", dir);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0600);
	CHECK_INT(stat(dir, &st), 0);
	CHECK_INT(st.st_mode & 0777, 0700);
	/* a directory others can read is refused */
	char open_dir[160];
	snprintf(open_dir, sizeof(open_dir), "%s/open", root);
	CHECK_INT(mkdir(open_dir, 0755), 0);
	CHECK_INT(chmod(open_dir, 0755), 0);
	struct pki *o = NULL;
	struct mc_err err = {0};
	CHECK_INT(pki_open(open_dir, false, &o, &err), MC_ERR_STATE);
	CHECK(strstr(err.message, "mode 755") != NULL);
	CHECK(o == NULL);
}

TEST(a_unit_without_a_key_or_out_of_validity_cannot_sign)
{
	unsigned char *sig = NULL;
	size_t n = 0;
	struct mc_err err = {0};
	int fd = open(write_file("r.pdf", content, sizeof(content) - 1),
		      O_RDONLY);
	CHECK_INT(pki_sign(pki, "000.00.02.H56", fd, at, &sig, &n, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_STR(err.field, "unit");
	CHECK_INT(pki_sign(pki, "../ca", fd, at, &sig, &n, &err), MC_ERR_INPUT);
	/* eleven years on, the ten-year certificate has expired */
	CHECK_INT(pki_sign(pki, "000.00.15.H56", fd, at + 11LL * 366 * 86400,
			   &sig, &n, &err),
		  MC_ERR_STATE);
	CHECK(strstr(err.message, "not now") != NULL);
	CHECK(sig == NULL);
	close(fd);
}

TEST(the_digest_alone_verifies_as_the_file_does)
{
	unsigned char *sig = NULL;
	size_t n = 0;
	sign(pki, "000.00.15.H56", &sig, &n);
	unsigned char md[32];
	SHA256((const unsigned char *)content, sizeof(content) - 1, md);
	struct pki_verdict v;
	struct mc_err err = {0};
	CHECK_INT(pki_verify_digest(pki, md, sig, n, &v, &err), MC_OK);
	CHECK(v.intact && v.trusted);
	CHECK_STR(v.signer.unit, "000.00.15.H56");
	CHECK_INT(v.signed_at, at);
	md[31] ^= 1; /* another file */
	CHECK_INT(pki_verify_digest(pki, md, sig, n, &v, &err), MC_OK);
	CHECK(!v.intact);
	md[31] ^= 1;
	sig[n - 5] ^= 0x40; /* the signature's own bytes */
	CHECK_INT(pki_verify_digest(pki, md, sig, n, &v, &err), MC_OK);
	CHECK(!v.intact);
	free(sig);
	/* a SHA-1 signature cannot be checked from a SHA-256 */
	char cmd[1024], key[160], crt[160], file[160];
	snprintf(file, sizeof(file), "%s/result.pdf", root);
	snprintf(key, sizeof(key), "%s/units/000.00.15.H56.key", dir);
	snprintf(crt, sizeof(crt), "%s/units/000.00.15.H56.pem", dir);
	snprintf(cmd, sizeof(cmd),
		 "openssl cms -sign -md sha1 -binary -outform DER -in '%s' "
		 "-signer '%s' -inkey '%s' -out '%s/sha1.p7s' 2>/dev/null",
		 file, crt, key, root);
	CHECK_INT(system(cmd), 0);
	char path[200];
	snprintf(path, sizeof(path), "%s/sha1.p7s", root);
	FILE *f = fopen(path, "rb");
	unsigned char buf[8192];
	size_t got = f ? fread(buf, 1, sizeof(buf), f) : 0;
	if (f)
		fclose(f);
	CHECK_INT(pki_verify_digest(pki, md, buf, got, &v, &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "not SHA-256") != NULL);
}

TEST_MAIN_WITH(setup, teardown,
	       {"openssl_verifies_and_refuses_a_changed_byte",
		openssl_verifies_and_refuses_a_changed_byte},
	       {"the_verdict_names_the_unit_and_the_time",
		the_verdict_names_the_unit_and_the_time},
	       {"a_stranger_is_intact_but_not_trusted",
		a_stranger_is_intact_but_not_trusted},
	       {"bad_signatures_are_refused_by_name",
		bad_signatures_are_refused_by_name},
	       {"keys_are_for_the_owner_only", keys_are_for_the_owner_only},
	       {"the_digest_alone_verifies_as_the_file_does",
		the_digest_alone_verifies_as_the_file_does},
	       {"a_unit_without_a_key_or_out_of_validity_cannot_sign",
		a_unit_without_a_key_or_out_of_validity_cannot_sign})
