"""What the browser journeys need from the machine, installed at set-up time, never at run time
from a CDN: Debian's Chromium, fonts that carry Vietnamese, and axe-core from the npm registry into
``var/node_modules`` (ignored by git).

``bin/bootstrap dev`` runs this module; the journeys' session fixture calls the same functions, so a
machine set up without it still gets what it can, and the journeys are skipped with the reason only
when the browser cannot be had.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess  # noqa: S404 - apt-get and npm, with fixed arguments
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("TRITHUC_CHROMIUM", "/usr/bin/chromium"))
AXE_VERSION = "4.14.1"
NODE_PREFIX = ROOT / "var"
AXE_SCRIPT = NODE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
# Debian packages: the browser, and Noto Sans, which has every Vietnamese letter (Liberation Sans,
# what Linux gives for "Arial", lacks some, so a heading would mix two fonts).
APT_PACKAGES = ["chromium", "fonts-noto-core"]
FONT_FILE = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


class Unavailable(Exception):
    """A piece the journeys need could not be installed; the message says which and why."""


@contextmanager
def _locked() -> Iterator[None]:
    """One installer at a time: pytest-xdist workers start together."""
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    with open(NODE_PREFIX / ".browser-install.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise Unavailable(f"«{' '.join(command)}» failed: {done.stderr.strip()[-400:]}")


def ensure_system_packages() -> None:
    missing = [
        package
        for package, path in zip(APT_PACKAGES, [CHROMIUM, FONT_FILE], strict=True)
        if not path.exists()
    ]
    if not missing:
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise Unavailable(
            f"{', '.join(missing)} missing, and apt-get cannot install it here (needs Debian and root)"
        )
    _run(["apt-get", "update", "-qq"])
    _run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing])
    if not CHROMIUM.exists():
        raise Unavailable(f"apt-get installed chromium but {CHROMIUM} is not there")


def ensure_axe() -> Path:
    installed = AXE_SCRIPT.parent / "package.json"
    if AXE_SCRIPT.exists() and f'"version": "{AXE_VERSION}"' in installed.read_text():
        return AXE_SCRIPT
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is missing, so axe-core cannot be installed from the npm registry")
    _run(
        [
            npm,
            "install",
            "--prefix",
            str(NODE_PREFIX),
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"axe-core@{AXE_VERSION}",
        ]
    )
    return AXE_SCRIPT


def ensure_all() -> Path:
    """Install what is missing; returns the axe-core script. Raises ``Unavailable``."""
    with _locked():
        ensure_system_packages()
        return ensure_axe()


if __name__ == "__main__":
    try:
        ensure_all()
    except Unavailable as exc:
        # Set-up goes on (bin/bootstrap ignores the status): only the browser journeys need these,
        # and they say why they are skipped; the status tells bootstrap to try again next time.
        print(f"Kiểm thử trên trình duyệt sẽ bị bỏ qua: {exc}")  # noqa: T201
        raise SystemExit(1) from exc
