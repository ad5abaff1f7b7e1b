/*
 * user.c - releasing a staff account (user.h).
 */
#include "core/user.h"

#include <stdlib.h>
#include <string.h>

void user_release(struct user *u)
{
	free(u->username);
	free(u->password_hash);
	free(u->role);
	free(u->unit_code);
	memset(u, 0, sizeof(*u));
}
