/*
 * filing.c - what an anonymous filing and a counter filing may set,
 * against a real server on the fixture province: each field that is the
 * system's or the staff's is refused by name and nothing is stored; the
 * fees come from the catalogue; a later supplement request works; a
 * procedure is filed only where it is offered (the demo province's
 * birth registration too: at a commune, not the Department of Health);
 * the issue's oversized summaries, component lists and unknown keys are
 * refused.
 */
#include <fcntl.h>
#include <unistd.h>

#include "app/catalog.h"
#include "app/files.h"
#include "demo/demo.h"
#include "env.h"
#include "test.h"

#define DECLARED                                                                 \
	"\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\","                \
	"\"ChuHoSo\":\"Nguyễn Văn An\",\"SoGiayToChuHoSo\":\"001090012345\"," \
	"\"LoaiDoiTuong\":\"1\""

/* POST body to path; the status, with the error field copied out. */
static int post(struct env *e, const char *path, const struct session *s,
		const char *body, char field[64])
{
	struct reply r;
	client_request(e->port, "POST", path, s ? s->headers : NULL, body, &r);
	const char *f = reply_error_field(&r);
	snprintf(field, 64, "%s", f ? f : "");
	int st = r.status;
	reply_release(&r);
	return st;
}

static const struct {
	const char *member, *field;
} system_members[] = {
	{"\"TaiKhoanDuocXacThucVoiVNeID\":\"1\"",
	 "TaiKhoanDuocXacThucVoiVNeID"},
	{"\"DuocThanhToanTrucTuyen\":\"1\"", "DuocThanhToanTrucTuyen"},
	{"\"HoSoCoThanhPhanSoHoa\":\"1\"", "HoSoCoThanhPhanSoHoa"},
	{"\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"TP1\",\"DuocSoHoa\":\"1\"}]",
	 "TaiLieuNop[0].DuocSoHoa"},
	{"\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"TP1\","
	 "\"DuocTaiSuDung\":\"1\"}]",
	 "TaiLieuNop[0].DuocTaiSuDung"},
	{"\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"TP1\","
	 "\"DuocLayTuKhoDMQG\":\"1\"}]",
	 "TaiLieuNop[0].DuocLayTuKhoDMQG"},
	{"\"DanhSachGiayToKetQua\":[{\"TenGiayTo\":\"KQ\","
	 "\"DuongDanTepTinKetQua\":\"https://evil.example/kq.pdf\"}]",
	 "DanhSachGiayToKetQua"},
	{"\"DanhSachLePhi\":[{\"MaPhiLePhi\":\"LP01\",\"Gia\":\"0\"}]",
	 "DanhSachLePhi"},
	{"\"NgayNopHoSo\":\"20990101080000\"", "NgayNopHoSo"},
	{"\"NgayTiepNhan\":\"20990101080000\"", "NgayTiepNhan"},
	{"\"NgayHenTra\":\"20990101080000\"", "NgayHenTra"},
	{"\"NgayKetThucXuLy\":\"20990101080000\"", "NgayKetThucXuLy"},
	{"\"NgayTuChoi\":\"20990101080000\"", "NgayTuChoi"},
	{"\"DanhSachHoSoBoSung\":[{\"NgayBoSung\":\"20240608090000\"}]",
	 "DanhSachHoSoBoSung"},
	{"\"TrangThaiHoSo\":\"10\"", "TrangThaiHoSo"},
};
#define N_SYSTEM (sizeof(system_members) / sizeof(*system_members))

TEST(an_anonymous_filing_sets_only_what_a_citizen_declares)
{
	struct env e;
	char before[65], after[65], body[600], field[64];
	env_open(&e);
	fixture_digest(&e.f, before);
	for (size_t i = 0; i < N_SYSTEM; i++) {
		snprintf(body, sizeof(body), "{" DECLARED ",%s}",
			 system_members[i].member);
		CHECK_INT(post(&e, "/api/v1/dossiers", NULL, body, field), 400);
		CHECK_STR(field, system_members[i].field);
	}
	CHECK_STR(fixture_digest(&e.f, after), before);
	env_close(&e);
}

/* A multipart body with one file part; the raw request on a socket. */
static int upload_scan(struct env *e, const char *path, const struct session *s,
		       const char *bytes)
{
	char req[2400];
	char body[600];
	int n = snprintf(body, sizeof(body),
			 "--B0\r\nContent-Disposition: form-data; "
			 "name=\"file\"; filename=\"scan.pdf\"\r\n\r\n%s"
			 "\r\n--B0--\r\n",
			 bytes);
	snprintf(req, sizeof(req),
		 "POST %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n%s"
		 "Content-Type: multipart/form-data; boundary=B0\r\n"
		 "Content-Length: %d\r\n\r\n%s",
		 path, s->headers, n, body);
	int fd = client_connect(e->port);
	struct reply r = {0};
	if (send(fd, req, strlen(req), MSG_NOSIGNAL) < 0)
		return -1;
	client_read_reply(fd, &r);
	int st = r.status;
	reply_release(&r);
	return st;
}

static const char *digitized_flag(struct env *e, const struct session *s,
				  const char *code, char *buf, size_t n)
{
	struct reply r;
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s", code);
	client_request(e->port, "GET", path, s->headers, NULL, &r);
	json_t *portal = json_object_get(r.json, "portal");
	snprintf(buf, n, "%s",
		 json_string_value(
			 json_object_get(portal, "HoSoCoThanhPhanSoHoa"))
			 ? json_string_value(json_object_get(
				   portal, "HoSoCoThanhPhanSoHoa"))
			 : "(none)");
	reply_release(&r);
	return buf;
}

/* The counter sets none of the system's flags, not even DuocSoHoa: a
 * component is digitized when the system holds its scan. */
TEST(the_counter_records_its_scans_not_the_systems_flags)
{
	struct env e;
	struct session clerk;
	char before[65], after[65], body[700], field[64], flag[16];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	fixture_digest(&e.f, before);
	for (size_t i = 0; i < N_SYSTEM; i++) {
		snprintf(body, sizeof(body),
			 "{\"decision\":\"accept\",\"filing\":{" DECLARED
			 ",\"KenhThucHien\":\"1\",%s}}",
			 system_members[i].member);
		CHECK_INT(post(&e, "/api/v1/dossiers/receive", &clerk, body,
			       field),
			  400);
		CHECK_STR(field, system_members[i].field);
	}
	CHECK_STR(fixture_digest(&e.f, after), before);
	struct reply r;
	client_request(e.port, "POST", "/api/v1/dossiers/receive",
		       clerk.headers,
		       "{\"decision\":\"accept\",\"filing\":{" DECLARED
		       ",\"KenhThucHien\":\"1\",\"TaiLieuNop\":[{"
		       "\"MaThanhPhanHoSo\":\"TP1\"}]}}",
		       &r);
	CHECK_INT(r.status, 201);
	char *code = strdup(json_string_value(json_object_get(r.json, "code")));
	reply_release(&r);
	CHECK_STR(digitized_flag(&e, &clerk, code, flag, sizeof(flag)), "0");
	char path[200];
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/files?component=TP1",
		 code);
	CHECK_INT(upload_scan(&e, path, &clerk, "%PDF-1.4\nscan\n"), 201);
	CHECK_STR(digitized_flag(&e, &clerk, code, flag, sizeof(flag)), "1");
	free(code);
	char rm[200];
	snprintf(rm, sizeof(rm), "rm -rf '%s.files'", e.f.db);
	CHECK_INT(system(rm), 0);
	env_close(&e);
}

/* The fees the catalogue gives 1.000001 (50,000 dong), whatever the
 * citizen thinks; the status is the system's; a supplement can be
 * asked for afterwards. */
TEST(fees_and_status_come_from_the_system)
{
	struct env e;
	struct session clerk, officer, admin;
	struct reply r;
	char path[200], code[64], field[64];
	env_open(&e);
	env_login(&e, "clerk31", &clerk);
	env_login(&e, "officer31", &officer);
	env_login(&e, "admin", &admin);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       "{" DECLARED ",\"KenhThucHien\":\"2\"}", &r);
	CHECK_INT(r.status, 201);
	snprintf(code, sizeof(code), "%s",
		 json_string_value(json_object_get(r.json, "code")));
	CHECK_INT(json_integer_value(json_object_get(
			  json_object_get(r.json, "dossier"), "status")),
		  1);
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s", code);
	client_request(e.port, "GET", path, admin.headers, NULL, &r);
	json_t *portal = json_object_get(r.json, "portal");
	json_t *fees = json_object_get(portal, "DanhSachLePhi");
	CHECK_INT(json_array_size(fees), 1);
	CHECK_STR(json_string_value(
			  json_object_get(json_array_get(fees, 0), "Gia")),
		  "50000");
	CHECK_STR(json_string_value(
			  json_object_get(portal, "DuocThanhToanTrucTuyen")),
		  "0");
	CHECK_STR(json_string_value(json_object_get(
			  portal, "TaiKhoanDuocXacThucVoiVNeID")),
		  "0");
	CHECK(!json_object_get(portal, "DanhSachHoSoBoSung"));
	reply_release(&r);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/receive", code);
	CHECK_INT(post(&e, path, &clerk, "{\"decision\":\"accept\"}", field),
		  200);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/start", code);
	CHECK_INT(post(&e, path, &officer, "{}", field), 200);
	snprintf(path, sizeof(path), "/api/v1/dossiers/%s/request-supplement",
		 code);
	CHECK_INT(
		post(&e, path, &officer, "{\"note\":\"thiếu giấy tờ\"}", field),
		200);
	env_close(&e);
}

TEST(a_procedure_is_filed_only_where_it_is_offered)
{
	struct env e;
	struct session admin;
	struct mc_err err;
	struct reply r;
	char before[65], after[65];
	env_open(&e);
	env_login(&e, "admin", &admin);
	/* 1.000001 at district level and at the commune 000.31.21.H56 */
	struct procedure_offer offers[] = {{NULL, 2}, {COMMUNE, 0}};
	CHECK(!store_offers_set(e.f.app.st, "1.000001", offers, 2, &err));
	fixture_digest(&e.f, before);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       "{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DEPARTMENT
		       "\",\"ChuHoSo\":\"Nguyễn Văn An\","
		       "\"SoGiayToChuHoSo\":\"001090012345\"}",
		       &r);
	CHECK_INT(r.status, 422);
	CHECK_STR(reply_error_field(&r), "DonViXuLy");
	const char *msg = json_string_value(
		json_object_get(json_object_get(r.json, "error"), "message"));
	CHECK(msg && strstr(msg, COMMUNE) && strstr(msg, "every district"));
	reply_release(&r);
	/* the counter of the department cannot receive it either */
	client_request(e.port, "POST", "/api/v1/dossiers/receive",
		       admin.headers,
		       "{\"decision\":\"accept\",\"filing\":{\"MaTTHC\":"
		       "\"1.000001\",\"DonViXuLy\":\"" DEPARTMENT
		       "\",\"ChuHoSo\":\"Nguyễn Văn An\","
		       "\"SoGiayToChuHoSo\":\"001090012345\"}}",
		       &r);
	CHECK_INT(r.status, 422);
	CHECK_STR(reply_error_field(&r), "DonViXuLy");
	reply_release(&r);
	CHECK_STR(fixture_digest(&e.f, after), before);
	client_request(e.port, "POST", "/api/v1/dossiers", NULL,
		       "{" DECLARED "}", &r);
	CHECK_INT(r.status, 201);
	reply_release(&r);
	env_close(&e);
}

/* The demo province's birth registration (demo_rows.c "Đăng ký khai
 * sinh", a commune procedure), as a citizen files it at `unit`. */
#define DEMO_BIRTH(unit)                                       \
	"{\"MaTTHC\":\"1.002947\",\"DonViXuLy\":\"" unit "\"," \
	"\"ChuHoSo\":\"Nguyễn Văn An\",\"SoGiayToChuHoSo\":\"001090012345\"}"

/* An upload holding a file for each required component of procedure
 * `code`, made through the application on db: its token in token. */
static void upload_required(const char *db, const char *code, char token[65])
{
	struct app app;
	struct mc_err err;
	struct procedure p;
	char dir[96], pdf[96];
	int64_t expires;
	snprintf(dir, sizeof(dir), "%s.files", db);
	snprintf(pdf, sizeof(pdf), "%s.pdf", db);
	FILE *f = fopen(pdf, "w");
	fputs("%PDF-1.4\nto khai\n", f);
	fclose(f);
	CHECK_INT(app_open(db, &app, &err), MC_OK);
	CHECK_INT(app_files_open(&app, dir, &err), MC_OK);
	CHECK_INT(app_upload_open(&app, "test", token, &expires, &err), MC_OK);
	CHECK_INT(app_procedure_get(&app, code, &p, &err), MC_OK);
	const struct actor citizen = ACTOR_CITIZEN;
	for (size_t i = 0; i < p.n_components; i++) {
		if (!p.components[i].required)
			continue;
		struct file_attach a = {.upload_token = token,
					.role = FILE_COMPONENT,
					.component = p.components[i].code,
					.name = "to khai.pdf",
					.actor = &citizen};
		int fd = open(pdf, O_RDONLY);
		CHECK_INT(app_file_attach(&app, &a, fd, NULL, &err), MC_OK);
		close(fd);
	}
	procedure_release(&p);
	app_close(&app);
	unlink(pdf);
}

TEST(the_demo_files_birth_registration_only_at_a_commune)
{
	char db[64];
	snprintf(db, sizeof(db), "/tmp/motcua-demo-offers-XXXXXX");
	int fd = mkstemp(db);
	CHECK(fd >= 0);
	close(fd);
	struct app app;
	struct mc_err err;
	struct demo_options opt = {
		.seed = 1, .until = civil_days(2024, 6, 14), .dossiers = 300};
	CHECK_INT(app_open(db, &app, &err), MC_OK);
	CHECK_INT(demo_build(&app, &opt, NULL, &err), MC_OK);
	app_close(&app);
	struct http_config cfg = {
		.db_path = db, .listen = "127.0.0.1:0", .threads = 2};
	struct http_server *srv;
	CHECK_INT(http_server_start(&cfg, &srv, &err), MC_OK);
	unsigned port = http_server_port(srv);
	struct reply r;
	/* the demo's Department of Health, Sở Y tế */
	client_request(port, "POST", "/api/v1/dossiers", NULL,
		       DEMO_BIRTH("000.00.15.H56"), &r);
	CHECK_INT(r.status, 422);
	CHECK_STR(reply_error_field(&r), "DonViXuLy");
	const char *msg = json_string_value(
		json_object_get(json_object_get(r.json, "error"), "message"));
	CHECK(msg && strstr(msg, "every commune"));
	reply_release(&r);
	/* Phường Lê Lợi, a commune of the city: with the files of the
	 * components the demo catalogue requires */
	client_request(port, "POST", "/api/v1/dossiers", NULL,
		       DEMO_BIRTH("000.31.21.H56"), &r);
	CHECK_INT(r.status, 400);
	CHECK_STR(reply_error_field(&r), "TaiLieuNop");
	reply_release(&r);
	char token[65], path[128];
	upload_required(db, "1.002947", token);
	snprintf(path, sizeof(path), "/api/v1/dossiers?upload=%s", token);
	client_request(port, "POST", path, NULL, DEMO_BIRTH("000.31.21.H56"),
		       &r);
	CHECK_INT(r.status, 201);
	reply_release(&r);
	http_server_stop(srv, 5000);
	char side[80];
	snprintf(side, sizeof(side), "rm -rf '%s.files'", db);
	CHECK_INT(system(side), 0);
	unlink(db);
	snprintf(side, sizeof(side), "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db);
	unlink(side);
}

/* A filing body with n repetitions of a piece inside a member. */
static char *repeated(const char *head, const char *piece, size_t n,
		      const char *tail)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_puts(&sb, head);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, piece, (int)i, i + 1 < n ? "," : "");
	strbuf_puts(&sb, tail);
	return sb.buf;
}

TEST(the_issues_oversized_filings_are_refused)
{
	struct env e;
	char before[65], after[65], field[64];
	env_open(&e);
	fixture_digest(&e.f, before);
	/* 900 KB: under the 1 MiB body limit, far over the field's */
	size_t n = 900 * 1024;
	char *summary = malloc(n + 200);
	int head = snprintf(summary, 200, "{" DECLARED ",\"TrichYeuHoSo\":\"");
	memset(summary + head, 'x', n);
	strcpy(summary + head + n, "\"}");
	CHECK_INT(post(&e, "/api/v1/dossiers", NULL, summary, field), 400);
	CHECK_STR(field, "TrichYeuHoSo");
	free(summary);
	char *comps = repeated("{" DECLARED ",\"TaiLieuNop\":[",
			       "{\"MaThanhPhanHoSo\":\"TP%d\"}%s", 5000, "]}");
	CHECK_INT(post(&e, "/api/v1/dossiers", NULL, comps, field), 400);
	CHECK_STR(field, "TaiLieuNop");
	free(comps);
	char *keys = repeated("{" DECLARED ",", "\"k%d\":1%s", 10000, "}");
	CHECK_INT(post(&e, "/api/v1/dossiers", NULL, keys, field), 400);
	CHECK_STR(field, "k0");
	free(keys);
	CHECK_INT(post(&e, "/api/v1/dossiers", NULL,
		       "{" DECLARED ",\"LoaiGiayToChuHoSo\":\""
		       "CCCDCCCDCCCDCCCDCCCDCCCDCCCDCCCDCCCDCCCDCCCDCCCDCCCDCC"
		       "CDCCCDCCCDX\"}",
		       field),
		  400);
	CHECK_STR(field, "LoaiGiayToChuHoSo");
	CHECK_INT(post(&e, "/api/v1/dossiers", NULL,
		       "{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT
		       "\",\"ChuHoSo\":\"An\\u202eBinh\","
		       "\"SoGiayToChuHoSo\":\"001090012345\"}",
		       field),
		  400);
	CHECK_STR(field, "ChuHoSo");
	CHECK_STR(fixture_digest(&e.f, after), before);
	env_close(&e);
}

TEST_MAIN(T(an_anonymous_filing_sets_only_what_a_citizen_declares),
	  T(the_counter_records_its_scans_not_the_systems_flags),
	  T(fees_and_status_come_from_the_system),
	  T(a_procedure_is_filed_only_where_it_is_offered),
	  T(the_demo_files_birth_registration_only_at_a_commune),
	  T(the_issues_oversized_filings_are_refused))
