import AssayTestSupport
import Foundation
import Synchronization

/// A real `assay serve` on a free loopback port, started from the built binary and stopped with
/// SIGTERM (it must end by itself: a test that leaves it running fails).
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    /// `http://127.0.0.1:PORT`.
    private(set) var base = ""
    private let stderrText = SharedText()
    private let stdoutText = SharedText()

    /// Starts `assay serve ARGUMENTS --listen 127.0.0.1:0` and waits until it listens.
    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: Locations.assay)
        process.arguments = ["serve"] + arguments + ["--listen", "127.0.0.1:0"]
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        let errText = stderrText, outText = stdoutText
        err.fileHandleForReading.readabilityHandler = { handle in errText.append(handle.availableData) }
        out.fileHandleForReading.readabilityHandler = { handle in outText.append(handle.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = stderrText.text
            if let range = text.range(of: "listening on ") {
                let rest = text[range.upperBound...]
                base = String(rest.prefix { $0 != " " && $0 != "\n" })
                return
            }
            guard process.isRunning else { throw ServerFailure(message: "assay serve exited: \(text)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw ServerFailure(message: "assay serve did not listen within 60 s: \(stderrText.text)")
    }

    struct ServerFailure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// What the server wrote on standard error and standard output (the access log) so far.
    var stderr: String { stderrText.text }
    var accessLog: String { stdoutText.text }

    /// Sends SIGTERM and waits for the exit (at most 120 s, then SIGKILL); returns the status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return -9
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Text a pipe's reader appends to while tests read it.
final class SharedText: Sendable {
    private let value = Mutex("")
    func append(_ data: Data) { value.withLock { $0 += String(decoding: data, as: UTF8.self) } }
    var text: String { value.withLock { $0 } }
}

/// One HTTP exchange made with curl.
struct HTTPResult: Sendable {
    let status: Int
    let body: String
    let headers: String

    /// The body as a JSON object.
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
}

/// Real HTTP requests with curl (the client the docs show contributors).
enum Curl {
    /// Runs curl with `arguments` against `url`; `token` goes in `Authorization: Bearer`.
    static func request(_ url: String, token: String? = nil, _ arguments: [String] = []) throws -> HTTPResult {
        let scratch = TemporaryFolder("curl")
        var command = ["curl", "-sS", "-o", scratch.url("body"), "-D", scratch.url("headers"), "-w", "%{http_code}", "--max-time", "120"]
        if let token { command += ["-H", "Authorization: Bearer \(token)"] }
        command += arguments + [url]
        let result = try Shell.run(command)
        let body = (try? String(contentsOfFile: scratch.url("body"), encoding: .utf8)) ?? ""
        let headers = (try? String(contentsOfFile: scratch.url("headers"), encoding: .utf8)) ?? ""
        return HTTPResult(status: Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, body: body, headers: headers)
    }

    /// `curl -F file=@PATH URL`: the multipart upload of the docs. A file without an extension
    /// (Debian's licences) is sent as `NAME.txt`, as a contributor names a text.
    static func upload(_ base: String, datanet: String, file: String, token: String?, query: String = "") throws -> HTTPResult {
        let name = (file as NSString).lastPathComponent
        let known: Set<String> = ["txt", "png", "jpg", "wav"]
        let sent = known.contains((name as NSString).pathExtension) ? name : name + ".txt"
        return try request(base + "/datanets/\(datanet)/files" + query, token: token, ["-F", "file=@\(file);filename=\(sent)"])
    }

    /// Runs `body` for every index at once, each on its own thread (not a pool's few: the
    /// server must see them all in flight); the results in index order.
    static func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread.detachNewThread {
                let result = Result { try body(index) }
                results.withLock { $0[index] = result }
                group.leave()
            }
        }
        group.wait()
        return try (0..<count).map { index in try results.withLock { $0[index] }!.get() }
    }
}

/// A served datanet in a temporary folder: its config, its ledger and its folder, with tokens.
final class ServedDatanet: @unchecked Sendable {
    let folder = TemporaryFolder("serve")
    let config: String

    /// A datanet whose config is the starter config `assay init` writes, with each pair of
    /// `edits` replaced in it (for example a smaller `max_file_bytes`).
    init(edits: [(String, String)] = []) throws {
        config = folder.url("assay.yml")
        let made = try Shell.run([Locations.assay, "init", config])
        guard made.status == 0 else { throw ServerProcess.ServerFailure(message: "assay init: \(made.stderr)") }
        var text = try String(contentsOfFile: config, encoding: .utf8)
        for (old, new) in edits {
            guard text.contains(old) else { throw ServerProcess.ServerFailure(message: "the starter config has no '\(old)'") }
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: config, atomically: true, encoding: .utf8)
    }

    var uploads: String { folder.url("uploads") }
    var ledger: String { folder.url("assay.sqlite") }

    /// `assay token add NAME` against this datanet's ledger; returns the printed token.
    func token(_ name: String, curator: Bool = false, ledger: String? = nil) throws -> String {
        let result = try Shell.run([Locations.assay, "token", "add", "--config", config] + (ledger.map { ["--ledger", $0] } ?? [])
            + (curator ? ["--curator"] : []) + [name])
        guard result.status == 0 else { throw ServerProcess.ServerFailure(message: "token add \(name): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `assay serve --config` on it, with `extra` options.
    func serve(_ extra: [String] = []) throws -> ServerProcess {
        // A loaded CI machine may take long over a verdict: wait for it rather than answer 202.
        try ServerProcess(["--config", config, "--name", "net", "--jobs", "1", "--answer-within", "300"] + extra)
    }
}
