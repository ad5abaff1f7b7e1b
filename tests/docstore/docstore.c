/*
 * docstore.c - tests of the document store on the local file system
 * (src/docstore/): round trips, the hash, the limits, the type decision,
 * and that a refused put leaves nothing in the store's directory.
 */
#include "docstore/docstore.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static char root[64], dir[96];
static struct docstore *ds;

static void setup(void)
{
	snprintf(root, sizeof(root), "/tmp/motcua-docstore-XXXXXX");
	if (!mkdtemp(root))
		abort();
	snprintf(dir, sizeof(dir), "%s/files", root);
}

static void teardown(void)
{
	docstore_close(ds);
	ds = NULL;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", root);
}

/* A fresh, empty store for each case. */
static void fresh(void)
{
	docstore_close(ds);
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
	struct mc_err err = {0};
	CHECK_INT(docstore_open_local(dir, true, &ds, &err), MC_OK);
}

/* Write n bytes: head, then filler. Returns the path. */
static const char *sample(const char *name, const char *head, size_t head_n,
			  size_t n)
{
	static char path[160];
	snprintf(path, sizeof(path), "%s/%s", root, name);
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	fwrite(head, 1, head_n, f);
	for (size_t i = head_n; i < n; i++)
		fputc((int)('a' + i % 26), f);
	fclose(f);
	return path;
}

#define PDF_HEAD "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
#define PDF(name, n) sample(name, PDF_HEAD, sizeof(PDF_HEAD) - 1, n)

static enum mc_code put_path(const char *path, struct docstore_info *info,
			     struct mc_err *err)
{
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	enum mc_code rc = docstore_put(ds, fd, "don.pdf", info, err);
	close(fd);
	return rc;
}

/* Entries of the store's directory, temporary files included. */
static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") != 0 &&
		     strcmp(e->d_name, "..") != 0;
	if (d)
		closedir(d);
	return n;
}

static void sha256sum(const char *path, char out[65])
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "sha256sum '%s'", path);
	FILE *p = popen(cmd, "r");
	CHECK(p != NULL);
	CHECK(fscanf(p, "%64s", out) == 1);
	pclose(p);
}

TEST(put_then_get_gives_the_same_bytes)
{
	fresh();
	const char *path = PDF("a.pdf", 200000);
	struct docstore_info info;
	struct mc_err err = {0};
	CHECK_INT(put_path(path, &info, &err), MC_OK);
	char want[65];
	sha256sum(path, want);
	CHECK_STR(info.sha256, want);
	CHECK_STR(info.type, "application/pdf");
	CHECK_INT(info.size, 200000);
	CHECK(!info.existed);
	CHECK(docstore_exists(ds, want));

	char obj[256];
	snprintf(obj, sizeof(obj), "%s/%.2s/%s", dir, want, want + 2);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "cmp -s '%s' '%s'", path, obj);
	CHECK(system(cmd) == 0);

	char out[160];
	snprintf(out, sizeof(out), "%s/out.pdf", root);
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int64_t size = 0;
	CHECK_INT(docstore_read(ds, want, fd, &size, &err), MC_OK);
	close(fd);
	CHECK_INT(size, 200000);
	snprintf(cmd, sizeof(cmd), "cmp -s '%s' '%s'", path, out);
	CHECK(system(cmd) == 0);
}

TEST(the_same_content_is_kept_once)
{
	fresh();
	struct docstore_info a, b;
	CHECK_INT(put_path(PDF("a.pdf", 5000), &a, NULL), MC_OK);
	CHECK_INT(put_path(PDF("b.pdf", 5000), &b, NULL), MC_OK);
	CHECK_STR(a.sha256, b.sha256);
	CHECK(b.existed);
	CHECK_INT(entries(), 1); /* one fan-out directory, no temp file */
}

TEST(a_file_over_the_limit_leaves_nothing)
{
	fresh();
	docstore_set_max_file(ds, 4096);
	struct docstore_info info;
	struct mc_err err = {0};
	CHECK_INT(put_path(PDF("big.pdf", 4097), &info, &err),
		  MC_ERR_TOO_LARGE);
	CHECK_STR(err.field, "don.pdf");
	CHECK(strstr(err.message, "don.pdf: is larger than") != NULL);
	CHECK_INT(entries(), 0);
	CHECK_INT(put_path(PDF("max.pdf", 4096), &info, &err), MC_OK);
}

TEST(a_stream_over_the_limit_leaves_nothing)
{
	fresh();
	docstore_set_max_file(ds, 100000);
	const char *path = PDF("big.pdf", 300000);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "cat '%s'", path);
	FILE *p = popen(cmd, "r"); /* a pipe: no size to see before reading */
	struct docstore_info info;
	struct mc_err err = {0};
	CHECK_INT(docstore_put(ds, fileno(p), "pipe.pdf", &info, &err),
		  MC_ERR_TOO_LARGE);
	pclose(p);
	CHECK_INT(entries(), 0);
}

static void refused_type(const char *head, size_t n, const char *mime)
{
	struct docstore_info info;
	struct mc_err err = {0};
	CHECK_INT(put_path(sample("x.pdf", head, n, n), &info, &err),
		  MC_ERR_INPUT);
	char want[128];
	snprintf(want, sizeof(want), "don.pdf: type \"%s\" is not accepted",
		 mime);
	CHECK(strstr(err.message, want) == err.message);
	CHECK_INT(entries(), 0);
}

TEST(the_type_comes_from_the_content_not_the_name)
{
	fresh();
	const char sh[] = "#!/bin/sh\nrm -rf /\n";
	refused_type(sh, sizeof(sh) - 1, "text/x-shellscript");
	/* a DOS/Windows executable's header, named .pdf */
	const char exe[] = "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0";
	refused_type(exe, sizeof(exe) - 1, "application/octet-stream");
	const char html[] = "<!DOCTYPE html><html><script>x()</script>";
	refused_type(html, sizeof(html) - 1, "text/html");
}

static void accepted(const char *head, size_t n, const char *mime)
{
	struct docstore_info info;
	struct mc_err err = {0};
	CHECK_INT(put_path(sample("y.bin", head, n, n), &info, &err), MC_OK);
	CHECK_STR(info.type, mime);
}

TEST(images_are_accepted)
{
	fresh();
	const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08"
			   "\x02\0\0\0\x90wS\xde";
	accepted(png, sizeof(png) - 1, "image/png");
	const char jpg[] = "\xff\xd8\xff\xe0\0\x10JFIF\0\1\1\0\0\1\0\1\0\0";
	accepted(jpg, sizeof(jpg) - 1, "image/jpeg");
	const char tif[] = "II*\0\x08\0\0\0\0\0";
	accepted(tif, sizeof(tif) - 1, "image/tiff");
}

TEST(check_finds_a_changed_byte)
{
	fresh();
	struct docstore_info info;
	CHECK_INT(put_path(PDF("a.pdf", 3000), &info, NULL), MC_OK);
	char obj[256];
	snprintf(obj, sizeof(obj), "%s/%.2s/%s", dir, info.sha256,
		 info.sha256 + 2);
	int fd = open(obj, O_WRONLY);
	CHECK(pwrite(fd, "Z", 1, 1000) == 1);
	close(fd);
	int64_t size;
	struct mc_err err = {0};
	CHECK_INT(docstore_read(ds, info.sha256, -1, &size, &err),
		  MC_ERR_STATE);
	CHECK(strstr(err.message, info.sha256) == err.message);
}

static enum mc_code collect(const char *sha256, void *ctx, struct mc_err *err)
{
	(void)err;
	char(*seen)[65] = ctx;
	for (int i = 0; i < 4; i++)
		if (!seen[i][0]) {
			snprintf(seen[i], 65, "%s", sha256);
			break;
		}
	return MC_OK;
}

TEST(list_and_remove)
{
	fresh();
	struct docstore_info a, b;
	CHECK_INT(put_path(PDF("a.pdf", 100), &a, NULL), MC_OK);
	CHECK_INT(put_path(PDF("b.pdf", 101), &b, NULL), MC_OK);
	char stray[160]; /* a put that died half way */
	snprintf(stray, sizeof(stray), "%s/.tmp-abcdef", dir);
	fclose(fopen(stray, "w"));
	char seen[4][65] = {{0}};
	CHECK_INT(docstore_list(ds, collect, seen, NULL), MC_OK);
	CHECK(seen[0][0] && seen[1][0] && !seen[2][0]);
	CHECK((!strcmp(seen[0], a.sha256) && !strcmp(seen[1], b.sha256)) ||
	      (!strcmp(seen[0], b.sha256) && !strcmp(seen[1], a.sha256)));
	struct mc_err err = {0};
	CHECK_INT(docstore_remove(ds, a.sha256, &err), MC_OK);
	CHECK(!docstore_exists(ds, a.sha256));
	int fd;
	CHECK_INT(docstore_open(ds, a.sha256, &fd, &err), MC_ERR_NOT_FOUND);
	CHECK_INT(docstore_remove(ds, a.sha256, &err), MC_ERR_NOT_FOUND);
}

TEST(a_bad_hash_is_refused)
{
	fresh();
	struct mc_err err = {0};
	CHECK_INT(docstore_hash_check("abc", "SHA256", &err), MC_ERR_INPUT);
	CHECK_STR(err.field, "SHA256");
	char upper[65];
	memset(upper, 'A', 64);
	upper[64] = '\0';
	CHECK_INT(docstore_hash_check(upper, "SHA256", NULL), MC_ERR_INPUT);
	int fd;
	CHECK_INT(docstore_open(ds, "../../etc/passwd", &fd, NULL),
		  MC_ERR_INPUT);
	CHECK_INT(docstore_open_local("/nonexistent/motcua", false, &ds, &err),
		  MC_ERR_NOT_FOUND);
}

TEST_MAIN_WITH(setup, teardown, T(put_then_get_gives_the_same_bytes),
	       T(the_same_content_is_kept_once),
	       T(a_file_over_the_limit_leaves_nothing),
	       T(a_stream_over_the_limit_leaves_nothing),
	       T(the_type_comes_from_the_content_not_the_name),
	       T(images_are_accepted), T(check_finds_a_changed_byte),
	       T(list_and_remove), T(a_bad_hash_is_refused))
