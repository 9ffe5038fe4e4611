import AssayKit

extension PNGCheck {
    /// The contract examples, from PngSuite (Tests/Corpora/pngsuite, with its licence).
    static let examples: [ValidatorExample] = [
        ValidatorExample("a plain colour gradient", .file("samples/alice/image/rgb-gradient.png"), path: "alice/image/a.png",
                         doesNotGive: ["png.crc", "png.decode", "png.truncated"]),
        ValidatorExample("a chunk whose CRC is wrong", .file("samples/bob/image/bad-crc.png"), path: "bob/image/a.png", gives: ["png.crc"]),
    ]
}
