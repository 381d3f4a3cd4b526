# The two commands a newcomer needs:  make run   and   make test
BUILD_RELEASE := build/release
BUILD_TEST    := build/asan
JOBS          ?= $(shell nproc)
CMAKE_COMMON  := -G Ninja -DCMAKE_CXX_COMPILER=g++

.PHONY: run test test-cluster build build-test deps bench clean format

deps:
	@scripts/install-deps

$(BUILD_RELEASE)/build.ninja:
	cmake -S . -B $(BUILD_RELEASE) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_TESTS=OFF

$(BUILD_TEST)/build.ninja:
	cmake -S . -B $(BUILD_TEST) $(CMAKE_COMMON) -DCMAKE_BUILD_TYPE=Debug -DHEARTH_SANITIZE=ON

build: deps $(BUILD_RELEASE)/build.ninja
	cmake --build $(BUILD_RELEASE) -j $(JOBS)

build-test: deps $(BUILD_TEST)/build.ninja
	cmake --build $(BUILD_TEST) -j $(JOBS)

# Builds, migrates ./hearth-data/hearth.db (adding the demo community on first run) and serves.
run: build
	$(BUILD_RELEASE)/hearth seed demo --data ./hearth-data --if-empty
	$(BUILD_RELEASE)/hearth serve --listen 127.0.0.1:8080 --data ./hearth-data

# Unit, integration (against the ASan+UBSan build), durability and browser tests.
test: build-test
	cd $(BUILD_TEST) && ctest --output-on-failure -j $(JOBS)

# deploy/'s layout on loopback: PostgreSQL primary + streaming replica, two nodes (the
# ASan+UBSan build), haproxy; live updates across nodes, a node SIGKILLed while posting.
test-cluster: build-test
	@scripts/install-deps --cluster
	HEARTH_BIN=$(BUILD_TEST)/hearth python3 tests/cluster/run_cluster_test.py

bench: build
	@scripts/install-deps --bench
	bench/run.sh

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')

clean:
	rm -rf build
