"""Decoding: encodings are detected, mojibake repaired, non-text refused."""

import pytest

from builder.ingest.decode import NotText, decode

TEXT = "It’s a “great” café — Größe 5 €"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings_are_detected(encoding):
    assert decode(TEXT.encode(encoding)).text == TEXT


def test_latin1_without_cp1252_only_characters():
    text = "Größe café über"
    assert decode(text.encode("latin-1")).text == text


def test_utf8_bom_is_dropped():
    decoded = decode(b"\xef\xbb\xbfHello")
    assert decoded.text == "Hello"
    assert "BOM" in decoded.encoding


def test_mojibake_is_repaired_and_reported():
    decoded = decode("Itâ€™s here\nclean line".encode())
    assert decoded.text == "It’s here\nclean line"
    assert [(r.line, r.rule) for r in decoded.repairs] == [(1, "mojibake")]


def test_line_endings_become_unix():
    assert decode(b"a\r\nb\rc").text == "a\nb\nc"


@pytest.mark.parametrize(
    "data", [b"", b"  \n\n", bytes(range(256)) * 4, b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_empty_and_binary_input_is_refused(data):
    with pytest.raises(NotText):
        decode(data)


CHINESE = ("阿里巴巴集团今天宣布，公司将在未来五年内把业务扩展到全球。\n"
           "马云表示，这是一个重要的里程碑。\n")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_chinese_without_a_bom_is_read(encoding):
    decoded = decode((CHINESE * 3).encode(encoding))
    assert decoded.text.startswith("阿里巴巴集团") and decoded.encoding == encoding


def test_random_bytes_are_not_taken_for_utf16():
    import random

    data = random.Random(7).randbytes(4096)
    with pytest.raises(NotText):
        decode(data)
    with pytest.raises(NotText):
        decode(b"plain text " + b"\x00" * 3 + b" with NUL bytes")  # more than stray: binary


def test_a_stray_nul_in_utf8_is_removed_and_reported():
    """A saved page with a NUL byte in an HTML comment is still a page (meta-dev 140)."""
    page = b"<html><!-- \x00 --><body><p>" + "Zürich ".encode() * 300 + b"</p></body></html>"
    decoded = decode(page)
    assert "\x00" not in decoded.text and "Zürich" in decoded.text
    assert any("NUL" in r.after for r in decoded.repairs)
