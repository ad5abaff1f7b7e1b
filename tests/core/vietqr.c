/*
 * vietqr.c - tests of the VietQR payload (src/core/vietqr.c): payloads
 * published by other implementations and bank gateways, with their CRCs,
 * rebuilt byte for byte; the field lengths; every refusal by field.
 */
#include "core/vietqr.h"
#include "test.h"

static const char *payload_of(const char *bin, const char *account,
			      int64_t amount, const char *note)
{
	static char out[VIETQR_PAYLOAD_MAX];
	struct vietqr q = {bin, account, amount, note};
	struct mc_err err = {0};
	if (vietqr_payload(&q, out, sizeof(out), &err) != MC_OK) {
		fprintf(stderr, "refused: %s\n", err.message);
		return "";
	}
	return out;
}

static void refused(const char *bin, const char *account, int64_t amount,
		    const char *note, const char *field)
{
	char out[VIETQR_PAYLOAD_MAX] = "";
	struct vietqr q = {bin, account, amount, note};
	struct mc_err err = {0};
	CHECK_INT(vietqr_payload(&q, out, sizeof(out), &err), MC_ERR_INPUT);
	CHECK_STR(err.field, field);
	CHECK(strncmp(err.message, field, strlen(field)) == 0);
	CHECK_STR(out, "");
}

TEST(crc_check_value)
{
	CHECK_INT(vietqr_crc("123456789", 9), 0x29B1);
	CHECK_INT(vietqr_crc("", 0), 0xFFFF);
}

/* Dynamic transfers to an account published with their payloads: a
 * gateway's payment link, a bank-transfer library's test, a shop's QR. */
TEST(rebuilds_published_payloads)
{
	CHECK_STR(payload_of("970422", "0338356589", 550000, "VINREG1A2BKXYZ"),
		  "00020101021238540010A00000072701240006970422011003383565890"
		  "208QRIBFTTA530370454065500005802VN62180814VINREG1A2BKXYZ63"
		  "04E16E");
	CHECK_STR(payload_of("970416", "257678859", 1000, "Chuyen tien"),
		  "00020101021238530010A0000007270123000697041601092576788590"
		  "208QRIBFTTA5303704540410005802VN62150811Chuyen tien6304BBB"
		  "8");
	CHECK_STR(
		payload_of("970422", "VQRQ0001990hq", 5000, "TTJV27GB COMSUON"),
		"00020101021238570010A000000727012700069704220113VQRQ000199"
		"0hq0208QRIBFTTA5303704540450005802VN62200816TTJV27GB COMSU"
		"ON63044E27");
	CHECK_STR(payload_of("970422", "VQRQALPUL5940", 20000, "Order 1"),
		  "00020101021238570010A000000727012700069704220113VQRQALPUL5"
		  "9400208QRIBFTTA53037045405200005802VN62110807Order 1630459"
		  "86");
}

/* Published payloads with fields we do not write (a bill number, a
 * purpose over 25 characters) still check, and a changed byte does not. */
TEST(checks_published_payloads)
{
	static const char *const published[] = {
		"00020101021238530010A0000007270123000697041601092245284790208"
		"QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO "
		"SOMEONE6304AC13",
		"00020101021238590010A000000727012900069704180115V3CAS134018106"
		"10208QRIBFTTA5303704540420005802VN62360832CSE6X9Q29B6 Mua "
		"license OCR test6304BF0E",
		"00020101021238570010A000000727012700069704220113VQRQAFSHT1256"
		"0208QRIBFTTA530370454061500005802VN62340107NPS68690819VQRLOAM"
		"B25120558727630468F5",
	};
	for (size_t i = 0; i < sizeof(published) / sizeof(*published); i++) {
		const char *p = published[i];
		struct mc_err err = {0};
		CHECK_INT(vietqr_check(p, strlen(p), &err), MC_OK);
		char copy[200];
		snprintf(copy, sizeof(copy), "%s", p);
		copy[40] = copy[40] == '1' ? '2' : '1';
		CHECK_INT(vietqr_check(copy, strlen(copy), &err), MC_ERR_INPUT);
		CHECK(strstr(err.message, "CRC") != NULL);
	}
}

static void field_is(const char *p, const char *id, const char *sub,
		     const char *want)
{
	char v[64] = "";
	CHECK(vietqr_field(p, id, sub, v, sizeof(v)));
	CHECK_STR(v, want);
}

TEST(field_lengths_and_values)
{
	const char *p = payload_of("970415", "1234567890123456789", 1182276262,
				   "000.00.06.H56-240607-0001");
	struct mc_err err = {0};
	CHECK_INT(vietqr_check(p, strlen(p), &err), MC_OK);
	char v[64];
	field_is(p, "00", NULL, "01");
	field_is(p, "01", NULL, "12");
	field_is(p, "38", "00", "A000000727");
	field_is(p, "38", "02", "QRIBFTTA");
	field_is(p, "38", "01",
		 "0006970415"
		 "01191234567890123456789");
	field_is(p, "53", NULL, "704");
	field_is(p, "54", NULL, "1182276262");
	field_is(p, "58", NULL, "VN");
	field_is(p, "62", "08", "000.00.06.H56-240607-0001");
	CHECK(!vietqr_field(p, "59", NULL, v, sizeof(v)));
	/* the CRC is the last 8 characters: "6304" and four hex digits */
	CHECK(strncmp(p + strlen(p) - 8, "6304", 4) == 0);
	/* the longest fields still fit */
	CHECK(strlen(payload_of(
		      "970415", "1234567890123456789", VIETQR_AMOUNT_MAX,
		      "abcdefghijklmnopqrstuvwxy")) < VIETQR_PAYLOAD_MAX);
	/* no note, no template 62 */
	p = payload_of("970415", "113366668888", 79000, NULL);
	CHECK(!vietqr_field(p, "62", NULL, v, sizeof(v)));
	CHECK_INT(vietqr_check(p, strlen(p), &err), MC_OK);
}

TEST(refuses_by_field)
{
	refused("97041", "1234", 1, "", "bin");
	refused("9704155", "1234", 1, "", "bin");
	refused("97041a", "1234", 1, "", "bin");
	refused(NULL, "1234", 1, "", "bin");
	refused("970415", "", 1, "", "account");
	refused("970415", "12345678901234567890", 1, "", "account");
	refused("970415", "1234-5678", 1, "", "account");
	refused("970415", "1234", 0, "", "amount");
	refused("970415", "1234", -5000, "", "amount");
	refused("970415", "1234", VIETQR_AMOUNT_MAX + 1, "", "amount");
	refused("970415", "1234", 1, "abcdefghijklmnopqrstuvwxyz", "note");
	refused("970415", "1234", 1, "Lệ phí", "note");
	refused("970415", "1234", 1, "a_b", "note");
	refused("970415", "1234", 1, "a/b", "note");
	refused("970415", "1234", 1, "a\nb", "note");
}

static void amount_refused(const char *s)
{
	int64_t v = 77;
	struct mc_err err = {0};
	CHECK_INT(vietqr_amount_parse(s, &v, "amount", &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "amount");
	CHECK_INT(v, 77);
}

TEST(amount_is_whole_positive_dong)
{
	int64_t v = 0;
	CHECK_INT(vietqr_amount_parse("150000", &v, "amount", NULL), MC_OK);
	CHECK_INT(v, 150000);
	CHECK_INT(vietqr_amount_parse("9999999999999", &v, "amount", NULL),
		  MC_OK);
	CHECK_INT(v, VIETQR_AMOUNT_MAX);
	amount_refused("");
	amount_refused(NULL);
	amount_refused("0");
	amount_refused("000");
	amount_refused("-5000");
	amount_refused("+5000");
	amount_refused("150.000");
	amount_refused("150,000");
	amount_refused("1500.5");
	amount_refused("1e5");
	amount_refused(" 5");
	amount_refused("10000000000000");
}

TEST(dossier_note_fits)
{
	char n[64];
	vietqr_dossier_note("000.00.06.H56-240607-0001", n, sizeof(n));
	CHECK_STR(n, "000.00.06.H56-240607-0001");
	vietqr_dossier_note("000.00.06.H56-240607-10000", n, sizeof(n));
	CHECK_STR(n, "0000006H5624060710000");
	CHECK(strlen(n) <= VIETQR_NOTE_MAX);
}

TEST(statement_names_dossier)
{
	const char *c = "000.00.06.H56-240607-0001";
	CHECK(vietqr_names_dossier("000.00.06.H56-240607-0001", c));
	CHECK(vietqr_names_dossier("NGUYEN VAN A chuyen tien 000.00.06.h56-"
				   "240607-0001 le phi",
				   c));
	/* banks that drop punctuation, with their trace numbers around */
	CHECK(vietqr_names_dossier("MBVCB.3278712345.0000006H562406070001.CT "
				   "tu 0123456789",
				   c));
	CHECK(vietqr_names_dossier("0000006h562406070001", c));
	/* never inside a longer code or number */
	CHECK(!vietqr_names_dossier("000.00.06.H56-240607-00012", c));
	CHECK(!vietqr_names_dossier("0000006H5624060700012", c));
	CHECK(!vietqr_names_dossier("X0000006H562406070001", c));
	CHECK(!vietqr_names_dossier("000.00.06.H56-240607-0002", c));
	CHECK(!vietqr_names_dossier("", c));
	CHECK(!vietqr_names_dossier(NULL, c));
}

/* The units of a small province by their compact codes. */
static const char *unit_of(const char *compact, void *ctx)
{
	(void)ctx;
	static const char *const units[] = {"000.00.06.H56", "000.01.06.H56",
					    "H56.10"};
	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++) {
		char c[VIETQR_CODE_MAX];
		size_t j = 0;
		for (const char *p = units[i]; *p; p++)
			if (*p != '.')
				c[j++] = *p;
		c[j] = '\0';
		if (strcmp(c, compact) == 0)
			return units[i];
	}
	return NULL;
}

struct found {
	char codes[4][VIETQR_CODE_MAX];
	int n;
};

static int take(const char *code, void *ctx)
{
	struct found *f = ctx;
	snprintf(f->codes[f->n++], VIETQR_CODE_MAX, "%s", code);
	return f->n == 4;
}

static struct found codes_in(const char *text)
{
	struct found f = {{{0}}, 0};
	vietqr_codes_in(text, unit_of, NULL, take, &f);
	return f;
}

static void one_code(const char *text, const char *want)
{
	struct found f = codes_in(text);
	CHECK_INT(f.n, 1);
	CHECK_STR(f.codes[0], want);
}

TEST(codes_found_in_descriptions)
{
	struct found f = codes_in("NGUYEN VAN A nop phi 000.00.06.H56-240607-"
				  "0001 va 000.01.06.h56-240608-10002.");
	CHECK_INT(f.n, 2);
	CHECK_STR(f.codes[0], "000.00.06.H56-240607-0001");
	CHECK_STR(f.codes[1], "000.01.06.H56-240608-10002");
	/* a trace number before it, dots and all */
	one_code("MBVCB.3278712345.000.00.06.H56-240607-0001.CT tu",
		 "000.00.06.H56-240607-0001");
	/* letters and digits alone, 4 and 5 digits */
	one_code("IBFT 0000006H562406070001 le phi",
		 "000.00.06.H56-240607-0001");
	one_code("MBVCB.1.0000106h5624060810002.CT",
		 "000.01.06.H56-240608-10002");
	/* a unit of another form */
	one_code("H56.10-240607-0003", "H56.10-240607-0003");
	/* nothing: unknown unit, glued, too few digits, a longer number */
	CHECK_INT(codes_in("000.00.07.H56-240607-0001").n, 0);
	CHECK_INT(codes_in("X000.00.06.H56-240607-0001").n, 0);
	CHECK_INT(codes_in("X0000006H562406070001").n, 0);
	CHECK_INT(codes_in("000.00.06.H56-240607-001").n, 0);
	CHECK_INT(codes_in("000.00.06.H56-240607-0000012").n, 0);
	CHECK_INT(codes_in("").n, 0);
	CHECK_INT(codes_in(NULL).n, 0);
}

TEST_MAIN(T(crc_check_value), T(rebuilds_published_payloads),
	  T(checks_published_payloads), T(field_lengths_and_values),
	  T(refuses_by_field), T(amount_is_whole_positive_dong),
	  T(dossier_note_fits), T(statement_names_dossier),
	  T(codes_found_in_descriptions))
