/*
 * backup.h - a consistent copy of the database and of every file its
 * dossiers refer to, taken while a server may be writing
 * (docs/internals/docstore.md, "Backup"). Restoring is opening the copy.
 */
#ifndef MC_APP_BACKUP_H
#define MC_APP_BACKUP_H

#include <stdint.h>

#include "app/app.h"

#define APP_BACKUP_MANIFEST "MANIFEST"

struct backup_result {
	long dossiers, files;
	int64_t database_bytes, file_bytes;
};

/* Copy app's database to DIR/name (the store's online backup, as of one
 * moment), then every file the copy's dossiers refer to from app's
 * document store into DIR/name.files, each checked against its hash
 * after copying, and write DIR/MANIFEST. DIR must not exist or be
 * empty: MC_ERR_CONFLICT naming "out" otherwise. A file whose bytes no
 * longer match its hash, or that is missing, refuses the backup naming
 * the hash, and DIR is left empty. */
enum mc_code app_backup(struct app *app, const char *dir, const char *name,
			struct backup_result *out, struct mc_err *err);

#endif
