/*
 * filename.h - cleaning the name a person gave a file before it is kept
 * or shown: no directory parts, no control characters, no characters
 * that reorder the text on screen. Pure functions, no I/O.
 */
#ifndef MC_CORE_FILENAME_H
#define MC_CORE_FILENAME_H

#include <stddef.h>

#include "core/error.h"

/* Longest cleaned name, in bytes of UTF-8 (what most file systems
 * allow for one name). */
#define FILENAME_MAX_BYTES 255

/* Clean `name` into out (cap bytes, at least FILENAME_MAX_BYTES + 1):
 * keep what follows the last '/' or '\\'; drop control characters
 * (U+0000-U+001F, U+007F-U+009F), bidirectional embedding, override,
 * isolate and mark characters (U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069) and invalid UTF-8 bytes; trim spaces and dots at both
 * ends (so ".." and "." leave nothing); cut at FILENAME_MAX_BYTES on a
 * character boundary. MC_ERR_INPUT naming `field` when nothing is left. */
enum mc_code filename_clean(const char *name, char *out, size_t cap,
			    const char *field, struct mc_err *err);

#endif
