"""docs/plugins.md, followed step by step: scaffold, install through the entry point, record, test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.host import PluginHost
from plugins.testing import check_case, iter_cases

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "reelscope-pinterest"


def _pip_target(source: Path, site: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(source),
        ],
        check=True,
        capture_output=True,
    )


def _run(site: Path | None, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd)


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Step 1: `reelscope plugin new acme`, installed into a private site folder."""
    work = tmp_path_factory.mktemp("author")
    target = work / "reelscope-acme"
    proc = _run(
        None,
        "-m",
        "reelscope.cli",
        "plugin",
        "new",
        "acme",
        "--domain",
        "www.acme.example",
        "--dir",
        str(target),
    )
    assert proc.returncode == 0, proc.stderr
    site = work / "site"
    _pip_target(target, site)
    return target, site


def test_scaffold_writes_the_documented_files(scaffolded: tuple[Path, Path]) -> None:
    target, _ = scaffolded
    for rel in (
        "pyproject.toml",
        "reelscope_acme/__init__.py",
        "reelscope_acme/parser.py",
        "reelscope_acme/spider.py",
        "reelscope_acme/fixtures/basic/input.json",
        "reelscope_acme/fixtures/basic/expected.json",
        "tests/test_plugin.py",
    ):
        assert (target / rel).is_file(), rel
    assert 'acme = "reelscope_acme"' in (target / "pyproject.toml").read_text()


def test_scaffold_passes_its_own_tests(scaffolded: tuple[Path, Path]) -> None:
    target, site = scaffolded
    proc = _run(site, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(target / "tests"), cwd=target)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "passed" in proc.stdout and "failed" not in proc.stdout


def test_scaffolded_plugin_is_listed_and_tested_by_the_cli(scaffolded: tuple[Path, Path]) -> None:
    _, site = scaffolded
    listed = _run(site, "-m", "reelscope.cli", "plugins", "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    acme = next(r for r in rows if r.get("name") == "acme")
    assert acme["origin"] == "entry point reelscope-acme" and acme["version"] == "0.1.0"
    tested = _run(site, "-m", "reelscope.cli", "plugin", "test", "acme")
    assert tested.returncode == 0, tested.stderr
    assert "acme: " in tested.stderr and "fields as expected" in tested.stderr


def test_scaffold_refuses_bad_names_and_existing_folders(tmp_path: Path) -> None:
    bad = _run(None, "-m", "reelscope.cli", "plugin", "new", "Acme!", "--dir", str(tmp_path / "x"))
    assert bad.returncode == 2 and "plugin name 'Acme!'" in bad.stderr and "Traceback" not in bad.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    taken = _run(None, "-m", "reelscope.cli", "plugin", "new", "acme", "--dir", str(tmp_path / "full"))
    assert taken.returncode == 2 and "already exists" in taken.stderr
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"


@pytest.fixture(scope="module")
def pinterest_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example external plugin, installed as a user would install it."""
    site = tmp_path_factory.mktemp("pinterest-site")
    _pip_target(EXAMPLE, site)
    return site


def test_example_plugin_parses_through_the_cli(pinterest_site: Path) -> None:
    page = EXAMPLE / "reelscope_pinterest" / "fixtures" / "pin_page" / "input.html"
    proc = _run(pinterest_site, "-m", "reelscope.cli", "parse", str(page))
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["post_id"] for r in records] == ["845917155912345678", "845917155912345679"]
    assert records[0]["saves"] == 2310 and records[1]["likes"] is None
    assert "pinterest pin_page: 2 posts" in proc.stderr


def test_example_plugin_own_tests_pass(pinterest_site: Path) -> None:
    proc = _run(
        pinterest_site, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE / "tests"), cwd=EXAMPLE
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_record_writes_a_fixture_that_checks_clean(pinterest_site: Path, tmp_path: Path) -> None:
    page = EXAMPLE / "reelscope_pinterest" / "fixtures" / "pin_page_promoted" / "input.html"
    proc = _run(
        pinterest_site,
        "-m",
        "reelscope.cli",
        "plugin",
        "record",
        str(page),
        "--as",
        "promo",
        "--url",
        "https://www.pinterest.com/pin/1127312345/",
        "--fixtures",
        str(tmp_path),
    )
    assert proc.returncode == 0, proc.stderr
    expected = json.loads((tmp_path / "promo" / "expected.json").read_text())
    assert expected["posts"][0]["post_id"] == "1127312345"
    assert (tmp_path / "promo" / "input.html").read_bytes() == page.read_bytes()
    again = _run(
        pinterest_site,
        "-m",
        "reelscope.cli",
        "plugin",
        "record",
        str(page),
        "--as",
        "promo",
        "--fixtures",
        str(tmp_path),
    )
    assert again.returncode == 2 and "already exists" in again.stderr


def test_recorded_expected_matches_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(EXAMPLE))
    import reelscope_pinterest

    from plugins.manager import Registry, new_manager, register_plugin
    from reelscope.fixtures import record_fixture

    registry = Registry(pm=new_manager())
    register_plugin(registry, "pinterest", reelscope_pinterest, "test", "0")
    page = EXAMPLE / "reelscope_pinterest" / "fixtures" / "pin_page" / "input.html"
    folder = record_fixture(PluginHost(registry), str(page), "rec", fixtures=tmp_path / "fixtures")
    (case,) = iter_cases(tmp_path)
    assert case.name == "rec" and folder == tmp_path / "fixtures" / "rec"
    assert all(check.ok for check in check_case(case, reelscope_pinterest.PLATFORM))
