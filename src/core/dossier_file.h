/*
 * dossier_file.h - a file a dossier refers to: one of its components, a
 * result, or a component brought in a supplement round. The bytes are in
 * the document store under sha256 (docs/internals/docstore.md); this is
 * the row that says whose they are.
 */
#ifndef MC_CORE_DOSSIER_FILE_H
#define MC_CORE_DOSSIER_FILE_H

#include <stdint.h>

#include "core/error.h"

enum file_role {
	FILE_COMPONENT = 1, /* a component of the filing (thành phần hồ sơ) */
	FILE_RESULT = 2,     /* a result the unit issued */
	FILE_SUPPLEMENT = 3, /* a component brought to complete a round */
	FILE_SIGNATURE = 4,  /* a result's detached CMS signature (.p7s),
				made by the system when it issues the result */
};

/* "component", "result", "supplement", "signature"; NULL for another
 * value. */
const char *file_role_key(enum file_role r);
/* The role named by key; 0 when key names none. */
enum file_role file_role_by_key(const char *key);

struct dossier_file {
	int64_t id; /* the reference's row id; 0 until stored */
	char *dossier_code;
	enum file_role role;
	char *component; /* the procedure's component code; NULL: none */
	char sha256[65]; /* lowercase hex */
	char *name;      /* as the person named it, cleaned */
	char *type;      /* MIME type decided from the content */
	int64_t size;    /* bytes */
	char *added_by;  /* the actor's name */
	int64_t added_at;
};

void dossier_file_release(struct dossier_file *f);

/* One opening of a dossier's file by staff, as the log keeps it. */
struct file_opening {
	int64_t at;
	const char *actor, *actor_role, *actor_unit;
	const struct dossier_file *file; /* when listed */
};

#endif
