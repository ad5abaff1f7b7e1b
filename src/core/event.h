/*
 * event.h - one step of a dossier's append-only event log: when, who (and
 * in which role and unit), the status before and after, the action and
 * its note. Form 06 (the control slip) and `motcua dossier show` read it.
 */
#ifndef MC_CORE_EVENT_H
#define MC_CORE_EVENT_H

#include <stdint.h>

struct dossier_event {
	char *dossier_code;
	int64_t at;
	char *actor;
	char *unit_code;
	int old_status, new_status; /* 0 for none */
	char *action;
	char *note;
	char *actor_role; /* as app/actor.h names it; NULL on older steps */
	char *actor_unit; /* staff: the unit whose subtree they act on */
};

/* A reader's callback over events; non-zero stops the walk. */
typedef int (*dossier_event_fn)(const struct dossier_event *ev, void *ctx);

#endif
