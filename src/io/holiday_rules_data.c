/*
 * holiday_rules_data.c - data/holiday-rules.json built into the binary.
 *
 * The assembler's .incbin copies the file at build time (the path is
 * relative to the repository root, where the compiler runs), so the
 * default rules cannot go missing from a deployment and there is one
 * source of truth for them. A NUL follows the bytes; the length comes
 * from the end label.
 */
__asm__(".section .rodata\n"
	".global mc_holiday_rules_json\n"
	".type mc_holiday_rules_json, @object\n"
	".balign 16\n"
	"mc_holiday_rules_json:\n"
	".incbin \"data/holiday-rules.json\"\n"
	".global mc_holiday_rules_json_end\n"
	".type mc_holiday_rules_json_end, @object\n"
	"mc_holiday_rules_json_end:\n"
	".byte 0\n"
	".previous\n");
