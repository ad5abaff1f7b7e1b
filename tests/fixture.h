/*
 * fixture.h - a small province in a temporary database, shared by the
 * tests that need stored units and procedures.
 *
 * Units: province 000.00.00.H56; department 000.00.06.H56; district
 * 000.00.31.H56 with commune 000.31.21.H56; district 000.00.32.H56 merged
 * into 000.00.31.H56 on 2025-07-01 (valid to 2025-06-30).
 * Procedures: 1.000001 (5 working days, partial online, fee 50,000),
 * 1.000002 (3 working days, no online service), 1.000003 (10 working
 * days, full online, online-only 2023-07-26..2023-12-31), 1.000004 (15
 * calendar days, partial online).
 */
#ifndef MC_TESTS_FIXTURE_H
#define MC_TESTS_FIXTURE_H

#include "app/app.h"
#include "store/store.h" /* the tests look at what was stored */

struct fixture {
	char dir[64];
	char db[96];
	struct app app;
};

/* The command line's operator, named "tester": may run every operation
 * on every unit. */
extern const struct actor fixture_operator;

/* Create the database and the province; aborts the test run on failure. */
void fixture_open(struct fixture *f);
void fixture_close(struct fixture *f);
/* A new filing: a citizen with a valid ID for `procedure` at `unit`. */
void fixture_filing(struct dossier *d, const char *procedure, const char *unit,
		    enum channel ch);
/* The code (malloc'd) of a filing of `procedure` received at the
 * counter of `unit` at `at` by the operator; aborts on failure. */
char *fixture_received(struct fixture *f, const char *procedure,
		       const char *unit, int64_t at);
/* Local time "YYYY-MM-DD HH:MM" as a UTC instant. */
int64_t fixture_time(const char *local);
/* A PDF's text as pdftotext reads it, white space collapsed to single
 * spaces; in a static buffer, valid until the next call. */
const char *fixture_pdf_text(const char *pdf, size_t len);
/* The store digest, as a string to compare. */
const char *fixture_digest(struct fixture *f, char buf[65]);

/* March 2024 by hand, for the figures and the summary: Sở Tư pháp
 * resolves 2 online filings early (100%); Huyện Một resolves a counter
 * filing late and an online one on its due day, and its Xã Một a postal
 * filing early, returned by post (2 of 3 in time); Huyện Hai has a
 * counter filing open and overdue at the end of March (withdrawn on
 * 10 April). */
#define FIXTURE_ON_DUE 'd'
void fixture_march_2024(struct fixture *f);

#endif
