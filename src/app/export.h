/*
 * export.h - write stored dossiers as JSON Lines in the national portal's
 * format, the same format import_dossiers reads, so an export imports
 * back to the same dossiers; and the procedures likewise.
 */
#ifndef MC_APP_EXPORT_H
#define MC_APP_EXPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/app.h"
#include "core/error.h"

/* Dossiers whose submission (or reception) local day lies in
 * [from_day, to_day] (MC_NO_TIME leaves a side open), one per line, in the
 * store's order. *count (may be NULL) gets the number written. */
enum mc_code export_dossiers(struct app *app, int64_t from_day, int64_t to_day,
			     FILE *out, size_t *count, struct mc_err *err);

/* The procedure catalogue as import_procedures reads it, each line with
 * the service index's fields of that procedure when stored: "units" and
 * "levels" that offer it, its "publication" dates. */
enum mc_code export_procedures(struct app *app, FILE *out, size_t *count,
			       struct mc_err *err);

#endif
