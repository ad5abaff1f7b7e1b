/*
 * statement.h - reading a bank statement exported as CSV, as the banks'
 * and the treasury's portals and Excel write them: UTF-8 with or without
 * a byte-order mark, ';', ',' or TAB between fields, RFC 4180 quotes, a
 * few lines of preamble (account, period) before the header, totals and
 * balances after; dates as dd/mm/yyyy or yyyy-mm-dd, with a time or not;
 * amounts with '.' or ',' between thousands ("1.182.276", "1,182,276"),
 * a zero decimal part allowed ("150.000,00"), "VND" or "đ" after.
 *
 * The columns are found by their titles (Vietnamese with or without
 * accents, or English): date (Ngày, Ngày giao dịch, Date), amount (Số
 * tiền, Amount) or separate credit and debit (Ghi có / Ghi nợ, Credit /
 * Debit), description (Nội dung, Diễn giải, Mô tả, Description) and the
 * bank's reference when there is one (Số tham chiếu, Mã giao dịch, Số bút
 * toán, Reference). A file without a header is read as date, amount,
 * description. docs/internals/vietqr.md.
 */
#ifndef MC_IO_STATEMENT_H
#define MC_IO_STATEMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/statement.h"

/* Read the n bytes of text into s. All or nothing: a line whose date or
 * amount cannot be read is refused (MC_ERR_INPUT) naming "line N: date"
 * or "line N: amount" and the text; a file with no line at all, or larger
 * than STATEMENT_MAX_BYTES (MC_ERR_TOO_LARGE), likewise. A line whose
 * date cell is empty (a total, a balance) or whose amount is a debit is
 * skipped and counted. */
enum mc_code statement_parse(const char *text, size_t n, struct statement *s,
			     struct mc_err *err);

/* An amount as a bank writes it, into whole dong (negative for a debit
 * written with '-' or in parentheses); MC_ERR_INPUT naming field when it
 * is not one, or has a decimal part that is not zero. */
enum mc_code statement_amount(const char *s, int64_t *out, const char *field,
			      struct mc_err *err);
/* A date: dd/mm/yyyy, dd-mm-yyyy, yyyy-mm-dd, each with a time after or
 * not; MC_ERR_INPUT naming field. */
enum mc_code statement_date(const char *s, int64_t *day, const char *field,
			    struct mc_err *err);

#endif
