/*
 * tests/fuzz/vietqr_fuzz.c - libFuzzer target for the VietQR payload: the
 * input is "BIN|ACCOUNT|AMOUNT|NOTE" as a person would type them; what is
 * not refused by field must give a payload that checks (lengths fit, the
 * CRC matches), fits VIETQR_PAYLOAD_MAX and reads back every value given.
 * The raw input is also checked as a payload, which must never read past
 * its end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vietqr.h"
#include "fuzz/fuzz.h"

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
	struct mc_err err = {0};
	vietqr_check(text, size, &err);
	char *part[4] = {"", "", "", ""};
	char *p = text;
	for (int i = 0; i < 4 && p; i++) {
		part[i] = p;
		p = i < 3 ? strchr(p, '|') : NULL;
		if (p)
			*p++ = '\0';
	}
	struct vietqr q = {part[0], part[1], 0, part[3]};
	char out[VIETQR_PAYLOAD_MAX];
	enum mc_code rc =
		vietqr_amount_parse(part[2], &q.amount, "amount", &err);
	if (rc == MC_OK)
		rc = vietqr_payload(&q, out, sizeof(out), &err);
	if (rc != MC_OK) {
		fuzz_refused(v, &err, rc, data, size);
		free(text);
		return;
	}
	check(strlen(out) < VIETQR_PAYLOAD_MAX, "payload too long", data, size);
	check(vietqr_check(out, strlen(out), &err) == MC_OK,
	      "a payload made does not check", data, size);
	char f[64], bank[64];
	check(vietqr_field(out, "38", "01", bank, sizeof(bank)) &&
		      vietqr_field(bank, "00", NULL, f, sizeof(f)) &&
		      strcmp(f, q.bin) == 0 &&
		      vietqr_field(bank, "01", NULL, f, sizeof(f)) &&
		      strcmp(f, q.account) == 0,
	      "the beneficiary does not read back", data, size);
	check(vietqr_field(out, "54", NULL, f, sizeof(f)) &&
		      strtoll(f, NULL, 10) == q.amount,
	      "the amount does not read back", data, size);
	if (*q.note)
		check(vietqr_field(out, "62", "08", f, sizeof(f)) &&
			      strcmp(f, q.note) == 0,
		      "the note does not read back", data, size);
	free(text);
}

static const struct fuzz_seed seeds[] = {
	{"970422|0338356589|550000|VINREG1A2BKXYZ", MC_OK, ""},
	{"970415|113366668888|79000|", MC_OK, ""},
	{"970415|1234567890123456789|9999999999999|abcdefghijklmnopqrstuvwxy",
	 MC_OK, ""},
	{"97042|0338356589|550000|x", MC_ERR_INPUT, "bin"},
	{"970422|03383-56589|550000|x", MC_ERR_INPUT, "account"},
	{"970422|0338356589|550.000|x", MC_ERR_INPUT, "amount"},
	{"970422|0338356589|0|x", MC_ERR_INPUT, "amount"},
	{"970422|0338356589|1|a|b", MC_ERR_INPUT, "note"},
	{"970422|0338356589|1", MC_OK, ""},
	{"00020101021238540010A00000072701240006970422011003383565890208QRI"
	 "BFTTA530370454065500005802VN62180814VINREG1A2BKXYZ6304E16E",
	 MC_ERR_INPUT, "amount"},
	{"", MC_ERR_INPUT, "amount"},
};

FUZZ_MAIN(judge, seeds)
