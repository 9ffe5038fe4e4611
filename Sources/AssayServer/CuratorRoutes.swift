import AssayCore
import AssayKit
import AssayPlugins
import AssayReports
import Foundation
import Hummingbird

extension AssayServer {
    /// `GET /curator/tokens`: every account (never a token: only their hashes are kept).
    func tokenList() async throws -> Response {
        let accounts = self.accounts
        let list = try await blocking { try accounts.accounts() }
        return Reply.json(.ok, .object([("accounts", .array(list.map { account in
            .object([
                ("name", .string(account.name)),
                ("curator", .bool(account.curator)),
                ("created_at", .string(RFC3339.format(account.createdAt))),
                ("revoked_at", account.revokedAt.map { .string(RFC3339.format($0)) } ?? .null),
            ])
        }))]))
    }

    /// `GET /curator/datanets/{d}/runs`: the datanet's runs, as `assay runs --json` lists them.
    func runList(_ name: String) async throws -> Response {
        guard let judge = judges[name] else { return noDatanet(name) }
        let runs = try await blocking { try judge.ledger.runs() }
        return Reply.json(.ok, .object([("runs", .array(runs.map { run in
            .object([
                ("id", .number(Double(run.id))),
                ("started_at", .string(run.startedAt)),
                ("finished_at", run.finishedAt.map { .string($0) } ?? .null),
                ("status", .string(run.status.rawValue)),
                ("found", run.found.map { .number(Double($0)) } ?? .null),
                ("analyzed", run.analyzed.map { .number(Double($0)) } ?? .null),
                ("decided", run.decided.map { .number(Double($0)) } ?? .null),
            ])
        }))]))
    }

    /// `GET /curator/datanets/{d}/export`: the accepted files' verdict lines (JSON Lines), as
    /// `assay export --format jsonl` writes them.
    func export(_ name: String) async throws -> Response {
        guard let judge = judges[name] else { return noDatanet(name) }
        let text = try await blocking { () -> String in
            var lines = ""
            let decoder = JSONDecoder()
            try judge.ledger.forEachVerdictLine(currentOnly: true) { line in
                if let verdict = try? decoder.decode(Verdict.self, from: Data(line.utf8)), verdict.verdict == .accepted { lines += line + "\n" }
            }
            return lines
        }
        return Reply.text(.ok, text, type: "application/jsonl")
    }

    /// `GET /curator/datanets/{d}/report`: the HTML report `assay report` writes.
    func report(_ name: String) async throws -> Response {
        guard let judge = judges[name] else { return noDatanet(name) }
        let stages = judge.datanet.pipeline.config.pipeline
        let page = try await blocking { () -> String in
            let builder = ReportBuilder(registry: BuiltinValidators.registry, examplesPerCode: 20,
                                        stageModalities: Dictionary(stages.map { ($0.name, $0.validator.appliesTo) }, uniquingKeysWith: { a, _ in a }))
            return HTMLReport.render(try builder.build(from: judge.ledger, runID: nil))
        }
        return Reply.html(.ok, page)
    }

    func noDatanet(_ name: String) -> Response {
        Reply.problem(.notFound, "no_datanet", "no datanet is called '\(name)' here (GET /datanets lists them)")
    }
}
