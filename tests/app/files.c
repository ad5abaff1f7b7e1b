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
#include <unistd.h>

#include "app/files.h"
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

TEST_MAIN(T(staff_attach_only_inside_their_units),
	  T(a_stream_is_refused_at_each_limit_and_nothing_is_stored),
	  T(a_reference_inside_the_callers_transaction))
