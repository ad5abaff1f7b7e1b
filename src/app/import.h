/*
 * import.h - load a JSON Lines file of units, procedures or dossiers
 * (national portal format) into the store, all or nothing: the whole file
 * goes in one transaction, and the first bad line rolls it back and is
 * reported by number, field and reason. See docs/internals/import.md.
 */
#ifndef MC_APP_IMPORT_H
#define MC_APP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/app.h"
#include "core/error.h"

struct import_stats {
	size_t lines;   /* lines read, blank ones included */
	size_t records; /* records stored */
	size_t created, updated;
	double seconds; /* wall time of the whole import */
	/* dossiers: the stored ones with anomalies, and how many of each
	 * kind (a dossier with two kinds counts in both) */
	size_t anomalous;
	size_t anomalies[ANOMALY__COUNT];
	size_t rejected; /* lines refused into import_options.rejects */
};

/* Units: a parent must come earlier in the file or be stored already;
 * a successor may come anywhere in the file (checked at the end). */
enum mc_code import_units(struct app *app, FILE *in, struct import_stats *stats,
			  struct mc_err *err);

enum mc_code import_procedures(struct app *app, FILE *in,
			       struct import_stats *stats, struct mc_err *err);

/* Dossiers: DonViXuLy must be a known unit and MaTTHC a known procedure;
 * each passes dossier_check; a known MaHoSo is updated. Each dossier gets
 * one "import" event with its previous status (0 when new). Anomalies
 * (dossier_anomalies) are stored as given and counted in stats. */
enum mc_code import_dossiers(struct app *app, FILE *in,
			     struct import_stats *stats, struct mc_err *err);

/* How a dossier file goes in. Each dossier records its origin: imported
 * from `source` (may be NULL) at the time the import started; a line
 * whose MaHoSo is a dossier numbered here is refused naming it. With
 * `rejects`, every valid line is
 * imported and each refused one is written there as one JSON line
 * {"line","field","reason","text"} (counted in stats->rejected); only a
 * failure of our own or the database's stops the import. Without it the
 * file is all or nothing. */
struct import_options {
	FILE *rejects;
	const char *source; /* the file's name, kept with each dossier */
};
enum mc_code import_dossiers_with(struct app *app, FILE *in,
				  const struct import_options *opt,
				  struct import_stats *stats,
				  struct mc_err *err);

/* Any other JSON Lines format, with the same guarantees (one
 * transaction, line numbers on errors, blank lines skipped): fn parses
 * and stores one line and tells whether it created a record (else it
 * updated one). */
typedef enum mc_code (*import_line_fn)(struct app *app, const char *line,
				       size_t len, void *ctx, bool *created,
				       struct mc_err *err);
enum mc_code import_lines(struct app *app, FILE *in, import_line_fn fn,
			  void *ctx, struct import_stats *stats,
			  struct mc_err *err);

#endif
