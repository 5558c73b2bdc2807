# Shared by tests/run and tests/demo.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${EXECMON_BUILD:-$top/tests/build}	# EXECMON_BUILD: a second tree, for runs side by side

# the guest kernels: every Debian kernel image installed under /boot
# (EXECMON_KERNELS="ver ..." to choose), not the debug one (tests/kdebug)
guest_kernels() {
	if [ -n "${EXECMON_KERNELS:-}" ]; then
		# less the debug kernel: tests/run adds it, nothing else boots it
		for v in $EXECMON_KERNELS; do
			[ "$v" = debug ] || kdebug_is "$v" || echo "$v"
		done
		return
	fi
	for k in /boot/vmlinuz-*; do
		v=${k#/boot/vmlinuz-}
		[ -d "/lib/modules/$v/build" ] && echo "$v"
	done
}

# kdebug_is VER: VER is the debug guest kernel's release, which ends with
# tests/kdebug/debug.config's LOCALVERSION
kdebug_is() {
	case $1 in *-execmon-debug) return 0 ;; esac
	return 1
}

# the debug guest kernel (tests/kdebug/build), built once per machine:
# kdebug_start starts that in the background, below the guests that run
# beside it; kdebug_wait waits for it and sets kdebug_tree and kdebug_version
kdebug_start() {
	mkdir -p "$build"
	nice -n 10 "$top/tests/kdebug/build" > "$build/kdebug.tree" 2> "$build/kdebug.log" &
	kdebug_pid=$!
}
kdebug_wait() {
	wait "$kdebug_pid"
	kdebug_rc=$?
	sed 's/^/# /' "$build/kdebug.log"
	[ "$kdebug_rc" -eq 0 ] || return 1
	kdebug_tree=$(cat "$build/kdebug.tree")
	kdebug_version=$(make -s -C "$kdebug_tree" kernelrelease)
}

# where kernel VER's image and its build tree (for modules) are
kernel_image() {
	if kdebug_is "$1"; then
		echo "$kdebug_tree/arch/x86/boot/bzImage"
	else
		echo "/boot/vmlinuz-$1"
	fi
}
kernel_tree() {
	if kdebug_is "$1"; then
		echo "$kdebug_tree"
	else
		echo "/lib/modules/$1/build"
	fi
}

# build_for VER: the tools and the module for kernel VER, into $build/VER: a
# warning-free build (W=1, sparse), then the one DKMS makes, which the guest
# loads (the debug kernel's guest loads the first)
build_for() {
	v=$1
	mkdir -p "$build/$v"
	make -s -C "$top" tools >&2 || return 1
	rm -rf "$build/$v/src"
	# a private copy of the sources: kbuild writes its objects next to them
	make -s -C "$top" module-src DEST="$build/$v/src" >&2 || return 1
	make -s -C "$build/$v/src/kmod" KDIR="$(kernel_tree "$v")" W=1 C=1 >"$build/$v/kbuild.log" 2>&1 || {
		cat "$build/$v/kbuild.log" >&2
		return 1
	}
	if grep -q 'warning:' "$build/$v/kbuild.log"; then
		grep -B2 -A4 'warning:' "$build/$v/kbuild.log" >&2
		echo "execmon.ko for $v: the build has warnings" >&2
		return 1
	fi
	if kdebug_is "$v"; then
		# not installed on the host, so not DKMS's to build: the module above
		cp "$build/$v/src/kmod/execmon.ko" "$build/$v/execmon.ko"
	else
		dkms_build "$v" || return 1
	fi
}

# dkms_build VER: the module as DKMS builds it for VER (dkms add + build, in
# private trees under $build/dkms), into $build/VER/execmon.ko: the guest
# loads what a fleet host would get
dkms_build() {
	v=$1
	ver=$(cat "$top/VERSION")
	src=$build/dkms/src/execmon-$ver
	if [ -z "${em_dkms_added:-}" ]; then	# once per run: the sources of now
		em_dkms_added=1
		rm -rf "$build/dkms"
		mkdir -p "$build/dkms/tree"
		make -s -C "$top" module-src DEST="$src" >&2 || return 1
		dkms add -m execmon -v "$ver" --dkmstree "$build/dkms/tree" \
			--sourcetree "$build/dkms/src" >"$build/dkms/add.log" 2>&1 || {
			cat "$build/dkms/add.log" >&2
			return 1
		}
	fi
	dkms build -m execmon -v "$ver" -k "$v" --dkmstree "$build/dkms/tree" \
		--sourcetree "$build/dkms/src" --force >"$build/$v/dkms.log" 2>&1 || {
		cat "$build/$v/dkms.log" >&2
		find "$build/dkms/tree" -name make.log -exec tail -n 30 {} \; >&2
		return 1
	}
	# as the kernel's own modules are: plain, or compressed (6.12: xz)
	m=$build/dkms/tree/execmon/$ver/$v/x86_64/module/execmon.ko
	if [ -f "$m" ]; then cp "$m" "$build/$v/execmon.ko"
	elif [ -f "$m.xz" ]; then xz -dc "$m.xz" > "$build/$v/execmon.ko"
	elif [ -f "$m.zst" ]; then zstd -qdc "$m.zst" > "$build/$v/execmon.ko"
	elif [ -f "$m.gz" ]; then gzip -dc "$m.gz" > "$build/$v/execmon.ko"
	else echo "no module from dkms for $v" >&2; return 1
	fi
}

# the guest's helper programs (tests/guest/bin/*.c), into $build/guest-bin
build_guest_bins() {
	mkdir -p "$build/guest-bin"
	for src in "$top"/tests/guest/bin/*.c; do
		cc -std=gnu11 -O2 -Wall -Wextra -Werror -D_GNU_SOURCE -I"$top/include/uapi" \
			-o "$build/guest-bin/$(basename "$src" .c)" "$src" "$top/user/emdev.c" || return 1
	done
}

# initramfs VER: the guest's initramfs for kernel VER, as $build/VER/initrd.gz
initramfs() {
	"$top/tests/qemu/mkinitramfs" "$build/$1/initrd.gz" "$build/$1/execmon.ko" "$top/user" \
		"$top/tests/guest" "$build/guest-bin" "$1"
}

# debian_rootfs DIR PACKAGES: a Debian bookworm rootfs in DIR, debootstrap's
# minbase with PACKAGES (comma-separated), from the mirror this host's apt
# uses; made once per machine, its log in DIR.log
debian_rootfs() {
	[ -f "$1/.complete" ] && return 0
	mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
	rm -rf "$1"
	mkdir -p "$(dirname "$1")"
	debootstrap --variant=minbase --include="$2" bookworm "$1" "${mirror:-http://deb.debian.org/debian}" \
		> "$1.log" 2>&1 || { tail -n 20 "$1.log" >&2; return 1; }
	touch "$1/.complete"
}

# bench_pass PASS: QEMU's settings for a benchmark's pass, in accel, smp and opts
#  instructions  QEMU's icount: the guest's clock advances one ns per
#                instruction executed, so every time the guest reads is an
#                instruction count, the same from run to run (QEMU 7.2's
#                icount cannot bring up a second vCPU: one vCPU)
#  wall          real time under TCG, a vCPU per host thread as on real
#                hardware, so a consumer can run beside the execs; noisy,
#                about +-15% from run to run
bench_pass() {
	case $1 in
	instructions) accel=tcg smp=1 opts="-icount shift=0,sleep=off" ;;
	wall) accel=tcg,thread=multi smp=2 opts= ;;
	*) echo "unknown benchmark pass $1 (instructions, wall)" >&2; return 1 ;;
	esac
}

# bench_run_file WHAT VER PASS SETTINGS: a new file for one benchmark boot's output,
# headed by what tests/bench-report needs to say where the figures come
# from: the commit (and whether the tree was dirty), the date, the settings
bench_run_file() {
	local f=$build/bench/$1-$2-$3.txt
	mkdir -p "$build/bench"
	echo "=== run what=$1 commit=$(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)" \
		"date=$(date -u +%F) pass=$3 kernel=$2" \
		"params=$4${BENCH_CONFIGS:+,BENCH_CONFIGS=$BENCH_CONFIGS}" > "$f"
	echo "$f"
}

# boot VER INITRD APPEND CONSOLE RESULTS TIMEOUT: one guest run under TCG.
# One host thread runs both vCPUs (EXECMON_QEMU_ACCEL to try others).  With
# a thread per vCPU, QEMU 7.2 let a vCPU run stale code after another one
# patched it: rmmod under an exec storm (t-90) twice left a 6.1 guest stuck
# re-executing an int3 at bprm_execve+0 where memory already held the nop
# (soft lockup, RIP bprm_execve+0x0, "Code: <0f> 1f 44 00 00"), once in
# some 40 rounds, and once it jumped to address 0 on bprm_execve's return.
# Real CPUs serialise on text_poke_sync()'s IPIs; QEMU's multi-threaded
# translator may miss a write racing with a translation.  No transparent
# huge pages: Debian's kernels make them for any anonymous fault that can
# take one and zero all 2 MiB of it (init_on_alloc) with no point to
# reschedule, which under emulation can take longer than the soft-lockup
# watchdog's 20 s: six times in CI and here, always CPU 0
# in clear_page_erms (get_page_from_freelist, do_huge_pmd_anonymous_page),
# in t-89 and t-92, never with execmon in the stack.  EXECMON_QEMU_SMP
# (vCPUs, 2), EXECMON_QEMU_OPTS (more options), EXECMON_QEMU_MEM (MiB, 1024)
# and EXECMON_QEMU_CPU (the CPU model, max) serve the benchmarks and tests/profile.
boot() {
	timeout --foreground "$6" qemu-system-x86_64 \
		-accel "${EXECMON_QEMU_ACCEL:-tcg,thread=single}" \
		-nodefaults -machine pc -cpu "${EXECMON_QEMU_CPU:-max}" -m "${EXECMON_QEMU_MEM:-1024}" -smp "${EXECMON_QEMU_SMP:-2}" -display none -no-reboot \
		-kernel "$(kernel_image "$1")" -initrd "$2" \
		-append "console=ttyS0 syscall.x32=y panic=-1 loglevel=5 softlockup_panic=1 hung_task_panic=1 transparent_hugepage=never $3" \
		-serial "file:$4" -serial "$5" ${EXECMON_QEMU_OPTS:-}
}
