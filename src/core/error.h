/*
 * error.h - the one result code of the code base, and the error record
 * that carries a human message and the offending field back to the edge.
 *
 * Every fallible function returns enum mc_code and, when it fails, fills
 * the caller's struct mc_err (which may be NULL when nobody will explain
 * the failure to a person).
 */
#ifndef MC_CORE_ERROR_H
#define MC_CORE_ERROR_H

enum mc_code {
	MC_OK = 0,
	MC_ERR_INPUT,     /* malformed value: bad date, bad ID, bad JSON */
	MC_ERR_NOT_FOUND, /* unknown unit, procedure, dossier */
	MC_ERR_STATE,     /* operation not allowed in the current state */
	MC_ERR_RULE,      /* a rule forbids it: online-only window, ... */
	MC_ERR_CONFLICT,  /* duplicate key, code reuse */
	MC_ERR_TOO_LARGE, /* input over a size limit */
	MC_ERR_FORBIDDEN, /* the actor may not do this (role or unit) */
	MC_ERR_NOMEM,
	MC_ERR_IO,
	MC_ERR_DB,
	MC_ERR_BUSY, /* the database is locked by another writer: try again */
	MC_ERR_INTERNAL
};

struct mc_err {
	enum mc_code code;
	/* a stable key of the reason (a string constant, "citizen_id",
	 * "required", ...) that the pages translate; NULL: the code says
	 * it all */
	const char *reason;
	char field[64];    /* the input field at fault, "" when none */
	char message[320]; /* for a person; names the reason */
};

/* Fill err (when not NULL) and return code, so callers can write
 * `return mc_fail(err, MC_ERR_INPUT, "due", "must be after %s", x);`. */
enum mc_code mc_fail(struct mc_err *err, enum mc_code code, const char *field,
		     const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* The same with a reason key (see struct mc_err). */
enum mc_code mc_fail_as(struct mc_err *err, enum mc_code code,
			const char *field, const char *reason, const char *fmt,
			...) __attribute__((format(printf, 5, 6)));

void mc_err_clear(struct mc_err *err);

/* Prefix the field with a path, e.g. "TaiLieuNop[2]." + "DuocSoHoa". */
void mc_err_prefix_field(struct mc_err *err, const char *prefix);

const char *mc_code_name(enum mc_code code);

/* Exit status for the CLI: 2 for the caller's fault, 1 for ours. */
int mc_code_exit_status(enum mc_code code);

/* Our own broken invariant: print and abort. */
#define MC_BUG(...) mc_bug(__FILE__, __LINE__, __VA_ARGS__)
_Noreturn void mc_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
