import ArgumentParser
import AssayCore
import AssayPlugins
import AssayServer
import Foundation
import Synchronization

/// `assay serve`: contributors upload to one or more datanets over HTTP and get the verdict in
/// the response.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve datanets over HTTP: uploads are judged as they arrive, by the same pipeline and ledger as `assay run`.",
        discussion: """
            One datanet: --config (its ledger, the config's) and --folder (default: uploads/ next to the config). More: \
            --datanet NAME=CONFIG[,FOLDER], repeated. Accounts (`assay token add`) live in --accounts, by default the first \
            datanet's ledger. The API, the limits and a reverse-proxy example for TLS: docs/serve.md. \
            SIGTERM or SIGINT stops it gracefully (exit 0). Exit 2 for a usage or config error, 1 when it cannot listen or \
            open a ledger.
            """
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "The config's ledger: a file, sqlite:PATH or postgres://USER@HOST:PORT/DB (default: from the config).")
    var ledger: String?

    @Option(name: .long, help: "The name of the --config datanet in URLs (default: the config folder's name).")
    var name: String?

    @Option(name: .long, help: "The folder uploads to the --config datanet are placed in (default: uploads/ next to the config).")
    var folder: String?

    @Option(name: .long, help: "Another datanet: NAME=CONFIG or NAME=CONFIG,FOLDER (repeatable).")
    var datanet: [String] = []

    @Option(name: .long, help: "HOST:PORT to listen on (port 0: any free port, printed on standard error).")
    var listen = "127.0.0.1:8080"

    @Option(name: .long, help: "The ledger that keeps accounts, uploads and quota usage (default: the first datanet's).")
    var accounts: String?

    @Option(name: .long, help: "Uploads a contributor may have kept per UTC day across all datanets (0: no limit).")
    var dailyFiles = 20

    @Option(name: .long, help: "Bytes a contributor may have kept per UTC day across all datanets (0: no limit).")
    var dailyBytes: Int64 = 10_000_000

    @Option(name: .long, help: "Bytes one datanet keeps per UTC day, all contributors together (0: no limit; the config's limits.datanet_daily_bytes wins when set).")
    var datanetDailyBytes: Int64 = 10_000_000

    @Option(name: .long, help: "Seconds an upload waits for its verdict before the answer is 202 with a status URL.")
    var answerWithin: Double = 30

    @Option(name: .long, help: "Seconds the leaderboard is kept before it is computed again.")
    var leaderboardEvery: Double = 3600

    @Option(name: .long, help: "Seconds between full walks of each datanet's folder; in between, a run stages only the uploads it places (0: always walk).")
    var walkEvery: Double = 3600

    @Option(name: .long, help: "Requests per second a token may make on average (per server process).")
    var rate: Double = 5

    @Option(name: .long, help: "Requests a token may make at once before --rate applies.")
    var burst = 20

    @Option(name: .long, help: "Analysis threads per run (default: all cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Print the OpenAPI document of the HTTP API (docs/openapi.yaml) and exit.")
    var openapi = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard answerWithin >= 0, leaderboardEvery >= 0, walkEvery >= 0, rate > 0, burst >= 1, jobs >= 1, dailyFiles >= 0, dailyBytes >= 0, datanetDailyBytes >= 0 else {
            throw ValidationError("--answer-within, --leaderboard-every, --walk-every and the daily limits must be at least 0; --rate above 0; --burst and --jobs at least 1")
        }
    }

    func run() throws {
        if openapi {
            print(OpenAPIDocument.yaml, terminator: "")
            return
        }
        let (host, port) = try Self.address(listen)
        var hosted: [HostedDatanet] = []
        if datanet.isEmpty || options.config != nil {
            var config = try options.load()
            if let ledger { config.ledger = ledger }
            let base = config.source.map { ($0 as NSString).deletingLastPathComponent } ?? FileManager.default.currentDirectoryPath
            let defaultName = ((FileStatus.realPath(base.isEmpty ? "." : base) ?? base) as NSString).lastPathComponent
            hosted.append(try Self.datanet(name: name ?? (HostedDatanet.isValidName(defaultName) ? defaultName : "datanet"), config: config,
                                           folder: folder ?? (base.isEmpty ? "uploads" : base + "/uploads")))
        } else if name != nil || folder != nil || ledger != nil {
            throw CommandFailure.usage("--name, --folder and --ledger go with --config; with --datanet say NAME=CONFIG,FOLDER")
        }
        for spec in datanet {
            let pair = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { throw CommandFailure.usage("--datanet \(spec): write NAME=CONFIG or NAME=CONFIG,FOLDER") }
            let parts = pair[1].split(separator: ",", maxSplits: 1).map(String.init)
            let config = try ConfigOptions.load(path: parts[0])
            let base = (parts[0] as NSString).deletingLastPathComponent
            hosted.append(try Self.datanet(name: pair[0], config: config, folder: parts.count == 2 ? parts[1] : (base.isEmpty ? "uploads" : base + "/uploads")))
        }
        let names = hosted.map(\.name)
        guard Set(names).count == names.count else { throw CommandFailure.usage("two datanets are called the same: \(names.joined(separator: ", "))") }
        guard Set(hosted.map(\.folder)).count == hosted.count else { throw CommandFailure.usage("two datanets share a folder: each needs its own") }
        guard let first = hosted.first else { throw CommandFailure.usage("no datanet to serve: give --config or --datanet") }
        var quota = ServeQuota(contributorFiles: dailyFiles == 0 ? nil : dailyFiles, contributorBytes: dailyBytes == 0 ? nil : dailyBytes,
                               datanetBytes: datanetDailyBytes == 0 ? nil : datanetDailyBytes)
        if let cap = first.pipeline.config.limits.datanetDailyBytes, hosted.count == 1 { quota.datanetBytes = cap }
        var settings = ServerSettings(host: host, port: port, datanets: hosted, accounts: accounts ?? first.pipeline.config.ledger, quota: quota,
                                      answerWithin: answerWithin, leaderboardEvery: leaderboardEvery, ratePerSecond: rate, burst: burst,
                                      extensions: BuiltinValidators.registry.modalityOfExtension, jobs: jobs)
        settings.walkEvery = walkEvery
        let server: AssayServer
        do {
            server = try AssayServer(settings: settings)
        } catch {
            throw error.fromNewerAssay ? CommandFailure.usage(error.message) : CommandFailure.failure(error.message)
        }
        let quiet = output.quiet
        let failure = Mutex<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.run { address in
                    if !quiet {
                        FileHandle.standardError.write(Data("assay serve: listening on \(address) (datanets: \(names.joined(separator: ", ")))\n".utf8))
                    }
                }
            } catch {
                failure.withLock { $0 = "cannot serve on \(host):\(port): \(error)" }
            }
            done.signal()
        }
        done.wait()
        if let message = failure.withLock({ $0 }) { throw CommandFailure.failure(message) }
        output.say("assay serve: stopped")
    }

    /// A datanet from a loaded config and its folder (created when missing).
    private static func datanet(name: String, config: AssayConfig, folder: String) throws -> HostedDatanet {
        guard HostedDatanet.isValidName(name) else {
            throw CommandFailure.usage("'\(name)': a datanet name is 1 to 64 letters, digits, '-' or '_' (it is part of URLs)")
        }
        guard config.manifest == nil else {
            throw CommandFailure.usage("the datanet \(name)'s config reads a manifest; a served datanet is a folder the server fills")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure.failure("\(folder): cannot create the datanet's folder: \(error.localizedDescription)")
        }
        guard let real = FileStatus.realPath(folder) else { throw CommandFailure.failure("\(folder): cannot resolve the datanet's folder") }
        return HostedDatanet(name: name, pipeline: Pipeline(config: config, sniffer: BuiltinValidators.sniffer), folder: real)
    }

    /// HOST and PORT of `HOST:PORT` (`[::1]:8080` for IPv6).
    static func address(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65_535).contains(port) else {
            throw CommandFailure.usage("--listen \(text): write HOST:PORT, such as 127.0.0.1:8080")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw CommandFailure.usage("--listen \(text): the host is missing (127.0.0.1 keeps the server on this machine)") }
        return (host, port)
    }
}
