/*
 * statement.c - a bank statement's lines and the verdicts of their
 * reconciliation (see statement.h).
 */
#include "core/statement.h"

#include <stdlib.h>
#include <string.h>

void statement_init(struct statement *s) { memset(s, 0, sizeof(*s)); }

void statement_release(struct statement *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->lines[i].description);
		free(s->lines[i].ref);
	}
	free(s->lines);
	statement_init(s);
}

static const char *const verdict_keys[RECONCILE__COUNT] = {
	"paid", "already", "partial", "over", "double", "no_order", "unmatched",
};
static const char *const verdict_names[RECONCILE__COUNT] = {
	"Đã ghi nhận thanh toán", "Đã đối soát trước đây",
	"Thanh toán thiếu",       "Thanh toán thừa",
	"Thanh toán trùng",       "Không có lệnh thu QR",
	"Không khớp hồ sơ",
};

const char *reconcile_verdict_key(enum reconcile_verdict v)
{
	return v < RECONCILE__COUNT ? verdict_keys[v] : NULL;
}

const char *reconcile_verdict_name(enum reconcile_verdict v)
{
	return v < RECONCILE__COUNT ? verdict_names[v] : NULL;
}
