/*
 * export.c - stored dossiers out as portal JSON Lines (see export.h).
 * One strbuf is reused for every line; stdio does the buffering.
 */
#include "app/export.h"

#include <errno.h>
#include <string.h>

#include "core/str.h"
#include "io/portal.h"

struct exporter {
	FILE *out;
	struct strbuf line;
	size_t count;
	bool failed; /* a write failed; errno tells why */
};

static int write_one(const struct dossier *d, void *ctx)
{
	struct exporter *ex = ctx;
	strbuf_reset(&ex->line);
	portal_dossier_write(d, &ex->line);
	strbuf_add(&ex->line, "\n", 1);
	if (ex->line.oom ||
	    fwrite(ex->line.buf, 1, ex->line.len, ex->out) != ex->line.len) {
		ex->failed = true;
		return 1; /* stop the walk */
	}
	ex->count++;
	return 0;
}

enum mc_code export_dossiers(struct store *st, int64_t from_day, int64_t to_day,
			     FILE *out, size_t *count, struct mc_err *err)
{
	struct exporter ex = {.out = out};
	strbuf_init(&ex.line);
	errno = 0;
	enum mc_code rc =
		store_dossier_each(st, from_day, to_day, write_one, &ex, err);
	if (!rc && ex.line.oom)
		rc = mc_fail(err, MC_ERR_NOMEM, "", "out of memory");
	else if (!rc && (ex.failed || fflush(out) != 0 || ferror(out)))
		rc = mc_fail(err, MC_ERR_IO, "", "writing the export: %s",
			     errno ? strerror(errno) : "write failed");
	if (count)
		*count = ex.count;
	strbuf_release(&ex.line);
	return rc;
}
