"""The text of each page of a PDF printed by Chromium (Skia), without a PDF library.

Skia writes each page's content as a Flate stream that shows glyph ids (hex
strings in TJ/Tj) of subset fonts, each with a ToUnicode CMap. This reads
just that much: enough to see which words a printed page shows, in order.
"""

from __future__ import annotations

import re
import zlib

_START = re.compile(rb"(\d+) 0 obj\b")
_REF = r"(\d+) 0 R"


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    """Object number -> (its dictionary text, its decoded stream or None)."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    position = 0
    while match := _START.search(pdf, position):
        start = match.end()
        stream_at = pdf.find(b"stream", start)
        end_at = pdf.find(b"endobj", start)
        if stream_at == -1 or (end_at != -1 and end_at < stream_at):
            found[int(match.group(1))] = (pdf[start:end_at], None)
            position = end_at + 6
            continue
        head = pdf[start:stream_at]
        length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", head)
        assert length and not length.group(2), "indirect stream lengths are not handled"
        data_at = stream_at + len(b"stream")
        data_at += 2 if pdf[data_at : data_at + 2] == b"\r\n" else 1
        data = pdf[data_at : data_at + int(length.group(1))]
        if b"/FlateDecode" in head:
            data = zlib.decompress(data)
        found[int(match.group(1))] = (head, data)
        position = pdf.find(b"endobj", data_at + int(length.group(1))) + 6
    return found


def _cmap(data: bytes) -> dict[int, str]:
    table: dict[int, str] = {}
    text = data.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code] = chr(start + offset)
    return table


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text, words separated by spaces where the PDF moves on."""
    objects = _objects(pdf)
    pages = [
        (num, body)
        for num, (body, _) in sorted(objects.items())
        if re.search(rb"/Type\s*/Page\b", body)
    ]
    texts = []
    for _, body in pages:
        fonts: dict[str, dict[int, str]] = {}
        resources = body
        ref = re.search(rb"/Resources\s+" + _REF.encode(), body)
        if ref:
            resources = objects[int(ref.group(1))][0]
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        if font_dict:
            for name, num in re.findall(rb"/(\w+)\s+" + _REF.encode(), font_dict.group(1)):
                font_body = objects[int(num)][0]
                to_unicode = re.search(rb"/ToUnicode\s+" + _REF.encode(), font_body)
                if to_unicode:
                    data = objects[int(to_unicode.group(1))][1] or b""
                    fonts[name.decode()] = _cmap(data)
        contents = re.search(rb"/Contents\s+" + _REF.encode(), body)
        stream = objects[int(contents.group(1))][1] if contents else b""
        words: list[str] = []
        font: dict[int, str] = {}
        for token in re.finditer(
            rb"/(\w+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|(T\*|Td|TD|Tm|ET)",
            stream or b"",
            re.S,
        ):
            if token.group(1):
                font = fonts.get(token.group(1).decode(), {})
            elif token.group(2) is not None or token.group(3) is not None:
                hexes = re.findall(rb"<([0-9A-Fa-f]*)>", token.group(2) or b"") or [token.group(3)]
                for hexa in hexes:
                    raw = bytes.fromhex(hexa.decode())
                    width = 2 if len(raw) % 2 == 0 else 1
                    codes = [
                        int.from_bytes(raw[i : i + width], "big") for i in range(0, len(raw), width)
                    ]
                    words.append("".join(font.get(code, "") for code in codes))
            else:
                words.append(" ")
        texts.append(re.sub(r"\s+", " ", "".join(words)).strip())
    return texts
