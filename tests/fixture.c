/*
 * fixture.c - the shared test province (see fixture.h).
 */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/civil.h"
#include "core/str.h"

const struct actor fixture_operator = {.role = ROLE_OPERATOR, .name = "tester"};

static void die(const char *what, const struct mc_err *err)
{
	fprintf(stderr, "fixture: %s: %s\n", what, err ? err->message : "");
	exit(1);
}

static void put_unit(struct fixture *f, const char *code, const char *name,
		     const char *parent, enum unit_level level,
		     const char *valid_to, const char *successor)
{
	struct unit u;
	struct mc_err err;
	unit_init(&u);
	str_set(&u.code, code);
	str_set(&u.name, name);
	str_set(&u.parent, parent);
	u.level = level;
	if (valid_to &&
	    civil_parse_date(valid_to, &u.valid_to, "valid_to", &err))
		die("date", &err);
	str_set(&u.successor, successor);
	if (store_unit_put(f->app.st, &u, &err))
		die("unit", &err);
	unit_release(&u);
}

static void put_procedure(struct fixture *f, const char *code, int days,
			  enum limit_unit unit, enum online_level online,
			  int64_t fee, const char *only_from,
			  const char *only_to)
{
	struct procedure p;
	struct mc_err err;
	procedure_init(&p);
	str_set(&p.code, code);
	str_set(&p.name, "Thủ tục thử nghiệm");
	str_set(&p.field_code, "G01");
	str_set(&p.field_name, "Hộ tịch");
	p.limit_value = days;
	p.limit_unit = unit;
	p.online_level = online;
	if (fee) {
		struct procedure_fee *pf =
			ARRAY_PUSH(p.fees, p.n_fees, p.cap_fees);
		str_set(&pf->code, "LP01");
		str_set(&pf->name, "Lệ phí");
		pf->amount = pf->online_amount = fee;
	}
	if (only_from) {
		struct date_window *w = ARRAY_PUSH(
			p.online_only, p.n_online_only, p.cap_online_only);
		civil_parse_date(only_from, &w->from, "from", NULL);
		civil_parse_date(only_to, &w->to, "to", NULL);
	}
	if (store_procedure_put(f->app.st, &p, &err))
		die("procedure", &err);
	procedure_release(&p);
}

void fixture_open(struct fixture *f)
{
	struct mc_err err;
	snprintf(f->dir, sizeof(f->dir), "/tmp/motcua-test-XXXXXX");
	if (!mkdtemp(f->dir))
		die("mkdtemp", NULL);
	snprintf(f->db, sizeof(f->db), "%s/test.db", f->dir);
	if (app_open(f->db, &f->app, &err))
		die("open", &err);
	put_unit(f, "000.00.00.H56", "Tỉnh Thử", NULL, LEVEL_PROVINCE, NULL,
		 NULL);
	put_unit(f, "000.00.06.H56", "Sở Tư pháp", "000.00.00.H56",
		 LEVEL_PROVINCE, NULL, NULL);
	put_unit(f, "000.00.31.H56", "Huyện Một", "000.00.00.H56",
		 LEVEL_DISTRICT, NULL, NULL);
	put_unit(f, "000.31.21.H56", "Xã Một", "000.00.31.H56", LEVEL_COMMUNE,
		 NULL, NULL);
	put_unit(f, "000.00.32.H56", "Huyện Hai", "000.00.00.H56",
		 LEVEL_DISTRICT, "2025-06-30", "000.00.31.H56");
	put_procedure(f, "1.000001", 5, LIMIT_WORKING_DAYS, ONLINE_PARTIAL,
		      50000, NULL, NULL);
	put_procedure(f, "1.000002", 3, LIMIT_WORKING_DAYS, ONLINE_NONE, 0,
		      NULL, NULL);
	put_procedure(f, "1.000003", 10, LIMIT_WORKING_DAYS, ONLINE_FULL, 0,
		      "2023-07-26", "2023-12-31");
	put_procedure(f, "1.000004", 15, LIMIT_CALENDAR_DAYS, ONLINE_PARTIAL, 0,
		      NULL, NULL);
}

void fixture_close(struct fixture *f)
{
	char path[128];
	app_close(&f->app);
	static const char *const suffix[] = {"", "-wal", "-shm"};
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s%s", f->db, suffix[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s.files", f->db);
	rmdir(path); /* the document store a server opened, when empty */
	rmdir(f->dir);
}

void fixture_filing(struct dossier *d, const char *procedure, const char *unit,
		    enum channel ch)
{
	dossier_init(d);
	str_set(&d->procedure_code, procedure);
	str_set(&d->unit_code, unit);
	d->channel = ch;
	str_set(&d->applicant_name, "Nguyễn Văn An");
	str_set(&d->applicant_id, "001090012345");
	d->applicant_kind = APPLICANT_CITIZEN;
	str_set(&d->phone, "0912345678");
}

int64_t fixture_time(const char *local)
{
	int64_t t;
	struct mc_err err;
	if (civil_parse_local(local, &t, "time", &err))
		die("time", &err);
	return t;
}

const char *fixture_pdf_text(const char *pdf, size_t len)
{
	static char text[1 << 18];
	char path[] = "/tmp/motcua-pdf-XXXXXX", cmd[128];
	int fd = mkstemp(path);
	bool written = fd >= 0 && write(fd, pdf, len) == (ssize_t)len;
	if (fd >= 0)
		close(fd);
	snprintf(cmd, sizeof(cmd), "pdftotext '%s' -", path);
	FILE *p = written ? popen(cmd, "r") : NULL;
	size_t n = p ? fread(text, 1, sizeof(text) - 1, p) : 0;
	if (p)
		pclose(p);
	unlink(path);
	text[n] = '\0';
	char *w = text;
	for (const char *r = text; *r; r++) {
		bool space = *r == ' ' || *r == '\n' || *r == '\f';
		if (!space || (w > text && w[-1] != ' '))
			*w++ = space ? ' ' : *r;
	}
	*w = '\0';
	return text;
}

const char *fixture_digest(struct fixture *f, char buf[65])
{
	struct mc_err err;
	if (store_digest(f->app.st, buf, &err))
		die("digest", &err);
	return buf;
}

static void op(struct fixture *f, const char *code, enum dossier_op o,
	       int64_t at, enum delivery how)
{
	struct mc_err err;
	struct op_request req = {
		.params = {.op = o, .at = at, .delivery = how},
		.code = code,
		.actor = &fixture_operator,
	};
	if (app_lifecycle(&f->app, &req, NULL, &err))
		die(dossier_op_name(o), &err);
}

/* One dossier of procedure 1.000001 at `unit`, accepted on `day` of
 * March 2024 at 09:00 and started; finished `end` days later
 * (FIXTURE_ON_DUE: at its due time) and returned an hour later, by post
 * when `post`; with end 0, withdrawn on 10 April instead. */
static void march(struct fixture *f, const char *unit, enum channel ch, int day,
		  int end, bool post)
{
	struct dossier filing, d;
	struct mc_err err;
	fixture_filing(&filing, "1.000001", unit, ch);
	int64_t at = civil_time_at(civil_days(2024, 3, day), 9 * 3600);
	struct op_request req = {
		.params = {.op = ch == CHANNEL_ONLINE ? OP_REGISTER : OP_ACCEPT,
			   .at = at},
		.filing = &filing,
		.actor = &fixture_operator,
	};
	if (app_lifecycle(&f->app, &req, &d, &err))
		die("filing", &err);
	dossier_release(&filing);
	if (ch == CHANNEL_ONLINE)
		op(f, d.code, OP_ACCEPT, at, DELIVERY_COUNTER);
	op(f, d.code, OP_START, at + 600, DELIVERY_COUNTER);
	struct dossier now;
	if (store_dossier_get(f->app.st, d.code, &now, &err))
		die("dossier", &err);
	int64_t fin = end == FIXTURE_ON_DUE ? now.due : at + end * 86400;
	dossier_release(&now);
	if (end) {
		op(f, d.code, OP_FINISH, fin, DELIVERY_COUNTER);
		op(f, d.code, OP_RETURN, fin + 3600,
		   post ? DELIVERY_POST : DELIVERY_COUNTER);
	} else {
		op(f, d.code, OP_WITHDRAW,
		   civil_time_at(civil_days(2024, 4, 10), 9 * 3600),
		   DELIVERY_COUNTER);
	}
	dossier_release(&d);
}

void fixture_march_2024(struct fixture *f)
{
	march(f, "000.00.06.H56", CHANNEL_ONLINE, 4, 2, false);
	march(f, "000.00.06.H56", CHANNEL_ONLINE, 5, 1, false);
	march(f, "000.00.31.H56", CHANNEL_DIRECT, 4, 16, false);
	march(f, "000.00.31.H56", CHANNEL_ONLINE, 4, FIXTURE_ON_DUE, false);
	march(f, "000.31.21.H56", CHANNEL_POSTAL, 6, 1, true);
	march(f, "000.00.32.H56", CHANNEL_DIRECT, 7, 0, false);
}

char *fixture_received(struct fixture *f, const char *procedure,
		       const char *unit, int64_t at)
{
	struct dossier filing, d;
	struct mc_err err;
	fixture_filing(&filing, procedure, unit, CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT, .at = at},
		.filing = &filing,
	};
	if (app_lifecycle(&f->app, &req, &d, &err)) {
		fprintf(stderr, "fixture: receiving %s: %s\n", procedure,
			err.message);
		abort();
	}
	char *code = strdup(d.code);
	dossier_release(&filing);
	dossier_release(&d);
	return code;
}
