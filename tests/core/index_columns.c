/*
 * tests/core/index_columns.c - the index's column table is whole: every
 * group and indicator of core/index.h has its column, at its place, with
 * a key and both titles, keys unique within a part, and the names the
 * rules document uses read back to the same indicator or group.
 */
#include "core/index_columns.h"

#include "test.h"

TEST(every_column_is_filled_in_at_its_place)
{
	for (size_t k = 0; k < INDEX_N_COLUMNS; k++) {
		const struct index_column *c = &index_columns[k];
		if (!c->key || !c->title_vi || !c->title_en)
			fprintf(stderr, "column %zu is not filled in\n", k);
		CHECK(c->key && *c->key && c->title_vi && *c->title_vi &&
		      c->title_en && *c->title_en);
		CHECK(!c->def_vi == !c->def_en);
		enum index_col_part want = k == 0   ? INDEX_COL_RANK
					   : k == 1 ? INDEX_COL_SCORE
					   : k < INDEX_COL_FIRST_INDICATOR
						   ? INDEX_COL_GROUP
						   : INDEX_COL_INDICATOR;
		CHECK_INT(c->part, want);
	}
	for (int g = 0; g < GRP__COUNT; g++) {
		CHECK_INT(index_group_column((enum index_group)g)->item, g);
		CHECK_INT(index_group_parse(
				  index_group_name((enum index_group)g)),
			  g);
	}
	for (int i = 0; i < IND__COUNT; i++) {
		const struct index_column *c =
			index_indicator_column((enum index_indicator)i);
		CHECK_INT(c->item, i);
		CHECK_INT(index_indicator_parse(c->key), i);
	}
}

TEST(keys_are_unique_within_a_part)
{
	for (size_t a = 0; a < INDEX_N_COLUMNS; a++)
		for (size_t b = a + 1; b < INDEX_N_COLUMNS; b++)
			if (index_columns[a].part == index_columns[b].part &&
			    index_columns[a].key && index_columns[b].key)
				CHECK(strcmp(index_columns[a].key,
					     index_columns[b].key) != 0);
}

TEST_MAIN(T(every_column_is_filled_in_at_its_place),
	  T(keys_are_unique_within_a_part))
