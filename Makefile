# SPDX-License-Identifier: GPL-2.0
#
#   make                 the module (for the running kernel, or KDIR=...) and the tools
#   make tools           the tools only: user/execmon, user/execmonctl
#   make module KDIR=/lib/modules/<ver>/build
#   make check           host tests and the guest suite (tests/run)
#   make demo            build, boot a guest with the module, show live events
#   make bench           exec cost with and without the module, as ratios
#   make bench-peers     execmon against auditd, bpftrace, execsnoop and sysdig, as ratios
#   make dkms-install    the module's source to /usr/src, built by DKMS for every kernel here
#   make dkms-remove     and back out
#   make deb             Debian packages: execmon-dkms and execmon, into deb/
#   make W=1 / C=2       the kernel's extra warnings / sparse, for the module

KDIR ?= /lib/modules/$(shell uname -r)/build
CC ?= cc
CFLAGS ?= -O2 -g
EM_CFLAGS := -std=gnu11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -D_GNU_SOURCE -Iinclude/uapi -Icommon $(CFLAGS)
LDFLAGS ?=

TOOLS := user/execmon user/execmonctl
COMMON_SRC := common/emrec.c common/emredact.c
USER_HDR := $(wildcard user/*.h common/*.h) include/uapi/linux/execmon.h

all: module tools

module:
	$(MAKE) -C kmod KDIR=$(KDIR)

tools: $(TOOLS)

user/execmon: user/execmon.c user/emdev.c user/json.c user/tracee.c user/output.c \
		user/container.c user/reorder.c $(COMMON_SRC) $(USER_HDR)
	$(CC) $(EM_CFLAGS) -o $@ $(filter %.c,$^) $(LDFLAGS) -lurcu -lurcu-cds -lurcu-common -lpthread

user/execmonctl: user/execmonctl.c user/emdev.c user/policy.c user/json.c $(COMMON_SRC) $(USER_HDR)
	$(CC) $(EM_CFLAGS) -o $@ $(filter %.c,$^) $(LDFLAGS)

check:
	tests/run

demo:
	tests/demo

bench:
	tests/bench

bench-peers:
	tests/bench-peers

clean:
	$(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -f $(TOOLS)
	rm -rf tests/build

# DKMS from a checkout: the module source into /usr/src/execmon-VERSION,
# then built and installed for every kernel with headers here (or KVERS="...")
VERSION := $(shell cat VERSION)
DKMS_SRC := /usr/src/execmon-$(VERSION)
KVERS ?= $(notdir $(patsubst %/build,%,$(wildcard /lib/modules/*/build)))

# The module's sources, the one list of them, into DEST (which must not
# exist yet), without what a build left next to them: DKMS, the packages
# and the tests copy them from here.
MODULE_SRC := kmod common include VERSION dkms.conf
module-src:
	@test -n "$(DEST)" || { echo "usage: make module-src DEST=DIR" >&2; exit 2; }
	mkdir -p $(DEST)
	cp -r $(MODULE_SRC) $(DEST)/
	find $(DEST) \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name config.h -o -name modules.order \
		-o -name Module.symvers \) -delete

dkms-install:
	@command -v dkms >/dev/null || { echo "dkms is not installed (apt-get install dkms)" >&2; exit 1; }
	rm -rf $(DKMS_SRC)
	$(MAKE) -s module-src DEST=$(DKMS_SRC)
	dkms add -m execmon -v $(VERSION)
	for k in $(KVERS); do \
		dkms build -m execmon -v $(VERSION) -k $$k && dkms install -m execmon -v $(VERSION) -k $$k || exit 1; \
	done

dkms-remove:
	-dkms remove -m execmon -v $(VERSION) --all
	rm -rf $(DKMS_SRC)

# the Debian packages (execmon-dkms, execmon) into deb/
deb: tools
	pkg/mkdeb deb

.PHONY: all module tools check demo bench bench-peers clean module-src dkms-install dkms-remove deb
