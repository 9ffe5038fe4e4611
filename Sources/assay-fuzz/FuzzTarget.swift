import AssayCore
import AudioCheck
import DocumentText
import Foundation
import ImageCheck
import TextPII
import TextQuality

/// One parser under fuzzing: the files it starts from and how one input is judged. Each target
/// runs a real stage's `analyze` (libpng through the shim, libsndfile, the Markdown scanner) on
/// the bytes in this process, exactly as a run would.
struct FuzzTarget {
    /// `png`, `pictures` (JPEG, WebP, TIFF and BMP through their shims), `audio`, `text` (the
    /// Markdown scanner and the PII scanners) or `docx` (libzip and libxml2 through the DOCX shim).
    let name: String
    /// Seed files: real files from the shared corpora and this machine.
    let seeds: [[UInt8]]
    /// Judges one input; returns the reason codes (any outcome is fine, only a crash or a hang is not).
    let judge: ([UInt8]) throws -> [String]

    /// The five targets, seeded from `corpora` (Tests/Corpora) and the hostile files in `extra`
    /// (`Benchmarks/fuzz.sh` makes them: PNG metadata bombs, a FLAC declaring an hour).
    static func all(corpora: String, extra: String? = nil) throws -> [FuzzTarget] {
        let png = try ImageCheck(options: ImageCheckOptions())
        let audio = try AudioCheckValidator(options: AudioCheckOptions())
        let text = try TextQuality(options: TextQualityOptions())
        var everything = TextPIIOptions()
        everything.reject = PIIKind.allCases.map(\.rawValue)
        let pii = try TextPII(options: everything)
        let documents = DocumentExtractor()
        func files(_ folder: String, _ suffixes: [String]) -> [[UInt8]] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            return names.filter { name in suffixes.contains { name.hasSuffix($0) } }
                .compactMap { FileManager.default.contents(atPath: folder + "/" + $0).map { [UInt8]($0) } }
        }
        func input(_ bytes: [UInt8], modality: String, mime: String) -> FileInput {
            FileInput(submission: Submission(root: "/fuzz", path: "fuzz/\(modality)/input", absolutePath: "/fuzz/input", contributor: "fuzz",
                                             modalityName: modality, submittedAt: 0, bytes: Int64(bytes.count)),
                      bytes: bytes, sha256: "", mime: mime)
        }
        // Licence texts as prose, and a small document with every construct the scanner handles.
        let markdown = Array(files("/usr/share/common-licenses", [""]).prefix(6)) + [Array("# Title\n\nSee [the guide](https://example.org), <b>bold</b>, `code`, ![alt](x.png) and [ref][1].\n\n[1]: https://x\n| a | b |\n|---|---|\n| 1 | 2 |\n".utf8),
            Array("Mail jane.doe@mail.co.uk, call +44 20 7946 0958 or (617) 542-5942; card 4111 1111 1111 1111; IBAN GB82 WEST 1234 5698 7654 32; host 93.184.216.34 or 2606:4700:4700::1111; key AKIAIOSFODNN7EXAMPLE.\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x2bZ9V7Qm3kQw8TlZ1uY4pD0fJ8rXxk3mVbQ\n".utf8)]
        return [
            FuzzTarget(name: "png", seeds: files(corpora + "/pngsuite", [".png"]) + (extra.map { files($0, [".png"]) } ?? [])) { bytes in
                try png.analyze(input(bytes, modality: "image", mime: "image/png")).reasons.map(\.code)
            },
            // JPEG, WebP, TIFF and BMP: libjpeg-turbo, libwebp, libtiff and the BMP reader through
            // their shims, seeded with the rose in each format and its damaged copies.
            FuzzTarget(name: "pictures", seeds: files(corpora + "/examples/image-check", [".jpg", ".webp", ".tif", ".bmp"])
                       + (extra.map { files($0, [".jpg", ".webp", ".tif", ".bmp"]) } ?? [])) { bytes in
                try png.analyze(input(bytes, modality: "image", mime: "image/jpeg")).reasons.map(\.code)
            },
            FuzzTarget(name: "audio", seeds: files(corpora + "/wav-hound", [".wav"]) + files(corpora + "/flac-valid", [".flac"])
                       + (extra.map { files($0, [".flac", ".wav"]) } ?? [])) { bytes in
                try audio.analyze(input(bytes, modality: "audio", mime: "audio/x-wav")).reasons.map(\.code)
            },
            FuzzTarget(name: "docx", seeds: files(corpora + "/documents", [".docx"])) { bytes in
                // Budget as a run's default stage_timeout gives it; any problem is an outcome.
                do throws(DocumentProblem) {
                    _ = try documents.text(of: bytes, format: .docx, seconds: 10)
                    return []
                } catch {
                    return [error.reasonCode?.code ?? error.message]
                }
            },
            FuzzTarget(name: "text", seeds: markdown) { bytes in
                text.judge(bytes, markdown: true).reasons.map(\.code)
                    + (try pii.analyze(input(bytes, modality: "text", mime: "text/plain"))).reasons.map(\.code)
            },
        ]
    }
}
