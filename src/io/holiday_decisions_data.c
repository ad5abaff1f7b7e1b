/*
 * holiday_decisions_data.c - data/holiday-decisions.json built into the binary.
 *
 * The assembler's .incbin copies the file at build time (the path is
 * relative to the repository root, where the compiler runs), so the
 * Government's decisions cannot go missing from a deployment and there is one
 * source of truth for them. A NUL follows the bytes; the length comes
 * from the end label.
 */
__asm__(".section .rodata\n"
	".global mc_holiday_decisions_json\n"
	".type mc_holiday_decisions_json, @object\n"
	".balign 16\n"
	"mc_holiday_decisions_json:\n"
	".incbin \"data/holiday-decisions.json\"\n"
	".global mc_holiday_decisions_json_end\n"
	".type mc_holiday_decisions_json_end, @object\n"
	"mc_holiday_decisions_json_end:\n"
	".byte 0\n"
	".previous\n");
