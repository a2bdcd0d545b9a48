"""Zip archives and zip-based Office packages, opened with limits against zip bombs.

A zip's central directory declares every member's packed and unpacked size; Python's zip
reader never returns more than the declared size, so checking the declarations before
reading bounds what an archive can make us unpack. An archive over a limit is quarantined
whole (``zip_bomb``): nothing of it is processed.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import BadInput


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_depth: int = 3                   # zips inside zips (and inside mails)
    max_members: int = 10_000
    max_total_bytes: int = 2 << 30       # unpacked, per archive
    max_member_bytes: int = 1 << 30
    max_ratio: float = 200.0             # unpacked : packed, for members over 1 MiB
    max_package_bytes: int = 512 << 20   # unpacked size of one Office package


@dataclass(frozen=True, slots=True)
class Member:
    name: str      # the member's path in the archive, made safe (no "..", no leading "/")
    info: zipfile.ZipInfo


def safe_name(name: str) -> str:
    """A member path that cannot climb out of the folder it is placed in."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return posixpath.join(*parts) if parts else ""


def check(zf: zipfile.ZipFile, limits: ZipLimits, *, max_total: int | None = None,
          what: str = "archive") -> list[zipfile.ZipInfo]:
    infos = [i for i in zf.infolist() if not i.is_dir()]
    if len(infos) > limits.max_members:
        raise BadInput("zip_bomb", f"{what} holds {len(infos)} files "
                                   f"(limit {limits.max_members})")
    total = 0
    cap = max_total if max_total is not None else limits.max_total_bytes
    for i in infos:
        total += i.file_size
        if i.file_size > limits.max_member_bytes or total > cap:
            raise BadInput("zip_bomb", f"{what} unpacks to more than {cap >> 20} MiB")
        if i.file_size > (1 << 20) and i.file_size > limits.max_ratio * max(i.compress_size, 1):
            raise BadInput("zip_bomb", f"{what} member {safe_name(i.filename)!r} is "
                                       f"compressed {i.file_size // max(i.compress_size, 1)}:1")
    return infos


def members(path: str, limits: ZipLimits) -> Iterator[Member]:
    """The files of a zip archive, after the whole archive passed the limits."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise BadInput("corrupt", f"not a readable zip archive: {e}") from e
    with zf:
        for info in check(zf, limits):
            name = safe_name(info.filename)
            if name:
                yield Member(name, info)


def read_member(path: str, info: zipfile.ZipInfo) -> bytes:
    try:
        with zipfile.ZipFile(path) as zf:
            if info.flag_bits & 0x1:
                raise BadInput("encrypted", "the file is encrypted inside the zip archive")
            return zf.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError,
            NotImplementedError, EOFError) as e:  # bad CRC, unknown compression, truncation
        raise BadInput("corrupt", f"cannot unpack from the zip archive: {e}") from e
    except RuntimeError as e:  # zipfile's word for a password-protected member
        raise BadInput("encrypted", f"cannot unpack from the zip archive: {e}") from e


def check_package(path: str, limits: ZipLimits) -> None:
    """An OOXML/ODF file is a zip: refuse one that would unpack to a bomb before LibreOffice
    opens it."""
    try:
        with zipfile.ZipFile(path) as zf:
            check(zf, limits, max_total=limits.max_package_bytes, what="Office file")
    except zipfile.BadZipFile as e:
        raise BadInput("corrupt", f"damaged Office file (not a valid package): {e}") from e
