/*
 * sigterm.c - `motcua serve` stops gracefully: SIGTERM while filings are
 * being posted ends the process with status 0, every request answered
 * before the stop is complete, and the database opens intact afterwards.
 */
#include "env.h"
#include "spawn.h"
#include "test.h"

#define BODY                                                                  \
	"{\"MaTTHC\":\"1.000001\",\"DonViXuLy\":\"" DISTRICT "\","            \
	"\"ChuHoSo\":\"Lê Thị Hoa\",\"SoGiayToChuHoSo\":\"001190012345\"," \
	"\"LoaiDoiTuong\":\"1\"}"

TEST(sigterm_stops_cleanly)
{
	struct fixture f;
	unsigned port;
	fixture_open(&f);
	pid_t pid = spawn_serve(f.db, NULL, &port);
	CHECK(pid > 0 && port > 0);
	int created = 0, status = -1;
	for (int i = 0; i < 200; i++) {
		struct reply r;
		if (i == 20)
			kill(pid, SIGTERM);
		if (client_request(port, "POST", "/api/v1/dossiers", NULL, BODY,
				   &r)) {
			reply_release(&r);
			break; /* the server has stopped listening */
		}
		created += r.status == 201;
		reply_release(&r);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(created >= 20);
	/* the database is intact and holds every answered filing */
	struct app app;
	struct mc_err err;
	char digest[65];
	CHECK(app_open(f.db, &app, &err) == MC_OK);
	CHECK(store_digest(app.st, digest, &err) == MC_OK);
	int64_t counts[11];
	CHECK(store_dossier_count_by_status(app.st, counts, &err) == MC_OK);
	CHECK_INT(counts[1], created);
	app_close(&app);
	fixture_close(&f);
}

TEST_MAIN(T(sigterm_stops_cleanly))
