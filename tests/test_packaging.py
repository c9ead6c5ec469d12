"""A wheel of Parley installed outside the checkout works: data, queries and ontology ship."""
from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from conftest import ROOT


def test_a_wheel_installed_in_a_fresh_venv_builds_and_validates(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(wheels.glob("parley_kg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"kg/ontology/parley.ttl", "kg/ontology/shapes.ttl", "kg/queries/rejections.rq",
            "kg/data/triggers.tsv", "kg/data/cameo_triggers.tsv"} <= names

    # A fresh venv without Parley; its dependencies are borrowed from this environment's
    # site-packages (a path line, not the editable install's finder), Parley from the wheel.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, timeout=300)

    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "news.txt").write_text("Kenya rejected the truce proposed by Ethiopia on Monday.\n")
    where = subprocess.run([str(python), "-c", "import kg; print(kg.__file__)"], cwd=work,
                           check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(site)), where
    for args in (["build", "news.txt", "--out", "out", "--no-html"], ["validate", "--out", "out"],
                 ["query", "rejections", "--out", "out"]):
        run = subprocess.run([str(python), "-m", "kg", *args], cwd=work, capture_output=True, text=True,
                             timeout=300)
        assert run.returncode == 0, (args, run.stdout, run.stderr)
    assert "Kenya" in run.stdout
