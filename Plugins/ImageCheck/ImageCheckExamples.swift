import AssayKit

extension ImageCheck {
    /// The contract examples: PngSuite (Tests/Corpora/pngsuite, with its licence) and the samples,
    /// and ImageMagick's rose and its copies made with ImageMagick, cjpeg, cwebp, img2webp, exiftool,
    /// apngasm, head, cat and zip, or damaged one fault at a time by break_rose.py and
    /// break_formats.py (Tests/Corpora/examples/image-check, README.md there).
    static let examples: [ValidatorExample] = [
        // Accepted, and near misses.
        ValidatorExample("a photograph of a rose", .file(rose), path: "alice/image/a.png"),
        ValidatorExample("a plain colour gradient", .file("samples/alice/image/rgb-gradient.png"), path: "alice/image/a.png",
                         doesNotGive: ["png.crc", "png.decode", "png.truncated"]),
        ValidatorExample("camera EXIF is only counted unless reject_exif is on", .file(corpus("rose-exif.png")),
                         path: "alice/image/a.png", doesNotGive: ["image.exif"]),
        ValidatorExample("another picture is no duplicate", .file(rose), path: "alice/image/b.png",
                         earlier: [.file(corpus("granite.png"))], doesNotGive: ["image.dup_exact", "image.dup_near"]),

        // Every format, as people take pictures.
        ValidatorExample("the rose as a JPEG", .file(corpus("rose.jpg")), path: "alice/image/a.jpg", doesNotGive: ["jpeg.corrupt", "jpeg.truncated"]),
        ValidatorExample("the rose as a progressive JPEG", .file(corpus("rose-progressive.jpg")), path: "alice/image/a.jpg"),
        ValidatorExample("the rose as a CMYK JPEG, judged on its colours", .file(corpus("rose-cmyk.jpg")), path: "alice/image/a.jpg"),
        ValidatorExample("the rose as a lossy WebP", .file(corpus("rose.webp")), path: "alice/image/a.webp"),
        ValidatorExample("the rose as a lossless WebP", .file(corpus("rose-lossless.webp")), path: "alice/image/a.webp"),
        ValidatorExample("the rose as an LZW TIFF", .file(corpus("rose.tif")), path: "alice/image/a.tif"),
        ValidatorExample("the rose as a 16-bit TIFF", .file(corpus("rose-16bit.tif")), path: "alice/image/a.tif"),
        ValidatorExample("the rose as a BMP", .file(corpus("rose.bmp")), path: "alice/image/a.bmp"),
        ValidatorExample("the rose as a run-length encoded BMP", .file(corpus("rose-rle.bmp")), path: "alice/image/a.bmp"),
        ValidatorExample("the rose stored turned, with EXIF orientation 8", .file(corpus("rose-turned.jpg")), path: "alice/image/a.jpg"),
        ValidatorExample("an animated WebP when animations are taken", .file(corpus("rose-animated.webp")), path: "alice/image/a.webp",
                         options: ["reject_animated: false"], doesNotGive: ["image.animated"]),
        ValidatorExample("a GPS position when it is only a metric", .file(corpus("rose-gps.jpg")), path: "alice/image/a.jpg",
                         options: ["reject_location: false"], doesNotGive: ["image.location"]),

        // Formats.
        ValidatorExample("a GIF", .file(corpus("rose.gif")), path: "bob/image/a.gif", gives: ["image.format"]),
        ValidatorExample("a JPEG where only PNG is taken", .file(corpus("rose.jpg")), path: "bob/image/a.jpg", options: ["formats: [png]"],
                         gives: ["image.format"]),
        ValidatorExample("a JPEG cut at 60% of its bytes", .file(corpus("rose-cut.jpg")), path: "bob/image/a.jpg", gives: ["jpeg.truncated"]),
        ValidatorExample("a JPEG with damaged entropy data", .file(corpus("rose-corrupt.jpg")), path: "bob/image/a.jpg", gives: ["jpeg.corrupt"]),
        ValidatorExample("a JPEG declaring 12-bit samples", .file(corpus("rose-12bit.jpg")), path: "bob/image/a.jpg", gives: ["jpeg.unsupported"]),
        ValidatorExample("a WebP cut at 60% of its bytes", .file(corpus("rose-cut.webp")), path: "bob/image/a.webp", gives: ["webp.truncated"]),
        ValidatorExample("a lossless WebP with an overwritten bitstream", .file(corpus("rose-corrupt.webp")), path: "bob/image/a.webp",
                         gives: ["webp.corrupt"]),
        ValidatorExample("a TIFF cut at 60% of its bytes", .file(corpus("rose-cut.tif")), path: "bob/image/a.tif", gives: ["tiff.truncated"]),
        ValidatorExample("a TIFF with overwritten LZW data", .file(corpus("rose-corrupt.tif")), path: "bob/image/a.tif", gives: ["tiff.corrupt"]),
        ValidatorExample("a TIFF of 32-bit floating-point samples", .file(corpus("rose-float.tif")), path: "bob/image/a.tif",
                         gives: ["tiff.unsupported"]),
        ValidatorExample("a BMP cut at 60% of its bytes", .file(corpus("rose-cut.bmp")), path: "bob/image/a.bmp", gives: ["bmp.truncated"]),
        ValidatorExample("a BMP declaring 7 bits a pixel", .file(corpus("rose-bad-header.bmp")), path: "bob/image/a.bmp", gives: ["bmp.corrupt"]),
        ValidatorExample("a BMP whose pixels are a JPEG stream", .file(corpus("rose-jpeg-payload.bmp")), path: "bob/image/a.bmp",
                         gives: ["bmp.unsupported"]),

        // Structure.
        ValidatorExample("the signature's second byte changed", .file("Tests/Corpora/pngsuite/xs2n0g01.png"), path: "bob/image/a.png",
                         gives: ["png.signature"]),
        ValidatorExample("a chunk whose CRC is wrong", .file("samples/bob/image/bad-crc.png"), path: "bob/image/a.png", gives: ["png.crc"]),
        ValidatorExample("an IHDR with colour type 1", .file("Tests/Corpora/pngsuite/xc1n0g08.png"), path: "bob/image/a.png",
                         gives: ["png.ihdr"]),
        ValidatorExample("an unknown critical chunk", .file(corpus("rose-unknown-critical.png")), path: "bob/image/a.png",
                         gives: ["png.chunk"]),
        ValidatorExample("a palette after the image data", .file(corpus("rose-plte-after-idat.png")), path: "bob/image/a.png",
                         gives: ["png.chunk_order"]),
        ValidatorExample("no IDAT chunk at all", .file("Tests/Corpora/pngsuite/xdtn0g01.png"), path: "bob/image/a.png",
                         gives: ["png.missing_idat"]),
        ValidatorExample("image data with a wrong Adler-32", .file(corpus("rose-bad-adler.png")), path: "bob/image/a.png",
                         gives: ["png.zlib"]),
        ValidatorExample("a row with filter type 7", .file(corpus("rose-bad-filter.png")), path: "bob/image/a.png", gives: ["png.filter"]),
        ValidatorExample("image data for half the rows", .file(corpus("rose-short-data.png")), path: "bob/image/a.png",
                         gives: ["png.idat_short"]),
        ValidatorExample("image data for one row too many", .file(corpus("rose-extra-row.png")), path: "bob/image/a.png",
                         gives: ["png.idat_extra"]),
        ValidatorExample("the file cut inside its image data", .file(corpus("rose-truncated.png")), path: "bob/image/a.png",
                         gives: ["png.truncated"]),
        ValidatorExample("the IEND chunk cut off", .file(corpus("rose-no-iend.png")), path: "bob/image/a.png",
                         gives: ["png.missing_iend"]),
        ValidatorExample("a ZIP archive after IEND", .file(corpus("rose-with-zip.png")), path: "bob/image/a.png",
                         gives: ["image.trailing_data"]),
        ValidatorExample("an IDAT length of 2^31", .file(corpus("rose-idat-length.png")), path: "bob/image/a.png",
                         gives: ["png.decode"]),

        // Content and policy.
        ValidatorExample("70 × 46 pixels where 3,000 are the most", .file(rose), path: "alice/image/a.png", options: ["max_pixels: 3000"],
                         gives: ["image.too_large"]),
        ValidatorExample("an animated PNG", .file(corpus("rose-animated.png")), path: "alice/image/a.png", gives: ["image.animated"]),
        ValidatorExample("an animated WebP", .file(corpus("rose-animated.webp")), path: "alice/image/a.webp", gives: ["image.animated"]),
        ValidatorExample("a TIFF of two pages", .file(corpus("rose-pages.tif")), path: "alice/image/a.tif", gives: ["image.animated"]),
        ValidatorExample("a photo whose EXIF holds a GPS position", .file(corpus("rose-gps.jpg")), path: "alice/image/a.jpg",
                         gives: ["image.location"]),
        ValidatorExample("a ZIP archive after a JPEG's EOI", .file(corpus("rose-with-zip.jpg")), path: "alice/image/a.jpg",
                         gives: ["image.trailing_data"]),
        ValidatorExample("seven text chunks where two are the most", .file("Tests/Corpora/pngsuite/ctzn0g04.png"), path: "alice/image/a.png",
                         options: ["max_metadata_chunks: 2"], gives: ["image.metadata_size"]),
        ValidatorExample("camera EXIF where reject_exif is on", .file(corpus("rose-exif.png")), path: "alice/image/a.png",
                         options: ["reject_exif: true"], gives: ["image.exif"]),
        ValidatorExample("a gAMA chunk of 3 bytes where warnings are fatal", .file(corpus("rose-odd-gama.png")), path: "alice/image/a.png",
                         options: ["warnings_fatal: true"], gives: ["png.warning"]),
        ValidatorExample("one pixel", .file("samples/bob/image/tiny.png"), path: "bob/image/a.png", gives: ["image.too_small"]),
        ValidatorExample("a 70 × 46 picture where 4:3 is the widest", .file(rose), path: "alice/image/a.png",
                         options: ["max_aspect_ratio: 1.34"], gives: ["image.aspect_ratio"]),
        ValidatorExample("16-bit grey where only 8 bits are taken", .file("Tests/Corpora/pngsuite/basn0g16.png"), path: "alice/image/a.png",
                         options: ["bit_depths: [\"8\"]"], gives: ["png.bit_depth"]),
        ValidatorExample("a palette image where only RGB is taken", .file("Tests/Corpora/pngsuite/basn3p08.png"), path: "alice/image/a.png",
                         options: ["color_types: [rgb, rgba]"], gives: ["png.color_type"]),
        ValidatorExample("an interlaced image where interlacing is off", .file("samples/bob/image/rgb-gradient-interlaced.png"),
                         path: "bob/image/a.png", options: ["allow_interlaced: false"], gives: ["png.interlaced"]),
        ValidatorExample("one flat colour", .file(corpus("navy.png")), path: "alice/image/a.png", gives: ["image.blank"]),
        ValidatorExample("the rose darkened", .file(corpus("rose-dark.png")), path: "alice/image/a.png", gives: ["image.dark"]),
        ValidatorExample("a drawing washed out", .file(corpus("wizard-light.png")), path: "alice/image/a.png", gives: ["image.light"]),
        ValidatorExample("a smooth ramp with no edge", .file("samples/bob/image/alpha-gradient.png"), path: "bob/image/a.png",
                         gives: ["image.blurry"]),
        ValidatorExample("grey with one small dark square", .file(corpus("grey-fill.png")), path: "alice/image/a.png",
                         gives: ["image.low_information"]),

        // Duplicates.
        ValidatorExample("the same pixels interlaced", .file("samples/bob/image/rgb-gradient-interlaced.png"), path: "bob/image/b.png",
                         earlier: [.file("samples/alice/image/rgb-gradient.png")], gives: ["image.dup_exact"]),
        ValidatorExample("the rose at twice the size", .file(corpus("rose-large.png")), path: "bob/image/b.png",
                         earlier: [.file(rose)], gives: ["image.dup_near"]),
        ValidatorExample("the rose mirrored", .file(corpus("rose-mirrored.png")), path: "bob/image/b.png",
                         earlier: [.file(rose)], gives: ["image.dup_near"]),
        ValidatorExample("a JPEG of an accepted PNG", .file(corpus("rose.jpg")), path: "bob/image/b.jpg",
                         earlier: [.file(rose)], gives: ["image.dup_near"]),
        ValidatorExample("a PNG of an accepted JPEG", .file(rose), path: "bob/image/b.png",
                         earlier: [.file(corpus("rose.jpg"))], gives: ["image.dup_near"]),
        ValidatorExample("a lossy WebP of an accepted PNG", .file(corpus("rose.webp")), path: "bob/image/b.webp",
                         earlier: [.file(rose)], gives: ["image.dup_near"]),
        ValidatorExample("the same pixels as a BMP after a PNG", .file(corpus("rose.bmp")), path: "bob/image/b.bmp",
                         earlier: [.file(rose)], gives: ["image.dup_exact"]),
        ValidatorExample("the same pixels as a lossless WebP after a TIFF", .file(corpus("rose-lossless.webp")), path: "bob/image/b.webp",
                         earlier: [.file(corpus("rose.tif"))], gives: ["image.dup_exact"]),
    ]

    /// Codes no example file gives, with why.
    static let codesWithoutExamples: [String: String] = [
        "webp.unsupported": "Given when libwebp answers VP8_STATUS_UNSUPPORTED_FEATURE, which libwebp 1.2 reserves for bitstream versions and features it does not know; no tool writes such a file, and flipping bytes gives a bitstream error (webp.corrupt) instead.",
        "image.no_memory": "Given only when an allocation fails: the decoder's context, the library's structures, one RGBA row (at most 8 MB: max_width is at most 1,000,000 px, plus 4 bytes of scratch a pixel), a WebP or TIFF picture (under max_pixels × 4 bytes), or libjpeg's coefficient buffers past max_decode_memory. Sizes are bounded before anything is allocated, so no file makes an allocation fail on a machine with memory to spare; no test covers it.",
    ]

    /// ImageMagick's built-in rose, 70 × 46 px (`convert rose: -strip rose.png`).
    static let rose = corpus("rose.png")

    /// A file of Tests/Corpora/examples/image-check.
    static func corpus(_ name: String) -> String { "Tests/Corpora/examples/image-check/" + name }
}
