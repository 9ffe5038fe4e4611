import AssayCore
import Foundation

/// Judges one datanet's uploads with the same ``Runner`` as `assay run`, on its own thread.
///
/// Uploads wait in the spool until a run: under the ledger's run lock, it closes every second up to
/// the current one (``Ledger/closeUploads(datanet:through:)``: an upload admitted afterwards gets
/// the next second, in any process, so its time is at most a second after its receipt), renames
/// the closed uploads into the folder, gives
/// the ledger their receive times as trusted submission times, and judges the folder
/// incrementally. All uploads of one second are therefore decided in the same run, and every
/// later upload sorts after them: the verdict a contributor is answered is never decided again
/// differently, and equals what `assay intake export` plus `assay run --intake` on a fresh
/// ledger give. Uploads that arrive during a run are judged by the next one.
///
/// A run walks the whole folder only when it is the judge's first, follows a failed run, or the
/// last full walk is ``ServerSettings/walkEvery`` seconds old; the others stage just the uploads
/// they place (``RunRequest/walkFolders``), so a second's batch costs no `stat` of the files
/// already judged. The folder is the server's: uploads are written by it,
/// renamed in and made read-only, so nothing between two full walks is missed but what other
/// hands do to it, which the next full walk sees.
final class DatanetJudge: @unchecked Sendable {
    let datanet: HostedDatanet
    private let accounts: Ledger
    private let verdicts: Ledger
    private let jobs: Int
    private let walkEvery: Double
    /// When the last run that walked the whole folder started; nil before one, and after a failed run.
    private var lastFullWalk: Date?
    /// The duplicate indexes from one run to the next: a run loads only the entries added since.
    private let indexCache = DuplicateIndexCache()
    private let metrics: ServerMetrics
    private let condition = NSCondition()
    /// Upload id → the upload, for uploads whose answer someone waits for.
    private var waiting: [String: ServeUpload] = [:]
    /// Upload id → verdict line, for answers not yet collected.
    private var answered: [String: String] = [:]
    /// Upload ids whose client still waits (an answered `202` stops listening).
    private var listening: Set<String> = []
    private var wanted = false
    private var stopping = false
    private var attemptsAfterStop = 0
    private var thread: Thread?
    private var stopped = false
    private var failure: String?
    /// The last run's failure, for /healthz (nil when the last run completed).
    var lastFailure: String? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// A judge for `datanet`, recording placements in `accounts`.
    init(datanet: HostedDatanet, accounts: Ledger, jobs: Int, walkEvery: Double, metrics: ServerMetrics) throws(LedgerError) {
        self.datanet = datanet
        self.accounts = accounts
        self.jobs = jobs
        self.walkEvery = walkEvery
        self.metrics = metrics
        verdicts = try Ledger(path: datanet.pipeline.config.ledger)
    }

    /// Starts the judging thread.
    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "assay-judge-\(datanet.name)"
        self.thread = thread
        thread.start()
    }

    /// Asks for a run soon, and for `upload`'s verdict once it is judged (``answer(for:)``).
    func judge(_ upload: ServeUpload) {
        condition.lock()
        waiting[upload.id] = upload
        listening.insert(upload.id)
        wanted = true
        condition.signal()
        condition.unlock()
    }

    /// The verdict line of a waited-for upload once it is judged (then forgotten), else nil.
    func answer(for id: String) -> String? {
        condition.lock()
        defer { condition.unlock() }
        guard let line = answered.removeValue(forKey: id) else { return nil }
        listening.remove(id)
        return line
    }

    /// Stops waiting for `id` (its client left, or it was answered `202`).
    func forget(_ id: String) {
        condition.lock()
        answered.removeValue(forKey: id)
        listening.remove(id)
        condition.unlock()
    }

    /// The current verdict line of an upload, from the ledger, or nil while it is not judged.
    func verdictLine(of upload: ServeUpload) throws(LedgerError) -> String? {
        try verdicts.verdictLines(root: upload.root, paths: [upload.path])[upload.path]
    }

    /// The datanet's ledger (runs, report, export read it).
    var ledger: Ledger { verdicts }

    /// Finishes the uploads it knows of, then ends the thread; returns when it has ended.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while !wanted && !stopping { condition.wait() }
            // Stopping: the uploads already kept are judged first (three tries at most).
            if stopping && (waiting.isEmpty || attemptsAfterStop >= 3) {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            if stopping { attemptsAfterStop += 1 }
            let latest = waiting.values.map(\.submittedAt).max() ?? 0
            wanted = false
            condition.unlock()
            // An upload stamped with a second still to come (its own second was closed while it
            // arrived) waits for that second to begin; the others are judged at once.
            let now = Date().timeIntervalSince1970
            if Double(latest) > now { Thread.sleep(forTimeInterval: Double(latest) - now + 0.002) }
            runOnce()
        }
    }

    private func runOnce() {
        // Closing the current second: uploads admitted after this close get the next second.
        let through = Int64(Date().timeIntervalSince1970)
        let placed = PlacedUploads()
        var request = RunRequest(roots: [datanet.folder], jobs: jobs, progress: false, wait: true)
        let datanet = self.datanet, accounts = self.accounts
        request.prepare = {
            let uploads = try accounts.closeUploads(datanet: datanet.name, through: through)
            return try placed.place(uploads, in: datanet)
        }
        let started = Date()
        let walking = lastFullWalk.map { started.timeIntervalSince($0) >= walkEvery } ?? true
        request.walkFolders = walking
        request.countReasonCodes = false
        request.indexCache = indexCache
        do {
            _ = try Runner(pipeline: datanet.pipeline).run(request)
            if walking { lastFullWalk = started }
            try accounts.markPlaced(placed.ids)
            try accounts.markPlaced(placed.lost, lost: true)
            setFailure(nil)
            metrics.runSeconds(Date().timeIntervalSince(started), files: placed.ids.count)
        } catch {
            lastFullWalk = nil
            setFailure("\(error)")
            FileHandle.standardError.write(Data("assay serve: the run of datanet \(datanet.name) failed: \(error); trying again\n".utf8))
            Thread.sleep(forTimeInterval: 1)
        }
        collect()
    }

    private func setFailure(_ text: String?) {
        condition.lock()
        failure = text
        condition.unlock()
    }

    /// Removes spool files of uploads that were never admitted (a process that died while
    /// receiving them) once they are an hour old; younger ones may still be arriving, in this
    /// process or another one on the same ledger.
    func sweepSpool() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: datanet.spool) else { return }
        let hourAgo = Date().addingTimeInterval(-3600)
        for name in names where name.hasSuffix(".part") {
            let path = datanet.spool + "/" + name
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < hourAgo else { continue }
            // Only a file the ledger says no upload owns (a ledger error leaves it alone).
            do {
                if try accounts.upload(id: String(name.dropLast(5))) == nil { unlink(path) }
            } catch {
                continue
            }
        }
    }

    /// Moves the verdicts of waited-for uploads that are judged now into ``answered``.
    private func collect() {
        condition.lock()
        let uploads = Array(waiting.values)
        condition.unlock()
        var lines: [String: String] = [:]
        for (root, group) in Dictionary(grouping: uploads, by: \.root) {
            guard let found = try? verdicts.verdictLines(root: root, paths: group.map(\.path)) else { continue }
            for upload in group { if let line = found[upload.path] { lines[upload.id] = line } }
        }
        condition.lock()
        for (id, line) in lines {
            waiting.removeValue(forKey: id)
            if listening.contains(id) { answered[id] = line }
        }
        if !waiting.isEmpty { wanted = true }
        condition.broadcast()
        condition.unlock()
        for line in lines.values { metrics.verdict(line) }
    }
}

/// The uploads one run placed (collected in its `prepare`, recorded as placed after it).
private final class PlacedUploads: @unchecked Sendable {
    private let lock = NSLock()
    private var placed: [String] = []
    private var missing: [String] = []

    var ids: [String] { lock.withLock { placed } }
    /// Uploads whose bytes are neither in the spool nor in the folder (removed by hand): never
    /// placed, so that one lost file does not stop every later run.
    var lost: [String] { lock.withLock { missing } }

    /// Renames each closed upload from the spool into the folder (a rename: the bytes judged are
    /// the bytes received; the file is made read-only) and returns their receive times as
    /// trusted submission times. An upload already renamed by an earlier, failed run is taken
    /// as it is.
    func place(_ uploads: [ServeUpload], in datanet: HostedDatanet) throws -> [IntakeRecord] {
        var records: [IntakeRecord] = []
        for upload in uploads {
            let target = upload.root + "/" + upload.path
            let folder = (target as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if rename(upload.spool, target) != 0 {
                let reason = String(cString: strerror(errno))
                if !FileManager.default.fileExists(atPath: upload.spool), !FileManager.default.fileExists(atPath: target) {
                    FileHandle.standardError.write(Data("assay serve: upload \(upload.id) is gone from \(upload.spool); it is left out\n".utf8))
                    lock.withLock { missing.append(upload.id) }
                    continue
                }
                guard FileManager.default.fileExists(atPath: target) else {
                    throw ServeFailure("cannot place upload \(upload.id) at \(target): \(reason)")
                }
            }
            chmod(target, 0o444)
            records.append(IntakeRecord(root: upload.root, path: upload.path, contributor: upload.contributor, modality: upload.modality,
                                        submittedAt: upload.submittedAt))
            lock.withLock { placed.append(upload.id) }
        }
        return records
    }
}

/// A failure of the server itself, in words for its operator.
struct ServeFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
