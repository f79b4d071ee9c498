"""Run generated programs (Python, JavaScript, Java, C++) in a throw-away sandbox.

Every run gets a fresh temporary directory as its working directory and ``HOME``, a clean
environment (nothing inherited: no tokens, no proxies), a wall-clock timeout after which the whole
process group is killed, and resource limits. What is enforced is detected once at run time and
recorded in :func:`capabilities` (``translate eval`` copies the notes into its report):

* **rlimits** (always, through util-linux ``prlimit`` or, failing that, ``setrlimit`` in the child):
  address space (per-language policy below), CPU seconds (timeout + 1), output file size, open
  files, no core dumps.
* **process count**: a fresh cgroup per run with ``pids.max`` when a writable pids cgroup exists
  (works as root, where ``RLIMIT_NPROC`` is *not* enforced by the kernel); otherwise, for a non-root
  user, ``RLIMIT_NPROC`` = the user's current process count + the allowance. Root without a pids
  cgroup: not enforced (recorded note).
* **network**: ``unshare --net`` puts the program in an empty network namespace (only a downed
  loopback, not the host's), with ``--user --map-root-user`` for non-root users; also ``--pid``, so
  every process the program started dies with it. Where ``unshare`` is refused: not enforced (note).
* **not enforced**: filesystem isolation and privilege drop. The program runs as the calling user;
  it starts in an empty directory but could read or write files that user can. This sandbox stops
  accidents (loops, fork bombs, memory hogs, stray network calls), not a determined attacker.

Memory policy (``RLIMIT_AS``): 1 GiB for Python and C++ programs, 2 GiB for g++ itself and Node,
3 GiB for the JVM, which also gets explicit heap/metaspace/code-cache flags so it fits.
A missing toolchain is a ``skipped`` result ("skipped: no javac"), never an exception.
"""
from translate.sandbox.limits import Capabilities, Limits, capabilities
from translate.sandbox.runner import (
                                      FAILED,
                                      PASSED,
                                      SKIPPED,
                                      TIMEOUT,
                                      RunResult,
                                      find_tool,
                                      missing_tool,
                                      run_command,
                                      run_program,
                                      sandbox_language,
)

__all__ = [
                                      "FAILED",
                                      "PASSED",
                                      "SKIPPED",
                                      "TIMEOUT",
                                      "Capabilities",
                                      "Limits",
                                      "RunResult",
                                      "capabilities",
                                      "find_tool",
                                      "missing_tool",
                                      "run_command",
                                      "run_program",
                                      "sandbox_language",
]
