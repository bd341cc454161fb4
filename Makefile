## tierstat - targets:
##   all (default)  build ./tierstat            test   deps + unit + end-to-end, also sanitized
##   demo           deps + analyze fixtures/thesis/metrics into a scratch folder
##   deps           install missing Debian packages (root; quick when all present)
##   golden-update  rewrite the golden images under tests/golden (review the diff!)
##   bench          benchmarks under tests/bench
##   fuzz           libFuzzer targets (clang), FUZZ_SECONDS=60 each
##   lint           fails on a banned function, a file or function over budget
##   install        PREFIX=/usr/local DESTDIR=          uninstall   clean   help
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DESTDIR ?=
DEMO_OUT ?= /tmp/tierstat-demo

PKGS     = cairo cairo-png cairo-pdf cairo-svg pangocairo jansson sqlite3 libpng zlib gsl nettle
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition -Wformat=2 \
           -Wwrite-strings -Wvla -Wundef
CPPFLAGS += -D_XOPEN_SOURCE=700 -Isrc -Ibuild/gen
CFLAGS  ?= -O2 -g
ifeq ($(WERROR),1)
WARN    += -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(WARN) $(CFLAGS) $(PKG_CFLAGS) -pthread
LIBS       = $(PKG_LIBS) -lcsv -lm -pthread
SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_DEFS = -DTS_TEST_BUILD -DTS_READ_CHUNK=7 -DTS_RECORD_MAX=4096 -DTS_RT_SEGMENT=64

# Debian packages: to build, and (TEST_DEBS) to run the tests.
BUILD_DEBS = gcc make pkg-config libcsv-dev libsqlite3-dev libcairo2-dev \
             libpango1.0-dev libjansson-dev libpng-dev zlib1g-dev libgsl-dev nettle-dev fonts-dejavu-core
TEST_DEBS  = libcmocka-dev poppler-utils python3 python3-scipy sqlite3 locales man-db groff-base \
             texlive-latex-recommended texlive-luatex fonts-nanum

LIB_SRC   = $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
TEMPLATES = $(sort $(wildcard templates/*.sql templates/usage/*.txt))
GEN       = build/gen/templates.c
REL_OBJ   = $(LIB_SRC:src/%.c=build/rel/%.o) build/rel/gen_templates.o
SAN_OBJ   = $(LIB_SRC:src/%.c=build/san/%.o) build/san/gen_templates.o
UNIT_SRC  = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=build/san/tests/%)
FUZZ_TARGETS = csvread fastpath field json
REPLAY_BIN   = $(FUZZ_TARGETS:%=build/fuzz/replay_%)

.PHONY: all demo deps test test-run unit e2e golden-update bench install uninstall clean help lint fuzz
.SUFFIXES:

# Man pages: templates/man/*.in with the version of src/ts.h (the one
# source) and a reproducible date: SOURCE_DATE_EPOCH, else the last
# commit's, else a fixed one.
MAN_OUT  = build/man/tierstat.1 build/man/tierstat-metrics.5
VERSION  = $(shell sed -n 's/^\#define TS_VERSION "\(.*\)"/\1/p' src/ts.h)
MAN_DATE = $(shell if [ -n "$$SOURCE_DATE_EPOCH" ]; then date -u -d "@$$SOURCE_DATE_EPOCH" +%Y-%m-%d; \
             else git log -1 --format=%cs 2>/dev/null | grep . || echo 2026-01-01; fi)
all: tierstat $(MAN_OUT)

build/man/%: templates/man/%.in src/ts.h
	@mkdir -p $(@D)
	sed -e 's/@VERSION@/$(VERSION)/g' -e 's/@DATE@/$(MAN_DATE)/g' $< > $@.tmp && mv $@.tmp $@

tierstat: build/rel/main.o build/rel/libtierstat.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

build/san/tierstat: build/san/main.o build/san/libtierstat.a
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LIBS)

build/rel/libtierstat.a: $(REL_OBJ)
	rm -f $@ && $(AR) rcs $@ $^
build/san/libtierstat.a: $(SAN_OBJ)
	rm -f $@ && $(AR) rcs $@ $^

build/rel/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
build/san/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SAN_DEFS) $(ALL_CFLAGS) $(SAN) -MMD -MP -c $< -o $@
build/rel/gen_templates.o: $(GEN)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@
build/san/gen_templates.o: $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(SAN) -c $< -o $@

# Every template becomes a C string named ts_tpl_<path with _ for / and .>
# (curl's mkhelp idea, with sed: xxd is optional on Debian).
$(GEN): $(TEMPLATES) Makefile
	@mkdir -p build/gen build/rel
	@{ echo '/* generated from templates/ by the Makefile: do not edit */'; \
	  echo '#pragma GCC diagnostic ignored "-Woverlength-strings"'; \
	  for f in $(TEMPLATES); do \
	    n=$$(echo "$${f#templates/}" | sed 's/[^A-Za-z0-9]/_/g'); \
	    echo "extern const char ts_tpl_$$n[];"; \
	    echo "const char ts_tpl_$$n[] ="; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' "$$f"; \
	    echo ';'; \
	  done; } > $@.tmp && mv $@.tmp $@

build/san/tests/%: tests/unit/%.c tests/unit/testutil.c tests/unit/testutil.h tests/fuzz/fastdiff.h build/san/libtierstat.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SAN_DEFS) -Itests/unit $(ALL_CFLAGS) $(SAN) -o $@ $< tests/unit/testutil.c \
	  build/san/libtierstat.a $(LIBS) -lcmocka

-include $(wildcard build/rel/*.d build/san/*.d)

# What stats.h computes, printed for tests/ref/check_stats.py (scipy).
build/san/statsdrv: tests/ref/statsdrv.c build/san/libtierstat.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SAN_DEFS) $(ALL_CFLAGS) $(SAN) -o $@ $< build/san/libtierstat.a $(LIBS)

deps:
	@missing=""; for p in $(BUILD_DEBS) $(if $(filter test,$(MAKECMDGOALS))$(DEPS_TEST),$(TEST_DEBS)); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "tierstat: run as root, or install:$$missing" >&2; exit 2; fi; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null || exit 2; \
	fi

demo: deps
	@$(MAKE) --no-print-directory tierstat
	@rm -rf $(DEMO_OUT) && mkdir -p $(DEMO_OUT)
	./tierstat analyze fixtures/thesis/metrics -o $(DEMO_OUT)
	@echo "demo outputs are in $(DEMO_OUT)"

test: deps
	@$(MAKE) --no-print-directory test-run

# Unit tests run in the sanitized build; tests/ref/stats-check.sh checks
# the interval statistics against scipy; tests/check-severities.py checks
# every message's severity in src/ against its words (and itself on
# snippets); the end-to-end tests run both the release and the sanitized
# binary; tests/run-tex.sh compiles the LaTeX tables with pdflatex; then
# the lint self-test and make lint itself (one test). The last line sums
# every test.
test-run: tierstat $(MAN_OUT) build/san/tierstat $(UNIT_BIN) build/san/statsdrv build/inject/faultio.so $(REPLAY_BIN)
	@rm -f build/test-counts; rc=0; \
	export LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0; \
	export TS_COUNTS=$(CURDIR)/build/test-counts; \
	sh tests/run-unit.sh $(UNIT_BIN) || rc=1; \
	sh tests/ref/stats-check.sh build/san/statsdrv || rc=1; \
	python3 tests/check-severities.py --self-test --quiet || rc=1; \
	python3 tests/check-severities.py --quiet || rc=1; \
	sh tests/run-e2e.sh ./tierstat build/san/tierstat || rc=1; \
	sh tests/run-cuts.sh ./tierstat build/san/tierstat || rc=1; \
	sh tests/run-fuzz-replay.sh $(REPLAY_BIN) || rc=1; \
	sh tests/lint-selftest.sh || rc=1; \
	sh tests/run-docs.sh || rc=1; \
	sh tests/run-tex.sh ./tierstat || rc=1; \
	if sh tests/lint.sh $(LINT_SRC); then echo "lint: passed"; echo "1 0" >> $$TS_COUNTS; \
	else echo "lint: FAILED (make lint)"; echo "0 1" >> $$TS_COUNTS; rc=1; fi; \
	awk '{ p += $$1; f += $$2 } END { printf "tests: %d passed, %d failed\n", p, f }' build/test-counts; \
	exit $$rc

golden-update: tierstat build/san/tests/test_grouped
	sh tests/golden-update.sh ./tierstat build/san/tests/test_grouped

# Benchmarks: a data generator, the libcsv floor, a wait4() timer (tests/bench).
BENCH_BIN = build/bench/gen build/bench/csvfloor build/bench/rusage
build/bench/%: tests/bench/%.c
	@mkdir -p $(@D)
	$(CC) -D_XOPEN_SOURCE=700 $(WARN) $(CFLAGS) -o $@ $(filter %.c,$^) -lcsv -lm
build/bench/gen: tests/bench/pyrepr.c tests/bench/pyrepr.h

bench: tierstat $(BENCH_BIN)
	@if [ -x tests/bench/run.sh ]; then tests/bench/run.sh; else echo "no benchmarks yet"; fi

# Fault injection for the e2e tests and fuzzing (tests/inject, tests/fuzz).
build/inject/faultio.so: tests/inject/faultio.c
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -fPIC -shared -o $@ $< -ldl

FUZZ_SECONDS ?= 60
FUZZ_CC    ?= clang
FUZZ_SAN    = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_OBJ    = $(LIB_SRC:src/%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen_templates.o
build/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(SAN_DEFS) $(ALL_CFLAGS) $(FUZZ_SAN) -MMD -MP -c $< -o $@
build/fuzz/obj/gen_templates.o: $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(ALL_CFLAGS) $(FUZZ_SAN) -c $< -o $@
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_util.h tests/fuzz/fastdiff.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) $(SAN_DEFS) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJ) $(LIBS)
# The same targets as plain sanitized programs over files, for make test.
build/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c tests/fuzz/fuzz_util.h tests/fuzz/fastdiff.h build/san/libtierstat.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SAN_DEFS) $(ALL_CFLAGS) $(SAN) -o $@ $< tests/fuzz/replay_main.c build/san/libtierstat.a $(LIBS)
-include $(wildcard build/fuzz/obj/*.d)

# make fuzz [FUZZ_SECONDS=60]: each target in turn; a crash is kept in
# tests/fuzz/crashes/<target>/ (commit it: make test replays it).
fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
	@for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/corpus/$$t tests/fuzz/crashes/$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/crashes/$$t/ build/fuzz/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# make lint (tests/lint.sh, README.md): no banned function, no file over its
# line budget (800), no function over 80 lines, in src/*.c and src/*.h.
# Other budgets, one `file:lines  # reason` a line:
define LINT_BUDGETS
endef
# Functions allowed over 80 lines, one `file:function  # reason` a line:
define LINT_LONG_FUNCS
endef
export LINT_BUDGETS LINT_LONG_FUNCS
LINT_SRC = $(sort $(wildcard src/*.c src/*.h))
lint:
	@sh tests/lint.sh $(LINT_SRC)

# Exactly these files (tests/run-docs.sh checks the list).
MANDIR      ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
install: tierstat $(MAN_OUT)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 tierstat $(DESTDIR)$(BINDIR)/tierstat
	install -m 644 build/man/tierstat.1 $(DESTDIR)$(MANDIR)/man1/tierstat.1
	install -m 644 build/man/tierstat-metrics.5 $(DESTDIR)$(MANDIR)/man5/tierstat-metrics.5
	install -m 644 templates/completion/tierstat.bash $(DESTDIR)$(BASHCOMPDIR)/tierstat
	install -m 644 templates/completion/_tierstat $(DESTDIR)$(ZSHCOMPDIR)/_tierstat
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/tierstat $(DESTDIR)$(MANDIR)/man1/tierstat.1 \
	  $(DESTDIR)$(MANDIR)/man5/tierstat-metrics.5 $(DESTDIR)$(BASHCOMPDIR)/tierstat \
	  $(DESTDIR)$(ZSHCOMPDIR)/_tierstat

clean:
	rm -rf build tierstat

help:
	@grep '^##' Makefile | sed 's/^## \{0,1\}//'
