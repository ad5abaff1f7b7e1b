/*
 * tests/fuzz/vnpay_fuzz.c - libFuzzer target for a gateway's callback
 * query (io/vnpay.c): what is read is refused with a message or gives
 * parameters whose vnp_ ones encode and read back the same, whose signature
 * under a fixed secret verifies, and fails once any value changes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "io/vnpay.h"

#define KEY "fuzz-secret-of-the-gateway"

static void check(int ok, const char *what, const uint8_t *data, size_t size)
{
	if (!ok)
		fuzz_fail(what, data, size);
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	char *text = malloc(size + 1);
	check(text != NULL, "out of memory", data, size);
	memcpy(text, data, size);
	text[size] = '\0';
	struct vnpay_params ps, back;
	struct mc_err err = {0};
	enum mc_code rc = strlen(text) == size
				  ? vnpay_parse(text, &ps, &err)
				  : mc_fail(&err, MC_ERR_INPUT, "query",
					    "query: holds a NUL byte");
	free(text);
	if (rc) {
		fuzz_refused(v, &err, rc, data, size);
		return;
	}
	struct strbuf q;
	strbuf_init(&q);
	vnpay_signed_query(&ps, NULL, KEY, strlen(KEY), &q);
	check(!q.oom, "out of memory", data, size);
	bool resigned = vnpay_get(&ps, "vnp_SecureHash") != NULL;
	rc = vnpay_parse(q.buf, &back, &err);
	check(resigned || rc == MC_OK, "a signed query does not read back",
	      data, size);
	if (rc == MC_OK && !resigned) {
		check(vnpay_verify(&back, KEY, strlen(KEY)),
		      "a signed query does not verify", data, size);
		for (size_t i = 0; i < ps.n; i++) {
			const char *got = vnpay_get(&back, ps.p[i].name);
			/* what is signed travels; nothing else does */
			bool signed_one =
				strncmp(ps.p[i].name, "vnp_", 4) == 0 &&
				strcmp(ps.p[i].name, "vnp_SecureHashType");
			check(signed_one
				      ? got && strcmp(got, ps.p[i].value) == 0
				      : got == NULL,
			      "a value does not read back", data, size);
		}
		for (size_t i = 0; i < back.n; i++) {
			if (strncmp(back.p[i].name, "vnp_", 4) ||
			    strcmp(back.p[i].name, "vnp_SecureHash") == 0 ||
			    strcmp(back.p[i].name, "vnp_SecureHashType") == 0)
				continue;
			char *old = back.p[i].value;
			size_t n = strlen(old);
			char *changed = malloc(n + 2);
			check(changed != NULL, "out of memory", data, size);
			memcpy(changed, old, n);
			changed[n] = 'x';
			changed[n + 1] = '\0';
			back.p[i].value = changed;
			check(!vnpay_verify(&back, KEY, strlen(KEY)),
			      "a changed value still verifies", data, size);
			back.p[i].value = old;
			free(changed);
		}
	}
	if (rc == MC_OK)
		vnpay_params_release(&back);
	strbuf_release(&q);
	vnpay_params_release(&ps);
}

static const struct fuzz_seed seeds[] = {
	{"vnp_Amount=5000000&vnp_TxnRef=12&vnp_TmnCode=DEMOV210"
	 "&vnp_OrderInfo=Thanh+toan+le+phi+ho+so+000.00.06.H56-261204-0001"
	 "&vnp_ResponseCode=00&vnp_TransactionStatus=00",
	 MC_OK, ""},
	{"vnp_OrderInfo=L%E1%BB%87+ph%C3%AD&other=1&&vnp_Empty=", MC_OK, ""},
	{"vnp_A=1&vnp_A=2", MC_ERR_INPUT, "query"},
	{"vnp_A=%4", MC_ERR_INPUT, "query"},
	{"vnp_A=%00", MC_ERR_INPUT, "query"},
	{"vnp_A=%C3", MC_ERR_INPUT, "query"},
	{"vnp_A=%0A", MC_ERR_INPUT, "query"},
	{"=1", MC_ERR_INPUT, "query"},
	{"", MC_OK, ""},
};

FUZZ_MAIN(judge, seeds)
