import ArgumentParser
import AssayCore
import AssayReports
import Foundation

/// `assay rank`: contributors ordered by acceptance rate, not by volume.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Order contributors by acceptance rate (accepted / (accepted + rejected)); refusals and errors do not count.",
        discussion: "wilson: lower bound of the 95% Wilson interval (default; 1 of 1 ranks below 100 of 101). bayes: mean of the Beta posterior. rate: plain ratio."
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case wilson, bayes, rate }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

    @OptionGroup var options: LedgerOptions

    @Option(name: .long, help: "Only files of this modality (text, image, audio).")
    var modality: Modality?

    @Option(name: .long, help: "Only files submitted on or after this UTC day (YYYY-MM-DD) or RFC 3339 time.")
    var since: String?

    @Option(name: .long, help: "Scoring method.")
    var method: Method = .wilson

    @Option(name: .long, help: "Prior Beta(alpha, beta) for --method bayes, as ALPHA,BETA.")
    var prior: String = "1,1"

    @Option(name: .long, help: "Leave out contributors with fewer accepted + rejected files.")
    var minDecided: Int = 0

    @Option(name: .long, help: "Output format.")
    var format: Format = .table

    @OptionGroup var output: OutputOptions

    func run() throws {
        let sinceTime: Int64? = try since.map { text in
            guard let time = RFC3339.parseDayOrTime(text) else {
                throw ValidationError("--since must be a day (2026-11-24) or an RFC 3339 time")
            }
            return time
        }
        let scoring: RankingMethod
        switch method {
        case .wilson: scoring = .wilson(z: 1.96)
        case .rate: scoring = .rate
        case .bayes:
            let parts = prior.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { throw ValidationError("--prior must be two positive numbers, such as 1,1") }
            scoring = .bayes(alpha: parts[0], beta: parts[1])
        }
        let ledger = try options.open()
        let tallies: [ContributorTally]
        do {
            tallies = try ledger.tallies(modality: modality?.rawValue, since: sinceTime)
        } catch {
            throw CommandFailure.failure(error.message)
        }
        output.detail("\(Plural.count(tallies.count, "contributor")) in \(ledger.path); ranked by \(method.rawValue)")
        let rows = Ranker(method: scoring, minDecided: minDecided).rank(tallies)
        switch format {
        case .json: print(RankJSON.encode(rows))
        case .csv:
            print(CSVCell.line(["rank", "contributor", "accepted", "rejected", "refused", "rate", "score", "copies_of_others"], safe: false))
            for row in rows {
                print(CSVCell.line([String(row.rank), row.tally.contributor, String(row.tally.accepted), String(row.tally.rejected),
                                    String(row.tally.refused), row.tally.rate.map { String(format: "%.6f", $0) } ?? "",
                                    String(format: "%.6f", row.score), String(row.tally.copiesOfOthers)], safe: true))
            }
        case .table:
            // Names are folder names anyone chooses: no escape sequence reaches the terminal.
            let names = rows.map { TerminalText.escape($0.tally.contributor) }
            let width = max(11, names.map(\.count).max() ?? 0)
            print("rank  " + "contributor".padding(toLength: width, withPad: " ", startingAt: 0) + "  accepted  rejected   refused    rate   score")
            for (row, name) in zip(rows, names) {
                let rate = row.tally.rate.map { String(format: "%.3f", $0) } ?? "    -"
                print(String(format: "%4d  ", row.rank) + name.padding(toLength: width, withPad: " ", startingAt: 0)
                      + String(format: "  %8d  %8d  %8d  ", row.tally.accepted, row.tally.rejected, row.tally.refused)
                      + rate + String(format: "   %.3f", row.score) + " (\(method.rawValue))"
                      + (row.tally.mostlyCopiesOfOthers ? "  copies!" : ""))
            }
            let flagged = rows.filter(\.tally.mostlyCopiesOfOthers)
            if !flagged.isEmpty {
                output.warn("copies!: most of the decided files of \(flagged.map(\.tally.contributor).joined(separator: ", ")) were rejected as copies of other contributors' files (one person behind several names?); no verdict or score changes")
            }
        }
    }
}

extension Modality: ExpressibleByArgument {}
