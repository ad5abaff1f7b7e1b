/*
 * tests/fuzz/pdf_form_fuzz.c - the printed forms' writer (io/pdf_form.c):
 * any texts (invalid UTF-8, control and bidirectional characters, pango
 * markup, very long names) and any number of steps up to the limit render
 * as one well-formed PDF of at least one page; more steps than the limit
 * are refused naming "steps", and nothing is written.
 *
 * The input: byte 0 picks the form, byte 1 the paper, whether there is
 * an appointment and how many times the steps repeat (a huge event log
 * from a short input), then fields separated by 0x1f: code, applicant,
 * procedure, unit, authority, note, secret, tracking address, two
 * component names, then (action, actor, note) per step. `make fuzz` runs
 * it under libFuzzer; as a test it runs the seeds below (fuzz/fuzz.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/civil.h"
#include "fuzz/fuzz.h"
#include "io/pdf_form.h"

#define FUZZ_MAX_FIELDS 400

static const enum form_kind fuzz_kinds[] = {FORM_RECEIPT, FORM_SUPPLEMENT,
					    FORM_REFUSAL, FORM_APOLOGY,
					    FORM_CONTROL};

static const uint8_t *fuzz_data;
static size_t fuzz_size;

static void fuzz_check(int ok, const char *what)
{
	if (!ok)
		fuzz_fail(what, fuzz_data, fuzz_size);
}

/* Cut the input into NUL-terminated fields (copied into *buf). */
static size_t fuzz_fields(const uint8_t *data, size_t size, char **buf,
			  char *field[FUZZ_MAX_FIELDS])
{
	*buf = malloc(size + 1);
	fuzz_check(*buf != NULL, "out of memory");
	memcpy(*buf, data, size);
	(*buf)[size] = '\0';
	size_t n = 0;
	char *s = *buf;
	while (n < FUZZ_MAX_FIELDS) {
		field[n++] = s;
		char *sep = memchr(s, 0x1f, size - (size_t)(s - *buf));
		if (!sep)
			break;
		*sep = '\0';
		s = sep + 1;
	}
	return n;
}

static const char *fuzz_at(char *const *field, size_t n, size_t i)
{
	return i < n ? field[i] : NULL;
}

static void judge(const uint8_t *data, size_t size, struct fuzz_verdict *v)
{
	fuzz_data = data, fuzz_size = size;
	if (size < 2)
		return;
	char *buf, *field[FUZZ_MAX_FIELDS];
	size_t n = fuzz_fields(data + 2, size - 2, &buf, field);
	struct dossier d;
	dossier_init(&d);
	d.code = (char *)(n && *field[0] ? field[0] : "X");
	d.applicant_name = (char *)fuzz_at(field, n, 1);
	d.procedure_name = (char *)fuzz_at(field, n, 2);
	d.status = (enum dossier_status)(data[1] % 11);
	d.received = 1717725900 + (int64_t)data[0] * 3600;
	d.due = data[1] & 0x40 ? MC_NO_TIME : d.received + 7 * 86400;
	d.submitted = d.received - 600;
	struct dossier_component comps[2] = {
		{.file_name = (char *)fuzz_at(field, n, 8), .digitized = true},
		{.code = (char *)fuzz_at(field, n, 9)}};
	d.components = comps;
	d.n_components = n > 9 ? 2 : 0;
	size_t per = n > 10 ? (n - 10 + 2) / 3 : 0;
	size_t repeat = 1 + (size_t)(data[1] >> 2) * 40; /* up to 2,521 */
	size_t n_steps = per * repeat;
	struct form_step *steps = calloc(n_steps + 1, sizeof(*steps));
	fuzz_check(steps != NULL, "out of memory");
	for (size_t i = 0; i < n_steps; i++) {
		size_t k = 10 + (i % per) * 3;
		steps[i] = (struct form_step){
			.at = d.received + (int64_t)i * 977 - 3600,
			.action = fuzz_at(field, n, k),
			.actor = fuzz_at(field, n, k + 1),
			.note = fuzz_at(field, n, k + 2),
			.unit_name = fuzz_at(field, n, 3),
		};
	}
	struct form_input in = {
		.kind = fuzz_kinds[data[0] % 5],
		.paper = data[1] & 1 ? PAPER_A5 : PAPER_A4,
		.d = &d,
		.unit_name = fuzz_at(field, n, 3),
		.authority = fuzz_at(field, n, 4),
		.note = fuzz_at(field, n, 5),
		.secret = fuzz_at(field, n, 6),
		.tracking_url = fuzz_at(field, n, 7),
		.signer = fuzz_at(field, n, 1),
		.printed_at = d.received,
		.note_at = d.received + 3600,
		.new_due = d.due == MC_NO_TIME ? MC_NO_TIME : d.due + 86400,
		.steps = steps,
		.n_steps = n_steps,
	};
	struct strbuf pdf;
	struct form_info info;
	strbuf_init(&pdf);
	struct mc_err err = {0};
	enum mc_code rc = form_pdf_write(&in, &pdf, &info, &err);
	if (rc)
		fuzz_refused(v, &err, rc, data, size);
	if (n_steps > FORM_MAX_STEPS) {
		fuzz_check(rc == MC_ERR_TOO_LARGE,
			   "too many steps not refused");
		fuzz_check(pdf.len == 0, "a refused form wrote bytes");
	} else {
		fuzz_check(rc == MC_OK, "a form did not render");
		fuzz_check(pdf.len > 8 && memcmp(pdf.buf, "%PDF-", 5) == 0,
			   "no PDF header");
		fuzz_check(strstr(pdf.buf + pdf.len - 8, "%%EOF") != NULL,
			   "no PDF trailer");
		fuzz_check(info.pages >= 1, "no page");
	}
	strbuf_release(&pdf);
	free(steps);
	free(buf);
}

/* Fields are separated by \x1f (US). Byte 0: the form (modulo 5, so
 * 5 is 01: a seed is a C string, no NUL). Byte 1: bit 0 A5, bit 6 no
 * appointment, bits 2-7 the repeat count of the steps (1 + 40 * n); bit
 * 1 is free, to keep the byte from being NUL. */
#define US "\x1f"
#define PLAIN                                                                \
	"000.00.06.H56-240607-0001" US "Trần Thị Ánh Tuyết" US               \
	"Đăng ký khai sinh" US "Sở Tư pháp" US "Ủy ban nhân dân tỉnh Thử" US \
	"Bổ sung bản sao" US "9f86d081884c7d659a2feaa0c55ad015" US           \
	"http://127.0.0.1:8080/?code=X&secret=Y" US "Tờ khai" US "TP2" US    \
	"accept" US "clerk" US "" US "finish" US "officer" US "kết quả"
#define HOSTILE                                                             \
	"\xff\xfe\xc3(" US "\x01\x02\x07\x1b[31m\x7f\xc2\x85" US            \
	"\xe2\x80\xaeLTR\xe2\x81\xa6x\xe2\x81\xa9" US                       \
	"<b>&amp;</i><span foo=\"" US                                       \
	"\xe0\x80\x80\xed\xa0\x80\xf4\x90\x80" US "\n\n\n\t\r" US "&lt;" US \
	"\xf0\x9f\x98\x80\xf0\x9f\x98" US "\xc3" US "" US "reschedule" US   \
	"\xc0\xaf" US "<markup>" US "x" US "" US ""
#define TEN_TIMES(s) s s s s s s s s s s
#define LONG_NAME TEN_TIMES(TEN_TIMES("Nguyễn Văn Tèo ")) /* 1,600 bytes */

static const struct fuzz_seed seeds[] = {
	{"\x05\x02" PLAIN, MC_OK, ""},
	{"\x01\x03" PLAIN, MC_OK, ""},
	{"\x02\x02" PLAIN, MC_OK, ""},
	{"\x03\x03" PLAIN, MC_OK, ""},
	{"\x04\x02" PLAIN, MC_OK, ""},
	{"\x05\x42" HOSTILE, MC_OK, ""},
	{"\x01\x41" HOSTILE, MC_OK, ""},
	{"\x02\x40" HOSTILE, MC_OK, ""},
	{"\x03\x40" HOSTILE, MC_OK, ""},
	{"\x04\x41" HOSTILE, MC_OK, ""},
	/* names and notes far over a page's width, cut at 4,000 bytes */
	{"\x05\x02X" US TEN_TIMES(LONG_NAME)
		 US LONG_NAME US LONG_NAME US LONG_NAME US TEN_TIMES(LONG_NAME),
	 MC_OK, ""},
	{"\x01\x03X" US LONG_NAME US LONG_NAME US "u" US
	 "a" US TEN_TIMES(LONG_NAME),
	 MC_OK, ""},
	/* two steps repeated 721 times: a control slip of 1,442 rows */
	{"\x04\x48" PLAIN, MC_OK, ""},
	/* two steps repeated 1,481 times: over the limit of 2,000 */
	{"\x04\x94" PLAIN, MC_ERR_TOO_LARGE, "steps"},
	/* no fields at all */
	{"\x05\x02", MC_OK, ""},
	{"\x04\x02", MC_OK, ""},
};

FUZZ_MAIN(judge, seeds)
