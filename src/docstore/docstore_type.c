/*
 * docstore_type.c - the types the document store accepts, decided from
 * the content by libmagic (never from the file's name).
 */
#include <magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docstore/docstore_int.h"

/* The one table of accepted types. An office document is a ZIP archive
 * that libmagic recognises by its first members; ZIP itself is accepted
 * too, so a DOCX written by a tool libmagic does not know still goes in
 * as application/zip. */
const struct docstore_type docstore_types[] = {
	{"application/pdf", "PDF"},
	{"image/jpeg", "JPEG"},
	{"image/png", "PNG"},
	{"image/tiff", "TIFF"},
	{"application/vnd.openxmlformats-officedocument.wordprocessingml."
	 "document",
	 "DOCX"},
	{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	 "XLSX"},
	{"application/vnd.oasis.opendocument.text", "ODT"},
	{"application/zip", "ZIP"},
};
const int docstore_n_types =
	(int)(sizeof(docstore_types) / sizeof(docstore_types[0]));

struct docstore_magic {
	magic_t cookie;
};

const struct docstore_type *docstore_type_find(const char *mime)
{
	for (int i = 0; i < docstore_n_types; i++)
		if (strcmp(docstore_types[i].mime, mime) == 0)
			return &docstore_types[i];
	return NULL;
}

enum mc_code docstore_magic_open(struct docstore_magic **out,
				 struct mc_err *err)
{
	struct docstore_magic *m = calloc(1, sizeof(*m));
	if (!m)
		return mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	m->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	if (!m->cookie || magic_load(m->cookie, NULL) != 0) {
		enum mc_code rc =
			mc_fail(err, MC_ERR_INTERNAL, "",
				"cannot load the file-type database: %s",
				m->cookie && magic_error(m->cookie)
					? magic_error(m->cookie)
					: "libmagic");
		docstore_magic_close(m);
		return rc;
	}
	*out = m;
	return MC_OK;
}

void docstore_magic_close(struct docstore_magic *m)
{
	if (!m)
		return;
	if (m->cookie)
		magic_close(m->cookie);
	free(m);
}

enum mc_code docstore_magic_type(struct docstore_magic *m, int fd, char *out,
				 size_t cap, struct mc_err *err)
{
	off_t at = lseek(fd, 0, SEEK_CUR);
	if (at < 0 || lseek(fd, 0, SEEK_SET) < 0)
		return mc_fail(err, MC_ERR_IO, "", "cannot read back a file");
	const char *t = magic_descriptor(m->cookie, fd);
	enum mc_code rc = MC_OK;
	if (!t)
		rc = mc_fail(err, MC_ERR_INTERNAL, "",
			     "cannot decide a file's type: %s",
			     magic_error(m->cookie) ? magic_error(m->cookie)
						    : "libmagic");
	else
		snprintf(out, cap, "%s", t);
	if (lseek(fd, at, SEEK_SET) < 0 && !rc)
		rc = mc_fail(err, MC_ERR_IO, "", "cannot read back a file");
	return rc;
}
