/*
 * index_rules_data.c - data/index-rules.json built into the binary, the
 * same way as the holiday rules (see holiday_rules_data.c): .incbin at
 * build time, a NUL after the bytes, the length from the end label.
 */
__asm__(".section .rodata\n"
	".global mc_index_rules_json\n"
	".type mc_index_rules_json, @object\n"
	".balign 16\n"
	"mc_index_rules_json:\n"
	".incbin \"data/index-rules.json\"\n"
	".global mc_index_rules_json_end\n"
	".type mc_index_rules_json_end, @object\n"
	"mc_index_rules_json_end:\n"
	".byte 0\n"
	".previous\n");
