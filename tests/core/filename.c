/*
 * filename.c - tests of cleaning a file's name (src/core/filename.c).
 */
#include "core/filename.h"
#include "test.h"

static void clean_is(const char *in, const char *want)
{
	char out[FILENAME_MAX_BYTES + 1];
	struct mc_err err = {0};
	CHECK_INT(filename_clean(in, out, sizeof(out), "name", &err), MC_OK);
	CHECK_STR(out, want);
}

static void refused(const char *in)
{
	char out[FILENAME_MAX_BYTES + 1];
	struct mc_err err = {0};
	CHECK_INT(filename_clean(in, out, sizeof(out), "name", &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "name");
	CHECK(strstr(err.message, "name: ") == err.message);
}

TEST(keeps_a_plain_vietnamese_name)
{
	clean_is("Giấy khai sinh.pdf", "Giấy khai sinh.pdf");
	clean_is("CCCD mặt trước.jpg", "CCCD mặt trước.jpg");
}

TEST(drops_directory_parts)
{
	clean_is("/etc/passwd", "passwd");
	clean_is("../../../../root/.ssh/id_rsa", "id_rsa");
	clean_is("C:\\Users\\an\\Desktop\\don.docx", "don.docx");
	clean_is("a/b\\c.pdf", "c.pdf");
}

TEST(drops_control_characters)
{
	clean_is("don\n.pdf", "don.pdf");
	clean_is("don\r\t\x1b[31m.pdf", "don[31m.pdf");
	clean_is("a\x1f\x01"
		 "b.pdf",
		 "ab.pdf");
	clean_is("a\x7f"
		 "b.pdf",
		 "ab.pdf");
	clean_is("a\xc2\x85"
		 "b.pdf",
		 "ab.pdf"); /* U+0085, a C1 control */
}

TEST(drops_bidirectional_controls)
{
	/* "invoice" U+202E "fdp.exe" shows as "invoiceexe.pdf" */
	clean_is("invoice\xe2\x80\xae"
		 "fdp.exe",
		 "invoicefdp.exe");
	clean_is("\xe2\x81\xa6x\xe2\x81\xa9.pdf", "x.pdf"); /* U+2066, U+2069 */
	clean_is("a\xe2\x80\x8f"
		 "b.pdf",
		 "ab.pdf"); /* U+200F */
	clean_is("a\xe2\x80\x8e"
		 "b.pdf",
		 "ab.pdf"); /* U+200E */
}

TEST(drops_invalid_utf8)
{
	clean_is("a\xff\xfe"
		 "b.pdf",
		 "ab.pdf");
	clean_is("a\xc3"
		 ".pdf",
		 "a.pdf"); /* a cut-off sequence */
}

TEST(trims_dots_and_spaces)
{
	clean_is("  don.pdf  ", "don.pdf");
	clean_is(".hidden.pdf", "hidden.pdf");
	clean_is("don.pdf.", "don.pdf");
}

TEST(nothing_left_is_refused)
{
	refused("");
	refused(NULL);
	refused("..");
	refused("/tmp/");
	refused("a/\n\xe2\x80\xae");
	refused(" . ");
}

TEST(cuts_long_names_on_a_character)
{
	char in[600], out[FILENAME_MAX_BYTES + 1];
	size_t n = 0;
	while (n + 3 < sizeof(in)) { /* "ễ" is 3 bytes */
		memcpy(in + n, "\xe1\xbb\x85", 3);
		n += 3;
	}
	in[n] = '\0';
	CHECK_INT(filename_clean(in, out, sizeof(out), "name", NULL), MC_OK);
	CHECK_INT(strlen(out), 255); /* 85 whole characters */
	in[1] = 'x';                 /* 1 + 254: ends on a boundary anyway */
	CHECK_INT(filename_clean(in + 1, out, sizeof(out), "name", NULL),
		  MC_OK);
	CHECK(strlen(out) <= FILENAME_MAX_BYTES);
	CHECK_INT(strlen(out) % 3, 1);
}

TEST_MAIN(T(keeps_a_plain_vietnamese_name), T(drops_directory_parts),
	  T(drops_control_characters), T(drops_bidirectional_controls),
	  T(drops_invalid_utf8), T(trims_dots_and_spaces),
	  T(nothing_left_is_refused), T(cuts_long_names_on_a_character))
