# VADKit: `make setup` installs system packages and builds; `make test` runs the tests.
# LIBTORCH=/path/to/libtorch builds the engine's shim against another libtorch (a CUDA build, say).

SHELL := /bin/bash
SWIFT ?= swift
RELEASE_FLAGS := -c release --static-swift-stdlib
BIN := .build/release
SHIM := build/lib/libvadtorch.so
SYSTEM_PACKAGES := libpng-dev libjpeg-dev libtiff-dev zlib1g-dev ffmpeg time curl unzip python3 python3-numpy python3-torch python3-sklearn python3-pil
ifeq ($(LIBTORCH),)
SYSTEM_PACKAGES += libtorch-dev
endif
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup deps shim build test bench clean demo results

setup: deps build

# Installs only what is missing, so a second `make setup` does not touch apt.
deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

shim: $(SHIM)

# Rebuilt when the shim's sources change or LIBTORCH points somewhere else.
$(SHIM): Sources/CTorch/vadtorch.cpp Sources/CTorch/vadtorch.h scripts/build-shim.sh build/libtorch.path
	scripts/build-shim.sh

build/libtorch.path: FORCE
	@mkdir -p build
	@echo "$(LIBTORCH)" | cmp -s - $@ || echo "$(LIBTORCH)" > $@

build: $(SHIM)
	$(SWIFT) build $(RELEASE_FLAGS)

# The release programs too: a test packs and runs them as the GPU route ships them.
test: build
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: build
	bench/run

# Paper experiments (one pipelines/NAME.mk each, over pipelines/common.mk and the dataset's
# pipelines/datasets/*.mk), `make demo`, `make results` and `make fetch-*` (data/fetch.mk).
# Recipes run under bash with pipefail, so a failing stage in a pipe fails the target.
.SHELLFLAGS := -o pipefail -c
# A recipe that fails removes its target: a pipe whose first stage died can still leave the last one
# a complete-looking file (scores of the clips reconstructed before the failure).
.DELETE_ON_ERROR:
include pipelines/common.mk
include $(sort $(wildcard pipelines/datasets/*.mk))
include $(sort $(filter-out pipelines/common.mk,$(wildcard pipelines/*.mk)))
$(foreach name,$(UCSD_EXPERIMENTS),$(eval $(call ucsd_experiment,$(name))))
$(settle_named_experiments)
include data/fetch.mk

results:
	@python3 pipelines/results.py $(RESULTS)

clean:
	rm -rf .build build

.PHONY: FORCE
FORCE:
