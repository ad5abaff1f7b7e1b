/*
 * tests/app/import.c - importing units, procedures and dossiers into a
 * temporary SQLite store, exporting them back, and the all-or-nothing
 * rule: a bad line names its number and field and changes nothing.
 */
#include "app/import.h"
#include "app/export.h"

#include <stdio.h>
#include <unistd.h>

#include "core/civil.h"
#include "store/store.h"
#include "test.h"

static const char units[] =
	"{\"code\":\"000.00.00.H56\",\"name\":\"UBND tỉnh Bình Định\","
	"\"parent\":null,\"level\":\"province\",\"valid_from\":null,"
	"\"valid_to\":null,\"successor\":null}\n"
	"\n"
	"{\"code\":\"000.00.06.H56\",\"name\":\"Sở Tư pháp\","
	"\"parent\":\"000.00.00.H56\",\"level\":\"district\","
	"\"valid_from\":\"2020-01-01\",\"valid_to\":null,"
	"\"successor\":null}\n"
	"{\"code\":\"000.21.30.H56\",\"name\":\"UBND phường Cũ\","
	"\"parent\":\"000.00.00.H56\",\"level\":\"commune\","
	"\"valid_from\":null,\"valid_to\":\"2025-06-30\","
	"\"successor\":\"000.21.31.H56\"}\n"
	"{\"code\":\"000.21.31.H56\",\"name\":\"UBND phường Mới\","
	"\"parent\":\"000.00.00.H56\",\"level\":\"commune\","
	"\"valid_from\":\"2025-07-01\",\"valid_to\":null,\"successor\":null}\n";

static const char procedures[] =
	"{\"code\":\"1.010708\",\"name\":\"Đăng ký khai sinh\","
	"\"field_code\":\"HT\",\"field_name\":\"Hộ tịch\","
	"\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
	"\"online_level\":\"full\",\"paper_result\":true,"
	"\"fees\":[{\"code\":\"LP1\",\"name\":\"Lệ phí\",\"amount\":8000}],"
	"\"online_only\":[]}\n"
	"{\"code\":\"2.000889\",\"name\":\"Chứng thực bản sao\","
	"\"field_code\":\"CT\",\"field_name\":\"Chứng thực\","
	"\"time_limit\":{\"value\":8,\"unit\":\"working_hours\"},"
	"\"online_level\":\"partial\",\"paper_result\":false,\"fees\":[],"
	"\"online_only\":[]}\n";

/* One valid dossier line; `extra` is spliced in before the brace. */
static void dossier(char *buf, size_t n, const char *code, const char *unit,
		    const char *proc, int status, const char *day,
		    const char *extra)
{
	snprintf(buf, n,
		 "{\"MaHoSo\":\"%s\",\"MaTTHC\":\"%s\",\"TenTTHC\":\"Thủ tục\","
		 "\"KenhThucHien\":\"2\",\"ChuHoSo\":\"Trần Thị B\","
		 "\"SoGiayToChuHoSo\":\"052190001234\",\"LoaiDoiTuong\":\"1\","
		 "\"NgayNopHoSo\":\"%s070000\",\"NgayTiepNhan\":\"%s080000\","
		 "\"NgayHenTra\":\"%s170000\",\"TrangThaiHoSo\":\"%d\","
		 "%s\"DonViXuLy\":\"%s\",\"HoSoCoThanhPhanSoHoa\":\"1\","
		 "\"TaiLieuNop\":[{\"MaThanhPhanHoSo\":\"TP1\","
		 "\"DuocSoHoa\":\"1\"}],\"DanhSachLePhi\":[{\"MaPhiLePhi\":"
		 "\"LP1\",\"Gia\":\"8000\",\"HinhThucThu\":\"1\"}]%s}\n",
		 code, proc, day, day, day, status,
		 status >= 9 ? "\"NgayKetThucXuLy\":\"20240611100000\"," : "",
		 unit, extra ? extra : "");
}

static char *dossiers_text(void)
{
	static char text[8192];
	char line[2048];
	text[0] = '\0';
	dossier(line, sizeof(line), "000.00.06.H56-240607-0001",
		"000.00.06.H56", "1.010708", 4, "20240607", NULL);
	strcat(text, line);
	dossier(line, sizeof(line), "000.00.06.H56-240608-0001",
		"000.00.06.H56", "1.010708", 9, "20240608",
		",\"SoBienNhan\":\"BN-1\"");
	strcat(text, line);
	strcat(text, "   \n");
	dossier(line, sizeof(line), "000.21.31.H56-240609-0001",
		"000.21.31.H56", "2.000889", 2, "20240609", NULL);
	strcat(text, line);
	return text;
}

/* A fresh database in a temporary file; path gets its name. */
static struct app *open_temp(char path[64])
{
	snprintf(path, 64, "/tmp/motcua-import-test-XXXXXX");
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	close(fd);
	struct app *app = calloc(1, sizeof(*app));
	struct mc_err err = {0};
	CHECK(app != NULL);
	CHECK_INT(app_open(path, app, &err), MC_OK);
	return app;
}

static void close_temp(struct app *app, const char *path)
{
	app_close(app);
	free(app);
	unlink(path);
	char side[96];
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

typedef enum mc_code (*import_fn)(struct app *, FILE *, struct import_stats *,
				  struct mc_err *);

static enum mc_code import_text(import_fn fn, struct app *app, const char *text,
				struct import_stats *stats, struct mc_err *err)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	enum mc_code rc = fn(app, in, stats, err);
	fclose(in);
	return rc;
}

static void load_catalog(struct app *app)
{
	struct import_stats s;
	struct mc_err err = {0};
	CHECK_INT(import_text(import_units, app, units, &s, &err), MC_OK);
	CHECK_INT(import_text(import_procedures, app, procedures, &s, &err),
		  MC_OK);
	if (err.code)
		fprintf(stderr, "%s\n", err.message);
}

/* The export as one malloc'd string. */
static char *export_text(struct app *app, int64_t from, int64_t to)
{
	char *buf = NULL;
	size_t len = 0, n = 0;
	struct mc_err err = {0};
	FILE *out = open_memstream(&buf, &len);
	CHECK_INT(export_dossiers(app, from, to, out, &n, &err), MC_OK);
	fclose(out);
	return buf;
}

static char *digest(struct app *app)
{
	static char hex[2][65];
	static int which;
	struct mc_err err = {0};
	which ^= 1;
	CHECK_INT(store_digest(app->st, hex[which], &err), MC_OK);
	return hex[which];
}

struct events {
	int n, old_status, new_status;
	char action[16];
};

static int on_event(const struct dossier_event *ev, void *ctx)
{
	struct events *e = ctx;
	e->n++;
	e->old_status = ev->old_status;
	e->new_status = ev->new_status;
	snprintf(e->action, sizeof(e->action), "%s", ev->action);
	return 0;
}

static struct events events_of(struct app *app, const char *code)
{
	struct events e = {0};
	struct mc_err err = {0};
	CHECK_INT(store_event_each(app->st, code, on_event, &e, &err), MC_OK);
	return e;
}

TEST(import_all_three)
{
	char path[64];
	struct app *app = open_temp(path);
	struct import_stats s;
	struct mc_err err = {0};
	CHECK_INT(import_text(import_units, app, units, &s, &err), MC_OK);
	CHECK_INT(s.lines, 5);
	CHECK_INT(s.records, 4);
	CHECK_INT(s.created, 4);
	CHECK_INT(import_text(import_procedures, app, procedures, &s, &err),
		  MC_OK);
	CHECK_INT(s.records, 2);
	CHECK_INT(import_text(import_dossiers, app, dossiers_text(), &s, &err),
		  MC_OK);
	if (err.code)
		fprintf(stderr, "%s\n", err.message);
	CHECK_INT(s.lines, 4);
	CHECK_INT(s.records, 3);
	CHECK_INT(s.created, 3);
	CHECK_INT(s.updated, 0);

	struct dossier d;
	dossier_init(&d);
	CHECK_INT(store_dossier_get(app->st, "000.00.06.H56-240608-0001", &d,
				    &err),
		  MC_OK);
	CHECK_INT(d.status, ST_FINISHED);
	CHECK_STR(d.extra, "{\"SoBienNhan\":\"BN-1\"}");
	CHECK_INT(d.n_fees, 1);
	CHECK_INT(d.fees[0].amount, 8000);
	CHECK_INT(d.due, civil_time_at(civil_days(2024, 6, 8), 17 * 3600));
	dossier_release(&d);

	struct events e = events_of(app, "000.00.06.H56-240608-0001");
	CHECK_INT(e.n, 1);
	CHECK_STR(e.action, "import");
	CHECK_INT(e.old_status, 0);
	CHECK_INT(e.new_status, 9);
	close_temp(app, path);
}

TEST(export_reimport_gives_identical_text)
{
	char p1[64], p2[64];
	struct app *a = open_temp(p1), *b = open_temp(p2);
	struct import_stats s;
	struct mc_err err = {0};
	load_catalog(a);
	load_catalog(b);
	CHECK_INT(import_text(import_dossiers, a, dossiers_text(), &s, &err),
		  MC_OK);
	char *first = export_text(a, MC_NO_TIME, MC_NO_TIME);
	CHECK(first && strstr(first, "\"SoBienNhan\":\"BN-1\"") != NULL);
	CHECK_INT(import_text(import_dossiers, b, first, &s, &err), MC_OK);
	CHECK_INT(s.records, 3);
	char *second = export_text(b, MC_NO_TIME, MC_NO_TIME);
	CHECK_STR(second, first);
	/* importing an export into the same store changes no dossier */
	CHECK_INT(import_text(import_dossiers, a, first, &s, &err), MC_OK);
	CHECK_INT(s.updated, 3);
	char *third = export_text(a, MC_NO_TIME, MC_NO_TIME);
	CHECK_STR(third, first);
	free(first);
	free(second);
	free(third);
	close_temp(a, p1);
	close_temp(b, p2);
}

TEST(export_date_range)
{
	char path[64];
	struct app *app = open_temp(path);
	struct import_stats s;
	struct mc_err err = {0};
	load_catalog(app);
	CHECK_INT(import_text(import_dossiers, app, dossiers_text(), &s, &err),
		  MC_OK);
	char *text = export_text(app, civil_days(2024, 6, 8),
				 civil_days(2024, 6, 8));
	CHECK(text && strstr(text, "240608-0001") != NULL);
	CHECK(text && strstr(text, "240607-0001") == NULL);
	CHECK(text && strstr(text, "240609-0001") == NULL);
	CHECK(text && strchr(text, '\n') == text + strlen(text) - 1);
	free(text);
	close_temp(app, path);
}

TEST(same_code_updates)
{
	char path[64];
	struct app *app = open_temp(path);
	struct import_stats s;
	struct mc_err err = {0};
	char line[2048];
	load_catalog(app);
	CHECK_INT(import_text(import_dossiers, app, dossiers_text(), &s, &err),
		  MC_OK);
	dossier(line, sizeof(line), "000.00.06.H56-240607-0001",
		"000.00.06.H56", "1.010708", 10, "20240607",
		",\"NgayTra\":\"20240612090000\"");
	CHECK_INT(import_text(import_dossiers, app, line, &s, &err), MC_OK);
	if (err.code)
		fprintf(stderr, "%s\n", err.message);
	CHECK_INT(s.records, 1);
	CHECK_INT(s.created, 0);
	CHECK_INT(s.updated, 1);
	struct dossier d;
	dossier_init(&d);
	CHECK_INT(store_dossier_get(app->st, "000.00.06.H56-240607-0001", &d,
				    &err),
		  MC_OK);
	CHECK_INT(d.status, ST_RETURNED);
	dossier_release(&d);
	struct events e = events_of(app, "000.00.06.H56-240607-0001");
	CHECK_INT(e.n, 2);
	CHECK_INT(e.old_status, 4);
	CHECK_INT(e.new_status, 10);
	close_temp(app, path);
}

/* Import `text` expecting failure; nothing may change. */
static void rejected(import_fn fn, struct app *app, const char *text,
		     enum mc_code code, const char *field, const char *message)
{
	struct import_stats s;
	struct mc_err err = {0};
	char before[65];
	memcpy(before, digest(app), 65);
	CHECK_INT(import_text(fn, app, text, &s, &err), code);
	CHECK_STR(err.field, field);
	if (!strstr(err.message, message)) {
		fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err.message,
			message);
		test_failed_checks++;
	}
	CHECK_INT(s.records, 0);
	CHECK_STR(digest(app), before);
}

TEST(bad_line_changes_nothing)
{
	char path[64];
	struct app *app = open_temp(path);
	struct import_stats s;
	struct mc_err err = {0};
	char text[8192], line[2048];
	load_catalog(app);
	CHECK_INT(import_text(import_dossiers, app, dossiers_text(), &s, &err),
		  MC_OK);
	/* lines 1-4 good (one blank), line 5 bad */
	snprintf(text, sizeof(text), "%s", dossiers_text());
	dossier(line, sizeof(line), "000.00.06.H56-240610-0001",
		"000.00.06.H56", "1.010708", 4, "20240610", NULL);
	strcat(text, line);
	char *due =
		strstr(text + strlen(text) - strlen(line), "20240610170000");
	memcpy(due, "2024023\",\"X\":\"", 14);
	rejected(import_dossiers, app, text, MC_ERR_INPUT, "NgayHenTra",
		 "line 5: NgayHenTra: \"2024023\" is not a valid time "
		 "(yyyyMMddHHmmss)");
	/* a rule dossier_check enforces, on line 2 */
	dossier(text, sizeof(text), "A-1", "000.00.06.H56", "1.010708", 4,
		"20240610", NULL);
	dossier(line, sizeof(line), "A-2", "000.00.06.H56", "1.010708", 4,
		"20240610", ",\"Email\":\"no-at-sign\"");
	strcat(text, line);
	rejected(import_dossiers, app, text, MC_ERR_INPUT, "Email",
		 "line 2: Email:");
	/* nested fields name their element */
	rejected(import_dossiers, app,
		 "{\"MaHoSo\":\"A-3\",\"TaiLieuNop\":[{},{\"DuocSoHoa\":\"2\"}]"
		 "}",
		 MC_ERR_INPUT, "TaiLieuNop[1].DuocSoHoa",
		 "line 1: TaiLieuNop[1].DuocSoHoa: \"2\" is not 0 or 1");
	rejected(import_dossiers, app, "\n\n{not json}\n", MC_ERR_INPUT, "",
		 "line 3: invalid JSON");
	/* a line without its code names it */
	rejected(import_dossiers, app,
		 "{\"MaTTHC\":\"1.010708\",\"DonViXuLy\":\"000.00.06.H56\"}",
		 MC_ERR_INPUT, "MaHoSo", "line 1: MaHoSo: is required");
	close_temp(app, path);
}

/* Line `i` of the anomalous file: the clean template with one time
 * replaced (`field`'s value becomes `value`) or, with value NULL, taken
 * out. */
static void odd_line(char *buf, size_t n, int i, const char *field,
		     const char *value)
{
	char code[40], line[2048];
	snprintf(code, sizeof(code), "000.00.06.H56-240610-%04d", i);
	dossier(line, sizeof(line), code, "000.00.06.H56", "1.010708", 10,
		"20240610", ",\"NgayTra\":\"20240611120000\"");
	char key[40];
	snprintf(key, sizeof(key), "\"%s\":\"", field);
	char *at = strstr(line, key);
	if (!at) {
		snprintf(buf, n, "%s", line);
		return;
	}
	char *val = at + strlen(key), *end = strchr(val, '"');
	if (value)
		snprintf(buf, n, "%.*s%s%s", (int)(val - line), line, value,
			 end);
	else /* drop the key and its comma */
		snprintf(buf, n, "%.*s%s", (int)(at - line), line, end + 2);
}

/* A real export: a few anomalous lines among good ones all go in, as
 * given, and the import counts each kind. */
TEST(anomalies_are_stored_and_counted)
{
	char path[64];
	struct app *app = open_temp(path);
	struct import_stats s;
	struct mc_err err = {0};
	static char text[16384];
	char line[2048];
	load_catalog(app);
	text[0] = '\0';
	static const struct {
		const char *field, *value;
	} odd[] = {
		{"Email", "a@b.vn"}, /* clean */
		{"NgayHenTra", "20240610075500"},
		{"NgayHenTra", "20240609170000"},
		{"NgayNopHoSo", "20240610080300"},
		{"NgayHenTra", NULL},
		{"NgayKetThucXuLy", "20240610075900"},
		{"NgayTra", "20240611095900"},
		{"Email", "c@d.vn"}, /* clean */
		{"TrangThaiHoSo", "4"},
	};
	for (int i = 0; i < 9; i++) {
		odd_line(line, sizeof(line), i, odd[i].field, odd[i].value);
		strcat(text, line);
	}
	CHECK_INT(import_text(import_dossiers, app, text, &s, &err), MC_OK);
	if (err.code)
		fprintf(stderr, "%s\n", err.message);
	CHECK_INT(s.records, 9);
	CHECK_INT(s.anomalous, 7);
	CHECK_INT(s.anomalies[ANOMALY_DUE_BEFORE_RECEIVED], 2);
	CHECK_INT(s.anomalies[ANOMALY_RECEIVED_BEFORE_SUBMITTED], 1);
	CHECK_INT(s.anomalies[ANOMALY_DUE_MISSING], 1);
	CHECK_INT(s.anomalies[ANOMALY_FINISHED_BEFORE_RECEIVED], 1);
	CHECK_INT(s.anomalies[ANOMALY_RETURNED_BEFORE_FINISHED], 1);
	CHECK_INT(s.anomalies[ANOMALY_SUPPLEMENT_BACKWARDS], 0);
	CHECK_INT(s.anomalies[ANOMALY_OPEN_WITH_END], 1);
	/* stored as given */
	struct dossier d;
	dossier_init(&d);
	CHECK_INT(store_dossier_get(app->st, "000.00.06.H56-240610-0004", &d,
				    &err),
		  MC_OK);
	CHECK_INT(d.due, MC_NO_TIME);
	CHECK_INT(dossier_anomalies(&d), 1u << ANOMALY_DUE_MISSING);
	dossier_release(&d);
	CHECK_INT(store_dossier_get(app->st, "000.00.06.H56-240610-0001", &d,
				    &err),
		  MC_OK);
	CHECK_INT(d.due,
		  civil_time_at(civil_days(2024, 6, 10), 7 * 3600 + 3300));
	dossier_release(&d);
	/* ending a day before it began is unusable: refused, nothing kept */
	odd_line(line, sizeof(line), 20, "NgayKetThucXuLy", "20240609100000");
	rejected(import_dossiers, app, line, MC_ERR_INPUT, "NgayKetThucXuLy",
		 "line 1: NgayKetThucXuLy: is on an earlier day than "
		 "NgayTiepNhan");
	close_temp(app, path);
}

/* With rejects, refused lines of every stage (syntax, a field, a
 * reference) go out with their text and the rest go in; more than one
 * batch of lines, so the reader thread's batches are crossed. */
TEST(rejects_keep_the_good_lines)
{
	char path[64];
	struct app *app = open_temp(path);
	struct mc_err err = {0};
	struct import_stats s;
	char line[2048];
	load_catalog(app);
	struct strbuf text;
	strbuf_init(&text);
	for (int i = 0; i < 600; i++) {
		char code[40];
		snprintf(code, sizeof(code), "R-%04d", i);
		dossier(line, sizeof(line), code, "000.00.06.H56", "1.010708",
			4, "20240610", NULL);
		if (i % 100 == 7) /* an unknown procedure */
			memcpy(strstr(line, "1.010708"), "9.999999", 8);
		if (i % 100 == 8) /* an impossible date */
			memcpy(strstr(line, "20240610170000"), "20240631", 8);
		if (i == 599) /* cut short, with a byte that is not UTF-8 */
			snprintf(line, sizeof(line), "{\"MaHoSo\":\"\xff\n");
		strbuf_puts(&text, line);
	}
	char *out = NULL;
	size_t out_len = 0;
	FILE *rejects = open_memstream(&out, &out_len);
	struct import_options opt = {.rejects = rejects, .source = "t.jsonl"};
	FILE *in = fmemopen(text.buf, text.len, "r");
	CHECK_INT(import_dossiers_with(app, in, &opt, &s, &err), MC_OK);
	fclose(in);
	fclose(rejects);
	CHECK_INT(s.rejected, 13);
	CHECK_INT(s.records, 587);
	size_t n = 0;
	for (char *p = out; p && (p = strchr(p, '\n')); p++)
		n++;
	CHECK_INT(n, 13);
	const char *first =
		"{\"line\":8,\"field\":\"MaTTHC\",\"reason\":"
		"\"procedure \\\"9.999999\\\" is not known (import the "
		"procedures "
		"first)\",\"text\":\"{\\\"MaHoSo\\\":\\\"R-0007\\\",";
	CHECK(out && strncmp(out, first, strlen(first)) == 0);
	CHECK(out && strstr(out, "{\"line\":600,\"field\":\"\",") &&
	      strstr(out, "\"text\":\"{\\\"MaHoSo\\\":\\\"\xef\xbf\xbd\"}\n"));
	struct dossier d;
	dossier_init(&d);
	CHECK_INT(store_dossier_get(app->st, "R-0006", &d, &err), MC_OK);
	CHECK_INT(d.origin, ORIGIN_IMPORT);
	CHECK_STR(d.import_file, "t.jsonl");
	dossier_release(&d);
	CHECK_INT(store_dossier_get(app->st, "R-0007", &d, &err),
		  MC_ERR_NOT_FOUND);
	free(out);
	strbuf_release(&text);
	close_temp(app, path);
}

TEST(unknown_unit_or_procedure)
{
	char path[64];
	struct app *app = open_temp(path);
	char line[2048];
	load_catalog(app);
	dossier(line, sizeof(line), "X-1", "000.99.99.H56", "1.010708", 4,
		"20240610", NULL);
	rejected(import_dossiers, app, line, MC_ERR_NOT_FOUND, "DonViXuLy",
		 "line 1: DonViXuLy: unit \"000.99.99.H56\" is not known");
	dossier(line, sizeof(line), "X-1", "000.00.06.H56", "9.999999", 4,
		"20240610", NULL);
	rejected(import_dossiers, app, line, MC_ERR_NOT_FOUND, "MaTTHC",
		 "line 1: MaTTHC: procedure \"9.999999\" is not known");
	close_temp(app, path);
}

TEST(unit_references)
{
	char path[64];
	struct app *app = open_temp(path);
	struct import_stats s;
	struct mc_err err = {0};
	CHECK_INT(import_text(import_units, app, units, &s, &err), MC_OK);
	rejected(import_units, app,
		 "{\"code\":\"C1\",\"name\":\"n\",\"parent\":\"P9\","
		 "\"level\":\"commune\"}\n",
		 MC_ERR_NOT_FOUND, "parent",
		 "line 1: parent: unit \"P9\" is not known (a parent must "
		 "come before its children)");
	rejected(import_units, app,
		 "{\"code\":\"C1\",\"name\":\"n\",\"level\":\"commune\","
		 "\"successor\":\"C9\"}\n"
		 "{\"code\":\"C2\",\"name\":\"n\",\"level\":\"commune\"}\n",
		 MC_ERR_NOT_FOUND, "successor",
		 "line 1: successor: unit \"C9\"");
	rejected(import_units, app,
		 "{\"code\":\"C1\",\"name\":\"n\",\"level\":\"commune\"}\n"
		 "{\"code\":\"C2\",\"name\":\"n\",\"level\":\"town\"}\n",
		 MC_ERR_INPUT, "level", "line 2: level:");
	rejected(import_procedures, app,
		 "{\"code\":\"P\",\"name\":\"n\",\"field_code\":\"F\","
		 "\"time_limit\":{\"value\":3,\"unit\":\"working_days\"},"
		 "\"online_level\":\"none\",\"fees\":[{\"amount\":-1}]}",
		 MC_ERR_INPUT, "fees[0].amount", "line 1: fees[0].amount:");
	/* re-importing the same units updates them */
	CHECK_INT(import_text(import_units, app, units, &s, &err), MC_OK);
	CHECK_INT(s.updated, 4);
	close_temp(app, path);
}

TEST_MAIN(T(import_all_three), T(export_reimport_gives_identical_text),
	  T(export_date_range), T(same_code_updates),
	  T(bad_line_changes_nothing), T(anomalies_are_stored_and_counted),
	  T(rejects_keep_the_good_lines), T(unknown_unit_or_procedure),
	  T(unit_references))
