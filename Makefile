# motcua - build, run and test. See README.md.

CC      ?= cc
MODE    ?= release
BUILD   := build/$(MODE)
DB      ?= motcua.db

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
CFLAGS_release := -O2 -g
CFLAGS_asan    := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS_asan   := -fsanitize=address,undefined
# pango and cairo draw the printed forms (src/io/pdf_*.c); pkg-config
# is installed by scripts/deps.sh, before the sub-make that builds
PC_CFLAGS := $(shell pkg-config --cflags pangocairo 2>/dev/null)
PC_LIBS   := $(shell pkg-config --libs pangocairo 2>/dev/null)
CFLAGS  := -std=c11 -D_DEFAULT_SOURCE $(WARN) $(CFLAGS_$(MODE)) -Isrc -Itests -MMD -MP
LDFLAGS := $(LDFLAGS_$(MODE))
LDLIBS  := -lmicrohttpd -lqrencode -lxlsxwriter -lsqlite3 -ljansson -lutf8proc -lsodium -lmagic -lcrypto $(PC_LIBS) -lm -lpthread

LIB_SRC  := $(sort $(wildcard src/core/*.c src/aggregates/*.c src/docstore/*.c src/pki/*.c src/store/*.c src/io/*.c src/app/*.c src/http/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
# tests/fuzz/*_fuzz.c are tests too: built this way they run their seeds
TEST_SRC := $(sort $(filter-out tests/soak/%,$(wildcard tests/*/*.c)))
DEMO_SRC := $(sort $(wildcard src/demo/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
DEMO_OBJ := $(DEMO_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:%.c=$(BUILD)/%)
LIB      := $(BUILD)/libmotcua.a
DEMO_LIB := $(BUILD)/libmotcua-demo.a
BIN      := $(BUILD)/motcua

.PHONY: all deps build run test unit layers browser bench profile fuzz soak clean format

all: build

deps:
	@sh scripts/deps.sh

build: $(BIN)

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The demo generator is its own archive: only cli/demo.o refers to it,
# so the linker takes its members for `motcua demo` and libmotcua.a
# holds none of it (docs/internals/architecture.md).
$(DEMO_LIB): $(DEMO_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(DEMO_LIB) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
	@ln -sf $(MODE)/motcua build/motcua-$(MODE)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

TEST_LIB := $(BUILD)/tests/test.o $(BUILD)/tests/fixture.o

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

# A test that calls the demo takes members of $(DEMO_LIB); the others none.
$(BUILD)/tests/%: $(BUILD)/tests/%.o $(TEST_LIB) $(DEMO_LIB) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# tests/app/alloc.c fails the library's allocations one by one: its
# calls to these go to the test's counting wrappers (and to a clock that
# stands still, so that two runs store the same rows)
ALLOC_WRAP := malloc calloc realloc strdup strndup time
$(BUILD)/tests/app/alloc: LDFLAGS += $(ALLOC_WRAP:%=-Wl,--wrap=%)

# only the form writers and the QR image see pango's and cairo's headers
$(BUILD)/src/io/pdf_%.o: CFLAGS += $(PC_CFLAGS)
$(BUILD)/src/io/qr_png.o: CFLAGS += $(PC_CFLAGS)

# the holiday rules and decisions are built into the binary with .incbin
$(BUILD)/src/io/holiday_rules_data.o: data/holiday-rules.json
$(BUILD)/src/io/holiday_decisions_data.o: data/holiday-decisions.json
$(BUILD)/src/io/index_rules_data.o: data/index-rules.json

unit: $(TEST_BIN) $(BIN)

# The main job: build, make the demo province if there is none, add the
# demonstration accounts (password "demo") and serve the API and the pages.
run: deps
	@$(MAKE) --no-print-directory build
	@test -f $(DB) || $(BIN) demo --db $(DB)
	@echo "motcua: open http://127.0.0.1:8080/ (Ctrl-C stops the server)"
	@$(BIN) serve --db $(DB) --listen 127.0.0.1:8080 --web web --demo-accounts

# Unit tests in the release build and again under ASan+UBSan, then the
# command-line tests and the browser tests (tests/browser/run.sh, which
# installs chromium, node and playwright-core itself); the last line is
# the total "N passed, N failed".
test: deps layers
	@$(MAKE) --no-print-directory MODE=release unit
	@$(MAKE) --no-print-directory MODE=asan unit
	@sh tests/run.sh build/release build/asan

# The include graph follows the layers (docs/internals/architecture.md),
# and every store call goes through the port (docs/internals/store.md).
layers:
	@sh scripts/check-layers.sh
	@sh scripts/check-port.sh

# The browser tests alone; screenshots in build/screenshots/.
browser: deps
	@$(MAKE) --no-print-directory MODE=release build
	@sh tests/browser/run.sh build/release/motcua

BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(wildcard bench/*.c))

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# The benchmark (bench/run.sh, docs/internals/bench.md): motcua against
# plain SQL on SQLite, PostgreSQL 15 and DuckDB; BENCH_SIZE=10000000 for
# the large dataset.
bench:
	@sh scripts/deps.sh time postgresql $$(command -v node >/dev/null || echo nodejs) \
		$$(command -v npm >/dev/null || echo npm)
	@$(MAKE) --no-print-directory build $(BENCH_BIN)
	@sh bench/run.sh

# Instruction counts of one report under callgrind: repeatable between
# commits without timing noise.
profile:
	@sh scripts/deps.sh valgrind
	@$(MAKE) --no-print-directory build
	@test -f $(DB) || $(BIN) demo --db $(DB)
	valgrind --tool=callgrind --callgrind-out-file=build/callgrind.out \
		$(BIN) report --db $(DB) --format json >/dev/null
	@callgrind_annotate build/callgrind.out | head -n 30

# The server under a flood on loopback (tests/soak/soak.c), bounded by
# SOAK_SECONDS (default 20): online filings from 16 addresses, 200
# half-sent requests, trickled requests, and the counter receiving.
SOAK_SECONDS ?= 20
$(BUILD)/soak/soak: $(BUILD)/tests/soak/soak.o $(BUILD)/tests/fixture.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

soak: deps
	@$(MAKE) --no-print-directory $(BUILD)/soak/soak
	@SOAK_SECONDS=$(SOAK_SECONDS) $(BUILD)/soak/soak

# Fuzz every boundary with libFuzzer (clang), FUZZ_SECONDS each: the
# library is compiled once with the sanitizers, each target starts from
# its own seeds (the seed test writes them) plus data/.
FUZZ_SECONDS ?= 30
FUZZ_SRC   := $(wildcard tests/fuzz/*_fuzz.c)
FUZZ_BIN   := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_OBJ   := $(LIB_SRC:%.c=build/fuzz/%.o) build/fuzz/tests/fixture.o
FUZZ_FLAGS := -std=c11 -D_DEFAULT_SOURCE -DMC_LIBFUZZER -g -O1 -Isrc -Itests \
	-fsanitize=address,undefined

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

.SECONDARY: $(FUZZ_OBJ)
build/fuzz/src/io/pdf_%.o: FUZZ_FLAGS += $(PC_CFLAGS)
build/fuzz/src/io/qr_png.o: FUZZ_FLAGS += $(PC_CFLAGS)
build/fuzz/src/io/holiday_rules_data.o: data/holiday-rules.json
build/fuzz/src/io/holiday_decisions_data.o: data/holiday-decisions.json
build/fuzz/src/io/index_rules_data.o: data/index-rules.json

build/fuzz/%_fuzz: tests/fuzz/%_fuzz.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz: deps
	@command -v clang >/dev/null || sh scripts/deps.sh clang
	@$(MAKE) --no-print-directory MODE=release $(FUZZ_SRC:tests/%.c=build/release/tests/%)
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@for b in $(FUZZ_BIN); do \
		n=$$(basename $$b); \
		mkdir -p $$b.corpus; \
		build/release/tests/fuzz/$$n --write-seeds $$b.corpus || exit 1; \
		echo "fuzz: $$n"; \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		$$b -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
			-artifact_prefix=$$b- $$b.corpus data >$$b.log 2>&1; \
		rc=$$?; tail -n 3 $$b.log; \
		[ $$rc -eq 0 ] || { grep -B2 -A30 'ERROR\|fuzz:' $$b.log | head -60; exit 1; }; \
	done

format:
	clang-format -i $$(git ls-files 'src/*.[ch]' 'tests/*.[ch]' 'bench/*.c')

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(DEMO_OBJ:.o=.d) $(TEST_SRC:%.c=$(BUILD)/%.d) \
	$(TEST_LIB:.o=.d) $(BUILD)/tests/soak/soak.d
