/*
 * report_published.c - a dataset built to give the figures Binh Dinh
 * published for Q1 2022 (DOMAIN.md section 1): received 131,873 = new
 * 125,544 (online 20,979; direct and postal 104,565) + carried over
 * 6,329; resolved 123,870 = early 118,972 + on time 4,165 + late 733;
 * on-time rate 99.41%. Imported in the national portal's format and
 * reported both from the aggregates and by the full scan, it must give
 * those numbers exactly.
 */
#include "test.h"

#include <stdio.h>

#include "app/import.h"
#include "app/report.h"
#include "core/civil.h"
#include "fixture.h"

enum {
	CARRIED = 6329,
	CARRIED_OPEN = 329,
	NEW = 125544,
	ONLINE = 20979,
	POSTAL = 565,
	EARLY = 118972,
	ON_TIME = 4165,
	LATE = 733,
};

struct plan {
	int64_t received;
	int days;    /* due = received + days */
	int outcome; /* 0 open, 1 early, 2 on time, 3 late */
	int channel;
};

static void portal_time(int64_t t, char *buf) { civil_format_portal(t, buf); }

static void write_line(FILE *out, int i, const struct plan *p)
{
	char rec[CIVIL_BUF], due[CIVIL_BUF], fin[CIVIL_BUF];
	int64_t due_t = p->received + (int64_t)p->days * 86400;
	int64_t fin_t = p->outcome == 1   ? due_t - 86400
			: p->outcome == 2 ? due_t + 7 * 3600
					  : due_t + 86400;
	portal_time(p->received, rec);
	portal_time(due_t, due);
	portal_time(fin_t, fin);
	fprintf(out,
		"{\"MaHoSo\":\"BD-%06d\",\"MaTTHC\":\"1.000001\","
		"\"DonViXuLy\":\"000.00.06.H56\",\"KenhThucHien\":\"%d\","
		"\"ChuHoSo\":\"Phạm Thị Dung\",\"SoGiayToChuHoSo\":"
		"\"052190000123\",\"LoaiDoiTuong\":\"1\","
		"\"NgayNopHoSo\":\"%s\",\"NgayTiepNhan\":\"%s\","
		"\"NgayHenTra\":\"%s\",\"TrangThaiHoSo\":\"%d\"",
		i, p->channel, rec, rec, due, p->outcome ? 9 : 4);
	if (p->outcome)
		fprintf(out, ",\"NgayKetThucXuLy\":\"%s\"", fin);
	fputs("}\n", out);
}

/* Dossier i of the quarter 2021-12-15 .. 2022-03-14. */
static struct plan plan_of(int i)
{
	struct plan p = {0};
	int64_t nine = 9 * 3600;
	if (i < CARRIED) {
		/* received 10-14 Dec, due 20 days later: ends in the quarter */
		p.received =
			civil_time_at(civil_days(2021, 12, 10 + i % 5), nine);
		p.days = 20;
		p.outcome = i < CARRIED - CARRIED_OPEN ? 1 : 0;
		p.channel = 1;
		return p;
	}
	int k = i - CARRIED; /* the new ones */
	int early_new = EARLY - (CARRIED - CARRIED_OPEN);
	int resolved_new = early_new + ON_TIME + LATE;
	p.received = civil_time_at(civil_days(2021, 12, 15) + k % 70, nine);
	p.days = 5;
	p.outcome = k < early_new             ? 1
		    : k < early_new + ON_TIME ? 2
		    : k < resolved_new        ? 3
					      : 0;
	if (!p.outcome) /* still open: filed in the last days */
		p.received =
			civil_time_at(civil_days(2022, 3, 1) + k % 14, nine);
	/* channels by another stride, so they mix with outcomes */
	int c = (int)(((int64_t)k * 7919) % NEW);
	p.channel = c < ONLINE ? 2 : c < ONLINE + POSTAL ? 3 : 1;
	return p;
}

static FILE *dataset(void)
{
	FILE *out = tmpfile();
	for (int i = 0; i < CARRIED + NEW; i++) {
		struct plan p = plan_of(i);
		write_line(out, i, &p);
	}
	rewind(out);
	return out;
}

static void check_published(const struct report_row *r)
{
	CHECK_INT(r->received_total, 131873);
	CHECK_INT(r->received_new, 125544);
	CHECK_INT(r->received_online, 20979);
	CHECK_INT(r->received_direct + r->received_postal, 104565);
	CHECK_INT(r->carried_over, 6329);
	CHECK_INT(r->resolved_total, 123870);
	CHECK_INT(r->resolved_early, 118972);
	CHECK_INT(r->resolved_on_time, 4165);
	CHECK_INT(r->resolved_late, 733);
	CHECK_INT(report_on_time_rate(r), 9941);
	CHECK(report_row_balanced(r));
}

TEST(binh_dinh_q1_2022_reproduced_exactly)
{
	struct fixture fx;
	struct import_stats stats;
	struct mc_err err;
	fixture_open(&fx);
	FILE *in = dataset();
	CHECK_INT(import_dossiers(&fx.app, in, &stats, &err), MC_OK);
	fclose(in);
	CHECK_INT(stats.records, 131873);
	struct report_query q = {.by = REPORT_BY_UNIT};
	CHECK_INT(report_period_parse("quarter:2022Q1", 15, &q.period, "period",
				      NULL),
		  MC_OK);
	struct report fast, scan;
	CHECK_INT(app_report(&fx.app, &q, &fast, &err), MC_OK);
	CHECK_INT(app_report_scan(&fx.app, &q, &scan, &err), MC_OK);
	check_published(&fast.total);
	check_published(&scan.total);
	report_release(&fast);
	report_release(&scan);
	fixture_close(&fx);
}

TEST_MAIN(T(binh_dinh_q1_2022_reproduced_exactly))
