"""A progress bar for long commands: tqdm when installed (it comes with vietnamadminunits), a
plain line rewritten in place otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any


class TerminalProgress:
    def __init__(self, total: int, label: str, unit: str) -> None:
        self.total, self.label, self.unit = total, label, unit
        self.done, self.started = 0, time.perf_counter()
        self.bar: Any = None
        try:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit=f" {unit}", desc=label, mininterval=1.0, smoothing=0)
        except ImportError:
            pass

    def update(self, done: int, note: str = "") -> None:
        step, self.done = done - self.done, done
        if self.bar is not None:
            self.bar.set_postfix_str(note, refresh=False)
            self.bar.update(step)
            return
        elapsed = time.perf_counter() - self.started
        eta = elapsed / done * (self.total - done) if done else 0
        sys.stderr.write(
            f"\r  {self.label}: {done:,}/{self.total:,} {self.unit}, {note}, ~{eta:.0f} s   "
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            sys.stderr.write("\n")
