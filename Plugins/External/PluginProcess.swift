import ChildProcess
import CSpawn
import Glibc

/// One running copy of an external plugin: its pipes, the bytes it wrote but Assay has not read,
/// and its stderr forwarder. Every wait is a poll(2) with a deadline, so nothing the plugin does
/// (or does not do) can block Assay past its timeout.
final class PluginProcess: @unchecked Sendable {
    // @unchecked: the pool hands a process to one thread at a time.
    /// The child's pid (and process group).
    let pid: pid_t
    /// True once the handshake succeeded.
    var ready = false
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var unread: [UInt8] = []
    private var outputEnded = false
    private var stderr: StderrLines
    private var reaped = false
    /// An answer longer than this is garbage (a plugin streaming without newlines).
    private static let longestLine = 4 << 20

    private init(pid: pid_t, input: Int32, output: Int32, errors: Int32, stderr: StderrLines) {
        self.pid = pid
        self.input = input
        self.output = output
        self.errors = errors
        self.stderr = stderr
    }

    deinit {
        terminate()
    }

    /// Starts the plugin's command in `spec.directory`.
    static func start(_ spec: PluginSpec, log: PluginLog) throws(PluginFault) -> PluginProcess {
        var arguments = spec.command.map { strdup($0) }
        arguments.append(nil)
        var environment = spec.environment.map { strdup($0) }
        environment.append(nil)
        defer { for argument in arguments + environment { free(argument) } }
        var pid: pid_t = 0
        var input: Int32 = -1, output: Int32 = -1, errors: Int32 = -1
        let memory = UInt64(spec.maxMemory), fileSize = UInt64(spec.maxFileSize)
        let status = arguments.withUnsafeBufferPointer { argv in
            environment.withUnsafeBufferPointer { envp in
                if let directory = spec.directory {
                    return assay_spawn(argv.baseAddress, envp.baseAddress, directory, memory, fileSize, &pid, &input, &output, &errors)
                }
                return assay_spawn(argv.baseAddress, envp.baseAddress, nil, memory, fileSize, &pid, &input, &output, &errors)
            }
        }
        guard status == 0 else {
            throw .crash("cannot start \(spec.command.joined(separator: " ")): \(String(cString: strerror(status)))")
        }
        ChildRegistry.add(pid: pid, input: input)
        return PluginProcess(pid: pid, input: input, output: output, errors: errors, stderr: StderrLines(name: spec.name, log: log))
    }

    /// Writes `request` and a newline, then returns the next line the plugin writes (without its
    /// newline), all before `deadline`. Stderr is forwarded all along.
    func exchange(_ request: [UInt8], deadline: ContinuousClock.Instant) throws(PluginFault) -> [UInt8] {
        var outgoing = request
        outgoing.append(UInt8(ascii: "\n"))
        var written = 0
        while true {
            if let end = unread.firstIndex(of: UInt8(ascii: "\n")) {
                guard written == outgoing.count else { throw .garbage("wrote a line before it read the whole request") }
                let line = Array(unread[..<end])
                unread.removeSubrange(...end)
                return line
            }
            guard unread.count <= Self.longestLine else { throw .garbage("wrote more than \(Self.longestLine >> 20) MiB without a newline") }
            // Checked after the newline: a plugin may answer and then exit.
            guard !outputEnded else { throw .crash(diagnose(after: "closed its standard output")) }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw .timeout("gave no answer within its timeout") }
            var fds = [
                pollfd(fd: written < outgoing.count ? input : -1, events: Int16(POLLOUT), revents: 0),
                pollfd(fd: output, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errors, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), Self.milliseconds(left))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .crash("poll failed: \(String(cString: strerror(errno)))")
            }
            if fds[2].revents != 0 { drainErrors() }
            if fds[1].revents != 0 { readOutput() }
            if fds[0].revents & Int16(POLLERR | POLLHUP) != 0 {
                throw .crash(diagnose(after: "closed its standard input"))
            }
            if fds[0].revents & Int16(POLLOUT) != 0 {
                let wrote = outgoing.withUnsafeBytes { buffer in
                    Glibc.write(input, buffer.baseAddress.map { $0 + written }, outgoing.count - written)
                }
                if wrote > 0 {
                    written += wrote
                } else if wrote < 0 && errno != EAGAIN && errno != EINTR {
                    throw .crash(diagnose(after: "closed its standard input"))
                }
            }
        }
    }

    /// Kills the plugin and everything in its process group, reaps it, forwards its last stderr
    /// bytes and closes the pipes. Safe to call twice.
    func terminate() {
        guard !reaped else { return }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        finish()
    }

    /// Closes the plugin's standard input, so a well-behaved plugin ends on its own.
    func closeInput() {
        guard input >= 0 else { return }
        close(input)
        input = -1
    }

    /// Waits until `deadline` for the plugin to end by itself (forwarding its stderr), then kills it.
    func stop(by deadline: ContinuousClock.Instant) {
        closeInput()
        while !reaped {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                finish()
                return
            }
            let left = deadline - ContinuousClock.now
            guard left > .zero else { break }
            pauseForErrors(upTo: min(left, .milliseconds(20)))
        }
        terminate()
    }

    /// Reads what stdout has; notes end of file.
    private func readOutput() {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while unread.count <= Self.longestLine {
            let got = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if got > 0 {
                unread += chunk[..<got]
                continue
            }
            if got < 0 && errno == EINTR { continue }
            if got == 0 || errno != EAGAIN { outputEnded = true }
            return
        }
    }

    /// Forwards what stderr has; closes it at end of file.
    private func drainErrors() {
        guard errors >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 16384)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(errors, $0.baseAddress, $0.count) }
            if got > 0 {
                stderr.take(chunk[..<got])
                continue
            }
            if got < 0 && errno == EINTR { continue }
            if got == 0 || errno != EAGAIN {
                stderr.finish()
                close(errors)
                errors = -1
            }
            return
        }
    }

    /// Waits on stderr only, for at most `duration`.
    private func pauseForErrors(upTo duration: Duration) {
        if errors < 0 {
            usleep(useconds_t(Self.milliseconds(duration) * 1000))
            return
        }
        var fds = [pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
        if poll(&fds, 1, Self.milliseconds(duration)) > 0 { drainErrors() }
    }

    /// After a pipe closed: waits briefly for the exit status (forwarding the last stderr lines,
    /// usually the plugin's own account of the crash) and describes what happened.
    private func diagnose(after event: String) -> String {
        let deadline = ContinuousClock.now + .milliseconds(500)
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                drainErrors()
                finish()
                return Self.describe(status)
            }
            pauseForErrors(upTo: .milliseconds(10))
        }
        return "\(event) and kept running"
    }

    /// Reaped: closes the pipes and forwards the last partial stderr line.
    private func finish() {
        guard !reaped else { return }
        reaped = true
        ChildRegistry.remove(pid: pid)
        drainErrors()
        stderr.finish()
        closeInput()
        if output >= 0 { close(output) }
        if errors >= 0 { close(errors) }
        output = -1
        errors = -1
    }

    private static func describe(_ status: Int32) -> String {
        ChildExit.describe(status)
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        ChildExit.milliseconds(duration)
    }
}
