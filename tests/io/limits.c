/*
 * tests/io/limits.c - the field limits at the import edges: a portal
 * dossier line (every text field, the lists, unknown members), the
 * catalogue's unit and procedure lines, and the ratings, feedback and
 * targets lines; each refusal names the field and stores nothing.
 */
#include "core/limits.h"
#include "app/index.h"
#include "fixture.h"
#include "io/catalog.h"
#include "io/portal.h"
#include "test.h"

#define LINE_HEAD                                                            \
	"{\"MaHoSo\":\"000.00.06.H56-240607-0001\",\"MaTTHC\":\"1.000001\"," \
	"\"DonViXuLy\":\"000.00.06.H56\",\"ChuHoSo\":\"An\","                \
	"\"SoGiayToChuHoSo\":\"001090012345\",\"TrangThaiHoSo\":\"1\""

/* A line with `member` holding n bytes of 'a' where %s is. */
static enum mc_code portal_with(const char *member, size_t n,
				struct mc_err *err)
{
	struct strbuf v, line;
	struct dossier d;
	strbuf_init(&v);
	strbuf_init(&line);
	for (size_t i = 0; i < n; i++)
		strbuf_add(&v, "a", 1);
	strbuf_puts(&line, LINE_HEAD ",");
	strbuf_addf(&line, member, v.buf ? v.buf : "");
	strbuf_puts(&line, "}");
	dossier_init(&d);
	enum mc_code rc = portal_dossier_parse(line.buf, line.len, &d, err);
	dossier_release(&d);
	strbuf_release(&v);
	strbuf_release(&line);
	return rc;
}

TEST(portal_lines_keep_their_limits)
{
	static const struct {
		const char *member, *field;
		enum limit_id limit;
	} cases[] = {
		{"\"TrichYeuHoSo\":\"%s\"", "TrichYeuHoSo", LIMIT_SUMMARY},
		{"\"LoaiGiayToChuHoSo\":\"%s\"", "LoaiGiayToChuHoSo",
		 LIMIT_ID_TYPE},
		{"\"Email\":\"%s\"", "Email", LIMIT_EMAIL},
		{"\"TenTTHC\":\"%s\"", "TenTTHC", LIMIT_CATALOGUE},
		{"\"TaiLieuNop\":[{},{\"TenTepDinhKem\":\"%s\"}]",
		 "TaiLieuNop[1].TenTepDinhKem", LIMIT_FILE_NAME},
		{"\"TaiLieuNop\":[{\"DuongDanTaiTepTin\":\"%s\"}]",
		 "TaiLieuNop[0].DuongDanTaiTepTin", LIMIT_URL},
		{"\"DanhSachGiayToKetQua\":[{\"TenGiayTo\":\"%s\"}]",
		 "DanhSachGiayToKetQua[0].TenGiayTo", LIMIT_COMPONENT},
	};
	struct mc_err err;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		size_t max = limits[cases[i].limit].max;
		CHECK_INT(portal_with(cases[i].member, max, &err), MC_OK);
		CHECK_INT(portal_with(cases[i].member, max + 1, &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, cases[i].field);
	}
}

/* A line with n copies of an element in a list member. */
static enum mc_code portal_list(const char *name, const char *element, size_t n,
				struct mc_err *err)
{
	struct strbuf line;
	struct dossier d;
	strbuf_init(&line);
	strbuf_addf(&line, LINE_HEAD ",\"%s\":[", name);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&line, "%s%s", i ? "," : "", element);
	strbuf_puts(&line, "]}");
	dossier_init(&d);
	enum mc_code rc = portal_dossier_parse(line.buf, line.len, &d, err);
	dossier_release(&d);
	strbuf_release(&line);
	return rc;
}

TEST(portal_lists_and_unknown_members_are_counted)
{
	struct mc_err err;
	CHECK_INT(portal_list("TaiLieuNop", "{}", LIMIT_COMPONENTS, &err),
		  MC_OK);
	CHECK_INT(portal_list("TaiLieuNop", "{}", 5000, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop");
	CHECK_INT(portal_list("DanhSachLePhi", "{\"Gia\":\"1\"}",
			      LIMIT_FEES + 1, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "DanhSachLePhi");
	CHECK_INT(portal_list("DanhSachGiayToKetQua", "{}", LIMIT_RESULTS + 1,
			      &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "DanhSachGiayToKetQua");

	struct strbuf line;
	struct dossier d;
	static const int counts[] = {LIMIT_UNKNOWN_KEYS, 10000};
	for (int k = 0; k < 2; k++) {
		int n = counts[k];
		strbuf_init(&line);
		strbuf_puts(&line, LINE_HEAD);
		for (int i = 0; i < n; i++)
			strbuf_addf(&line, ",\"Khac%d\":\"x\"", i);
		strbuf_puts(&line, "}");
		dossier_init(&d);
		CHECK_INT(portal_dossier_parse(line.buf, line.len, &d, &err),
			  n == LIMIT_UNKNOWN_KEYS ? MC_OK : MC_ERR_INPUT);
		if (n > LIMIT_UNKNOWN_KEYS) {
			CHECK_STR(err.field, "Khac64");
			CHECK(strstr(err.message, "10000 fields"));
		}
		dossier_release(&d);
		strbuf_release(&line);
	}
}

TEST(deep_nesting_in_a_line_names_its_member)
{
	struct strbuf line;
	struct dossier d;
	struct mc_err err;
	strbuf_init(&line);
	strbuf_puts(&line, LINE_HEAD ",\"Khac\":");
	for (int i = 0; i < 100; i++)
		strbuf_add(&line, "[", 1);
	for (int i = 0; i < 100; i++)
		strbuf_add(&line, "]", 1);
	strbuf_puts(&line, "}");
	dossier_init(&d);
	CHECK_INT(portal_dossier_parse(line.buf, line.len, &d, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "Khac");
	CHECK(strstr(err.message, "nests deeper than"));
	dossier_release(&d);
	strbuf_release(&line);
}

TEST(catalogue_lines_keep_their_limits)
{
	struct mc_err err;
	struct unit u;
	struct procedure p;
	char line[1400], name[600];
	memset(name, 'a', 501);
	name[501] = '\0';
	snprintf(line, sizeof(line),
		 "{\"code\":\"000.00.01.H56\",\"name\":\"%s\","
		 "\"level\":\"province\"}",
		 name);
	unit_init(&u);
	CHECK_INT(catalog_unit_parse(line, strlen(line), &u, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "name");
	unit_release(&u);
	snprintf(line, sizeof(line),
		 "{\"code\":\"%.41s\",\"name\":\"x\",\"level\":\"province\"}",
		 name);
	unit_init(&u);
	CHECK_INT(catalog_unit_parse(line, strlen(line), &u, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "code");
	unit_release(&u);
	procedure_init(&p);
	snprintf(line, sizeof(line),
		 "{\"code\":\"1.000009\",\"name\":\"x\",\"field_code\":\"G\","
		 "\"time_limit\":{\"value\":1,\"unit\":\"working_days\"},"
		 "\"online_level\":\"none\",\"fees\":[{\"name\":\"%s\","
		 "\"amount\":1}]}",
		 name);
	CHECK_INT(catalog_procedure_parse(line, strlen(line), &p, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "fees[0].name");
	procedure_release(&p);
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, "{\"code\":\"1.000009\",\"name\":\"x\","
			 "\"field_code\":\"G\",\"time_limit\":{\"value\":1,"
			 "\"unit\":\"working_days\"},\"online_level\":\"none\","
			 "\"fees\":[");
	for (int i = 0; i <= LIMIT_FEES; i++)
		strbuf_addf(&sb, "%s{\"amount\":1}", i ? "," : "");
	strbuf_puts(&sb, "]}");
	procedure_init(&p);
	CHECK_INT(catalog_procedure_parse(sb.buf, sb.len, &p, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "fees");
	procedure_release(&p);
	strbuf_release(&sb);
}

static enum mc_code import_text(struct fixture *f,
				enum mc_code (*fn)(struct app *, FILE *,
						   struct import_stats *,
						   struct mc_err *),
				const char *text, struct mc_err *err)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	enum mc_code rc = fn(&f->app, in, NULL, err);
	fclose(in);
	return rc;
}

TEST(ratings_feedback_and_targets_lines_keep_their_limits)
{
	struct fixture f;
	struct mc_err err;
	char before[65], after[65], line[400], word[70];
	memset(word, 'a', 65);
	word[65] = '\0';
	fixture_open(&f);
	fixture_digest(&f, before);
	snprintf(line, sizeof(line),
		 "{\"dossier\":\"%s\",\"at\":\"2024-07-01 08:00\","
		 "\"rating\":\"satisfied\"}\n",
		 word);
	CHECK_INT(import_text(&f, import_ratings, line, &err), MC_ERR_INPUT);
	CHECK(strstr(err.field, "dossier"));
	snprintf(line, sizeof(line),
		 "{\"id\":\"PA-1\",\"unit\":\"000.00.06.H56\","
		 "\"received_at\":\"2024-07-01 08:00\",\"outcome\":\"%s\"}\n",
		 word);
	CHECK_INT(import_text(&f, import_feedback, line, &err), MC_ERR_INPUT);
	CHECK(strstr(err.field, "outcome"));
	snprintf(line, sizeof(line),
		 "{\"unit\":\"000.00.06.H56\",\"period\":\"month:2024-07\","
		 "\"indicator\":\"%s\",\"value\":50}\n",
		 word);
	CHECK_INT(import_text(&f, import_targets, line, &err), MC_ERR_INPUT);
	CHECK(strstr(err.field, "indicator"));
	CHECK_STR(fixture_digest(&f, after), before);
	fixture_close(&f);
}

TEST_MAIN(T(portal_lines_keep_their_limits),
	  T(portal_lists_and_unknown_members_are_counted),
	  T(deep_nesting_in_a_line_names_its_member),
	  T(catalogue_lines_keep_their_limits),
	  T(ratings_feedback_and_targets_lines_keep_their_limits))
