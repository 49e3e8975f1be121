# Entry points for people and CI. The real build is CMake (CMakePresets.json).
#   make demo   install what is missing, build release, create var/onderdak.db, serve :8080
#   make test   install what is missing, build debug (GCC) + asan (clang -O1), run the whole suite in both
#               (the browser and deployment tests only in asan),
#               then a short libFuzzer run of each fuzz target (tests/fuzz, 15 s each)
#   make fuzz   the libFuzzer targets for FUZZ_SECONDS each (default 300)
#   make mutate the curated mutants of tests/mutation/mutants.tsv against the fast tests;
#               writes tests/mutation/report.md (fails below 90 % killed)
.PHONY: all deps build test test-debug test-asan test-fuzz fuzz demo bench mutate format tidy clean

JOBS ?= $(shell nproc)
DEMO_DB ?= sqlite:var/onderdak.db
DEMO_PORT ?= 8080
FUZZ_SECONDS ?= 300

all: build

deps:
	scripts/install-deps

build: deps
	cmake --preset debug
	cmake --build --preset debug -j $(JOBS)

# The tests labelled `system` (a real browser, the nginx + TLS deployment) drive the built
# program from outside; `make test` runs them once, in the sanitizer build, where they also
# check the server's memory (ADR 0030). `ctest --preset debug` alone runs them too.
test-debug: deps
	cmake --preset debug
	cmake --build --preset debug -j $(JOBS)
	ctest --preset debug -j $(JOBS) $(if $(filter test,$(MAKECMDGOALS)),-LE system)

test-asan: deps
	cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)

# The committed corpora also run in test-debug and test-asan (CTest fuzz.*); this adds a
# short search for new inputs with libFuzzer (clang).
test-fuzz: deps
	scripts/fuzz 15

test: test-debug test-asan test-fuzz

fuzz: deps
	scripts/fuzz $(FUZZ_SECONDS)

release: deps
	cmake --preset release
	cmake --build --preset release -j $(JOBS)

demo: release
	build/release/bin/onderdak --db $(DEMO_DB) demo --port $(DEMO_PORT)

bench: release
	bench/run-all

mutate: deps
	scripts/mutate

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

tidy:
	cmake --preset debug
	git ls-files 'src/*.cc' | xargs clang-tidy -p build/debug --quiet

clean:
	rm -rf build
