/*
 * error.c - result codes and the error record (see error.h).
 */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum mc_code fail_v(struct mc_err *err, enum mc_code code,
			   const char *field, const char *reason,
			   const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->reason = reason;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	return code;
}

enum mc_code mc_fail(struct mc_err *err, enum mc_code code, const char *field,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, field, NULL, fmt, ap);
	va_end(ap);
	return code;
}

enum mc_code mc_fail_as(struct mc_err *err, enum mc_code code,
			const char *field, const char *reason, const char *fmt,
			...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(err, code, field, reason, fmt, ap);
	va_end(ap);
	return code;
}

void mc_err_clear(struct mc_err *err)
{
	if (!err)
		return;
	err->code = MC_OK;
	err->reason = NULL;
	err->field[0] = '\0';
	err->message[0] = '\0';
}

void mc_err_prefix_field(struct mc_err *err, const char *prefix)
{
	if (!err || !prefix || !*prefix)
		return;
	char buf[sizeof(err->field)];
	snprintf(buf, sizeof(buf), "%s%s", prefix, err->field);
	memcpy(err->field, buf, sizeof(buf));
}

const char *mc_code_name(enum mc_code code)
{
	switch (code) {
	case MC_OK: return "ok";
	case MC_ERR_INPUT: return "invalid_input";
	case MC_ERR_NOT_FOUND: return "not_found";
	case MC_ERR_STATE: return "wrong_state";
	case MC_ERR_RULE: return "rule_violation";
	case MC_ERR_CONFLICT: return "conflict";
	case MC_ERR_TOO_LARGE: return "too_large";
	case MC_ERR_FORBIDDEN: return "forbidden";
	case MC_ERR_NOMEM: return "out_of_memory";
	case MC_ERR_IO: return "io_error";
	case MC_ERR_DB: return "database_error";
	case MC_ERR_BUSY: return "busy";
	case MC_ERR_INTERNAL: return "internal_error";
	}
	return "unknown";
}

int mc_code_exit_status(enum mc_code code)
{
	switch (code) {
	case MC_OK: return 0;
	case MC_ERR_INPUT:
	case MC_ERR_NOT_FOUND:
	case MC_ERR_STATE:
	case MC_ERR_RULE:
	case MC_ERR_CONFLICT:
	case MC_ERR_TOO_LARGE:
	case MC_ERR_FORBIDDEN: return 2;
	default: return 1;
	}
}

_Noreturn void mc_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "BUG at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
