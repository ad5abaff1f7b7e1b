/*
 * summary.h - a period's results as the short Vietnamese release a
 * province publishes, and the same as JSON: the one writer that both
 * `motcua summary` and the server's /reports/summary use. Every number
 * is taken from the summary's reports (app/summary.h); numbers are
 * written the Vietnamese way (1.978/1.997, 99,05%).
 */
#ifndef MC_IO_SUMMARY_H
#define MC_IO_SUMMARY_H

#include "core/str.h"
#include "core/summary.h"

/* The release, one paragraph a line, each line ending in "\n". */
void summary_text_write(const struct summary *s, struct strbuf *sb);
/* {"period","title","lines":[...],"report":{...},"levels":{...}}, the
 * reports exactly as `motcua report --format json` writes them (by unit
 * with its figures, and by level). */
void summary_json_write(const struct summary *s, struct strbuf *sb);
/* 1978 as "1.978"; a rate in hundredths of a percent (9905) as "99,05%",
 * "-" when undefined. buf holds at least 32 bytes. */
const char *summary_vi_int(int64_t v, char *buf);
const char *summary_vi_rate(int64_t rate, char *buf);

#endif
