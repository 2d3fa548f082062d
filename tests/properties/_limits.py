"""A wall-clock limit enforced by the test itself (SIGALRM; no plugin), for regressions and bad inputs."""
import contextlib
import signal


class TookTooLong(AssertionError):
    """The code under test ran past the test's time limit."""


@contextlib.contextmanager
def time_limit(seconds, what="the call"):
    """Fail with :class:`TookTooLong` when the block runs longer than ``seconds`` (main thread, POSIX)."""
    def alarm(signum, frame):
        raise TookTooLong(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _virtual_bytes():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return None


@contextlib.contextmanager
def memory_limit(extra_megabytes=1500):
    """Let the block allocate at most ``extra_megabytes`` more address space (RLIMIT_AS, Linux): past it,
    allocations raise MemoryError instead of the machine swapping or the process being killed."""
    import resource

    used = _virtual_bytes()
    if used is None:  # not Linux: no limit
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = used + extra_megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
