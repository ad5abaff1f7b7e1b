/*
 * reconcile_json.h - a reconciled statement as JSON, the same for the
 * command line and the cashier's page: {"lines":[...],"counts":{...}}.
 */
#ifndef MC_IO_RECONCILE_JSON_H
#define MC_IO_RECONCILE_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "core/statement.h"
#include "core/str.h"

/* One line's object: line, date, amount, verdict, name (Vietnamese),
 * code (null when none), payment, owed, description (invalid UTF-8 as
 * U+FFFD); with the comma before it unless first. */
void reconcile_json_line(struct strbuf *sb, const struct reconcile_line *l,
			 bool first);
/* "counts":{verdict: n, ...} and "skipped": n, as members. */
void reconcile_json_counts(struct strbuf *sb,
			   const size_t counts[RECONCILE__COUNT],
			   size_t skipped);

#endif
