/*
 * report_xlsx.h - form II.06a as an Excel workbook an official can open
 * and print: two-level Vietnamese headers as on the form, landscape A4,
 * one page wide, headers repeated on every page; a second sheet, "Chỉ
 * tiêu khác", with the online shares, postal uses and the units by
 * on-time rate.
 */
#ifndef MC_IO_REPORT_XLSX_H
#define MC_IO_REPORT_XLSX_H

#include "core/error.h"
#include "core/report_table.h"

enum mc_code report_xlsx_write(const struct report *rep, const char *path,
			       struct mc_err *err);

#endif
