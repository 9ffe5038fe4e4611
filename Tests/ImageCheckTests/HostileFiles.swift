import Foundation

/// Hostile and edge-case PNGs written at test time by Python's zlib and struct (real deflate
/// streams, real CRCs), into one temporary folder per test process.
enum HostileFiles {
    /// The folder holding the files; made on first use.
    static let directory: String = {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("image-check-tests-\(ProcessInfo.processInfo.processIdentifier)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder]
        do {
            try process.run()
        } catch {
            fatalError("cannot run python3: \(error)")
        }
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "the hostile-file script failed")
        return folder
    }()

    /// The path of a generated file.
    static func path(_ name: String) -> String { directory + "/" + name }

    static let script = #"""
import os, struct, sys, zlib, random

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
SIG = b"\x89PNG\r\n\x1a\n"

def chunk(kind, data, crc=None):
    c = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", c & 0xffffffff)

def ihdr(w, h, depth=8, ctype=2, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, interlace))

def raw_rows(w, h, pixel):
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            row += bytes(pixel(x, y))
        rows.append(bytes(row))
    return b"".join(rows)

def png(w, h, raw, ctype=2, depth=8, extra_before=b"", extra_after=b"", level=9):
    return (SIG + ihdr(w, h, depth, ctype) + extra_before + chunk(b"IDAT", zlib.compress(raw, level))
            + extra_after + chunk(b"IEND", b""))

def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

rng = random.Random(7)
levels = [[rng.randrange(0, 256) for _ in range(8)] for _ in range(8)]
def picture(x, y):
    # 8 x 8 blocks of random grey levels with a tint: neighbouring grid cells differ clearly.
    v = levels[y // 8][x // 8]
    return (v, (v + x) % 256, (v + y) % 256)
base_raw = raw_rows(64, 64, picture)
good = png(64, 64, base_raw)
write("good.png", good)

# Near copy: a 4 x 4 patch altered, and another compression level.
altered = bytearray(base_raw)
for y in range(5, 9):
    for x in range(10, 14):
        i = y * (1 + 64 * 3) + 1 + x * 3
        altered[i] = (altered[i] + 9) % 256
write("near_copy.png", png(64, 64, bytes(altered), level=1))
# Brighter copy: every sample + 3 (clipped), a different pixel hash, the same picture.
write("brighter_copy.png", png(64, 64, raw_rows(64, 64, lambda x, y: tuple(min(255, c + 3) for c in picture(x, y)))))
# Scaled copy: twice the size, each pixel doubled.
write("scaled_copy.png", png(128, 128, raw_rows(128, 128, lambda x, y: picture(x // 2, y // 2))))
# The same pixels as 8-bit RGBA, stored uncompressed.
write("same_pixels_rgba.png", png(64, 64, raw_rows(64, 64, lambda x, y: picture(x, y) + (255,)), ctype=6, level=0))
# A different picture.
rng2 = random.Random(99)
levels2 = [[rng2.randrange(0, 256) for _ in range(8)] for _ in range(8)]
write("other.png", png(64, 64, raw_rows(64, 64, lambda x, y: (levels2[y // 8][x // 8],) * 3)))

# Blank: one grey; random colours under full transparency. Not blank: black squares on transparency.
write("blank_grey.png", png(64, 64, raw_rows(64, 64, lambda x, y: (128, 128, 128))))
write("blank_transparent.png", png(64, 64, raw_rows(64, 64, lambda x, y: (rng.randrange(256), rng.randrange(256), rng.randrange(256), 0)), ctype=6))
write("logo_on_transparent.png", png(64, 64, raw_rows(64, 64, lambda x, y: (0, 0, 0, 255 if (x // 8 + y // 8) % 2 else 0)), ctype=6))

# Decompression bomb: 30000 x 30000 1-bit grey, all zero, about 110 KB.
w = h = 30000
row = b"\x00" * (1 + (w + 7) // 8)
z = zlib.compressobj(9)
parts = [z.compress(row) for _ in range(h)]
parts.append(z.flush())
write("bomb_30000.png", SIG + ihdr(w, h, 1, 0) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))

# A bad CRC in an ancillary chunk.
text = chunk(b"tEXt", b"Comment\x00hello")
write("bad_ancillary_crc.png", png(64, 64, base_raw, extra_before=text[:-4] + b"\x00\x00\x00\x00"))
# Cut inside IDAT.
idat_at = good.index(b"IDAT")
write("truncated_idat.png", good[: idat_at + 4 + 200])
# Broken zlib stream, every CRC correct: an invalid deflate block type.
stream = bytearray(zlib.compress(base_raw, 9))
stream[2] |= 0x06
write("broken_zlib.png", SIG + ihdr(64, 64) + chunk(b"IDAT", bytes(stream)) + chunk(b"IEND", b""))
# Wrong Adler-32, every CRC correct.
stream = bytearray(zlib.compress(base_raw, 9))
stream[-1] ^= 0xFF
write("bad_adler.png", SIG + ihdr(64, 64) + chunk(b"IDAT", bytes(stream)) + chunk(b"IEND", b""))
# No IEND; a ZIP header after IEND.
write("missing_iend.png", good[:-12])
write("trailing_zip.png", good + b"PK\x03\x04" + b"\x00" * 26)
# zTXt bomb: 50 MB of text in about 50 KB.
write("ztxt_bomb.png", png(64, 64, base_raw, extra_before=chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"a" * 50_000_000, 9))))
# 255 zTXt chunks that each inflate to 0.99 MB (under the 1 MB per-chunk limit): 252 MB in all.
each = b"Comment\x00\x00" + zlib.compress(b"c" * 990_000, 9)
write("ztxt_many.png", png(64, 64, base_raw, extra_before=b"".join(chunk(b"zTXt", each) for _ in range(255))))
# After the 64 x 64 image, its IDAT stream goes on with 2 GB of deflated zeros (about 2 MB).
z = zlib.compressobj(9)
tail = [z.compress(base_raw)]
zeros = b"\x00" * (1 << 24)
tail += [z.compress(zeros) for _ in range(128)]
tail.append(z.flush())
write("idat_zeros_after.png", SIG + ihdr(64, 64) + chunk(b"IDAT", b"".join(tail)) + chunk(b"IEND", b""))
# A 2 MB tEXt chunk, stored as is.
write("big_text.png", png(64, 64, base_raw, extra_before=chunk(b"tEXt", b"Comment\x00" + b"b" * 2_000_000)))
# 300 small text chunks.
write("many_text.png", png(64, 64, base_raw, extra_before=b"".join(chunk(b"tEXt", b"Comment\x00%d" % i) for i in range(300))))
# Undefined filter type 5 on every row.
bad_filter = bytearray(base_raw)
for y in range(64):
    bad_filter[y * (1 + 64 * 3)] = 5
write("bad_filter.png", png(64, 64, bytes(bad_filter)))
# Too little and too much image data, each a complete zlib stream.
write("short_data.png", png(64, 64, base_raw[: len(base_raw) // 2]))
write("extra_data.png", png(64, 64, base_raw + base_raw[: 1 + 64 * 3]))
# PLTE after IDAT; IDAT before IHDR; an unknown critical chunk.
write("plte_after_idat.png", png(64, 64, base_raw, extra_after=chunk(b"PLTE", bytes(range(12)))))
write("idat_first.png", SIG + chunk(b"IDAT", zlib.compress(base_raw)) + ihdr(64, 64) + chunk(b"IEND", b""))
write("unknown_critical.png", png(64, 64, base_raw, extra_before=chunk(b"ABCD", b"1234")))
# Animated (acTL); eXIf; a gAMA of the wrong length (a benign libpng warning only).
write("animated.png", png(64, 64, base_raw, extra_before=chunk(b"acTL", struct.pack(">II", 1, 0))))
write("exif.png", png(64, 64, base_raw, extra_before=chunk(b"eXIf", b"MM\x00\x2a\x00\x00\x00\x08\x00\x00")))
write("odd_gama.png", png(64, 64, base_raw, extra_before=chunk(b"gAMA", b"\x00\x01\x02")))
# Empty; half a signature; a JPEG start and an ELF header named .png.
# 64-byte files whose ancillary chunk claims 2 GB: the length field, not the data, is hostile.
for kind in (b"tEXt", b"zTXt", b"iTXt", b"sPLT"):
    forged = SIG + ihdr(64, 64) + struct.pack(">I", 0x7fffffff) + kind + b"Comment\x00" + b"x" * 19
    write("forged_%s.png" % kind.decode(), forged[:64])
write("empty.png", b"")
write("half_signature.png", SIG[:5])
write("jpeg.png", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64)
with open("/bin/true", "rb") as f:
    write("elf.png", f.read())
# A 200 x 10 strip, for the aspect ratio.
write("strip.png", png(200, 10, raw_rows(200, 10, lambda x, y: (x % 256, y * 20, 50))))
"""#
}
