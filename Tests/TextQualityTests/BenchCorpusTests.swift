import AssayCore
import Foundation
import Testing
import TextQuality

/// The shared benchmark corpus (8,185 real documents, 140 junk; built by Benchmarks/make_text_corpus.py),
/// when it has been built. Run in release mode to read the throughput it prints:
/// `swift test -c release --filter BenchCorpusTests`.
@Suite(.enabled(if: BenchCorpus.available, "build the corpus with Benchmarks/make_text_corpus.py first"))
struct BenchCorpusTests {
    /// Metrics written to the per-document table.
    static let columns = ["text.words", "text.alpha_words", "text.score", "text.terminal_punct_lines", "text.newline_ratio",
                          "text.short_lines", "text.dup_line_chars", "text.dup_lines", "text.stop_words", "text.mean_word_length",
                          "text.dup_5gram", "text.dup_line_chars_fineweb"]

    @Test("defaults keep ≥ 90% of substantial originals and reject every junk document")
    func defaultsOnCorpus() throws {
        let corpus = try BenchCorpus.load()
        let stage = try TextQuality(options: TextQualityOptions())
        let cpuStarted = BenchCorpus.threadCPUSeconds()
        let started = ContinuousClock.now
        var findings: [Finding] = []
        findings.reserveCapacity(corpus.docs.count)
        for doc in corpus.docs { findings.append(stage.judge(doc.bytes, markdown: false)) }
        let elapsed = ContinuousClock.now - started
        let cpu = BenchCorpus.threadCPUSeconds() - cpuStarted

        let parallel = ContinuousClock.now
        let halves = 2
        DispatchQueue.concurrentPerform(iterations: halves) { part in
            var index = part
            while index < corpus.docs.count {
                _ = stage.judge(corpus.docs[index].bytes, markdown: false)
                index += halves
            }
        }
        let elapsedParallel = ContinuousClock.now - parallel

        var accepted = 0
        var junkRejected = 0
        var junk = 0
        var originals = 0
        var originalsAccepted = 0
        var substantial = 0
        var substantialAccepted = 0
        var codes: [String: Int] = [:]
        var kept: [String] = []
        var table = "file\tkind\tcodes\t" + BenchCorpusTests.columns.joined(separator: "\t") + "\n"
        for (doc, finding) in zip(corpus.docs, findings) {
            let ok = finding.reasons.isEmpty
            if ok {
                accepted += 1
                kept.append(doc.path)
            }
            for code in Set(finding.reasons.map(\.code)) { codes[code, default: 0] += 1 }
            table += "\(doc.path)\t\(doc.kind)\t\(Set(finding.reasons.map(\.code)).sorted().joined(separator: ","))\t"
                + BenchCorpusTests.columns.map { String(finding.metrics[$0] ?? -1) }.joined(separator: "\t") + "\n"
            switch doc.kind {
            case "junk":
                junk += 1
                if !ok { junkRejected += 1 }
            case "base":
                originals += 1
                if ok { originalsAccepted += 1 }
                if (finding.metrics["text.words"] ?? 0) >= 150, (finding.metrics["text.alpha_words"] ?? 0) > 0.9 {
                    substantial += 1
                    if ok { substantialAccepted += 1 }
                }
            default:
                break
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let secondsParallel = Double(elapsedParallel.components.seconds) + Double(elapsedParallel.components.attoseconds) / 1e18
        let megabytes = Double(corpus.bytes) / 1e6
        print("text-quality on \(corpus.docs.count) docs, \(megabytes) MB: 1 thread \(seconds) s wall, \(cpu) s CPU = \(megabytes / cpu) MB/s per core, "
              + "\(Double(corpus.docs.count) / seconds) docs/s; 2 threads \(secondsParallel) s = \(megabytes / secondsParallel) MB/s")
        print("accepted \(accepted) of \(corpus.docs.count); originals \(originalsAccepted)/\(originals); "
              + "originals with ≥150 words and >90% alpha words \(substantialAccepted)/\(substantial); junk rejected \(junkRejected)/\(junk)")
        print("rejections by code: " + codes.sorted { $0.value > $1.value }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        let keptFile = FileManager.default.temporaryDirectory.appendingPathComponent("assay-text-quality-kept.txt")
        try (kept.joined(separator: "\n") + "\n").write(to: keptFile, atomically: true, encoding: .utf8)
        print("kept paths: \(keptFile.path)")
        let tableFile = FileManager.default.temporaryDirectory.appendingPathComponent("assay-text-quality-metrics.tsv")
        try table.write(to: tableFile, atomically: true, encoding: .utf8)
        print("metrics: \(tableFile.path)")

        #expect(junk == 140)
        #expect(junkRejected == junk)
        #expect(Double(substantialAccepted) >= 0.9 * Double(substantial))
    }
}

/// The benchmark corpus in memory.
struct BenchCorpus {
    /// One document.
    struct Doc {
        let path: String
        let kind: String
        let bytes: [UInt8]
    }

    static let root = ProcessInfo.processInfo.environment["ASSAY_TEXT_CORPUS"] ?? "/tmp/assay-bench/text/corpus"
    static var available: Bool { FileManager.default.fileExists(atPath: root + "/ground_truth.csv") }

    let docs: [Doc]
    let bytes: Int

    /// CPU time of the calling thread (immune to other processes on a shared machine).
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Reads ground_truth.csv (file,kind,...) and every document.
    static func load() throws -> BenchCorpus {
        let csv = try String(contentsOfFile: root + "/ground_truth.csv", encoding: .utf8)
        var docs: [Doc] = []
        var total = 0
        for line in csv.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            let path = String(fields[0])
            let data = try Data(contentsOf: URL(fileURLWithPath: root + "/docs/" + path))
            total += data.count
            docs.append(Doc(path: path, kind: String(fields[1]), bytes: [UInt8](data)))
        }
        return BenchCorpus(docs: docs, bytes: total)
    }
}
