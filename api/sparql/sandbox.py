"""No network for the SPARQL query workers: a seccomp filter, installed by each worker on itself, refuses the
system calls that create sockets.

Oxigraph answers ``SERVICE <url>`` by sending HTTP requests from inside its Rust code, and pyoxigraph has no
switch to turn that off. The query guard (api.sparql.shape) refuses SERVICE; this is the layer under it. The
kernel refuses ``socket()`` (any address family) and ``io_uring_setup`` (io_uring can open sockets on its own)
with EACCES for the whole process, whatever language asks, and the filter cannot be lifted once loaded.
A worker needs no new socket: it talks to the app over the socket pair it inherits. The filter is built with
libseccomp (the ``pyseccomp`` binding; Debian's ``libseccomp2``, which apt itself needs, so every Debian and
Ubuntu system has it); calls from another architecture's ABI (x32, i386) kill the process.
"""

from __future__ import annotations

import errno


class SandboxUnavailable(RuntimeError):
    """The network cannot be closed for this process (no libseccomp, or not Linux); the worker must not run."""


def forbid_network() -> None:
    """Make every later attempt of this process (and its children) to create a socket fail with EACCES.

    Raises SandboxUnavailable when the filter cannot be installed.
    """
    try:
        import pyseccomp as seccomp

        rules = seccomp.SyscallFilter(seccomp.ALLOW)
        for call in ("socket", "io_uring_setup"):
            rules.add_rule(seccomp.ERRNO(errno.EACCES), call)
        rules.load()
    except (ImportError, OSError, RuntimeError, ValueError) as exc:
        raise SandboxUnavailable(
            f"cannot close the network for SPARQL query workers ({type(exc).__name__}: {exc}); "
            "they need Linux with libseccomp (Debian: apt-get install libseccomp2)"
        ) from None
