/*
 * files.c - the files of dossiers through the application (app/files.c):
 * who may attach (staff inside their units, the operator; a dossier
 * outside one's units answers as an unknown code), a streamed upload
 * refused at the limit per file and per dossier with nothing stored in
 * the database or the document store, and a reference added inside the
 * caller's transaction.
 */
#include "test.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app/files.h"
#include "app/index.h"
#include "core/civil.h"
#include "docstore/docstore.h"
#include "fixture.h"

#define DEPARTMENT "000.00.06.H56"
#define DISTRICT "000.00.31.H56"
#define COMMUNE "000.31.21.H56"

static struct fixture fx;
static char files_dir[128];
static char code[64];

/* Objects in the store, temporary files included. */
static int stored_count(void)
{
	int n = 0;
	DIR *d = opendir(files_dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.' && strncmp(e->d_name, ".tmp", 4) != 0)
			continue;
		char sub[400];
		snprintf(sub, sizeof(sub), "%s/%s", files_dir, e->d_name);
		DIR *s = opendir(sub);
		struct dirent *f;
		if (!s) {
			n++; /* a temporary file */
			continue;
		}
		while ((f = readdir(s)))
			n += f->d_name[0] != '.';
		closedir(s);
	}
	if (d)
		closedir(d);
	return n;
}

static void setup(void)
{
	struct mc_err err;
	fixture_open(&fx);
	snprintf(files_dir, sizeof(files_dir), "%s/files", fx.dir);
	CHECK_INT(app_files_open(&fx.app, files_dir, &err), MC_OK);
	struct dossier f, d;
	fixture_filing(&f, "1.000001", COMMUNE, CHANNEL_DIRECT);
	struct op_request req = {
		.actor = &fixture_operator,
		.params = {.op = OP_ACCEPT,
			   .at = fixture_time("2024-06-03 08:00")},
		.filing = &f,
	};
	CHECK_INT(app_lifecycle(&fx.app, &req, &d, &err), MC_OK);
	snprintf(code, sizeof(code), "%s", d.code);
	dossier_release(&d);
	dossier_release(&f);
}

static void teardown(void)
{
	char cmd[200];
	app_close(&fx.app);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", files_dir);
	CHECK_INT(system(cmd), 0);
	fixture_close(&fx);
}

/* A PDF of n bytes (n >= 16) streamed in pieces of 4 KiB. */
static enum mc_code stream_pdf(const struct actor *a, const char *name,
			       size_t n, char fill, struct mc_err *err)
{
	struct file_attach req = {.dossier_code = code,
				  .role = FILE_COMPONENT,
				  .component = "TP01",
				  .name = name,
				  .actor = a};
	struct app_upload *u;
	enum mc_code rc = app_file_begin(&fx.app, &req, &u, err);
	if (rc)
		return rc;
	char piece[4096];
	memset(piece, fill, sizeof(piece));
	memcpy(piece, "%PDF-1.4\n", 9);
	for (size_t done = 0; !rc && done < n; done += sizeof(piece)) {
		size_t k = n - done < sizeof(piece) ? n - done : sizeof(piece);
		rc = app_file_write(u, piece, k, err);
		piece[0] = fill;
		memset(piece, fill, 9);
	}
	if (rc) {
		app_file_abort(u);
		return rc;
	}
	return app_file_end(&fx.app, u, NULL, err);
}

TEST(staff_attach_only_inside_their_units)
{
	setup();
	struct mc_err err;
	char before[65], after[65];
	const struct actor district = {
		.role = ROLE_CLERK, .name = "motcua", .unit = DISTRICT};
	const struct actor department = {
		.role = ROLE_OFFICER, .name = "so", .unit = DEPARTMENT};
	const struct actor citizen = ACTOR_CITIZEN;
	fixture_digest(&fx, before);
	CHECK_INT(stream_pdf(&department, "don.pdf", 5000, 'a', &err),
		  MC_ERR_NOT_FOUND);
	CHECK(strstr(err.message, "is not known"));
	CHECK_INT(stream_pdf(&citizen, "don.pdf", 5000, 'a', &err),
		  MC_ERR_FORBIDDEN);
	CHECK_STR(fixture_digest(&fx, after), before);
	CHECK_INT(stored_count(), 0);
	CHECK_INT(stream_pdf(&district, "don.pdf", 5000, 'a', &err), MC_OK);
	CHECK_INT(stored_count(), 1);
	int n = 0;
	CHECK_INT(app_files_list(&fx.app, &department, code, NULL, &n, &err),
		  MC_ERR_NOT_FOUND);
	teardown();
}

static int count_file(const struct dossier_file *f, void *ctx)
{
	int *n = ctx;
	CHECK_STR(f->name, "don.pdf");
	CHECK_STR(f->type, "application/pdf");
	CHECK_STR(f->added_by, "tester");
	(*n)++;
	return 0;
}

TEST(a_stream_is_refused_at_each_limit_and_nothing_is_stored)
{
	setup();
	struct mc_err err;
	char before[65], after[65];
	app_files_limits(&fx.app, 80 * 1024, 100 * 1024);
	fixture_digest(&fx, before);
	CHECK_INT(
		stream_pdf(&fixture_operator, "lon.pdf", 90 * 1024, 'b', &err),
		MC_ERR_TOO_LARGE);
	CHECK(strstr(err.message, "lon.pdf: is larger than the limit of "
				  "0.1 MiB per file"));
	CHECK_STR(fixture_digest(&fx, after), before);
	CHECK_INT(stored_count(), 0);
	CHECK_INT(
		stream_pdf(&fixture_operator, "don.pdf", 60 * 1024, 'a', &err),
		MC_OK);
	fixture_digest(&fx, before);
	CHECK_INT(
		stream_pdf(&fixture_operator, "hai.pdf", 60 * 1024, 'c', &err),
		MC_ERR_TOO_LARGE);
	CHECK(strstr(err.message, "would hold more than the limit of 0.1 MiB "
				  "per dossier (it holds 0.1 MiB)"));
	CHECK_STR(fixture_digest(&fx, after), before);
	CHECK_INT(stored_count(), 1);
	int n = 0;
	CHECK_INT(app_files_list(&fx.app, &fixture_operator, code, count_file,
				 &n, &err),
		  MC_OK);
	CHECK_INT(n, 1);
	/* 40 KiB more fits exactly */
	CHECK_INT(stream_pdf(&fixture_operator, "ba.pdf", 40 * 1024, 'd', &err),
		  MC_OK);
	CHECK_INT(stored_count(), 2);
	teardown();
}

TEST(a_reference_inside_the_callers_transaction)
{
	setup();
	struct mc_err err;
	char path[160];
	snprintf(path, sizeof(path), "%s/kq.pdf", fx.dir);
	FILE *f = fopen(path, "w");
	fputs("%PDF-1.4\nresult\n", f);
	fclose(f);
	int fd = open(path, O_RDONLY);
	struct docstore_info info;
	CHECK_INT(
		docstore_put(app_docstore(&fx.app), fd, "kq.pdf", &info, &err),
		MC_OK);
	close(fd);
	unlink(path);
	struct file_attach req = {.dossier_code = code,
				  .role = FILE_RESULT,
				  .name = "a/b/kq.pdf",
				  .actor = &fixture_operator};
	struct dossier_file out;
	CHECK_INT(store_begin(fx.app.st, &err), MC_OK);
	CHECK_INT(app_file_add_within(&fx.app, &req, &info, &out, &err), MC_OK);
	store_rollback(fx.app.st);
	int n = 0;
	CHECK_INT(app_files_list(&fx.app, &fixture_operator, code, count_file,
				 &n, &err),
		  MC_OK);
	CHECK_INT(n, 0); /* rolled back with the caller's transaction */
	dossier_file_release(&out);
	CHECK_INT(store_begin(fx.app.st, &err), MC_OK);
	CHECK_INT(app_file_add_within(&fx.app, &req, &info, &out, &err), MC_OK);
	CHECK_INT(store_commit(fx.app.st, &err), MC_OK);
	CHECK_STR(out.name, "kq.pdf");
	CHECK_INT(out.role, FILE_RESULT);
	CHECK(out.component == NULL);
	CHECK(out.id > 0);
	dossier_file_release(&out);
	teardown();
}

/* Procedure 1.000004 asks for a form (required) and a birth paper. */
static void with_components(void)
{
	struct procedure p;
	struct mc_err err;
	CHECK_INT(store_procedure_get(fx.app.st, "1.000004", &p, &err), MC_OK);
	static const char *const codes[] = {"TK", "GCS"};
	static const char *const names[] = {"Tờ khai", "Giấy chứng sinh"};
	for (int i = 0; i < 2; i++) {
		struct procedure_component *c = ARRAY_PUSH(
			p.components, p.n_components, p.cap_components);
		str_set(&c->code, codes[i]);
		str_set(&c->name, names[i]);
		c->required = i == 0;
		c->copies = 1;
	}
	CHECK_INT(store_procedure_put(fx.app.st, &p, &err), MC_OK);
	procedure_release(&p);
}

static enum mc_code file_at(const struct actor *a, enum dossier_op op,
			    const char *upload, const char *component,
			    struct dossier *out, struct mc_err *err)
{
	struct dossier f;
	fixture_filing(&f, "1.000004", COMMUNE,
		       op == OP_REGISTER ? CHANNEL_ONLINE : CHANNEL_DIRECT);
	if (component) {
		struct dossier_component *c = ARRAY_PUSH(
			f.components, f.n_components, f.cap_components);
		str_set(&c->code, component);
	}
	struct op_request req = {.actor = a,
				 .params = {.op = op, .at = MC_NO_TIME},
				 .filing = &f,
				 .upload_token = upload};
	enum mc_code rc = app_lifecycle(&fx.app, &req, out, err);
	dossier_release(&f);
	return rc;
}

static enum mc_code attach_pdf(const char *code_, const char *upload,
			       const char *component, const char *text,
			       struct mc_err *err)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/c.pdf", fx.dir);
	FILE *f = fopen(path, "w");
	fprintf(f, "%%PDF-1.4\n%s\n", text);
	fclose(f);
	const struct actor citizen = ACTOR_CITIZEN;
	struct file_attach a = {.dossier_code = code_,
				.upload_token = upload,
				.role = FILE_COMPONENT,
				.component = component,
				.name = "c.pdf",
				.actor = upload ? &citizen : &fixture_operator};
	int fd = open(path, O_RDONLY);
	enum mc_code rc = app_file_attach(&fx.app, &a, fd, NULL, err);
	close(fd);
	unlink(path);
	return rc;
}

TEST(required_components_and_digitization_from_held_files)
{
	setup();
	with_components();
	struct mc_err err;
	struct dossier d;
	char before[65], after[65], token[65];
	int64_t expires;
	const struct actor citizen = ACTOR_CITIZEN;
	const struct actor clerk = {
		.role = ROLE_CLERK, .name = "motcua", .unit = DISTRICT};
	/* online: the required form must be uploaded */
	fixture_digest(&fx, before);
	CHECK_INT(file_at(&citizen, OP_REGISTER, NULL, NULL, &d, &err),
		  MC_ERR_INPUT);
	CHECK_STR(err.field, "TaiLieuNop");
	CHECK(strstr(err.message, "TK (Tờ khai) is required"));
	CHECK_INT(app_upload_open(&fx.app, "test", token, &expires, &err),
		  MC_OK);
	CHECK_INT(attach_pdf(NULL, token, "GCS", "giay chung sinh", &err),
		  MC_OK);
	fixture_digest(&fx, before);
	CHECK_INT(file_at(&citizen, OP_REGISTER, token, NULL, &d, &err),
		  MC_ERR_INPUT);
	CHECK(strstr(err.message, "TK (Tờ khai) is required"));
	CHECK_INT(attach_pdf(NULL, token, "XX", "la", &err), MC_OK);
	fixture_digest(&fx, before);
	CHECK_INT(attach_pdf(NULL, token, "TK", "to khai", &err), MC_OK);
	CHECK_INT(file_at(&citizen, OP_REGISTER, token, NULL, &d, &err),
		  MC_ERR_INPUT);
	CHECK(strstr(err.message, "XX is not a component of procedure"));
	CHECK_INT(app_upload_open(&fx.app, "test", token, &expires, &err),
		  MC_OK);
	CHECK_INT(attach_pdf(NULL, token, "TK", "to khai", &err), MC_OK);
	CHECK_INT(file_at(&citizen, OP_REGISTER, token, NULL, &d, &err), MC_OK);
	CHECK_INT(d.n_components, 1);
	CHECK(d.components[0].digitized && dossier_all_digitized(&d));
	char online[64];
	snprintf(online, sizeof(online), "%s", d.code);
	dossier_release(&d);
	/* at the counter: the paper form must be listed; digitized once
	 * its scan is held */
	fixture_digest(&fx, before);
	CHECK_INT(file_at(&clerk, OP_ACCEPT, NULL, "GCS", &d, &err),
		  MC_ERR_INPUT);
	CHECK(strstr(err.message, "TK (Tờ khai) is required"));
	CHECK_STR(fixture_digest(&fx, after), before);
	CHECK_INT(file_at(&clerk, OP_ACCEPT, NULL, "TK", &d, &err), MC_OK);
	CHECK(!dossier_all_digitized(&d));
	char scanned[64];
	snprintf(scanned, sizeof(scanned), "%s", d.code);
	dossier_release(&d);
	CHECK_INT(file_at(&clerk, OP_ACCEPT, NULL, "TK", &d, &err), MC_OK);
	dossier_release(&d);
	CHECK_INT(attach_pdf(scanned, NULL, "TK", "scan", &err), MC_OK);
	CHECK_INT(store_dossier_get(fx.app.st, scanned, &d, &err), MC_OK);
	CHECK(d.components[0].digitized && dossier_all_digitized(&d));
	dossier_release(&d);
	/* the online one received too: 2 of the 3 received hold their files */
	struct op_request acc = {.actor = &clerk,
				 .params = {.op = OP_ACCEPT, .at = MC_NO_TIME},
				 .code = online};
	CHECK_INT(app_lifecycle(&fx.app, &acc, NULL, &err), MC_OK);
	struct index_query q = {.unit = DISTRICT, .min_dossiers = 1};
	char period[32], day[CIVIL_BUF];
	civil_format_date(civil_local_day((int64_t)time(NULL)), day);
	snprintf(period, sizeof(period), "month:%.7s", day);
	CHECK_INT(report_period_parse(period, 1, &q.period, "period", &err),
		  MC_OK);
	struct index_table t;
	CHECK_INT(app_index(&fx.app, &q, &t, &err), MC_OK);
	CHECK_INT(t.total.ind[IND_DIGITIZED].num, 2);
	CHECK_INT(t.total.ind[IND_DIGITIZED].den, 3);
	index_table_release(&t);
	teardown();
}

TEST_MAIN(T(required_components_and_digitization_from_held_files),
	  T(staff_attach_only_inside_their_units),
	  T(a_stream_is_refused_at_each_limit_and_nothing_is_stored),
	  T(a_reference_inside_the_callers_transaction))
