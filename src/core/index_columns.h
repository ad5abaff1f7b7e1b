/*
 * index_columns.h - the one definition of the service index's columns:
 * for each its key (the JSON member, and the name the rules document
 * and the targets use for an indicator or a group), its Vietnamese and
 * English titles, the part of a row it is (rank, score, a group's
 * points, an indicator) and, where a reader needs it, how it is
 * counted. The writers in io (text, CSV, JSON, xlsx), the API's column
 * list (GET /api/v1/forms/index), the OpenAPI schema IndexRow and the
 * dashboard's index view all walk this table, so a column added here
 * appears everywhere at once.
 */
#ifndef MC_CORE_INDEX_COLUMNS_H
#define MC_CORE_INDEX_COLUMNS_H

#include "core/index.h"

enum index_col_part {
	INDEX_COL_RANK,      /* rank among the rows shown; none: not ranked */
	INDEX_COL_SCORE,     /* total points in hundredths, of 100 */
	INDEX_COL_GROUP,     /* a group's points in hundredths, of its weight */
	INDEX_COL_INDICATOR, /* numerator, denominator, rate and target */
};

struct index_column {
	const char *key, *title_vi, *title_en;
	enum index_col_part part;
	int item; /* the enum index_group or index_indicator of its part */
	const char *def_vi, *def_en; /* how it is counted; NULL: plain */
};

/* The table's order: rank, score, the groups in the order of enum
 * index_group, the indicators in the order of enum index_indicator. */
#define INDEX_COL_FIRST_GROUP 2
#define INDEX_COL_FIRST_INDICATOR (INDEX_COL_FIRST_GROUP + GRP__COUNT)
#define INDEX_N_COLUMNS (INDEX_COL_FIRST_INDICATOR + IND__COUNT)
extern const struct index_column index_columns[INDEX_N_COLUMNS];

static inline const struct index_column *index_group_column(enum index_group g)
{
	return &index_columns[INDEX_COL_FIRST_GROUP + g];
}

static inline const struct index_column *
index_indicator_column(enum index_indicator i)
{
	return &index_columns[INDEX_COL_FIRST_INDICATOR + i];
}

/* "rank", "score", "group", "indicator". */
const char *index_col_part_name(enum index_col_part p);
/* The kind of value: "rank" (an integer), "points" (hundredths of a
 * point), "rate" (hundredths of a percent, with its ratio and target). */
const char *index_col_type_name(enum index_col_part p);

#endif
