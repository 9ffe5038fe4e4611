import AssayCore
import AssayKit
import Foundation
import Hummingbird

/// One upload with its current verdict, as a contributor's file list shows it.
struct UploadStatus: Sendable {
    let upload: ServeUpload
    /// The contributor's view of the verdict line, nil while it is being judged.
    let line: String?

    /// The verdict kind (`accepted`, `rejected`, `refused`, `error`), or `pending`.
    var state: String {
        guard let line, let verdict = try? JSONDecoder().decode(Verdict.self, from: Data(line.utf8)) else { return "pending" }
        return verdict.verdict.rawValue
    }

    /// `{"upload": …, "status": "judged"|"pending", "verdict": the line or null}`.
    var json: String {
        "{\"upload\":" + Reply.render(ContributorView.uploadObject(upload)) + ",\"status\":" + Reply.quoted(line == nil ? "pending" : "judged")
            + ",\"verdict\":" + (line ?? "null") + "}"
    }
}

extension AssayServer {
    /// The contributor's uploads, newest first (at most `limit`), each with its current verdict.
    func statuses(of contributor: String, limit: Int = 1000) async throws -> [UploadStatus] {
        let accounts = self.accounts, judges = self.judges
        return try await blocking {
            let uploads = try accounts.uploads(of: contributor, limit: limit)
            var lines: [String: String] = [:]
            for (datanet, group) in Dictionary(grouping: uploads, by: \.datanet) {
                guard let judge = judges[datanet] else { continue }
                for (root, files) in Dictionary(grouping: group, by: \.root) {
                    let found = try judge.ledger.verdictLines(root: root, paths: files.map(\.path))
                    for file in files { if let line = found[file.path] { lines[file.id] = ContributorView.line(line, for: contributor) } }
                }
            }
            return uploads.map { UploadStatus(upload: $0, line: lines[$0.id]) }
        }
    }

    /// The board, computed again when it is older than the configured interval.
    func currentBoard() async throws -> Leaderboard.Board {
        let ledgers = judges.values.map(\.ledger), accounts = self.accounts, leaderboard = self.leaderboard
        return try await blocking { try leaderboard.board(ledgers: ledgers, accounts: accounts) }
    }

    /// `GET /me`: the account, its counts, acceptance rate and place on the leaderboard.
    func me(_ account: ServeAccount) async throws -> Response {
        let files = try await statuses(of: account.name, limit: 100_000)
        var counts: [String: Int] = [:]
        for file in files { counts[file.state, default: 0] += 1 }
        let accepted = counts["accepted"] ?? 0, rejected = counts["rejected"] ?? 0
        let board = try await currentBoard()
        let row = board.rows.first { $0.contributor == account.name }
        let rate: JSONValue = accepted + rejected == 0 ? .null : .number(Double(accepted) / Double(accepted + rejected))
        var fields: [(String, JSONValue)] = [("name", .string(account.name)), ("curator", .bool(account.curator))]
        fields.append(("files", .number(Double(files.count))))
        for kind in ["accepted", "rejected", "refused", "error", "pending"] {
            fields.append((kind, .number(Double(counts[kind] ?? 0))))
        }
        fields.append(("acceptance_rate", rate))
        fields.append(("rank", row.map { JSONValue.number(Double($0.rank)) } ?? .null))
        fields.append(("score", row.map { JSONValue.number($0.score) } ?? .null))
        fields.append(("leaderboard_computed_at", .string(RFC3339.format(board.computedAt))))
        return Reply.json(.ok, .object(fields))
    }

    /// `GET /me/files`: the contributor's uploads with verdicts, reasons and hints, newest first.
    func myFiles(_ account: ServeAccount) async throws -> Response {
        let files = try await statuses(of: account.name)
        return Reply.json(.ok, "{\"files\":[" + files.map(\.json).joined(separator: ",") + "]}")
    }

    /// `GET /me/files/{id}`: one upload; `404` when it is not this contributor's (whether it
    /// exists is nobody else's business).
    func myFile(_ account: ServeAccount, id: String) async throws -> Response {
        let accounts = self.accounts
        guard let upload = try await blocking({ try accounts.upload(id: id) }), upload.contributor == account.name, let judge = judges[upload.datanet] else {
            return Reply.problem(.notFound, "no_upload", "you have no upload with id '\(id)'")
        }
        let line = try await blocking { try judge.verdictLine(of: upload) }
        return Reply.json(.ok, UploadStatus(upload: upload, line: line.map { ContributorView.line($0, for: account.name) }).json)
    }

    /// `GET /leaderboard`: public, computed at most once per interval.
    func leaderboardJSON() async throws -> Response {
        let board = try await currentBoard()
        return Reply.json(.ok, .object([
            ("computed_at", .string(RFC3339.format(board.computedAt))),
            ("every_seconds", .number(settings.leaderboardEvery)),
            ("score", .string("0.8 * wilson95_lower(accepted, accepted + rejected) + 0.2 * active_days_30 / 30")),
            ("rows", .array(board.rows.map { row in
                .object([
                    ("rank", .number(Double(row.rank))),
                    ("contributor", .string(row.contributor)),
                    ("accepted", .number(Double(row.accepted))),
                    ("rejected", .number(Double(row.rejected))),
                    ("refused", .number(Double(row.refused))),
                    ("acceptance_rate", row.accepted + row.rejected == 0 ? .null : .number(Double(row.accepted) / Double(row.accepted + row.rejected))),
                    ("active_days_30", .number(Double(row.activeDays))),
                    ("score", .number(row.score)),
                ])
            })),
        ]))
    }
}
