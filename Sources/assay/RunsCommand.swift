import ArgumentParser
import AssayCore
import Foundation

/// `assay runs`: the runs recorded in a ledger, newest first.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List the runs recorded in the ledger: id, start, status and counts.",
        discussion: "status: completed, interrupted (SIGINT/SIGTERM; the next run resumes), failed, killed (ended without a word, found by the next run; it resumes), or running."
    )

    @OptionGroup var options: LedgerOptions

    @Flag(name: .long, help: "One JSON object per line instead of a table.")
    var json = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let runs: [RunRecord]
        do {
            runs = try options.open().runs()
        } catch let error as LedgerError {
            throw CommandFailure.failure(error.message)
        }
        if json {
            for run in runs {
                var w = JSONWriter()
                w.raw("{\"id\":"); w.number(Double(run.id))
                w.raw(",\"started_at\":"); w.string(run.startedAt)
                w.raw(",\"finished_at\":"); w.optionalString(run.finishedAt)
                w.raw(",\"status\":"); w.string(run.status.rawValue)
                for (key, value) in [("found", run.found), ("analyzed", run.analyzed), ("decided", run.decided)] {
                    w.raw(",\"\(key)\":")
                    if let value { w.number(Double(value)) } else { w.raw("null") }
                }
                w.raw("}")
                print(w.string)
            }
            return
        }
        print("  id  started               status        found  analyzed   decided")
        for run in runs {
            func cell(_ value: Int?) -> String { value.map(String.init) ?? "-" }
            print(String(format: "%4lld  ", run.id) + run.startedAt.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + run.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                  + [cell(run.found), cell(run.analyzed), cell(run.decided)].map { String(repeating: " ", count: max(0, 9 - $0.count)) + $0 }.joined(separator: " "))
        }
    }
}
