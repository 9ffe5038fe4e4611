"""Damages the rose in JPEG, WebP, TIFF and BMP one fault at a time (run from this folder after the
convert, cjpeg and cwebp commands in ../README.md). Deterministic: fixed offsets, no randomness."""
import struct


def read(name):
    with open(name, "rb") as f:
        return bytearray(f.read())


def write(name, data):
    with open(name, "wb") as f:
        f.write(bytes(data))


def scan_start(jpeg):
    """The first byte of entropy-coded data: just after the SOS segment."""
    at = jpeg.index(b"\xff\xda")
    return at + 2 + struct.unpack(">H", jpeg[at + 2:at + 4])[0]


# Entropy-coded data overwritten in the middle of the scan: libjpeg warns "Corrupt JPEG data".
jpeg = read("rose.jpg")
start = scan_start(jpeg)
middle = start + (len(jpeg) - 2 - start) // 2
jpeg[middle:middle + 24] = b"\xff\xd3" + b"\x00" * 22
write("rose-corrupt.jpg", jpeg)

# The frame header's sample precision set to 12 bits: valid JPEG, not decodable by an 8-bit libjpeg.
jpeg = read("rose.jpg")
sof = jpeg.index(b"\xff\xc0")
jpeg[sof + 4] = 12
write("rose-12bit.jpg", jpeg)

# Lossless WebP with its bitstream overwritten after the header: libwebp reports a bitstream error.
webp = read("rose-lossless.webp")
vp8l = webp.index(b"VP8L") + 8
webp[vp8l + 40:vp8l + 200] = b"\xff" * 160
write("rose-corrupt.webp", webp)

# LZW strip data of a TIFF overwritten: libtiff's decoder finds a corrupted code table.
tiff = read("rose.tif")
tiff[200:400] = b"\xff" * 200
write("rose-corrupt.tif", tiff)

# A BMP whose info header claims 7 bits a pixel, a depth no BMP has.
bmp = read("rose.bmp")
bmp[28:30] = struct.pack("<H", 7)
write("rose-bad-header.bmp", bmp)

# A BMP whose header says its pixels are a JPEG stream (BI_JPEG, meant for printers): valid, not decoded here.
bmp = read("rose.bmp")
bmp[30:34] = struct.pack("<I", 4)
write("rose-jpeg-payload.bmp", bmp)
