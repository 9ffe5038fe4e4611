import ChildProcess
import Glibc

/// Where poppler-utils' `pdfinfo`, `pdftotext` and `pdfimages` are, found once on Assay's PATH.
/// Poppler is GPL and parses PDFs in C++, so Assay never links it: each tool runs as a child
/// process with a memory limit and the stage's deadline (``PDFText``).
struct PopplerTools: Sendable {
    let pdfinfo: String
    let pdftotext: String
    let pdfimages: String

    /// The PATH the tools were looked up on and run with.
    static let path: String = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"

    /// The tools, or the message that says which is missing and how to install it.
    static let located: Result<PopplerTools, DocumentProblem> = {
        var found: [String] = []
        for name in ["pdfinfo", "pdftotext", "pdfimages"] {
            guard let tool = ToolRun.locate(name, path: path) else {
                return .failure(.toolMissing("\(name) is not on PATH: PDFs need poppler-utils (Debian: `apt-get install poppler-utils`)"))
            }
            found.append(tool)
        }
        return .success(PopplerTools(pdfinfo: found[0], pdftotext: found[1], pdfimages: found[2]))
    }()

    /// The environment every tool gets: the PATH and the C locale, nothing of Assay's own.
    static let environment = ["PATH=" + path, "LC_ALL=C"]

    /// `pdftotext -v`'s version (`22.12.0`), asked once; `none` when poppler-utils is missing or
    /// does not say. Another poppler can read the same PDF into other text, so it is part of the
    /// extraction's fingerprint.
    static let version: String = {
        guard case let .success(tools) = located,
              let output = try? ToolRun.run([tools.pdftotext, "-v"], environment: environment, maxMemory: 0, maxOutput: 1 << 16,
                                            deadline: ContinuousClock.now + .seconds(10)) else { return "none" }
        let first = (output.errorText + String(decoding: output.output, as: UTF8.self)).split(separator: "\n").first ?? ""
        return first.split(separator: " ").last.map(String.init) ?? "none"
    }()
}
