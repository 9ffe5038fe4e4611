import AssayKit
import Dispatch
import Synchronization

/// The running copies of one external plugin: at most `workers`, started on first need, each
/// used by one thread at a time. Counts failures in a row and disables the plugin after
/// `max_failures`, so a broken plugin costs a few timeouts, not one per file.
final class PluginPool: Sendable {
    private let spec: PluginSpec
    private let log: PluginLog
    private let slots: DispatchSemaphore
    private let state = Mutex(State())
    private let lastID = Atomic<Int>(0)
    /// Where each file's judged bytes are put for the plugin to read.
    private let copies = JudgedCopies()
    private let copyCount = Atomic<Int>(0)

    private struct State {
        var idle: [PluginProcess] = []
        var failuresInRow = 0
        var disabled: String?
    }

    init(spec: PluginSpec, log: PluginLog) {
        self.spec = spec
        self.log = log
        slots = DispatchSemaphore(value: spec.workers)
    }

    deinit {
        // Every copy is idle by now: end them together, each given a second to finish.
        let idle = state.withLock { state in
            defer { state.idle.removeAll() }
            return state.idle
        }
        for process in idle { process.closeInput() }
        let deadline = ContinuousClock.now + .seconds(1)
        for process in idle { process.stop(by: deadline) }
    }

    /// Sends the file to a copy of the plugin and turns its answer into a finding.
    func judge(_ input: FileInput) throws(StageFailure) -> Finding {
        try checkEnabled()
        slots.wait()
        defer { slots.signal() }
        try checkEnabled()
        // The copy is Assay's own work: a full /tmp is not the plugin's failure (no restart, no count).
        let copyID = copyCount.add(1, ordering: .relaxed).newValue
        let path: String
        do throws(PluginFault) {
            path = try copies.write(input, id: copyID)
        } catch {
            throw StageFailure(code: CoreReasons.stageFailed.code, message: "cannot hand the file to plugin '\(spec.name)': \(error.message)")
        }
        defer { copies.remove(path) }
        let process: PluginProcess
        do throws(PluginFault) {
            process = try checkOut()
        } catch {
            throw failed(error, file: input, starting: true)
        }
        let id = lastID.add(1, ordering: .relaxed).newValue
        do throws(PluginFault) {
            let line = try process.exchange(PluginRequest.file(input, id: id, path: path), deadline: .now + spec.timeout)
            let finding = try PluginAnswer.finding(line, id: id, name: spec.name)
            checkIn(process)
            return finding
        } catch {
            process.terminate()
            throw failed(error, file: input, starting: false)
        }
    }

    private func checkEnabled() throws(StageFailure) {
        if let why = state.withLock({ $0.disabled }) {
            throw StageFailure(code: ExternalReasons.disabled.code, message: "plugin '\(spec.name)' is disabled for the rest of the run: \(why)")
        }
    }

    /// An idle copy, or a new one that has answered the handshake.
    private func checkOut() throws(PluginFault) -> PluginProcess {
        if let process = state.withLock({ $0.idle.popLast() }) { return process }
        let process = try PluginProcess.start(spec, log: log)
        do throws(PluginFault) {
            let line = try process.exchange(PluginRequest.handshake(spec), deadline: .now + spec.startTimeout)
            try PluginAnswer.ready(line)
        } catch {
            process.terminate()
            throw error
        }
        process.ready = true
        return process
    }

    /// A copy that answered well: back to the idle list, and the failure streak ends.
    private func checkIn(_ process: PluginProcess) {
        let keep = state.withLock { state in
            state.failuresInRow = 0
            guard state.disabled == nil else { return false }
            state.idle.append(process)
            return true
        }
        if !keep { process.terminate() }
    }

    /// Counts a failure (disabling the plugin after too many in a row), notes it in the log, and
    /// makes the file's stage failure.
    private func failed(_ fault: PluginFault, file: FileInput, starting: Bool) -> StageFailure {
        var fault = fault
        if case .timeout = fault { fault = .timeout("gave no answer within \(Self.seconds(starting ? spec.startTimeout : spec.timeout))") }
        let what = "plugin '\(spec.name)' \(fault.message) " + (starting ? "while starting" : "on the file")
        let (count, disabledNow, idle) = state.withLock { state -> (Int, Bool, [PluginProcess]) in
            state.failuresInRow += 1
            guard state.disabled == nil, state.failuresInRow >= spec.maxFailures else { return (state.failuresInRow, false, []) }
            state.disabled = "\(state.failuresInRow) failures in a row, the last: \(fault.message)"
            defer { state.idle.removeAll() }
            return (state.failuresInRow, true, state.idle)
        }
        for process in idle { process.terminate() }
        log.write("assay: \(what) (file \(file.submission.path), \(fault.code.code), failure \(count) in a row)")
        if disabledNow {
            let rule = String(repeating: "!", count: 72)
            log.write(rule)
            log.write("assay: PLUGIN '\(spec.name)' DISABLED for the rest of the run after \(count) failures in a row.")
            log.write("assay: every later file it would judge gets the verdict error (external.disabled) and is retried on the next run.")
            log.write("assay: last failure: \(fault.message). Fix the plugin (its stderr lines start with [\(spec.name)]) and run again.")
            log.write(rule)
        }
        let restart = disabledNow ? "; the plugin is now disabled" : "; it will be restarted for the next file"
        return StageFailure(code: fault.code.code, message: what + restart)
    }

    private static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        let value = Double(whole) + Double(atto) / 1e18
        return JSONWriter.format(value) + "s"
    }
}
