import Foundation

// assay-fuzz: a mutation fuzzer for the parsers Assay feeds untrusted bytes to (libpng through
// the shim, libsndfile, the Markdown and PII scanners), run in this process for a fixed time per target.
// Before each input it writes the bytes to OUT/TARGET-current.bin, so a crash leaves the input
// that caused it; inputs slower than --slow seconds are kept as OUT/TARGET-slow-N.bin.
//
//   assay-fuzz --corpora Tests/Corpora --seconds 60 --out /tmp/assay-fuzz [--seed 1] [png|audio|text|docx ...]
//
// Exit 0 when every input was judged (any verdict is fine); a crash ends the process, which is
// the finding. The summary prints inputs run, inputs per second and the slowest input per target.

var corpora = "Tests/Corpora"
var seconds = 60.0
var out = "/tmp/assay-fuzz"
var seed: UInt64 = 1
var slow = 1.0
var names: [String] = []
var extra: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--corpora": corpora = arguments.next() ?? corpora
    case "--extra": extra = arguments.next()
    case "--seconds": seconds = arguments.next().flatMap(Double.init) ?? seconds
    case "--out": out = arguments.next() ?? out
    case "--seed": seed = arguments.next().flatMap { UInt64($0) } ?? seed
    case "--slow": slow = arguments.next().flatMap(Double.init) ?? slow
    default: names.append(argument)
    }
}
try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
let targets = try FuzzTarget.all(corpora: corpora, extra: extra).filter { names.isEmpty || names.contains($0.name) }
print("target     inputs   inputs/s   slowest s   slow kept   seeds")
for target in targets {
    guard !target.seeds.isEmpty else {
        print("\(target.name): no seed files under \(corpora)")
        exit(2)
    }
    var mutator = Mutator(seed: seed)
    let current = out + "/\(target.name)-current.bin"
    let clock = ContinuousClock()
    let start = clock.now
    var count = 0
    var slowest = 0.0
    var kept = 0
    while clock.now - start < .seconds(seconds) {
        let bytes = mutator.mutate(target.seeds[mutator.next(target.seeds.count)])
        _ = FileManager.default.createFile(atPath: current, contents: Data(bytes))
        let began = clock.now
        _ = try? target.judge(bytes)
        let took = (clock.now - began) / .seconds(1)
        if took > slow {
            kept += 1
            _ = FileManager.default.createFile(atPath: out + "/\(target.name)-slow-\(kept).bin", contents: Data(bytes))
        }
        slowest = max(slowest, took)
        count += 1
    }
    try? FileManager.default.removeItem(atPath: current)
    let elapsed = (clock.now - start) / .seconds(1)
    print(target.name.padding(toLength: 8, withPad: " ", startingAt: 0)
          + String(format: "%9d  %9.0f  %10.3f  %10d  %6d", count, Double(count) / elapsed, slowest, kept, target.seeds.count))
}
