#!/usr/bin/env python3
"""qemu-runner.py TIMEOUT LOGFILE -- QEMU COMMAND...

Runs QEMU non-interactively for run-qemu.sh: copies the serial output to stdout (and to
LOGFILE), forwards our stdin to QEMU, and decides the exit status:
  QEMU's own status when it exits (0 after PSCI SYSTEM_OFF),
  1 when the kernel prints "Kernel panic - not syncing", the EFI stub reports that it gave up,
    or the firmware reports an exception (EDK2, U-Boot), QEMU stopped,
  0 when it prints "reboot: System halted" (no power-off device QEMU models; QEMU is stopped),
  124 when TIMEOUT seconds pass (QEMU is stopped; 0 = no timeout).
"""
import os
import select
import signal
import subprocess
import sys
import time

PANIC = b"Kernel panic - not syncing"
# The EFI stub giving up, EDK2's and U-Boot's exception reports: left alone, the firmware goes
# on to its shell or resets the machine and boots again.
FAILED = {b"bootmem: the EFI stub failed": "the EFI stub failed",
          b"Synchronous Exception at 0x": "firmware exception",
          b'"Synchronous Abort" handler': "firmware exception"}
# A kernel that halted without a way to switch the machine off (no PSCI, no watchdog QEMU
# models): the run is over and it ended as asked.
HALTED = b"reboot: System halted"


def main():
    timeout = float(sys.argv[1])
    logpath = sys.argv[2]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    log = open(logpath, "wb") if logpath != "-" else None
    proc = subprocess.Popen(cmd, stdin=sys.stdin, stdout=subprocess.PIPE, start_new_session=True)
    out = sys.stdout.buffer
    start = time.monotonic()
    tail = b""
    panic_at = None
    reason = "kernel panic"
    halted_at = None
    status = None
    while True:
        now = time.monotonic()
        if panic_at is not None and now - panic_at > 0.5:
            status = 1
            break
        if halted_at is not None and now - halted_at > 0.5:
            status = 0
            break
        if timeout and now - start > timeout and panic_at is None:
            sys.stderr.write("\nrun-qemu.sh: no power-off after %g s: stopping QEMU (timeout)\n" % timeout)
            status = 124
            break
        r, _, _ = select.select([proc.stdout], [], [], 0.1)
        if r:
            data = os.read(proc.stdout.fileno(), 65536)
            if not data:
                proc.wait()
                status = proc.returncode
                break
            out.write(data)
            out.flush()
            if log:
                log.write(data)
            tail = (tail + data)[-4096:]
            if panic_at is None:
                for pattern, what in [(PANIC, "kernel panic")] + list(FAILED.items()):
                    if pattern in tail:
                        panic_at, reason = time.monotonic(), what
                        break
            if halted_at is None and panic_at is None and HALTED in tail:
                halted_at = time.monotonic()
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if status == 1:
        sys.stderr.write("\nrun-qemu.sh: %s: QEMU stopped\n" % reason)
    if log:
        log.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
