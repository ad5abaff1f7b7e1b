/*
 * user.h - a staff account as the domain knows it: its name, the hash of
 * its password, its role and the unit whose subtree it acts on.
 */
#ifndef MC_CORE_USER_H
#define MC_CORE_USER_H

#include <stdbool.h>
#include <stdint.h>

/* role is "admin", "leader", "officer" or "clerk" and its scope is the
 * subtree of unit_code. id is the account's number, given by the store
 * when the account is added; sessions refer to it. */
struct user {
	int64_t id;
	char *username, *password_hash, *role, *unit_code;
	bool active;
	int64_t created_at;
};
void user_release(struct user *u);

#endif
