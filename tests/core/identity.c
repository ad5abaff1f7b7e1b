/*
 * identity.c - citizen ID checks.
 */
#include "test.h"

#include "core/identity.h"

TEST(valid_ids)
{
	CHECK_INT(citizen_id_check("001090012345", "id", NULL), MC_OK);
	CHECK_INT(citizen_id_check("079305000001", "id", NULL), MC_OK);
	CHECK_INT(citizen_id_birth_year("079305000001"), 2005);
	CHECK_INT(citizen_id_birth_year("001190012345"), 1990);
}

TEST(malformed_ids)
{
	struct mc_err err;
	const char *bad[] = {"",
			     "00109001234",
			     "0010900123456",
			     "00109001234x",
			     "000090012345",
			     "003090012345",
			     "001590012345",
			     "097090012345"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		mc_err_clear(&err);
		CHECK_INT(citizen_id_check(bad[i], "SoGiayToChuHoSo", &err),
			  MC_ERR_INPUT);
		CHECK_STR(err.field, "SoGiayToChuHoSo");
	}
	CHECK_INT(citizen_id_check(NULL, "id", NULL), MC_ERR_INPUT);
}

TEST_MAIN(T(valid_ids), T(malformed_ids))
