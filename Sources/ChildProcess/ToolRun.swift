import CSpawn
import Glibc

/// Runs a program once to its end, as a child in its own process group with an address-space
/// limit, its standard input closed, both output pipes read together with poll(2) (so a chatty
/// stderr cannot block stdout), and a wall-clock deadline after which the whole group is killed.
/// Memory in Assay's process is bounded by `maxOutput` plus 64 KiB of stderr.
public enum ToolRun {
    /// Bytes of standard error kept; more is read and dropped, so the child never blocks on it.
    public static let keptErrors = 64 << 10

    /// Runs `arguments` (`arguments[0]` is looked up on PATH unless it has a slash) with the
    /// environment `environment`, RLIMIT_AS `maxMemory` bytes (0: none), until `deadline`.
    /// Throws ``ToolRunError`` when it cannot start, outlives the deadline or writes more than
    /// `maxOutput` bytes; otherwise returns how it ended and what it wrote, whatever its status.
    public static func run(_ arguments: [String], environment: [String], maxMemory: UInt64, maxOutput: Int,
                           deadline: ContinuousClock.Instant) throws(ToolRunError) -> ToolOutput {
        var argv = arguments.map { strdup($0) }
        argv.append(nil)
        var envp = environment.map { strdup($0) }
        envp.append(nil)
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        var input: Int32 = -1, output: Int32 = -1, errors: Int32 = -1
        let started = argv.withUnsafeBufferPointer { args in
            envp.withUnsafeBufferPointer { env in
                assay_spawn(args.baseAddress, env.baseAddress, nil, maxMemory, 0, &pid, &input, &output, &errors)
            }
        }
        guard started == 0 else {
            throw .cannotStart("cannot start \(arguments.first ?? "nothing"): \(String(cString: strerror(started)))")
        }
        // No standard input: closed before anything is read, so the registry holds no descriptor of it.
        close(input)
        ChildRegistry.add(pid: pid, input: -1)
        let child = RunningChild(pid: pid, output: output, errors: errors)
        defer { child.end() }
        return try child.collect(maxOutput: maxOutput, deadline: deadline)
    }

    /// The first executable file named `name` in the PATH directories of `path`, or nil.
    public static func locate(_ name: String, path: String) -> String? {
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// A started child: its pipes and whether it was reaped; ``end()`` kills its group if it is still there.
private final class RunningChild {
    let pid: pid_t
    var output: Int32
    var errors: Int32
    var reaped = false
    var stdout: [UInt8] = []
    var stderr: [UInt8] = []

    init(pid: pid_t, output: Int32, errors: Int32) {
        self.pid = pid
        self.output = output
        self.errors = errors
    }

    /// Reads both pipes to their end, then waits for the exit status, all before `deadline`.
    func collect(maxOutput: Int, deadline: ContinuousClock.Instant) throws(ToolRunError) -> ToolOutput {
        while output >= 0 || errors >= 0 {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw .timeout }
            var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds.count), ChildExit.milliseconds(left))
            if ready < 0 && errno != EINTR { throw .cannotStart("poll failed: \(String(cString: strerror(errno)))") }
            if fds[0].revents != 0 {
                drain(&output) { stdout += $0 }
                if stdout.count > maxOutput { throw .outputTooLarge(stdout.count) }
            }
            if fds[1].revents != 0 {
                drain(&errors) { chunk in
                    if stderr.count < ToolRun.keptErrors { stderr += chunk.prefix(ToolRun.keptErrors - stderr.count) }
                }
            }
        }
        while true {
            var status: Int32 = 0
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid {
                reaped = true
                ChildRegistry.remove(pid: pid)
                return ToolOutput(status: status, output: stdout, errors: stderr)
            }
            if waited < 0 && errno != EINTR { throw .cannotStart("waitpid failed: \(String(cString: strerror(errno)))") }
            guard deadline > ContinuousClock.now else { throw .timeout }
            usleep(2000)
        }
    }

    /// Reads what `fd` has into `take`; closes it (and sets it to -1) at end of file or error.
    private func drain(_ fd: inout Int32, _ take: ([UInt8]) -> Void) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while fd >= 0 {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got > 0 {
                take(Array(chunk[..<got]))
                // One chunk per wakeup: the caller checks the output bound between chunks.
                return
            }
            if got < 0 && errno == EINTR { continue }
            if got < 0 && errno == EAGAIN { return }
            close(fd)
            fd = -1
        }
    }

    /// Kills and reaps the child if it is still there, and closes the pipes.
    func end() {
        if !reaped {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = true
            ChildRegistry.remove(pid: pid)
        }
        if output >= 0 { close(output) }
        if errors >= 0 { close(errors) }
        output = -1
        errors = -1
    }
}
