import AssayKit
import ChildProcess

/// The text layer of a PDF, read by poppler-utils in child processes: `pdfinfo` for the page
/// count and encryption, `pdftotext` for the text, `pdfimages -list` for pictures. Each child
/// gets a private copy of the file, RLIMIT_AS ``DocumentLimits/toolMemory`` and what is left of
/// the deadline; Assay keeps at most ``DocumentLimits/maxTextBytes`` of its output.
enum PDFText {
    /// The text of `bytes`, or the problem that stops it, by `deadline`.
    static func extract(_ bytes: [UInt8], limits: DocumentLimits, deadline: ContinuousClock.Instant) throws(DocumentProblem) -> ExtractedText {
        // A PDF ends with %%EOF (readers allow trailing bytes within its last 1,024); poppler
        // would rebuild a truncated file's cross-reference table and read part of it.
        let tail = bytes.suffix(1024)
        guard tail.firstRange(of: Array("%%EOF".utf8)) != nil else {
            throw .corrupt("the PDF is truncated: no %%EOF in its last 1,024 bytes")
        }
        let tools = try PopplerTools.located.get()
        let copy = try PrivateFile(bytes)
        defer { copy.remove() }
        let pages = try pageCount(copy.path, tools: tools, limits: limits, deadline: deadline)
        // pdfinfo spoke for the file; -q keeps the others from writing poppler's complaints again
        // (one per malformed token: 61 MB of stderr for a million nested brackets).
        let text = try run([tools.pdftotext, "-q", "-enc", "UTF-8", "-eol", "unix", copy.path, "-"], limits: limits,
                           maxOutput: limits.maxTextBytes, deadline: deadline, what: "extracted text (bytes)")
        guard text.succeeded else { throw .corrupt("pdftotext cannot read it: " + firstLine(text)) }
        let paragraphs = pageBreaksAsBlankLines(text.output)
        guard paragraphs.contains(where: { $0 > 0x20 }) else { throw .noText }
        let listing = try run([tools.pdfimages, "-q", "-list", copy.path], limits: limits, maxOutput: 1 << 20, deadline: deadline, what: "pdfimages listing (bytes)")
        guard listing.succeeded else { throw .corrupt("pdfimages cannot read it: " + firstLine(listing)) }
        // Two header lines, then one line per picture.
        let pictures = max(0, listing.output.split(separator: UInt8(ascii: "\n")).count - 2)
        if pictures > 0 { throw .pictures(pictures) }
        return ExtractedText(bytes: paragraphs, pages: pages)
    }

    /// `pdfinfo`'s page count, after its verdict on encryption and readability.
    private static func pageCount(_ path: String, tools: PopplerTools, limits: DocumentLimits,
                                  deadline: ContinuousClock.Instant) throws(DocumentProblem) -> Int {
        let info = try run([tools.pdfinfo, path], limits: limits, maxOutput: 1 << 20, deadline: deadline, what: "pdfinfo output (bytes)")
        guard info.succeeded else {
            if info.errorText.contains("Incorrect password") { throw .encrypted("the PDF needs a password to open") }
            throw .corrupt("pdfinfo cannot read it: " + firstLine(info))
        }
        var pages: Int?
        for line in String(decoding: info.output, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("Encrypted:"), line.dropFirst("Encrypted:".count).trimmingPrefix(while: { $0 == " " }).hasPrefix("yes") {
                throw .encrypted("the PDF is encrypted (\(line.dropFirst("Encrypted:".count).trimmingPrefix(while: { $0 == " " })))")
            }
            if line.hasPrefix("Pages:") { pages = Int(line.dropFirst("Pages:".count).trimmingPrefix(while: { $0 == " " })) }
        }
        guard let pages, pages > 0 else { throw .corrupt("poppler reads no page in it: " + firstLine(info)) }
        if pages > limits.maxPages { throw .tooLarge("pages", value: Double(pages), limit: Double(limits.maxPages)) }
        return pages
    }

    /// Runs one tool, turning the runner's failures into problems.
    private static func run(_ arguments: [String], limits: DocumentLimits, maxOutput: Int, deadline: ContinuousClock.Instant,
                            what: String) throws(DocumentProblem) -> ToolOutput {
        let output: ToolOutput
        do throws(ToolRunError) {
            output = try ToolRun.run(arguments, environment: PopplerTools.environment, maxMemory: limits.toolMemory,
                                     maxOutput: maxOutput, deadline: deadline)
        } catch {
            let name = arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? "poppler"
            switch error {
            case let .cannotStart(message): throw .toolMissing(message)
            case .timeout: throw .timeout("\(name) did not finish within the stage's budget")
            case let .outputTooLarge(count): throw .tooLarge(what, value: Double(count), limit: Double(maxOutput))
            }
        }
        // Killed by a signal (out of its memory limit, a crash on hostile input): unreadable.
        if output.status & 0x7F != 0 {
            throw .corrupt("poppler cannot read it: \(arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? "") "
                           + ChildExit.describe(output.status))
        }
        return output
    }

    /// The first line poppler wrote on stderr, or its exit status.
    private static func firstLine(_ output: ToolOutput) -> String {
        let line = output.errorText.split(separator: "\n").first.map(String.init) ?? ""
        return line.isEmpty ? ChildExit.describe(output.status) : String(line.prefix(200))
    }

    /// pdftotext ends each page with a form feed: pages become paragraphs, and the text ends with one line feed.
    private static func pageBreaksAsBlankLines(_ text: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + 16)
        for byte in text {
            if byte == 0x0C {
                while out.last == 0x0A { out.removeLast() }
                if !out.isEmpty { out += [0x0A, 0x0A] }
            } else {
                out.append(byte)
            }
        }
        while out.last == 0x0A { out.removeLast() }
        if !out.isEmpty { out.append(0x0A) }
        return out
    }
}
