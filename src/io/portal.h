/*
 * portal.h - one dossier as the national public-service portal's
 * synchronization payload: a JSON object with the portal's field names
 * (MaHoSo, NgayHenTra, TaiLieuNop, ...), values as strings and times as
 * yyyyMMddHHmmss in Vietnam local time. See docs/internals/import.md.
 *
 * Parsing is lenient where the real portal is (numbers as JSON numbers,
 * empty strings for absent fields) and strict where data would be wrong;
 * fields we do not know are kept in dossier.extra and written back.
 */
#ifndef MC_IO_PORTAL_H
#define MC_IO_PORTAL_H

#include <stddef.h>

#include "core/dossier.h"
#include "core/error.h"
#include "core/str.h"

/* A line longer than this is refused with MC_ERR_TOO_LARGE. */
#define PORTAL_MAX_LINE ((size_t)1 << 20)

/* Parse one JSON object (no trailing newline needed) into out, which must
 * have been dossier_init'ed; whatever it held is released first, so one
 * struct can be reused line after line. On failure out holds a partial
 * dossier the caller releases, and err names the field, e.g.
 * "TaiLieuNop[2].DuocSoHoa". Only the format is checked here; the rules
 * that tie fields together are dossier_check's, and so is the presence of
 * MaHoSo, which a new filing leaves to the system. */
enum mc_code portal_dossier_parse(const char *line, size_t len,
				  struct dossier *out, struct mc_err *err);

/* Append d as one JSON line without the newline. Absent optional fields
 * are left out; parse(write(d)) gives d back. d->extra, when set, must be
 * a JSON object text holding only fields this module does not know. */
void portal_dossier_write(const struct dossier *d, struct strbuf *out);

#endif
