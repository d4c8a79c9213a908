# Yichuang (一窗) - one plain GNU Makefile.
#
#   make            build build/yichuang and the UI (web/dist)
#   make run        install what is missing, build, serve with demo data on http://127.0.0.1:8080
#   make test       every test: unit, end-to-end on SQLite and PostgreSQL, browser; under ASan+UBSan
#   make bench      benchmarks with an optimised build (see bench/README.md)
#   make lint       clang-tidy and cppcheck
#   make fmt        clang-format the C sources
#   make fuzz       libFuzzer on every parser (FUZZ_SECONDS each)
#
# SANITIZE=address,undefined builds into build/san with the sanitizers.

SHELL := /bin/bash
CC ?= cc
PKGS := libmicrohttpd sqlite3 libpq jansson libsodium cairo pangocairo libqrencode xlsxwriter libzip expat
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
        -Wvla -Wpointer-arith -Wundef -Wnull-dereference -Wimplicit-fallthrough
CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -Isrc -Ibuild/gen-include $(WARN) -DYC_VERSION=\"$(VERSION)\"

ifdef SANITIZE
BUILD ?= build/san
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=$(SANITIZE) -fno-sanitize-recover=all
else ifdef BENCH
BUILD ?= build/bench
OPT := -O2 -DNDEBUG -g
else
BUILD ?= build
OPT := -O2 -g -fstack-protector-strong -D_FORTIFY_SOURCE=2
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS := $(CFLAGS_BASE) $(OPT) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS := $(PKG_LIBS) -lpthread -lm

SRC := $(sort $(wildcard src/base/*.c src/domain/*.c src/store/*.c src/svc/*.c src/http/*.c src/cli/*.c))
LIB_SRC := $(filter-out src/cli/main.c,$(SRC))
OBJ := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/embedded.o
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
DATA := data/cn-holidays.csv data/annex2-matters-by-department.csv data/annex3-window-plan.csv \
        data/annex4-enterprise-services.csv data/reform-steps.csv data/reform-targets.csv \
        data/demo-hall-staff.csv data/demo-hall-posts.csv data/demo-hall-letters.csv \
        data/demo-departments.csv data/demo-matters.csv
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
WEB_SRC := $(shell find web/src web/index.html web/vite.config.js web/package.json -type f 2>/dev/null)

.PHONY: all deps test-deps run test unit e2e e2e-sqlite e2e-pg ui bench lint fmt clean web fuzz

all: $(BUILD)/yichuang web

deps:
	@scripts/deps.sh build

test-deps:
	@scripts/deps.sh test

$(BUILD)/gen/embedded.c: scripts/embed.sh $(MIGRATIONS) $(DATA)
	@mkdir -p $(@D)
	scripts/embed.sh $@ $(MIGRATIONS) -- $(DATA)

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libyc.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/yichuang: $(BUILD)/obj/cli/main.o $(BUILD)/libyc.a
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libyc.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-missing-prototypes $< $(BUILD)/libyc.a -o $@ $(LDLIBS) $$(pkg-config --libs cmocka)

-include $(OBJ:.o=.d) $(BUILD)/obj/cli/main.d

# The UI: installed from the registry with the committed lock file, built by Vite.
web: web/dist/index.html

web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC)
	cd web && npm run build --silent

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/yichuang serve --demo

# ---- tests ----
# `make test` runs everything under ASan+UBSan: unit tests, the end-to-end suite against SQLite and
# against a PostgreSQL 15 server it starts itself, and the browser test.
test: test-deps
	@$(MAKE) --no-print-directory SANITIZE=address,undefined check
	@$(MAKE) --no-print-directory SANITIZE=address,undefined ui

check: unit e2e

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

tests/node_modules/.package-lock.json: tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund --loglevel=error

e2e: $(BUILD)/yichuang web tests/node_modules/.package-lock.json
	YC_BIN=$(BUILD)/yichuang node --test --test-concurrency=1 tests/e2e/
	YC_BIN=$(BUILD)/yichuang tests/pg.sh node --test --test-concurrency=1 tests/e2e/

ui: $(BUILD)/yichuang web tests/node_modules/.package-lock.json
	YC_BIN=$(BUILD)/yichuang node --test --test-concurrency=1 tests/ui/

bench: test-deps
	@$(MAKE) --no-print-directory BENCH=1 build/bench/yichuang web
	bench/run.sh build/bench/yichuang

# Fuzzers (libFuzzer, clang): every parser of outside input. FUZZ_SECONDS each (default 60).
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_LIB_SRC := $(filter src/base/% src/domain/%,$(LIB_SRC))
fuzz:
	@command -v clang >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || \
	  (apt-get update -q && apt-get install -y -q --no-install-recommends clang libclang-rt-dev || apt-get install -y -q --no-install-recommends clang libclang-rt-14-dev)
	@mkdir -p build/fuzz
	@set -e; for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  clang -std=c17 -D_GNU_SOURCE -Isrc -g -O1 -fsanitize=fuzzer,address,undefined $$f $(FUZZ_LIB_SRC) \
	    $$(pkg-config --cflags --libs jansson libsodium) -o build/fuzz/$$n; \
	  mkdir -p build/fuzz/$$n.corpus; cp -n tests/fuzz/seeds/* build/fuzz/$$n.corpus/ 2>/dev/null || true; \
	  echo "== $$n"; build/fuzz/$$n -max_total_time=$${FUZZ_SECONDS:-60} -max_len=4096 build/fuzz/$$n.corpus 2>&1 | tail -2; done

lint: $(BUILD)/gen/embedded.c
	clang-tidy --quiet $(LIB_SRC) src/cli/main.c -- $(CFLAGS_BASE) $(PKG_CFLAGS)
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
	  --inline-suppr --suppress=missingIncludeSystem -Isrc $(LIB_SRC) src/cli/main.c

fmt:
	clang-format -i $(SRC) $(wildcard src/*/*.h) $(UNIT_SRC)

clean:
	rm -rf build web/dist
