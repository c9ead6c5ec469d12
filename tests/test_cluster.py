"""Parsing on a Dask cluster (a real LocalCluster of worker processes): the same graph,
bytes for bytes, as a local build; clear errors when the cluster cannot be used."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SEEDS, SHARED, run_kg

pytest.importorskip("distributed")


def parsed_now(stderr: str) -> int:
    return int(re.search(r"parsed now\s*\S\s*(\d+)", stderr).group(1))


def test_a_local_cluster_of_two_workers_builds_the_same_graph_bytes(seeds_build, tmp_path):
    out = tmp_path / "dask"
    result = run_kg("build", str(SEEDS), "--out", str(out), "--no-html", "--dask", "local:2")
    assert result.returncode == 0, result.stderr
    assert parsed_now(result.stderr) == 5
    assert "Traceback" not in result.stderr and "warning" not in result.stderr.lower(), result.stderr
    assert (out / "graph.ttl").read_bytes() == (seeds_build / "graph.ttl").read_bytes()
    # What the workers sent back is in the cache: a local build reuses every article.
    again = run_kg("build", str(SEEDS), "--out", str(out), "--no-html")
    assert again.returncode == 0 and parsed_now(again.stderr) == 0, again.stderr
    assert (out / "graph.ttl").read_bytes() == (seeds_build / "graph.ttl").read_bytes()


def test_an_unreachable_scheduler_or_a_bad_address_is_a_clear_error(tmp_path):
    unreachable = run_kg("build", str(SEEDS), "--out", str(tmp_path / "a"), "--dask", "tcp://127.0.0.1:1")
    assert unreachable.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in unreachable.stderr
    assert "Traceback" not in unreachable.stderr
    for address in ("scheduler:8786", "local:0", "local:x", "http://h:1"):
        bad = run_kg("build", str(SEEDS), "--out", str(tmp_path / "b"), "--dask", address)
        assert bad.returncode == 2 and "--dask" in bad.stderr and "Traceback" not in bad.stderr, bad.stderr
    both = run_kg("build", str(SEEDS), "--out", str(tmp_path / "c"), "--dask", "local:2", "--jobs", "2")
    assert both.returncode == 2 and "--jobs and --dask" in both.stderr


def run_without_dask(*args: str) -> subprocess.CompletedProcess:
    """The command line in a Python where Dask cannot be imported, as where it is not installed."""
    code = ("import sys; sys.modules.update(dask=None, distributed=None); "
            "from kg.cli import run; sys.argv = ['kg', *sys.argv[1:]]; run()")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_without_dask_jobs_work_and_dask_says_what_to_install(tmp_path):
    one = next(SEEDS.iterdir())
    local = run_without_dask("build", str(one), "--out", str(tmp_path / "local"), "--no-html", "--jobs", "2")
    assert local.returncode == 0, local.stderr
    missing = run_without_dask("build", str(one), "--out", str(tmp_path / "dask"), "--dask", "local:2")
    assert missing.returncode == 2, missing.stderr
    assert "pip install 'parley-kg[dask]'" in missing.stderr and "Traceback" not in missing.stderr


@pytest.fixture()
def workers(nlp):
    from kg.cache import fingerprint
    from kg.cluster import DaskWorkers
    from kg.nlp import default_model

    cluster = DaskWorkers("local:2", default_model(), fingerprint(nlp.meta))
    yield cluster
    cluster.close(failed=False)


def guardian_articles(count: int):
    from kg.articles import read_articles

    return list(read_articles([SHARED / "corpora" / "guardian_sdf_2019.csv"], []))[:count]


def test_a_worker_that_dies_loses_only_its_batch(workers, nlp):
    from kg.pipeline import parse, windows

    articles = guardian_articles(24)
    pids = workers.client.run(os.getpid)
    batches = workers.map(windows(articles, 2))
    results = list(next(batches).results)
    os.kill(next(iter(pids.values())), signal.SIGKILL)  # mid-run: it holds a batch
    for batch in batches:
        results.extend(batch.results)

    def rescheduled(dask_scheduler) -> int:
        return sum(1 for entry in dask_scheduler.transition_log if entry[1:3] == ("processing", "released"))

    assert workers.client.run_on_scheduler(rescheduled) >= 1, "the killed worker's batch was run again"
    assert results == parse(articles, nlp)


def test_a_worker_with_other_code_or_model_is_refused(workers):
    from kg.cluster import ClusterError
    from kg.pipeline import windows

    workers.extractor = "another extractor"
    with pytest.raises(ClusterError, match="other code or another spaCy pipeline"):
        list(workers.map(windows(guardian_articles(1), 1)))


def test_a_cluster_whose_workers_are_all_gone_stops_the_build_with_an_error(workers, monkeypatch):
    """No worker left to run a batch: the build stops with a clear error, not waits forever."""
    from kg import cluster as clusters
    from kg.cluster import ClusterError
    from kg.pipeline import windows

    monkeypatch.setattr(clusters, "WORKERLESS_TIMEOUT", 3)
    monkeypatch.setattr(clusters, "POLL", 0.5)
    workers.cluster.scale(0)  # a LocalCluster restarts a killed worker; scaled to none it does not
    deadline = time.monotonic() + 60
    while workers.client.scheduler_info()["workers"] and time.monotonic() < deadline:
        time.sleep(0.2)
    with pytest.raises(ClusterError, match="every worker of the Dask cluster at local:2 is gone"):
        list(workers.map(windows(guardian_articles(2), 1)))
