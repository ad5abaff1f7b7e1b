/*
 * quality_json.h - the data-quality list (app/quality.h) as JSON and as
 * CSV, the writers `motcua quality` and GET /api/v1/quality share.
 */
#ifndef MC_IO_QUALITY_JSON_H
#define MC_IO_QUALITY_JSON_H

#include "core/quality.h"
#include "core/str.h"

/* {"from","to","unit","unit_name","dossiers","by_kind":{key:n},
 *  "items":[{"code","unit","unit_name","kind","label","nhan",
 *  "fields":{name:value}}]}; from and to null for all time. */
void quality_json_write(const struct quality_list *l, struct strbuf *sb);
/* One line per dossier and anomaly under a header line, in the dialect
 * of io/csv.h: code, unit, kind (its key), the Vietnamese and the
 * English label, fields as "NAME=VALUE; NAME=VALUE". */
void quality_csv_write(const struct quality_list *l, struct strbuf *sb);

#endif
