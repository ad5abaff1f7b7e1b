/*
 * tests/io/filing.c - a new filing carries only what its applicant
 * declares: every field of the portal format that is the system's or the
 * staff's is refused by name, the catalogue's copies are ignored, the
 * counter may record its scans, and every text field and list has its
 * limit.
 */
#include "io/filing.h"

#include "core/civil.h"
#include "core/limits.h"
#include "core/str.h"
#include "test.h"

#define DECLARED                                                                 \
	"\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"000.00.31.H56\","               \
	"\"ChuHoSo\":\"Nguyễn Văn An\",\"SoGiayToChuHoSo\":\"001090012345\"," \
	"\"LoaiGiayToChuHoSo\":\"CCCD\",\"LoaiDoiTuong\":\"1\","                 \
	"\"SoDienThoai\":\"0912345678\",\"Email\":\"an@example.vn\","            \
	"\"TrichYeuHoSo\":\"Khai sinh cho con\\nthứ hai\","                    \
	"\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"TP1\","                          \
	"\"TenTepDinhKem\":\"to-khai.pdf\","                                     \
	"\"DuongDanTaiTepTin\":\"https://dvc.example.vn/f/1\"}]"

static enum mc_code parse(const char *text, enum filing_kind kind,
			  struct dossier *d, struct mc_err *err)
{
	dossier_init(d);
	return filing_parse(text, strlen(text), kind, d, err);
}

/* The declared filing plus one member, e.g. "\"NgayHenTra\":\"...\"". */
static enum mc_code with(const char *member, enum filing_kind kind,
			 struct mc_err *err)
{
	struct strbuf sb;
	struct dossier d;
	strbuf_init(&sb);
	strbuf_addf(&sb, "{" DECLARED ",%s}", member);
	enum mc_code rc = parse(sb.buf, kind, &d, err);
	dossier_release(&d);
	strbuf_release(&sb);
	return rc;
}

TEST(declared_fields_are_read)
{
	struct dossier d;
	struct mc_err err;
	CHECK_INT(parse("{" DECLARED "}", FILING_ONLINE, &d, &err), MC_OK);
	CHECK_STR(d.procedure_code, "1.000001");
	CHECK_STR(d.unit_code, "000.00.31.H56");
	CHECK_STR(d.applicant_name, "Nguyễn Văn An");
	CHECK_STR(d.applicant_id_type, "CCCD");
	CHECK_STR(d.email, "an@example.vn");
	CHECK_STR(d.summary, "Khai sinh cho con\nthứ hai");
	CHECK_INT(d.channel, CHANNEL_ONLINE);
	CHECK_INT(d.n_components, 1);
	CHECK_STR(d.components[0].url, "https://dvc.example.vn/f/1");
	CHECK(!d.digitized && !d.components[0].digitized);
	CHECK(!d.verified && d.paid_online == PAID_NOT_ONLINE);
	CHECK(!d.n_fees && !d.n_results && !d.n_supplements && !d.extra);
	CHECK(d.submitted == MC_NO_TIME && d.due == MC_NO_TIME);
	dossier_release(&d);
}

/* Every member that is the system's or the staff's, as the issue found
 * them stored from an anonymous filing. */
static const struct {
	const char *member, *field;
} system_members[] = {
	{"\"MaHoSo\":\"000.00.31.H56-240607-0001\"", "MaHoSo"},
	{"\"NgayNopHoSo\":\"20990101080000\"", "NgayNopHoSo"},
	{"\"NgayTiepNhan\":\"20990101080000\"", "NgayTiepNhan"},
	{"\"NgayHenTra\":\"20990101080000\"", "NgayHenTra"},
	{"\"TrangThaiHoSo\":\"10\"", "TrangThaiHoSo"},
	{"\"NgayKetThucXuLy\":\"20990101080000\"", "NgayKetThucXuLy"},
	{"\"NgayTra\":\"20990101080000\"", "NgayTra"},
	{"\"NgayTuChoi\":\"20990101080000\"", "NgayTuChoi"},
	{"\"HinhThuc\":\"1\"", "HinhThuc"},
	{"\"HoSoCoThanhPhanSoHoa\":\"1\"", "HoSoCoThanhPhanSoHoa"},
	{"\"TaiKhoanDuocXacThucVoiVNeID\":\"1\"",
	 "TaiKhoanDuocXacThucVoiVNeID"},
	{"\"DuocThanhToanTrucTuyen\":\"1\"", "DuocThanhToanTrucTuyen"},
	{"\"DanhSachLePhi\":[{\"MaPhiLePhi\":\"LP\",\"Gia\":\"0\"}]",
	 "DanhSachLePhi"},
	{"\"DanhSachHoSoBoSung\":[{\"NgayBoSung\":\"20240608090000\"}]",
	 "DanhSachHoSoBoSung"},
	{"\"DanhSachGiayToKetQua\":[{\"TenGiayTo\":\"KQ\","
	 "\"DuongDanTepTinKetQua\":\"https://evil.example/kq.pdf\"}]",
	 "DanhSachGiayToKetQua"},
};

TEST(system_fields_are_refused_by_name)
{
	struct mc_err err;
	for (size_t i = 0; i < sizeof(system_members) / sizeof(*system_members);
	     i++)
		for (int kind = FILING_ONLINE; kind <= FILING_COUNTER; kind++) {
			CHECK_INT(with(system_members[i].member,
				       (enum filing_kind)kind, &err),
				  MC_ERR_INPUT);
			CHECK_STR(err.field, system_members[i].field);
			CHECK(strstr(err.message, "not the filer's to set") ||
			      strstr(err.message, "leave it out"));
		}
	CHECK_INT(with("\"DuocThanhToanTrucTuyen\":\"2\"", FILING_ONLINE, &err),
		  MC_ERR_INPUT);
	CHECK(strstr(err.message, "confirmed online payment"));
}

TEST(component_flags_are_the_systems_or_the_counters)
{
	struct mc_err err;
	struct dossier d;
	static const char *const reuse[] = {"DuocTaiSuDung",
					    "DuocLayTuKhoDMQG"};
	char text[600], field[64];
	for (int k = 0; k < 2; k++)
		for (int kind = FILING_ONLINE; kind <= FILING_COUNTER; kind++) {
			snprintf(text, sizeof(text),
				 "{\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"A\"},"
				 "{\"MaThanhPhanHoSo\":\"B\",\"%s\":\"1\"}]}",
				 reuse[k]);
			CHECK_INT(parse(text, (enum filing_kind)kind, &d, &err),
				  MC_ERR_INPUT);
			snprintf(field, sizeof(field), "TaiLieuNop[1].%s",
				 reuse[k]);
			CHECK_STR(err.field, field);
			dossier_release(&d);
		}
	/* digitized is the system's: it holds the file (app/files.c) */
	const char *scanned = "{\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"A\","
			      "\"DuocSoHoa\":\"1\"}]}";
	for (int kind = FILING_ONLINE; kind <= FILING_COUNTER; kind++) {
		CHECK_INT(parse(scanned, (enum filing_kind)kind, &d, &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, "TaiLieuNop[0].DuocSoHoa");
		dossier_release(&d);
	}
	CHECK_INT(parse("{\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"A\"}]}",
			FILING_COUNTER, &d, &err),
		  MC_OK);
	CHECK(!d.components[0].digitized && !d.digitized);
	CHECK_INT(d.channel, CHANNEL_DIRECT);
	dossier_release(&d);
	CHECK_INT(parse("{\"TaiLieuNop\":[{\"Bogus\":1}]}", FILING_COUNTER, &d,
			&err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop[0].Bogus");
	dossier_release(&d);
}

TEST(catalogue_copies_are_ignored_unknown_keys_refused)
{
	struct mc_err err;
	struct dossier d;
	CHECK_INT(parse("{\"MaTTHC\":\"1.000001\",\"TenTTHC\":\"x\","
			"\"MaLinhVuc\":\"y\",\"TenLinhVuc\":\"z\"}",
			FILING_ONLINE, &d, &err),
		  MC_OK);
	CHECK(!d.procedure_name && !d.field_code && !d.field_name);
	dossier_release(&d);
	CHECK_INT(with("\"GhiChuRieng\":\"x\"", FILING_ONLINE, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "GhiChuRieng");
	CHECK(strstr(err.message, "is not a field of a filing"));
}

TEST(channel_is_online_on_the_portal_and_recorded_at_the_counter)
{
	struct mc_err err;
	struct dossier d;
	CHECK_INT(with("\"KenhThucHien\":\"2\"", FILING_ONLINE, &err), MC_OK);
	CHECK_INT(with("\"KenhThucHien\":\"1\"", FILING_ONLINE, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "KenhThucHien");
	CHECK_INT(with("\"KenhThucHien\":\"7\"", FILING_COUNTER, &err),
		  MC_ERR_INPUT);
	CHECK_INT(parse("{\"KenhThucHien\":3}", FILING_COUNTER, &d, &err),
		  MC_OK);
	CHECK_INT(d.channel, CHANNEL_POSTAL);
	dossier_release(&d);
	CHECK_INT(parse("{\"LoaiDoiTuong\":\"9\"}", FILING_ONLINE, &d, &err),
		  MC_ERR_INPUT);
	dossier_release(&d);
	CHECK_STR(err.field, "LoaiDoiTuong");
}

/* A filing whose one text member holds n copies of unit. */
static enum mc_code long_member(const char *key, const char *unit, size_t n,
				struct mc_err *err)
{
	struct strbuf sb;
	struct dossier d;
	strbuf_init(&sb);
	strbuf_addf(&sb, "{\"%s\":\"", key);
	for (size_t i = 0; i < n; i++)
		strbuf_puts(&sb, unit);
	strbuf_puts(&sb, "\"}");
	enum mc_code rc = parse(sb.buf, FILING_ONLINE, &d, err);
	dossier_release(&d);
	strbuf_release(&sb);
	return rc;
}

TEST(every_text_field_has_its_limit)
{
	static const struct {
		const char *key;
		enum limit_id limit;
	} fields[] = {
		{"MaTTHC", LIMIT_CODE},
		{"DonViXuLy", LIMIT_CODE},
		{"ChuHoSo", LIMIT_NAME},
		{"SoGiayToChuHoSo", LIMIT_ID},
		{"LoaiGiayToChuHoSo", LIMIT_ID_TYPE},
		{"SoDienThoai", LIMIT_PHONE},
		{"Email", LIMIT_EMAIL},
		{"TrichYeuHoSo", LIMIT_SUMMARY},
	};
	struct mc_err err;
	for (size_t i = 0; i < sizeof(fields) / sizeof(*fields); i++) {
		size_t max = limits[fields[i].limit].max;
		CHECK_INT(long_member(fields[i].key, "a", max, &err), MC_OK);
		CHECK_INT(long_member(fields[i].key, "a", max + 1, &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, fields[i].key);
		CHECK(strstr(err.message, "limit"));
	}
	/* the 900 KB summary */
	CHECK_INT(long_member("TrichYeuHoSo", "x", 900 * 1024, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "TrichYeuHoSo");
}

TEST(components_their_names_and_count_are_limited)
{
	struct strbuf sb;
	struct dossier d;
	struct mc_err err;
	strbuf_init(&sb);
	strbuf_puts(&sb, "{\"TaiLieuNop\":[");
	for (int i = 0; i < 5000; i++)
		strbuf_addf(&sb, "%s{\"MaThanhPhanHoSo\":\"TP%d\"}",
			    i ? "," : "", i);
	strbuf_puts(&sb, "]}");
	CHECK_INT(parse(sb.buf, FILING_ONLINE, &d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop");
	CHECK(strstr(err.message, "5000"));
	dossier_release(&d);
	strbuf_reset(&sb);
	strbuf_puts(&sb, "{\"TaiLieuNop\":[{\"TenTepDinhKem\":\"");
	for (size_t i = 0; i <= limits[LIMIT_FILE_NAME].max; i++)
		strbuf_puts(&sb, "f");
	strbuf_puts(&sb, "\"}]}");
	CHECK_INT(parse(sb.buf, FILING_ONLINE, &d, &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop[0].TenTepDinhKem");
	dossier_release(&d);
	strbuf_release(&sb);
}

TEST(names_refuse_control_and_bidi_characters)
{
	static const char *const bad[] = {
		"Nguyễn\\u0007An", "Nguyễn\\nAn",     "Nguyễn\\u202eAn",
		"\\u2066Nguyễn",   "Nguyễn\\u0000An", "An\\u0085",
	};
	struct mc_err err;
	char member[80];
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		snprintf(member, sizeof(member), "\"ChuHoSo\":\"%s\"", bad[i]);
		struct strbuf sb;
		struct dossier d;
		strbuf_init(&sb);
		strbuf_addf(&sb, "{%s}", member);
		CHECK_INT(parse(sb.buf, FILING_ONLINE, &d, &err), MC_ERR_INPUT);
		CHECK_STR(err.field, "ChuHoSo");
		dossier_release(&d);
		strbuf_release(&sb);
	}
	/* the summary may have lines, not bidirectional controls */
	struct dossier d;
	CHECK_INT(parse("{\"TrichYeuHoSo\":\"a\\r\\nb\\tc\"}", FILING_ONLINE,
			&d, &err),
		  MC_OK);
	dossier_release(&d);
	CHECK_INT(parse("{\"TrichYeuHoSo\":\"a\\u202bb\"}", FILING_ONLINE, &d,
			&err),
		  MC_ERR_INPUT);
	dossier_release(&d);
	CHECK_STR(err.field, "TrichYeuHoSo");
}

TEST(malformed_filings_name_their_field)
{
	struct mc_err err;
	struct dossier d;
	CHECK_INT(parse("[1]", FILING_ONLINE, &d, &err), MC_ERR_INPUT);
	dossier_release(&d);
	CHECK_INT(parse("{\"ChuHoSo\":5}", FILING_ONLINE, &d, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "ChuHoSo");
	dossier_release(&d);
	CHECK_INT(
		parse("{\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":{\"a\":[[[1]]]}}]"
		      "}",
		      FILING_ONLINE, &d, &err),
		MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop[0].MaThanhPhanHoSo");
	dossier_release(&d);
	CHECK_INT(parse("{\"TaiLieuNop\":[7]}", FILING_ONLINE, &d, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop[0]");
	dossier_release(&d);
}

TEST_MAIN(T(declared_fields_are_read), T(system_fields_are_refused_by_name),
	  T(component_flags_are_the_systems_or_the_counters),
	  T(catalogue_copies_are_ignored_unknown_keys_refused),
	  T(channel_is_online_on_the_portal_and_recorded_at_the_counter),
	  T(every_text_field_has_its_limit),
	  T(components_their_names_and_count_are_limited),
	  T(names_refuse_control_and_bidi_characters),
	  T(malformed_filings_name_their_field))
