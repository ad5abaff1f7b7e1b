/*
 * search.h - the staff's search of dossiers: by the unit subtree that
 * handles them, a status, and whether they are overdue.
 */
#ifndef MC_CORE_SEARCH_H
#define MC_CORE_SEARCH_H

#include <stdint.h>

/* Dossiers handled by a unit in the subtree of unit_root, optionally of
 * one status (0: any) and optionally only those overdue (report_overdue:
 * open, not waiting for a supplement, due before overdue_at =
 * report_overdue_cut(now); MC_NO_TIME: no such filter), in due-time
 * order. */
struct dossier_query {
	const char *unit_root;
	int status;
	int64_t overdue_at;
};

#endif
