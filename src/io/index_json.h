/*
 * index_json.h - the service index table as JSON, the one writer that
 * `motcua index --format json` and published snapshots use:
 * {"from","to","rules","rows":[{"key","name","level","indicators":{NAME:
 * {"numerator","denominator","rate","target","met"}},"groups":{NAME:
 * {"score","max"}},"score","rank","ranked"}],"total":{...}}. Rates and
 * targets are percentages and scores are points, both with two decimals;
 * an undefined rate, a missing target or an unknown "met" is null.
 */
#ifndef MC_IO_INDEX_JSON_H
#define MC_IO_INDEX_JSON_H

#include "core/index_table.h"
#include "core/str.h"

void index_json_write(const struct index_table *t, struct strbuf *sb);

#endif
