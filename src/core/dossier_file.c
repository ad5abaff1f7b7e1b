/*
 * dossier_file.c - the roles of a dossier's files (dossier_file.h).
 */
#include "core/dossier_file.h"

#include <stdlib.h>
#include <string.h>

static const char *const role_keys[] = {
	[FILE_COMPONENT] = "component",
	[FILE_RESULT] = "result",
	[FILE_SUPPLEMENT] = "supplement",
	[FILE_SIGNATURE] = "signature",
};

const char *file_role_key(enum file_role r)
{
	return r >= FILE_COMPONENT && r <= FILE_SIGNATURE ? role_keys[r] : NULL;
}

enum file_role file_role_by_key(const char *key)
{
	for (int r = FILE_COMPONENT; key && r <= FILE_SIGNATURE; r++)
		if (strcmp(key, role_keys[r]) == 0)
			return (enum file_role)r;
	return 0;
}

void dossier_file_release(struct dossier_file *f)
{
	free(f->dossier_code);
	free(f->component);
	free(f->name);
	free(f->type);
	free(f->added_by);
	memset(f, 0, sizeof(*f));
}
