/*
 * faults.c - writes that fail half way: the disk fills up (SQLite's
 * max_page_count makes the database full at a chosen size) in the middle
 * of a large import and of a lifecycle operation. The failure is reported
 * as a database error, and the database, aggregates included, is exactly
 * as it was; once there is room again the same work succeeds.
 */
#include "test.h"

#include <stdio.h>

#include "app/import.h"
#include "core/civil.h"
#include "fixture.h"
#include "store/sqlite_int.h"

static struct fixture fx;

static int page_count(void)
{
	sqlite3_stmt *s;
	int n = -1;
	if (sqlite3_prepare_v2(sq(fx.app.st)->db, "PRAGMA page_count", -1, &s,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static void limit_pages(int n)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA max_page_count=%d", n);
	CHECK_INT(sqlite3_exec(sq(fx.app.st)->db, sql, NULL, NULL, NULL),
		  SQLITE_OK);
}

/* n dossier lines of the fixture's procedure 1.000001, filed online. */
static FILE *dossier_lines(int n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	for (int i = 0; i < n; i++)
		fprintf(out,
			"{\"MaHoSo\":\"F-%06d\",\"MaTTHC\":\"1.000001\","
			"\"DonViXuLy\":\"000.31.21.H56\",\"KenhThucHien\":"
			"\"2\","
			"\"ChuHoSo\":\"Lê Văn Cường\",\"SoGiayToChuHoSo\":"
			"\"001090012345\",\"LoaiDoiTuong\":\"1\","
			"\"NgayNopHoSo\":\"20240603080000\","
			"\"NgayTiepNhan\":\"20240603090000\","
			"\"NgayHenTra\":\"20240610090000\","
			"\"TrangThaiHoSo\":\"4\",\"TrichYeuHoSo\":\"%0200d\"}"
			"\n",
			i, i);
	fclose(out);
	FILE *in = fmemopen(NULL, len + 1, "w+");
	fwrite(buf, 1, len, in);
	rewind(in);
	free(buf);
	return in;
}

TEST(a_full_disk_in_the_middle_of_an_import)
{
	char before[65], after[65];
	struct import_stats stats;
	struct mc_err err;
	fixture_digest(&fx, before);
	limit_pages(page_count() + 40); /* room for a few hundred rows */
	FILE *in = dossier_lines(3000);
	enum mc_code rc = import_dossiers(&fx.app, in, &stats, &err);
	fclose(in);
	CHECK_INT(rc, MC_ERR_DB);
	CHECK(strstr(err.message, "full") != NULL);
	CHECK_STR(fixture_digest(&fx, after), before);
	limit_pages(1 << 30);
	in = dossier_lines(3000);
	CHECK_INT(import_dossiers(&fx.app, in, &stats, &err), MC_OK);
	fclose(in);
	CHECK_INT(stats.records, 3000);
}

TEST(a_full_disk_during_a_lifecycle_operation)
{
	char before[65], after[65];
	struct mc_err err;
	struct dossier f;
	fixture_filing(&f, "1.000001", "000.00.06.H56", CHANNEL_DIRECT);
	/* longer than a page, so the row needs a new page wherever the
	 * tables stand */
	char summary[30000];
	memset(summary, 'a', sizeof(summary) - 1);
	summary[sizeof(summary) - 1] = '\0';
	CHECK(str_set(&f.summary, summary));
	fixture_digest(&fx, before);
	/* no free pages to reuse either */
	CHECK_INT(sqlite3_exec(sq(fx.app.st)->db, "VACUUM", NULL, NULL, NULL),
		  SQLITE_OK);
	limit_pages(page_count());
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2024-06-04 09:00")},
		.filing = &f,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, &err), MC_ERR_DB);
	CHECK_STR(fixture_digest(&fx, after), before);
	limit_pages(1 << 30);
	CHECK_INT(app_lifecycle(&fx.app, &req, NULL, &err), MC_OK);
	CHECK(strcmp(fixture_digest(&fx, after), before) != 0);
	dossier_release(&f);
}

static void setup(void) { fixture_open(&fx); }
static void teardown(void) { fixture_close(&fx); }

TEST_MAIN_WITH(setup, teardown, T(a_full_disk_in_the_middle_of_an_import),
	       T(a_full_disk_during_a_lifecycle_operation))
