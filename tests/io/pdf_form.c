/*
 * tests/io/pdf_form.c - the printed forms rendered and read back as a
 * clerk would read them: pdftotext for the text (code, applicant, dates
 * dd/mm/yyyy, Vietnamese with its diacritics), pdffonts for embedded
 * fonts, pdfinfo for the paper size; the QR code's modules counted.
 * The text is read in reading order with white space collapsed, so a
 * value wrapped in a table cell or at the margin reads as one line.
 */
#include "io/pdf_form.h"

#include <stdio.h>
#include <unistd.h>

#include "core/civil.h"
#include "test.h"

static int64_t at(const char *local)
{
	int64_t t = MC_NO_TIME;
	civil_parse_local(local, &t, "t", NULL);
	return t;
}

static void fixture(struct dossier *d)
{
	dossier_init(d);
	str_set(&d->code, "000.00.06.H56-240607-0001");
	str_set(&d->procedure_code, "1.001193");
	str_set(&d->procedure_name, "Đăng ký khai sinh");
	str_set(&d->unit_code, "000.00.06.H56");
	str_set(&d->applicant_name, "Trần Thị Ánh Tuyết");
	str_set(&d->applicant_id, "001190012345");
	d->status = ST_ACCEPTED;
	d->submitted = at("2024-06-07 08:15");
	d->received = at("2024-06-07 09:05");
	d->due = at("2024-06-14 09:05");
	struct dossier_component *c =
		ARRAY_PUSH(d->components, d->n_components, d->cap_components);
	str_set(&c->code, "TP1");
	str_set(&c->file_name, "Tờ khai đăng ký khai sinh");
	c->digitized = true;
}

/* The PDF in a temporary file; returns its path (static). */
static const char *to_file(const struct strbuf *pdf)
{
	static char path[64];
	snprintf(path, sizeof(path), "/tmp/motcua-pdf-XXXXXX");
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(write(fd, pdf->buf, pdf->len) == (ssize_t)pdf->len);
		close(fd);
	}
	return path;
}

/* The standard output of `cmd PATH tail` (at most 1 MiB). */
static char *run(const char *cmd, const char *path, const char *tail)
{
	char line[256];
	snprintf(line, sizeof(line), "%s '%s' %s", cmd, path, tail);
	FILE *f = popen(line, "r");
	static char out[1 << 20];
	size_t n = f ? fread(out, 1, sizeof(out) - 1, f) : 0;
	out[n] = '\0';
	if (f)
		pclose(f);
	return out;
}

/* Every run of white space as one space: a text wrapped in a cell or at
 * the margin reads as one line. */
static void collapse(char *t)
{
	char *w = t;
	for (const char *r = t; *r; r++) {
		bool space =
			*r == ' ' || *r == '\n' || *r == '\f' || *r == '\t';
		if (space && (w == t || w[-1] == ' '))
			continue;
		*w++ = space ? ' ' : *r;
	}
	*w = '\0';
}

static void render(const struct form_input *in, struct form_info *info,
		   char **text, char **fonts, char **size)
{
	struct strbuf pdf;
	struct mc_err err = {0};
	strbuf_init(&pdf);
	CHECK_INT(form_pdf_write(in, &pdf, info, &err), MC_OK);
	CHECK(pdf.len > 1000 && memcmp(pdf.buf, "%PDF-", 5) == 0);
	const char *path = to_file(&pdf);
	static char t[1 << 20], f[8192], s[8192];
	snprintf(t, sizeof(t), "%s", run("pdftotext", path, "-"));
	collapse(t);
	snprintf(f, sizeof(f), "%s", run("pdffonts", path, ""));
	snprintf(s, sizeof(s), "%s", run("pdfinfo", path, ""));
	*text = t, *fonts = f, *size = s;
	unlink(path);
	strbuf_release(&pdf);
}

static void check_header(const char *text, const char *number)
{
	CHECK(strstr(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	CHECK(strstr(text, "Độc lập - Tự do - Hạnh phúc"));
	CHECK(strstr(text, "SỞ TƯ PHÁP"));
	CHECK(strstr(text, "ỦY BAN NHÂN DÂN TỈNH"));
	CHECK(strstr(text, number));
	CHECK(strstr(text, "000.00.06.H56-240607-0001"));
}

/* Every font pdffonts lists is embedded. */
static void check_embedded(const char *fonts)
{
	int lines = 0, embedded = 0;
	for (const char *l = strstr(fonts, "\n---");
	     l && (l = strchr(l + 1, '\n'));) {
		if (!l[1])
			break;
		lines++;
		embedded += strstr(l, " yes yes yes ") &&
			    strstr(l, "DejaVuSerif") &&
			    strstr(l, "DejaVuSerif") < strchr(l + 1, '\n');
	}
	CHECK(lines > 0);
	CHECK_INT(embedded, lines);
}

static struct form_input base(const struct dossier *d, enum form_kind k)
{
	return (struct form_input){
		.kind = k,
		.d = d,
		.authority = "Ủy ban nhân dân tỉnh Thử",
		.unit_name = "Sở Tư pháp",
		.printed_at = at("2024-06-07 09:10"),
		.time_limit = "5 ngày làm việc",
		.signer = "Lê Văn Bình",
	};
}

TEST(receipt_reads_back)
{
	struct dossier d;
	fixture(&d);
	struct form_input in = base(&d, FORM_RECEIPT);
	in.secret = "9f86d081884c7d659a2feaa0c55ad015";
	in.tracking_url =
		"http://127.0.0.1:8080/?code=000.00.06.H56-240607-0001"
		"&secret=9f86d081884c7d659a2feaa0c55ad015";
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	check_header(text, "Mẫu số 01");
	CHECK(strstr(text, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"));
	CHECK(strstr(text, "Tiếp nhận hồ sơ của: Trần Thị Ánh Tuyết"));
	CHECK(strstr(text, "Đăng ký khai sinh"));
	CHECK(strstr(text, "1. Tờ khai đăng ký khai sinh"));
	CHECK(strstr(text, "09 giờ 05 phút, ngày 07/06/2024"));
	CHECK(strstr(text, "14/06/2024"));
	CHECK(strstr(text, "5 ngày làm việc"));
	CHECK(strstr(text, "9f86d081884c7d659a2feaa0c55ad015"));
	CHECK(strstr(text, "ngày 07 tháng 06 năm 2024"));
	CHECK(strstr(text, "Lê Văn Bình"));
	check_embedded(fonts);
	CHECK(strstr(size, "595.276 x 841.89 pts (A4)"));
	CHECK_INT(info.pages, 1);
	/* a version 6 code (41 modules a side) for this 94-byte address at
	 * level M, about half of them dark */
	CHECK_INT(info.qr_width, 41);
	CHECK(info.qr_modules > 41 * 41 / 3 &&
	      info.qr_modules < 41 * 41 * 2 / 3);
	dossier_release(&d);
}

TEST(receipt_on_a5_without_secret_or_qr)
{
	struct dossier d;
	fixture(&d);
	struct form_input in = base(&d, FORM_RECEIPT);
	in.paper = PAPER_A5;
	in.secret_issued = true;
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	check_header(text, "Mẫu số 01");
	CHECK(strstr(size, "419.528 x 595.276 pts")); /* 148 x 210 mm */
	CHECK(strstr(text, "đã giao khi nộp hồ sơ"));
	CHECK(!strstr(text, "Quét mã QR"));
	CHECK_INT(info.qr_width, 0);
	CHECK_INT(info.qr_modules, 0);
	dossier_release(&d);
}

TEST(unknown_form_refused)
{
	struct dossier d;
	fixture(&d);
	struct form_input in = base(&d, 5);
	struct strbuf pdf;
	struct mc_err err = {0};
	strbuf_init(&pdf);
	CHECK_INT(form_pdf_write(&in, &pdf, NULL, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "form");
	CHECK_INT(pdf.len, 0);
	CHECK_INT(form_kind_parse("06"), FORM_CONTROL);
	CHECK_INT(form_kind_parse("1"), FORM_RECEIPT);
	CHECK_INT(form_kind_parse("05"), 0);
	strbuf_release(&pdf);
	dossier_release(&d);
}

TEST(supplement_request_carries_the_note)
{
	struct dossier d;
	fixture(&d);
	struct form_input in = base(&d, FORM_SUPPLEMENT);
	in.note = "Bổ sung bản sao giấy chứng nhận kết hôn của cha mẹ";
	in.note_at = at("2024-06-10 10:00");
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	check_header(text, "Mẫu số 02");
	CHECK(strstr(text, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"));
	CHECK(strstr(text, "Hồ sơ của: Trần Thị Ánh Tuyết"));
	CHECK(strstr(text, "Bổ sung bản sao giấy chứng nhận kết hôn"));
	CHECK(strstr(text, "Ngày yêu cầu bổ sung: 10/06/2024"));
	CHECK(strstr(text, "NGƯỜI HƯỚNG DẪN"));
	CHECK(strstr(text, "Lê Văn Bình"));
	check_embedded(fonts);
	dossier_release(&d);
}

TEST(refusal_carries_the_reason)
{
	struct dossier d;
	fixture(&d);
	d.status = ST_NOT_ACCEPTED;
	struct form_input in = base(&d, FORM_REFUSAL);
	in.note = "Hồ sơ không thuộc thẩm quyền giải quyết của Sở";
	in.note_at = at("2024-06-07 09:30");
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	check_header(text, "Mẫu số 03");
	CHECK(strstr(text, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"));
	CHECK(strstr(text, "Lý do:"));
	CHECK(strstr(text, "Hồ sơ không thuộc thẩm quyền giải quyết của Sở"));
	CHECK(strstr(text, "Ngày từ chối: 07/06/2024"));
	dossier_release(&d);
}

TEST(apology_gives_the_new_date)
{
	struct dossier d;
	fixture(&d);
	struct form_input in = base(&d, FORM_APOLOGY);
	in.note = "Cần xác minh với Ủy ban nhân dân xã";
	in.new_due = at("2024-06-20 16:00");
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	check_header(text, "Mẫu số 04");
	CHECK(strstr(text, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"));
	CHECK(strstr(text, "Ngày 07/06/2024, Sở Tư pháp tiếp nhận hồ sơ"));
	CHECK(strstr(text, "14/06/2024")); /* the appointment missed */
	CHECK(strstr(text, "16 giờ 00 phút, ngày 20/06/2024"));
	CHECK(strstr(text, "Cần xác minh với Ủy ban nhân dân xã"));
	CHECK(strstr(text, "xin lỗi"));
	dossier_release(&d);
}

/* Every step of the log on the control slip, on time or late against
 * the appointment of 14/06/2024; a long log flows onto more pages, each
 * with the table's header. */
TEST(control_slip_lists_every_step)
{
	struct dossier d;
	fixture(&d);
	struct form_step steps[] = {
		{at("2024-06-07 09:05"), "accept", "Nguyễn Thị Lan",
		 "Sở Tư pháp", NULL, 0, 2},
		{at("2024-06-10 10:00"), "start", "Phạm Minh Đức", "Sở Tư pháp",
		 NULL, 2, 4},
		{at("2024-06-14 11:00"), "transfer", "Phạm Minh Đức",
		 "Phòng Hộ tịch", "chuyển phòng chuyên môn", 4, 4},
		{at("2024-06-18 10:00"), "finish", "Hoàng Văn Tư",
		 "Phòng Hộ tịch", NULL, 4, 9},
	};
	struct form_input in = base(&d, FORM_CONTROL);
	in.steps = steps;
	in.n_steps = 4;
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	check_header(text, "Mẫu số 06");
	CHECK(strstr(text, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"));
	CHECK(strstr(text, "Kèm theo hồ sơ của: Trần Thị Ánh Tuyết"));
	const char *labels[] = {"Tiếp nhận hồ sơ", "Bắt đầu giải quyết",
				"Chuyển xử lý", "Có kết quả giải quyết"};
	const char *days[] = {"07/06/2024", "10/06/2024", "14/06/2024",
			      "18/06/2024"};
	for (int i = 0; i < 4; i++) {
		CHECK(strstr(text, labels[i]));
		CHECK(strstr(text, days[i]));
	}
	CHECK(strstr(text, "Nguyễn Thị Lan"));
	CHECK(strstr(text, "Phòng Hộ tịch"));
	CHECK(strstr(text, "Trước hạn"));
	CHECK(strstr(text, "Đúng hạn")); /* the transfer on the due day */
	CHECK(strstr(text, "Quá hạn"));  /* the result four days late */
	CHECK_INT(info.pages, 1);

	struct form_step many[300];
	for (int i = 0; i < 300; i++)
		many[i] = (struct form_step){at("2024-06-07 09:05") + i * 60,
					     "start",
					     "Phạm Minh Đức",
					     "Sở Tư pháp",
					     NULL,
					     4,
					     4};
	in.steps = many;
	in.n_steps = 300;
	render(&in, &info, &text, &fonts, &size);
	CHECK(info.pages > 5);
	CHECK(strstr(text, " 300 "));
	/* the header on every page: "Bước xử lý" once per page */
	int heads = 0;
	for (const char *t = text; (t = strstr(t, "Bước xử lý")); t++)
		heads++;
	CHECK_INT(heads, info.pages);
	dossier_release(&d);
}

/* What a filing or an import may hold renders, cleaned: invalid UTF-8
 * and control characters as U+FFFD, markup as text. */
TEST(hostile_text_is_printed_cleaned)
{
	struct dossier d;
	fixture(&d);
	free(d.applicant_name);
	d.applicant_name = strdup("Lê \xff\xfeThị\x07 <b>Bé</b> & Co");
	struct form_input in = base(&d, FORM_RECEIPT);
	struct form_info info;
	char *text, *fonts, *size;
	render(&in, &info, &text, &fonts, &size);
	CHECK(strstr(
		text,
		"Lê \xef\xbf\xbd\xef\xbf\xbdThị\xef\xbf\xbd <b>Bé</b> & Co"));
	dossier_release(&d);
}

TEST_MAIN(T(receipt_reads_back), T(receipt_on_a5_without_secret_or_qr),
	  T(unknown_form_refused), T(supplement_request_carries_the_note),
	  T(refusal_carries_the_reason), T(apology_gives_the_new_date),
	  T(control_slip_lists_every_step), T(hostile_text_is_printed_cleaned))
