import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// No plugin process outlives `assay run` (issue 17, item 6): not one that ignores end of file
/// and SIGTERM, not a grandchild that detached with setsid, whether the run ends normally or is
/// stopped by SIGTERM or SIGINT.
@Suite struct OrphanTests {
    /// A plugin that answers every file, ignores SIGTERM and end of file, and starts a detached
    /// grandchild; both write their pids to PIDS.
    static let stubborn = #"""
    import json, os, signal, sys, time
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    pids = sys.argv[1]
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            with open(pids, "a") as f: f.write("%d\n" % os.getpid())
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(300)
        os._exit(0)
    with open(pids, "a") as f: f.write("%d\n" % os.getpid())
    sys.stdin.readline()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        time.sleep(0.01)
        print(json.dumps({"id": request["id"], "verdict": "pass", "reasons": [], "metrics": {}}), flush=True)
    while True:
        time.sleep(1)
    """#

    static func alive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        // A zombie is dead; only its parent has not reaped it yet.
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        return !(stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") ?? false)
    }

    func setUp(_ folder: TemporaryFolder, files: Int) throws -> String {
        let gpl = try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8)
        for i in 0..<files { try folder.write("net/c\(i % 3)/text/\(i).txt", text: gpl + "\n\(i)\n") }
        try folder.write("conf/stubborn.py", text: Self.stubborn)
        return try folder.write("conf/assay.yml", text: """
            version: 1
            modalities: { text: {} }
            limits: { quotas: false }
            pipeline:
              - use: external
                with:
                  name: stubborn
                  command: [python3, stubborn.py, \(folder.url("pids"))]
                  modalities: [text]
                  workers: 2
            """)
    }

    func pids(_ folder: TemporaryFolder) -> [pid_t] {
        ((try? String(contentsOfFile: folder.url("pids"), encoding: .utf8)) ?? "").split(separator: "\n").compactMap { pid_t($0) }
    }

    func expectNoneAlive(_ folder: TemporaryFolder) {
        var left = pids(folder)
        for _ in 0..<40 where !left.isEmpty {
            left = left.filter(Self.alive)
            if !left.isEmpty { usleep(50_000) }
        }
        #expect(left.isEmpty, "still running: \(left)")
        for pid in left { kill(pid, SIGKILL) }
    }

    @Test func aNormalEndLeavesNoPluginAndNoDetachedGrandchild() throws {
        let folder = TemporaryFolder("orphans")
        let config = try setUp(folder, files: 6)
        let run = try Shell.run([Locations.assay, "run", "--quiet", "--config", config, folder.url("net")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(pids(folder).count >= 2, "the plugin and its grandchild started")
        expectNoneAlive(folder)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aStoppedRunLeavesNoPlugin(signal: Int32) throws {
        let folder = TemporaryFolder("orphans-signal")
        let config = try setUp(folder, files: 400)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Locations.assay)
        process.arguments = ["run", "--quiet", "--config", config, "--jobs", "2", folder.url("net")]
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 where pids(folder).count < 2 { usleep(50_000) }
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signal)
        expectNoneAlive(folder)
    }
}
