# SPDX-License-Identifier: GPL-2.0
#
#   make                 the module (for the running kernel, or KDIR=...) and the tools
#   make tools           the tools only: user/execmon, user/execmonctl
#   make module KDIR=/lib/modules/<ver>/build
#   make check           host tests and the guest suite (tests/run)
#   make demo            build, boot a guest with the module, show live events
#   make bench           exec cost with and without the module, as ratios
#   make W=1 / C=2       the kernel's extra warnings / sparse, for the module

KDIR ?= /lib/modules/$(shell uname -r)/build
CC ?= cc
CFLAGS ?= -O2 -g
EM_CFLAGS := -std=gnu11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wno-unused-parameter -D_GNU_SOURCE -Iinclude/uapi -Icommon $(CFLAGS)
LDFLAGS ?=

TOOLS := user/execmon user/execmonctl
COMMON_SRC := common/emrec.c
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

clean:
	$(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -f $(TOOLS)
	rm -rf tests/build

.PHONY: all module tools check demo bench clean
