import AssayCore
import Foundation
import Testing
@testable import TextDedup

/// The benchmark corpus (built by `Benchmarks/make_text_corpus.py`, which `Benchmarks/text.sh` runs): runs only when
/// `TEXT_DEDUP_CORPUS` names its folder (the one holding `docs/` and `ground_truth.csv`), judges
/// every document in path order and checks removal precision ≥ 0.99 and recall ≥ 0.95 the way
/// `eval_dedup.py` counts them. Writes its TSV to `TEXT_DEDUP_TSV` when set and prints the
/// stage's single-thread throughput (no timing is asserted).
@Suite struct BenchCorpusTests {
    static let corpus = ProcessInfo.processInfo.environment["TEXT_DEDUP_CORPUS"]

    struct Row {
        let file: String
        let dupOf: String
    }

    static func groundTruth(_ folder: String) throws -> [Row] {
        let text = try String(contentsOfFile: folder + "/ground_truth.csv", encoding: .utf8)
        // file,kind,dup_of,source,... : the first three fields never hold commas.
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let fields = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
            return Row(file: String(fields[0]), dupOf: String(fields[2]))
        }
    }

    @Test(.enabled(if: corpus != nil)) func removalPrecisionAndRecall() throws {
        let folder = try #require(Self.corpus)
        let rows = try Self.groundTruth(folder).sorted { $0.file < $1.file }
        try #require(rows.count > 1000)
        let files = try rows.map { row in
            try #require(RealText.file(folder + "/docs/" + row.file), "\(row.file)")
        }
        let run = try DedupRun()
        // analyze alone, timed in thread CPU time.
        var start = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        let prints = files.map { run.validator.fingerprint(of: $0) }
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) * 1e-9
        let megabytes = Double(files.reduce(0) { $0 + $1.count }) / 1e6
        print("text-dedup analyze: \(files.count) docs, \(megabytes) MB in \(seconds) s CPU = \(megabytes / seconds) MB/s per core")
        _ = prints
        var removed = Set<String>()
        var tsv = ""
        var cluster: [String: String] = [:]
        for (row, bytes) in zip(rows, files) {
            let decision = try run.judge(row.file, bytes)
            if let earlier = decision.duplicateOf?.path {
                removed.insert(row.file)
                let root = cluster[earlier] ?? earlier
                cluster[earlier] = root
                cluster[row.file] = root
            }
        }
        for row in rows {
            tsv += "\(row.file)\t\(removed.contains(row.file) ? 1 : 0)\t\(cluster[row.file] ?? "-1")\n"
        }
        if let out = ProcessInfo.processInfo.environment["TEXT_DEDUP_TSV"] {
            try tsv.write(toFile: out, atomically: true, encoding: .utf8)
        }
        // Removal-level scoring as eval_dedup.py: each true cluster of k files needs k − 1 removals.
        var parent: [String: String] = [:]
        func find(_ x: String) -> String {
            var x = x
            while let p = parent[x], p != x { x = p }
            return x
        }
        for row in rows { parent[row.file] = row.file }
        for row in rows where !row.dupOf.isEmpty { parent[find(row.file)] = find(row.dupOf) }
        var members: [String: [String]] = [:]
        for row in rows { members[find(row.file), default: []].append(row.file) }
        let clusters = members.values.filter { $0.count > 1 }
        let needed = clusters.reduce(0) { $0 + $1.count - 1 }
        let truePositives = clusters.reduce(0) { $0 + min($1.filter(removed.contains).count, $1.count - 1) }
        let precision = Double(truePositives) / Double(max(1, removed.count))
        let recall = Double(truePositives) / Double(needed)
        print("text-dedup removal: removed=\(removed.count) needed=\(needed) TP=\(truePositives) precision=\(precision) recall=\(recall)")
        #expect(precision >= 0.99)
        #expect(recall >= 0.95)
    }
}
