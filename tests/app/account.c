/*
 * account.c - the login (app/session.c): a right password opens a
 * session that the token finds again and the logout ends; the throttle
 * counts failures; and the login fails closed: when the store cannot
 * record the attempt (another writer holds the database, a write
 * fails) or cannot open the session, the answer is that failure,
 * nobody is signed in, and a failed attempt changes nothing.
 */
#include "test.h"

#include <sqlite3.h>

#include "app/account.h"
#include "fixture.h"
#include "store/sqlite_int.h"

#define UNIT "000.00.31.H56"
#define PASSWORD "mat-khau-dung"

static struct fixture fx;
static char dummy[ACCOUNT_HASH_SIZE];

static void setup(void)
{
	struct mc_err err;
	fixture_open(&fx);
	CHECK_INT(account_add(&fx.app, "canbo31", "officer", UNIT, PASSWORD,
			      &err),
		  MC_OK);
	CHECK_INT(account_dummy_hash(dummy, &err), MC_OK);
}

static void teardown(void) { fixture_close(&fx); }

static enum mc_code login(const char *user, const char *password,
			  struct login_result *res, struct mc_err *err)
{
	const struct login_request rq = {
		.username = user,
		.password = password,
		.address = "192.0.2.7",
		.account_tries = 3,
		.address_tries = 20,
		.dummy_hash = dummy,
		.now = fixture_time("2024-06-03 08:00"),
		.seconds = 3600,
	};
	return account_login(&fx.app, &rq, res, err);
}

static void sql(const char *text)
{
	char *msg = NULL;
	int rc = sqlite3_exec(sq(fx.app.st)->db, text, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", text, msg);
	sqlite3_free(msg);
	CHECK_INT(rc, SQLITE_OK);
}

TEST(a_right_password_opens_a_session_the_token_finds)
{
	struct login_result res;
	struct account_session s;
	struct mc_err err;
	int64_t now = fixture_time("2024-06-03 08:00");
	CHECK_INT(login("canbo31", PASSWORD, &res, &err), MC_OK);
	CHECK_INT(res.outcome, LOGIN_SIGNED_IN);
	CHECK(res.verified);
	CHECK_INT(strlen(res.session.token), 64);
	CHECK_INT(strlen(res.session.csrf), 64);
	CHECK_STR(res.session.who.role, "officer");
	CHECK_INT(account_session_get(&fx.app, res.session.token, now + 60, &s,
				      &err),
		  MC_OK);
	CHECK_STR(s.who.username, "canbo31");
	CHECK_STR(s.who.unit, UNIT);
	CHECK_STR(s.csrf, res.session.csrf);
	/* expired after its lifetime, ended by the logout */
	CHECK_INT(account_session_get(&fx.app, res.session.token, now + 3601,
				      &s, &err),
		  MC_ERR_NOT_FOUND);
	CHECK_INT(account_logout(&fx.app, res.session.token, now, &err), MC_OK);
	CHECK_INT(account_session_get(&fx.app, res.session.token, now + 60, &s,
				      &err),
		  MC_ERR_NOT_FOUND);
}

TEST(wrong_passwords_are_counted_then_throttled)
{
	struct login_result res;
	struct mc_err err;
	for (int i = 0; i < 3; i++) {
		CHECK_INT(login("canbo31", "sai", &res, &err), MC_OK);
		CHECK_INT(res.outcome, LOGIN_WRONG);
		CHECK(res.verified);
		CHECK_INT(res.session.token[0], '\0');
	}
	/* past the account's free tries even the right password waits,
	 * and no hash is verified */
	CHECK_INT(login("canbo31", PASSWORD, &res, &err), MC_OK);
	CHECK_INT(res.outcome, LOGIN_WAIT);
	CHECK_INT(res.wait, ACCOUNT_BACKOFF_BASE);
	CHECK(!res.verified);
	/* an unknown name is verified too, against the dummy hash */
	CHECK_INT(login("khong-co", PASSWORD, &res, &err), MC_OK);
	CHECK_INT(res.outcome, LOGIN_WRONG);
	CHECK(res.verified);
	sql("DELETE FROM login_failures");
}

TEST(a_locked_database_signs_nobody_in)
{
	struct login_result res;
	struct mc_err err;
	char before[65], after[65];
	sqlite3 *other;
	fixture_digest(&fx, before);
	CHECK_INT(sqlite3_open(fx.db, &other), SQLITE_OK);
	CHECK_INT(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
		  SQLITE_OK);
	app_busy_timeout(&fx.app, 1);
	CHECK_INT(login("canbo31", PASSWORD, &res, &err), MC_ERR_BUSY);
	CHECK(res.outcome != LOGIN_SIGNED_IN);
	CHECK_INT(res.session.token[0], '\0');
	CHECK(!res.verified);
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	app_busy_timeout(&fx.app, STORE_BUSY_MS);
	CHECK_STR(fixture_digest(&fx, after), before);
}

TEST(a_failed_write_of_the_attempt_signs_nobody_in)
{
	struct login_result res;
	struct mc_err err;
	char before[65], after[65];
	fixture_digest(&fx, before);
	sql("CREATE TEMP TRIGGER no_attempts BEFORE INSERT ON login_failures"
	    " BEGIN SELECT RAISE(ABORT, 'disk failed'); END");
	CHECK_INT(login("canbo31", PASSWORD, &res, &err), MC_ERR_DB);
	CHECK(res.outcome != LOGIN_SIGNED_IN);
	CHECK_INT(res.session.token[0], '\0');
	CHECK_STR(fixture_digest(&fx, after), before);
	sql("DROP TRIGGER no_attempts");
}

TEST(a_failed_write_of_the_session_signs_nobody_in)
{
	struct login_result res;
	struct mc_err err;
	sql("CREATE TEMP TRIGGER no_sessions BEFORE INSERT ON sessions"
	    " BEGIN SELECT RAISE(ABORT, 'disk failed'); END");
	CHECK_INT(login("canbo31", PASSWORD, &res, &err), MC_ERR_DB);
	CHECK(res.verified);
	CHECK(res.outcome != LOGIN_SIGNED_IN);
	CHECK_INT(res.session.token[0], '\0');
	sql("DROP TRIGGER no_sessions");
	/* the attempt stays counted as a failure: the account's failures
	 * were not taken back without the session */
	sqlite3_stmt *s;
	CHECK_INT(sqlite3_prepare_v2(sq(fx.app.st)->db,
				     "SELECT count(*) FROM login_failures"
				     " WHERE key = 'user:canbo31'",
				     -1, &s, NULL),
		  SQLITE_OK);
	CHECK_INT(sqlite3_step(s), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(s, 0), 1);
	sqlite3_finalize(s);
	CHECK_INT(login("canbo31", PASSWORD, &res, &err), MC_OK);
	CHECK_INT(res.outcome, LOGIN_SIGNED_IN);
	sql("DELETE FROM login_failures");
}

TEST_MAIN_WITH(setup, teardown,
	       T(a_right_password_opens_a_session_the_token_finds),
	       T(wrong_passwords_are_counted_then_throttled),
	       T(a_locked_database_signs_nobody_in),
	       T(a_failed_write_of_the_attempt_signs_nobody_in),
	       T(a_failed_write_of_the_session_signs_nobody_in))
