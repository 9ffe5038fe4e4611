"""Writes the damaged copies of rose.png that no image tool writes, each with real deflate
streams and real CRCs (Python's zlib), so that exactly one thing is wrong in each.

Run from this folder: python3 break_rose.py
"""
import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunks(data):
    """The (type, body) pairs of a PNG file."""
    at, found = 8, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        found.append((data[at + 4:at + 8], data[at + 8:at + 8 + length]))
        at += 12 + length
    return found


def chunk(kind, body, length=None):
    size = len(body) if length is None else length
    return struct.pack(">I", size) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def png(*parts):
    return SIGNATURE + b"".join(parts)


def write(name, data):
    with open(name, "wb") as out:
        out.write(data)


rose = chunks(open("rose.png", "rb").read())
ihdr = chunk(b"IHDR", rose[0][1])
idat_body = b"".join(body for kind, body in rose if kind == b"IDAT")
idat = chunk(b"IDAT", idat_body)
iend = chunk(b"IEND", b"")
width, height = struct.unpack(">II", rose[0][1][:8])
raw = zlib.decompress(idat_body)
stride = 1 + width * 3  # 8-bit RGB: a filter byte, then the row

# An unknown critical chunk (upper-case first letter) before the image data.
write("rose-unknown-critical.png", png(ihdr, chunk(b"ROSE", b"petal"), idat, iend))
# A suggested palette (PLTE) after the image data, where PNG allows it only before.
write("rose-plte-after-idat.png", png(ihdr, idat, chunk(b"PLTE", bytes([255, 0, 0, 0, 255, 0, 0, 0, 255])), iend))
# A deflate stream whose Adler-32 checksum is wrong, every chunk CRC right.
stream = bytearray(idat_body)
stream[-1] ^= 0xFF
write("rose-bad-adler.png", png(ihdr, chunk(b"IDAT", bytes(stream)), iend))
# Row 10 uses filter type 7; PNG defines 0 to 4.
rows = bytearray(raw)
rows[10 * stride] = 7
write("rose-bad-filter.png", png(ihdr, chunk(b"IDAT", zlib.compress(bytes(rows), 9)), iend))
# A complete zlib stream that holds only the first half of the rows.
write("rose-short-data.png", png(ihdr, chunk(b"IDAT", zlib.compress(raw[: stride * (height // 2)], 9)), iend))
# A complete zlib stream that holds the rows and one more.
write("rose-extra-row.png", png(ihdr, chunk(b"IDAT", zlib.compress(raw + raw[:stride], 9)), iend))
# An IDAT whose length field says 2^31 bytes (over PNG's limit of 2^31 - 1); the file is whole otherwise.
write("rose-idat-length.png", png(ihdr, struct.pack(">I", 0x80000000) + b"IDAT" + idat_body + iend))
# A gAMA chunk of 3 bytes instead of 4: libpng warns and ignores it.
write("rose-odd-gama.png", png(ihdr, chunk(b"gAMA", b"\x00\x01\x02"), idat, iend))
