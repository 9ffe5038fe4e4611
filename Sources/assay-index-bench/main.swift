// Times image-check's near-duplicate lookup against an index of N admitted images, as the decider
// runs it: every symmetry of the query probed within the shipped distance, every candidate
// confirmed. Prints CPU microseconds per lookup. Benchmarks/png-near-dup.sh runs it at 100k and 1M.
//
//   assay-index-bench COUNT [QUERIES]
import AssayCore
import Foundation
import ImageCheck

/// A deterministic stream (splitmix64), so every run builds the same index.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

func fingerprint(_ random: inout SplitMix, near base: ImageFingerprint? = nil, flips: Int = 0) -> ImageFingerprint {
    guard let base else {
        return ImageFingerprint(pixelHash: random.next(), symmetricHashes: (0..<8).map { _ in random.next() }, meanHash: random.next(),
                              innerHash: random.next(), width: 256, height: 256)
    }
    var hash = base.perceptualHash
    for _ in 0..<flips { hash ^= 1 << (random.next() % 64) }
    return ImageFingerprint(pixelHash: random.next(), symmetricHashes: [hash] + (1..<8).map { _ in random.next() },
                          meanHash: base.meanHash, innerHash: random.next(), width: 256, height: 256)
}

let arguments = CommandLine.arguments
guard arguments.count >= 2, let count = Int(arguments[1]), count > 0 else {
    FileHandle.standardError.write(Data("usage: assay-index-bench COUNT [QUERIES]\n".utf8))
    exit(2)
}
let queries = arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000
let stage = try ImageCheck(options: ImageCheckOptions())
let index = DuplicateIndex(stage: ImageCheck.name)
var random = SplitMix(state: 42)
var planted: [ImageFingerprint] = []
let buildStart = cpuSeconds()
for n in 0..<count {
    let print = fingerprint(&random)
    if n % max(1, count / queries) == 0 { planted.append(print) }
    index.admit(FileRef(root: "/", path: "c/image/\(n).png"), key: CanonicalKey(submittedAt: Int64(n), path: "c/image/\(n).png", root: "/"),
                fingerprint: print)
}
let buildSeconds = cpuSeconds() - buildStart

func verdict(_ n: Int) -> Verdict {
    Verdict(root: "/", path: "q/image/\(n).png", contributor: "q", modality: "image", bytes: 1, sha256: nil, mime: "image/png",
            submittedAt: Int64(count + n), verdict: .accepted, reasons: [], metrics: [:], duplicateOf: nil)
}
// Half the queries are new pictures, half copies of indexed ones with 4 bits changed.
var found = 0
let lookupStart = cpuSeconds()
for q in 0..<queries {
    let print = q % 2 == 0 ? fingerprint(&random) : fingerprint(&random, near: planted[(q / 2) % planted.count], flips: 4)
    var finding = Finding(metrics: [:])
    finding.fingerprint = print
    if !stage.decide(finding, of: verdict(q), index: index).reasons.isEmpty { found += 1 }
}
let lookupSeconds = cpuSeconds() - lookupStart
let perLookup = lookupSeconds / Double(queries) * 1e6
print("index \(count) images: built in \(String(format: "%.2f", buildSeconds)) CPU s; \(queries) lookups in \(String(format: "%.2f", lookupSeconds)) CPU s = \(String(format: "%.1f", perLookup)) µs each; \(found) near copies found of \(queries / 2) planted")
