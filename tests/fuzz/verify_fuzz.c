/*
 * tests/fuzz/verify_fuzz.c - what the public verification page sends:
 * an input is the body of POST /api/v1/public/verify ({"sha256": hex,
 * "signature": base64 of a .p7s}), answered through the real router by
 * http_offline_request on a server with a key directory (the
 * demonstration CA and one unit's key). For any input: 200 with a
 * verdict (intact and trusted booleans, a signer, a reason whenever
 * either is false) or 400 naming the field at fault, never another
 * status. `make fuzz` runs it under libFuzzer; as a test it runs the
 * seeds below with their verdicts (tests/fuzz/fuzz.h). The signature of
 * the seeds was made once by a key of another CA over "Ket qua": intact
 * for that content, never trusted here.
 */
#include <jansson.h>
#include <sys/stat.h>

#include "fixture.h"
#include "fuzz/fuzz.h"
#include "http/http_int.h"
#include "pki/pki.h"

static struct fixture fx;
static struct http_server *srv;
static char keys[128];

static void stop(void)
{
	char cmd[160];
	http_server_stop(srv, 1000);
	fixture_close(&fx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", keys);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", keys);
}

static void start(void)
{
	struct mc_err err = {0};
	struct pki *p = NULL;
	bool made;
	fixture_open(&fx);
	snprintf(keys, sizeof(keys), "%s/keys", fx.dir);
	if (pki_open(keys, true, &p, &err) ||
	    pki_demo_ca(p, "Tỉnh Thử", fixture_time("2026-01-01 00:00"), &made,
			&err) ||
	    pki_demo_issue(p, "000.00.06.H56", "Sở Tư pháp", "Tỉnh Thử",
			   fixture_time("2026-01-01 00:00"), &err))
		fuzz_fail(err.message, NULL, 0);
	pki_close(p);
	struct http_config cfg = {.db_path = fx.db,
				  .listen = "127.0.0.1:0",
				  .threads = 2,
				  .pki_dir = keys};
	if (http_server_start(&cfg, &srv, &err))
		fuzz_fail(err.message, NULL, 0);
	atexit(stop);
}

/* A verdict must say who signed and, when it is not good, why. */
static void check_verdict(json_t *j, const uint8_t *data, size_t size)
{
	json_t *intact = json_object_get(j, "intact"),
	       *trusted = json_object_get(j, "trusted");
	const char *problem = json_string_value(json_object_get(j, "problem"));
	json_t *signer = json_object_get(j, "signer");
	if (!json_is_boolean(intact) || !json_is_boolean(trusted) ||
	    !problem || !json_is_object(signer) ||
	    !json_is_string(json_object_get(signer, "subject")))
		fuzz_fail("a verdict without intact, trusted, problem and "
			  "signer",
			  data, size);
	bool good = json_is_true(intact) && json_is_true(trusted);
	if (good != (problem[0] == '\0'))
		fuzz_fail("a verdict whose reason does not match it", data,
			  size);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	if (!srv)
		start();
	static const struct http_field json_type = {
		MHD_HEADER_KIND, "Content-Type", "application/json"};
	struct strbuf body;
	strbuf_init(&body);
	int status = http_offline_request(srv, "POST", "/api/v1/public/verify",
					  &json_type, 1, (const char *)data,
					  size, &body);
	json_t *j = json_loadb(body.buf ? body.buf : "", body.len, 0, NULL);
	if (!j)
		fuzz_fail("an answer that is not JSON", data, size);
	v->code = status;
	if (status == 200) {
		check_verdict(j, data, size);
	} else if (status == 400) {
		json_t *e = json_object_get(j, "error");
		const char *field =
			json_string_value(json_object_get(e, "field"));
		const char *msg =
			json_string_value(json_object_get(e, "message"));
		if (!field || !msg || !*msg)
			fuzz_fail("a refusal without a field and a message",
				  data, size);
		snprintf(v->field, sizeof(v->field), "%s", field);
	} else {
		fuzz_fail(body.buf ? body.buf : "no answer", data, size);
	}
	json_decref(j);
	strbuf_release(&body);
}

#define SIG_B64 \
	"MIID5QYJKoZIhvcNAQcCoIID1jCCA9ICAQExDTALBglghkgBZQMEAgEwCwYJ" \
	"KoZIhvcNAQcBoIIB9DCCAfAwggGVoAMCAQICFBlphCy2DUTDQnm+Uf51Sz8u" \
	"xnHsMAoGCCqGSM49BAMCME0xCzAJBgNVBAYTAlZOMREwDwYDVQQKDAhUaW5o" \
	"IFRodTEWMBQGA1UECwwNMDAwLjAwLjA2Lkg1NjETMBEGA1UEAwwKU28gVHUg" \
	"cGhhcDAeFw0yNjEyMDQxODUwMDhaFw0zNjEyMDExODUwMDhaME0xCzAJBgNV" \
	"BAYTAlZOMREwDwYDVQQKDAhUaW5oIFRodTEWMBQGA1UECwwNMDAwLjAwLjA2" \
	"Lkg1NjETMBEGA1UEAwwKU28gVHUgcGhhcDBZMBMGByqGSM49AgEGCCqGSM49" \
	"AwEHA0IABEdyk0cQjynznzxcW0Tuc+z1AA7oVkw+qC0aWlsNj6D+2mo+WPux" \
	"G6LsWpadHpxlu2AajcrQimleC1W/3xOn0MCjUzBRMB0GA1UdDgQWBBR2Xctj" \
	"jIB9fr8pYxTK9ddzXli5ADAfBgNVHSMEGDAWgBR2XctjjIB9fr8pYxTK9ddz" \
	"Xli5ADAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kAMEYCIQDUj+bV" \
	"aLQsYzM+IRau3jDkK9jmEFoJHJe7WE3Vso9InAIhANQnxc+Cs6JafMwLLH3k" \
	"EjfLnLqrFa5bJNj2AwC0RzEwMYIBtzCCAbMCAQEwZTBNMQswCQYDVQQGEwJW" \
	"TjERMA8GA1UECgwIVGluaCBUaHUxFjAUBgNVBAsMDTAwMC4wMC4wNi5INTYx" \
	"EzARBgNVBAMMClNvIFR1IHBoYXACFBlphCy2DUTDQnm+Uf51Sz8uxnHsMAsG" \
	"CWCGSAFlAwQCAaCB5DAYBgkqhkiG9w0BCQMxCwYJKoZIhvcNAQcBMBwGCSqG" \
	"SIb3DQEJBTEPFw0yNjEyMDQxODUwMDhaMC8GCSqGSIb3DQEJBDEiBCDsoORs" \
	"YBXHuxg8ORKApbApe7HqNgokUiFifaLJWZQ1IzB5BgkqhkiG9w0BCQ8xbDBq" \
	"MAsGCWCGSAFlAwQBKjALBglghkgBZQMEARYwCwYJYIZIAWUDBAECMAoGCCqG" \
	"SIb3DQMHMA4GCCqGSIb3DQMCAgIAgDANBggqhkiG9w0DAgIBQDAHBgUrDgMC" \
	"BzANBggqhkiG9w0DAgIBKDAKBggqhkjOPQQDAgRHMEUCIQCGAgbG76m+UTxl" \
	"7u3cyVL4SLsmtM1yCET0km2BAV/TkgIgIp8KzEIqor7pdr3qVgwNo0v+xyYV" \
	"NPgovSOii5w49j0="
#define SHA_SIGNED \
	"eca0e46c6015c7bb183c391280a5b0297bb1ea360a245221627da2c959943523"
#define SHA_OTHER \
	"0ca0e46c6015c7bb183c391280a5b0297bb1ea360a245221627da2c959943523"
#define BODY(sha, sig) "{\"sha256\":\"" sha "\",\"signature\":\"" sig "\"}"

static const struct fuzz_seed seeds[] = {
	{BODY(SHA_SIGNED, SIG_B64), 200, ""},
	{BODY(SHA_OTHER, SIG_B64), 200, ""},
	{BODY(SHA_SIGNED, "MIID5QYJKoZIhvcNAQcCoIID1jCCA9ICAQExDTALBglghkgB"),
	 400, "signature"},
	{BODY(SHA_SIGNED, "aGVsbG8="), 400, "signature"},
	{BODY(SHA_SIGNED, "!!"), 400, "signature"},
	{BODY(SHA_SIGNED, ""), 400, "signature"},
	{BODY("xyz", SIG_B64), 400, "sha256"},
	{"{\"sha256\":1,\"signature\":[]}", 400, "sha256"},
	{"{\"sha256\":\"" SHA_SIGNED "\"}", 400, "signature"},
	{"{\"file\":\"x\"}", 400, "file"},
	{"[1,2]", 400, "body"},
	{"", 400, "body"},
};

FUZZ_MAIN(judge, seeds)
