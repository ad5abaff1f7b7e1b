/*
 * procedure.h - the procedure catalogue (thủ tục hành chính): legal time
 * limit, online level, fees, and online-only windows during which direct
 * and postal filings are refused.
 */
#ifndef MC_CORE_PROCEDURE_H
#define MC_CORE_PROCEDURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/error.h"

enum online_level { ONLINE_NONE = 0, ONLINE_PARTIAL = 1, ONLINE_FULL = 2 };

struct procedure_fee {
	char *code;
	char *name;
	int64_t amount;        /* whole dong, filed at a counter or by post */
	int64_t online_amount; /* filed online: at most amount */
};

/* When a dossier's fees must be paid: the lifecycle holds the dossier at
 * that step until they are (docs/internals/payments.md). */
enum fee_due {
	FEE_DUE_NONE = 0,       /* the procedure holds no step for them */
	FEE_DUE_PROCESSING = 1, /* before processing starts */
	FEE_DUE_RESULT = 2      /* before the result is returned */
};

/* A component of the dossier the procedure asks for (thành phần hồ
 * sơ): whether it is required, whether the original (bản chính) or a
 * copy (bản sao) is presented, how many, and the blank form to fill in
 * when there is one (its SHA-256 in the document store). */
struct procedure_component {
	char *code, *name;
	bool required;
	bool original;
	int copies;        /* 0-99 */
	char *form_sha256; /* NULL: no blank form */
};
#define PROCEDURE_MAX_COMPONENTS 20

struct date_window {
	int64_t from, to; /* civil days, inclusive */
};

struct procedure {
	char *code; /* national code, e.g. 1.010708 */
	char *name;
	char *field_code, *field_name;
	int limit_value;
	enum limit_unit limit_unit;
	enum online_level online_level;
	bool paper_result;
	enum fee_due fee_due;
	struct procedure_fee *fees;
	size_t n_fees, cap_fees;
	struct procedure_component *components;
	size_t n_components, cap_components;
	struct date_window *online_only;
	size_t n_online_only, cap_online_only;
};

/* Which units offer a procedure: a unit code, or a level (1-3) meaning
 * every unit of that level. */
struct procedure_offer {
	const char *unit_code; /* NULL when by level */
	int level;             /* 0 when by unit */
};

/* When a procedure's decision was signed, took effect, was publicized
 * (civil days; effective and publicized MC_NO_TIME when unknown). */
struct procedure_publication {
	const char *procedure_code;
	int64_t decided, effective, publicized;
};

void procedure_init(struct procedure *p);
void procedure_release(struct procedure *p);

const char *online_level_name(enum online_level l);
enum mc_code online_level_parse(const char *s, enum online_level *out,
				const char *field, struct mc_err *err);
const char *limit_unit_name(enum limit_unit u);
enum mc_code limit_unit_parse(const char *s, enum limit_unit *out,
			      const char *field, struct mc_err *err);

enum mc_code procedure_check(const struct procedure *p, struct mc_err *err);
/* True when civil day `day` lies in an online-only window. */
bool procedure_online_only_on(const struct procedure *p, int64_t day);
int64_t procedure_fee_total(const struct procedure *p);
/* What a fee line charges a filing of channel online or not. */
int64_t procedure_fee_charged(const struct procedure_fee *f, bool online);
/* "none", "processing", "result"; and back (MC_ERR_INPUT naming field). */
const char *fee_due_name(enum fee_due d);
enum mc_code fee_due_parse(const char *s, enum fee_due *out, const char *field,
			   struct mc_err *err);
/* The component of p with that code, or NULL. */
const struct procedure_component *
procedure_component_find(const struct procedure *p, const char *code);

#endif
