/*
 * vnpay.c - the VNPay 2.1.0 signing: HMAC-SHA512 against RFC 4231's
 * vectors, the encoding and order of the signed text, a query read back
 * and refused when malformed, and a signature that fails on any change.
 */
#include "test.h"

#include "io/vnpay.h"

TEST(hmac_sha512_matches_rfc_4231)
{
	char hex[VNPAY_HASH_HEX + 1];
	char key[20];
	memset(key, 0x0b, sizeof(key));
	vnpay_hmac(key, sizeof(key), "Hi There", 8, hex);
	CHECK_STR(hex, "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0"
		       "b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914e"
		       "eb61f1702e696c203a126854");
	vnpay_hmac("Jefe", 4, "what do ya want for nothing?", 28, hex);
	CHECK_STR(hex, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd6102"
		       "70cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a3"
		       "4d4a6b4b636e070a38bce737");
}

TEST(signed_text_is_sorted_and_encoded)
{
	struct vnpay_params ps;
	struct strbuf sb;
	vnpay_params_init(&ps);
	strbuf_init(&sb);
	CHECK_INT(vnpay_add(&ps, "vnp_TxnRef", "5", NULL), MC_OK);
	CHECK_INT(vnpay_add(&ps, "vnp_OrderInfo", "Lệ phí hồ sơ: 5", NULL),
		  MC_OK);
	CHECK_INT(vnpay_add(&ps, "vnp_Amount", "1806000", NULL), MC_OK);
	CHECK_INT(vnpay_add(&ps, "vnp_ReturnUrl", "https://x.vn/r?a=1", NULL),
		  MC_OK);
	CHECK_INT(vnpay_add(&ps, "other", "not signed", NULL), MC_OK);
	CHECK_INT(vnpay_add(&ps, "vnp_SecureHashType", "HmacSHA512", NULL),
		  MC_OK);
	CHECK_INT(vnpay_add(&ps, "vnp_Amount", "1", NULL), MC_ERR_INPUT);
	vnpay_sign_data(&ps, &sb);
	CHECK_STR(sb.buf, "vnp_Amount=1806000&vnp_OrderInfo=L%E1%BB%87+ph%C3%AD"
			  "+h%E1%BB%93+s%C6%A1%3A+5&vnp_ReturnUrl=https%3A%2F"
			  "%2Fx.vn%2Fr%3Fa%3D1&vnp_TxnRef=5");
	strbuf_release(&sb);
	vnpay_params_release(&ps);
}

TEST(a_signed_query_reads_back_and_verifies)
{
	struct vnpay_params ps, back;
	struct strbuf sb;
	vnpay_params_init(&ps);
	strbuf_init(&sb);
	vnpay_add(&ps, "vnp_TxnRef", "42", NULL);
	vnpay_add(&ps, "vnp_OrderInfo", "Thanh toán 000.00.06.H56-260303-0001",
		  NULL);
	vnpay_add_int(&ps, "vnp_Amount", 5000000, NULL);
	vnpay_signed_query(&ps, NULL, "BI MAT", 6, &sb);
	CHECK_INT(vnpay_parse(sb.buf, &back, NULL), MC_OK);
	CHECK_STR(vnpay_get(&back, "vnp_OrderInfo"),
		  "Thanh toán 000.00.06.H56-260303-0001");
	CHECK(vnpay_verify(&back, "BI MAT", 6));
	CHECK(!vnpay_verify(&back, "BI MAT!", 7));
	vnpay_params_release(&back);

	/* one digit of the amount changed: refused */
	char *tampered = strdup(sb.buf);
	char *amount = strstr(tampered, "5000000");
	amount[0] = '6';
	CHECK_INT(vnpay_parse(tampered, &back, NULL), MC_OK);
	CHECK(!vnpay_verify(&back, "BI MAT", 6));
	vnpay_params_release(&back);
	free(tampered);

	/* the hash in capitals is the same hash */
	for (char *h = strstr(sb.buf, "vnp_SecureHash=") + 15; *h; h++)
		if (*h >= 'a' && *h <= 'f')
			*h = (char)(*h - 'a' + 'A');
	CHECK_INT(vnpay_parse(sb.buf, &back, NULL), MC_OK);
	CHECK(vnpay_verify(&back, "BI MAT", 6));
	vnpay_params_release(&back);
	vnpay_params_release(&ps);
	strbuf_release(&sb);
}

TEST(malformed_queries_are_refused)
{
	struct vnpay_params ps;
	struct mc_err err;
	CHECK_INT(vnpay_parse("vnp_A=1&vnp_A=2", &ps, &err), MC_ERR_INPUT);
	CHECK(strstr(err.message, "vnp_A is given twice") != NULL);
	CHECK_INT(vnpay_parse("vnp_A=%4", &ps, &err), MC_ERR_INPUT);
	CHECK_INT(vnpay_parse("vnp_A=%zz", &ps, &err), MC_ERR_INPUT);
	CHECK_INT(vnpay_parse("vnp_A=%00", &ps, &err), MC_ERR_INPUT);
	CHECK_INT(vnpay_parse("vnp_A=%FF", &ps, &err), MC_ERR_INPUT);
	CHECK_INT(vnpay_parse("=x", &ps, &err), MC_ERR_INPUT);
	struct strbuf sb;
	strbuf_init(&sb);
	for (int i = 0; i < VNPAY_MAX_PARAMS + 1; i++)
		strbuf_addf(&sb, "%svnp_%d=1", i ? "&" : "", i);
	CHECK_INT(vnpay_parse(sb.buf, &ps, &err), MC_ERR_TOO_LARGE);
	strbuf_release(&sb);
	strbuf_init(&sb);
	strbuf_puts(&sb, "vnp_A=");
	for (int i = 0; i < VNPAY_MAX_QUERY; i++)
		strbuf_add(&sb, "x", 1);
	CHECK_INT(vnpay_parse(sb.buf, &ps, &err), MC_ERR_TOO_LARGE);
	strbuf_release(&sb);
	CHECK_INT(vnpay_parse("vnp_A=1&&vnp_B=", &ps, &err), MC_OK);
	CHECK_STR(vnpay_get(&ps, "vnp_B"), "");
	vnpay_params_release(&ps);
}

TEST_MAIN({"hmac_sha512_matches_rfc_4231", hmac_sha512_matches_rfc_4231},
	  {"signed_text_is_sorted_and_encoded",
	   signed_text_is_sorted_and_encoded},
	  {"a_signed_query_reads_back_and_verifies",
	   a_signed_query_reads_back_and_verifies},
	  {"malformed_queries_are_refused", malformed_queries_are_refused})
