"""Parsing on a Dask cluster: the batches ``pipeline.Parser`` makes go to Dask workers.

Each worker loads the spaCy pipeline on its first task and keeps it (a global of the
worker process, ``pipeline.parse_plain_task``), parses a batch of articles and sends
back Parley's records in the parse cache's plain form (compressed JSON), which this
process checks as it checks its cache and keeps there. Resolution and the store stay
here. A batch whose worker dies or fails is run again elsewhere (``RETRIES``), so a
lost worker costs only its batch.

Dask is optional (``pip install 'parley-kg[dask]'``): nothing here imports it until a
build asks for a cluster.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from .cache import RecordFormatError, loads
from .records import Article

#: Times a batch is run again after its worker failed or died.
RETRIES = 3
#: Seconds to wait for the scheduler to answer, and for a first worker to join it.
CONNECT_TIMEOUT = 10
#: Seconds a build waits, once every worker is gone, for one to join again before it
#: stops: a cluster with no workers would otherwise leave the build waiting forever.
WORKERLESS_TIMEOUT = 120
#: Seconds between looks at the cluster while a batch is awaited.
POLL = 2
INSTALL = "pip install 'parley-kg[dask]'   (or: pip install 'dask[distributed]')"
LOCAL = re.compile(r"local:(\d+)")
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx", "inproc")


class ClusterError(Exception):
    """The cluster could not be reached or used; the message says what to do."""


class ClusterUsageError(ClusterError):
    """A malformed --dask address, or Dask not installed: the user's to fix."""


def check_address(address: str) -> int | None:
    """The number of workers of ``local:N``, None for a scheduler's address; anything
    else raises ``ClusterUsageError``."""
    if match := LOCAL.fullmatch(address):
        workers = int(match.group(1))
        if not 1 <= workers <= 64:
            raise ClusterUsageError(f"--dask local:N takes 1 to 64 workers, not {workers}")
        return workers
    scheme, sep, rest = address.partition("://")
    if not sep or scheme not in SCHEMES or not rest or any(c.isspace() for c in address):
        raise ClusterUsageError(f"--dask takes a scheduler's address (tcp://HOST:PORT) or local:N "
                                f"(a cluster of N worker processes on this machine), not '{address}'")
    return None


class DaskWorkers:
    """The workers of a Dask cluster, as ``pipeline.Parser`` uses them: ``size`` (how
    many batches run at once), ``map`` (batches -> ``Batch``es, in order) and ``close``."""

    def __init__(self, address: str, model: str, extractor: str):
        local_workers = check_address(address)
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise ClusterUsageError(f"--dask needs Dask's distributed scheduler; install it with: {INSTALL}") from None
        self.address = address
        self.model = model
        self.extractor = extractor
        self.cluster = None
        # Dask's own log lines (workers starting, connections closing) are not the build's.
        dask.config.set({"logging.distributed": "error"})
        try:
            if local_workers is not None:
                self.cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=50)
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except Exception as exc:  # Dask raises OSError, TimeoutError or ValueError here
            self.close(failed=True)
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except Exception:
            self.close(failed=True)
            raise ClusterError(f"the Dask scheduler at {address} has no workers; start some with: "
                               f"dask worker {address}") from None
        self.size = max(1, sum(self.client.nthreads().values()))

    def map(self, batches: Iterable[list[Article]]) -> Iterator["Batch"]:
        from .pipeline import Batch, parse_plain_task

        futures = self.client.map(parse_plain_task, list(batches), model=self.model, retries=RETRIES, pure=False)
        try:
            for future in futures:  # in order: the records go to the cache in input order
                try:
                    encoded, errors, extractor = self.result(future)
                except ClusterError:
                    raise
                except Exception as exc:
                    raise ClusterError(f"a batch failed on the Dask cluster {RETRIES + 1} times: "
                                       f"{type(exc).__name__}: {exc}") from None
                if extractor != self.extractor:
                    raise ClusterError("a Dask worker parses with other code or another spaCy pipeline than "
                                       "this machine: install the same Parley and model on every worker")
                try:
                    results = [loads(record) for record in encoded]
                except RecordFormatError as exc:
                    raise ClusterError(f"a Dask worker sent records that do not decode ({exc})") from None
                yield Batch(results, errors, encoded)
        finally:
            self.client.cancel([f for f in futures if not f.done()])

    def result(self, future):
        """The batch's result, waiting as long as it takes while the cluster has workers;
        once it has none for ``WORKERLESS_TIMEOUT`` seconds, a ``ClusterError`` (what was
        parsed before is in the cache: the parser commits it as it stops)."""
        import time
        from dask.distributed import TimeoutError as DaskTimeout

        workerless_since = None
        while True:
            try:
                return future.result(timeout=POLL)
            except (DaskTimeout, TimeoutError):
                pass
            if self.client.scheduler_info().get("workers"):
                workerless_since = None
            elif workerless_since is None:
                workerless_since = time.monotonic()
            elif time.monotonic() - workerless_since > WORKERLESS_TIMEOUT:
                raise ClusterError(f"every worker of the Dask cluster at {self.address} is gone: none joined "
                                   f"in {WORKERLESS_TIMEOUT} s; the articles parsed so far are kept in the "
                                   f"cache, start workers (dask worker {self.address}) and build again")

    def close(self, failed: bool) -> None:
        client, self.client = getattr(self, "client", None), None
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
