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
}
