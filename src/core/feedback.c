/*
 * feedback.c - releasing a stored feedback item (feedback.h).
 */
#include "core/feedback.h"

#include <stdlib.h>
#include <string.h>

void feedback_row_release(struct feedback_row *f)
{
	free(f->id);
	free(f->unit_code);
	free(f->dossier_code);
	free(f->outcome);
	free(f->body);
	free(f->answer);
	memset(f, 0, sizeof(*f));
}
