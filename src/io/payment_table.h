/*
 * payment_table.h - the payments report (core/payment_figures.h) as text,
 * CSV, JSON and an Excel workbook: per line the number of payments and
 * the amount, online and at the counter, fees and financial
 * obligations, the shares paid online and without cash; the total last.
 */
#ifndef MC_IO_PAYMENT_TABLE_H
#define MC_IO_PAYMENT_TABLE_H

#include "core/error.h"
#include "core/payment_figures.h"
#include "core/str.h"

void pay_table_text(const struct pay_table *t, struct strbuf *sb);
/* UTF-8 with a byte-order mark, ';' between fields, CRLF (Excel in
 * Vietnamese). */
void pay_table_csv(const struct pay_table *t, struct strbuf *sb);
void pay_table_json(const struct pay_table *t, struct strbuf *sb);
enum mc_code pay_table_xlsx(const struct pay_table *t, const char *path,
			    struct mc_err *err);

#endif
