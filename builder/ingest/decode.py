"""Bytes -> text: detect the encoding of a pasted file and repair mojibake.

Encoding detection is charset-normalizer's job and mojibake repair is ftfy's:
both are hard problems those libraries solve well. What stays here is the
policy around them: BOMs first, strict UTF-8 next, and a clear error for files
that are not text at all.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import ftfy

from .model import Repair


class NotText(ValueError):
    """The file is empty, binary or cannot be decoded as text."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    repairs: tuple[Repair, ...] = ()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# ftfy fixes mojibake and broken entities; everything that would rewrite
# characters an author chose (curly quotes, ligatures, full-width forms) stays off.
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    unescape_html=False,
    normalization="NFC",
)

# Single-byte Western encodings the detector may name for cp1252 text.
_WESTERN = {"latin_1", "iso8859_1", "iso8859_15", "cp1252", "windows_1252", "cp1250", "mac_roman"}


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


# UTF-16 text without a BOM in a script written with few ASCII characters (Chinese,
# Japanese) has no NUL pattern to go by; decoded, nearly all of it falls in a few blocks
# (CJK ideographs, kana, their punctuation, ASCII, line ends), where random bytes spread
# over the whole 64K range (a third of it CJK).
_WIDE_TEXT_SHARE = 0.9


def _wide_text(char: str) -> bool:
    code = ord(char)
    return (code < 0x80 and (char.isprintable() or char in "\n\r\t")) or \
        0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF00 <= code <= 0xFFEF or \
        0xAC00 <= code <= 0xD7A3  # Hangul syllables


def _guess_utf16_wide(data: bytes) -> str | None:
    """UTF-16 without a BOM in an East Asian script: the byte order whose text is text."""
    if len(data) < 8 or len(data) % 2:
        return None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if sum(map(_wide_text, text)) >= _WIDE_TEXT_SHARE * len(text):
            return name
    return None


def _detect(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name.replace("-sig", " with BOM")
    utf16 = _guess_utf16(data)
    if utf16:
        return data.decode(utf16), utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Only bytes that are no UTF-8 may be wide UTF-16: ASCII read as UTF-16 pairs up into
        # CJK ideographs ("ab" is U+6261), so English would pass the test below.
        utf16 = _guess_utf16_wide(data)
        if utf16:
            return data.decode(utf16), utf16
    else:
        if data.count(b"\x00") <= max(2, len(data) // STRAY_NUL_SHARE):
            return text, "utf-8"  # a few stray NULs (in an HTML comment) are dropped below
    if b"\x00" in data:
        raise NotText("binary file (contains NUL bytes)")
    # Pasted clips that are not UTF-8 are nearly always Windows-1252 (or its
    # subset latin-1). charset-normalizer misreads short Western texts as
    # Big5 or cp1006, so it only overrides that when it has enough evidence.
    western = _decode_western(data)
    high_bytes = sum(1 for b in data if b > 0x7F)
    if high_bytes < 64:
        return western
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding in _WESTERN:
        return western
    return str(best), best.encoding


def _decode_western(data: bytes) -> tuple[str, str]:
    """cp1252, or latin-1 where cp1252 leaves a byte undefined."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


STRAY_NUL_SHARE = 1000  # valid UTF-8 with at most one NUL per this many bytes is still text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# What ftfy still changes in pure-ASCII text: control characters and terminal escapes.
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(2, len(text) // 100)


def decode(data: bytes) -> Decoded:
    """Decode raw bytes to clean Unicode text with Unix line ends.

    Raises NotText for empty, binary or undecodable input.
    """
    if not data.strip():
        raise NotText("empty file")
    text, encoding = _detect(data)
    if _looks_binary(text):
        raise NotText("binary file (control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    repairs: list[Repair] = []
    if "\x00" in text:
        text = text.replace("\x00", "")
        repairs.append(Repair(0, "decode", "", "stray NUL bytes removed"))
    if encoding not in ("utf-8", "utf-8 with BOM"):
        repairs.append(Repair(0, "decode", "", f"decoded as {encoding}"))
    fixed = _fix_lines(text, repairs)
    if not fixed.strip():
        raise NotText("no text")
    return Decoded(fixed, encoding, tuple(repairs))


def _fix_lines(text: str, repairs: list[Repair]) -> str:
    """Run ftfy line by line so each repair can name its line."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return text  # mojibake needs non-ASCII bytes; ftfy would only cost time here
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        plain = line.isascii() and not _ASCII_CONTROL.search(line)
        fixed = line if plain or not line else ftfy.fix_text(line, _FTFY)
        if fixed != line:
            repairs.append(Repair(number, "mojibake", line, fixed))
        out.append(fixed)
    return "\n".join(out)
