"""Known vulnerabilities in the installed Python packages, from the package index's own advisory data.

pip-audit asks for each package's release-specific JSON or for the OSV service;
where neither can be reached (this project's CI), this asks for what can: each
project's JSON, which lists the known vulnerabilities of its newest release
(the index fills it from the OSV database). So a package at its newest release
is checked; one held back by a version cap is named as not checked, never
passed silently.

Exit 1 when an installed package has a known vulnerability not accepted in
``.ci/audit-ignore`` (one ``ID  reason`` per line); exit 0 when the data cannot
be reached at all, with one line saying so: network trouble is not a finding.

    .venv/bin/python .ci/audit.py
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import distributions
from pathlib import Path

from pip._internal.models.index import PyPI  # the index pip itself uses; no host is named here

IGNORE = Path(__file__).with_name("audit-ignore")
OWN = {"taxbot"}
TIMEOUT = 15


def installed() -> dict[str, str]:
    found = {d.metadata["Name"].lower().replace("_", "-"): d.version for d in distributions()}
    return {name: version for name, version in sorted(found.items()) if name not in OWN}


def project(name: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(f"{PyPI.pypi_url}/{name}/json", timeout=TIMEOUT) as response:
            data: dict[str, object] = json.load(response)
            return data
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def accepted() -> set[str]:
    if not IGNORE.exists():
        return set()
    lines = (line.split("#")[0].split() for line in IGNORE.read_text(encoding="utf-8").splitlines())
    return {words[0] for words in lines if words}


def main() -> int:
    packages = installed()
    with ThreadPoolExecutor(8) as pool:
        answers = dict(zip(packages, pool.map(project, packages), strict=True))
    if all(answer is None for answer in answers.values()):
        print("audit: skipped, the package index's vulnerability data cannot be reached from here")
        return 0
    ignore, found, unchecked = accepted(), [], []
    for name, version in packages.items():
        answer = answers[name]
        newest = str(answer["info"]["version"]) if answer else "?"  # type: ignore[index]
        if answer is None or newest != version:
            unchecked.append(f"{name} {version} (newest {newest})")
            continue
        for vuln in answer.get("vulnerabilities") or []:  # type: ignore[union-attr]
            if vuln.get("withdrawn") or vuln["id"] in ignore:
                continue
            fixed = ", ".join(vuln.get("fixed_in") or []) or "no fix yet"
            aliases = ", ".join(vuln.get("aliases") or [])
            found.append(f"{name} {version}: {vuln['id']} ({aliases}); fixed in: {fixed}; {vuln.get('link')}")
    checked = len(packages) - len(unchecked)
    print(f"audit: {checked} of {len(packages)} installed packages checked; {len(found)} vulnerable")
    if unchecked:
        print("audit: not checked (not at the newest release, or no answer): " + "; ".join(unchecked))
    for line in found:
        print(f"audit: VULNERABLE {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
