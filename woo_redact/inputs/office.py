"""Office files to PDF with LibreOffice (headless), one converter per worker process.

The converter starts one ``soffice.bin`` with a profile folder of its own and talks to it
through ``uno_bridge.py`` under the system python3; each file has a time limit, and an
office that overruns it (or dies) is killed and started afresh for the next file. Both
processes die with the worker that started them (PR_SET_PDEATHSIG), so a killed worker
leaves no office behind. Where the system python3 has no ``uno`` module, each file is
converted by its own ``soffice --convert-to`` run instead (slower: the start-up is paid for
every file).
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from ..errors import BadInput

PROGRAM = Path("/usr/lib/libreoffice/program")
SYSTEM_PYTHON = "/usr/bin/python3"
BRIDGE = Path(__file__).with_name("uno_bridge.py")
START_TIMEOUT = 90.0


def _die_with_parent() -> None:
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def soffice() -> str | None:
    direct = PROGRAM / "soffice.bin"
    if direct.is_file():
        return str(direct)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def _has_uno() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True,
                          timeout=30).returncode == 0


class OfficeConverter:
    """``convert(src, dst)`` writes ``dst`` (a PDF) or raises ``BadInput`` with kind
    ``convert_failed``, ``convert_timeout`` or ``unsupported`` (no LibreOffice)."""

    def __init__(self, timeout: float = 120.0):
        self.timeout = timeout
        self.office: subprocess.Popen | None = None
        self.bridge: subprocess.Popen | None = None
        self.profile: str | None = None
        self._uno: bool | None = None
        self.started = 0  # how many offices were started (a restart after a bad file counts)

    # -- lifetime --------------------------------------------------------------------------
    def _start(self) -> None:
        binary = soffice()
        if binary is None:
            raise BadInput("unsupported", "LibreOffice is not installed; Office files cannot "
                                          "be converted (run scripts/setup-system.sh)")
        self.profile = tempfile.mkdtemp(prefix="woo-redact-office-")
        pipe = f"woo_redact_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp", "HOME": self.profile}
        command = [binary, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                   "--nolockcheck", "--nofirststartwizard",
                   f"-env:UserInstallation={Path(self.profile).as_uri()}",
                   f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"]

        def launch() -> subprocess.Popen:
            return subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    env=env, preexec_fn=_die_with_parent)

        self.office = launch()
        self.bridge = subprocess.Popen(
            [SYSTEM_PYTHON, str(BRIDGE), pipe, str(START_TIMEOUT)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
            preexec_fn=_die_with_parent)
        self.started += 1
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            # On a fresh profile soffice.bin sets the profile up and exits with 81, asking to
            # be started again (the job of the oosplash wrapper, which we do not use).
            if self.office.poll() == 81:
                self.office = launch()
            if self.bridge.poll() is not None:
                break
            ready, _, _ = select.select([self.bridge.stdout], [], [], 0.2)
            if ready:
                if self._answer(0) is not None:
                    return
                break
        self.close()
        raise BadInput("convert_failed", "LibreOffice did not start")

    def close(self) -> None:
        for proc in (self.bridge, self.office):
            if proc is not None and proc.poll() is None:
                proc.kill()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    pass
        self.bridge = self.office = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def __del__(self):  # a forgotten converter must not leave an office running
        try:
            self.close()
        except Exception:
            pass

    # -- converting ------------------------------------------------------------------------
    def convert(self, src: str, dst: str) -> None:
        if self._uno is None:
            self._uno = available() and _has_uno()
        if not self._uno:
            return self._convert_once(src, dst)
        if self.bridge is None or self.bridge.poll() is not None or self.office.poll() is not None:
            self.close()
            self._start()
        Path(dst).unlink(missing_ok=True)
        self.bridge.stdin.write(json.dumps({"src": os.path.abspath(src),
                                            "dst": os.path.abspath(dst)}) + "\n")
        self.bridge.stdin.flush()
        answer = self._answer(self.timeout)
        if answer is None:
            timed_out = self.bridge.poll() is None and self.office.poll() is None
            self.close()  # an office that hangs on one file is no use for the next
            if timed_out:
                raise BadInput("convert_timeout", f"LibreOffice did not convert the file "
                                                  f"within {self.timeout:g} s")
            raise BadInput("convert_failed", "LibreOffice stopped while converting the file")
        if not answer.get("ok"):
            if self.bridge.poll() is not None:
                self.close()
            raise BadInput("convert_failed", f"LibreOffice could not convert the file: "
                                             f"{answer.get('error', '')}"[:500])
        self._check_output(dst)

    def _answer(self, timeout: float) -> dict | None:
        out = self.bridge.stdout
        ready, _, _ = select.select([out], [], [], timeout)
        if not ready:
            return None
        line = out.readline()
        if not line:
            return None
        try:
            return json.loads(line)
        except ValueError:
            return None

    def _convert_once(self, src: str, dst: str) -> None:
        binary = shutil.which("soffice") or soffice()
        if binary is None:
            raise BadInput("unsupported", "LibreOffice is not installed; Office files cannot "
                                          "be converted (run scripts/setup-system.sh)")
        with tempfile.TemporaryDirectory(prefix="woo-redact-office-") as tmp:
            try:
                subprocess.run([binary, "--headless", "--norestore", "--nolockcheck",
                                f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                                "--convert-to", "pdf", "--outdir", tmp, os.path.abspath(src)],
                               stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=self.timeout, env={**os.environ, "HOME": tmp},
                               preexec_fn=_die_with_parent)
            except subprocess.TimeoutExpired as e:
                raise BadInput("convert_timeout", f"LibreOffice did not convert the file "
                                                  f"within {self.timeout:g} s") from e
            made = Path(tmp) / (Path(src).stem + ".pdf")
            if not made.is_file() or made.stat().st_size == 0:
                raise BadInput("convert_failed", "LibreOffice could not convert the file")
            shutil.move(str(made), dst)
        self._check_output(dst)

    @staticmethod
    def _check_output(dst: str) -> None:
        if not os.path.isfile(dst) or os.path.getsize(dst) == 0:
            raise BadInput("convert_failed", "LibreOffice wrote no PDF")
