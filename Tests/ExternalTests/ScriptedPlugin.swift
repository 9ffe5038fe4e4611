import AssayCore
import AssayTestSupport
@testable import External
import Foundation

/// A Python plugin written by the test, whose behaviour per file is the file's first word, so one
/// plugin can pass a file, crash on the next and be restarted for the third.
enum ScriptedPlugin {
    /// The script: speaks the protocol well unless a start mode (argv[1]) or the file says otherwise.
    static let source = #"""
    import json, os, sys, time
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    hello = sys.stdin.readline()
    if mode == "exit-at-handshake":
        print("exiting at handshake", file=sys.stderr, flush=True)
        sys.exit(3)
    if mode == "garbage-at-handshake":
        print("Welcome to my plugin!", flush=True)
    elif mode == "not-ready":
        print(json.dumps({"ready": False, "error": "option 'x' is wrong"}), flush=True)
        sys.exit(0)
    elif mode == "sleep-at-handshake":
        time.sleep(60)
    elif mode == "close-stdin":
        os.close(0)
        print(json.dumps({"ready": True}), flush=True)
        time.sleep(60)
    else:
        print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        words = open(request["path"], "rb").read().split()
        word = words[0].decode() if words else "PASS"
        answer = {"id": request["id"], "verdict": "pass", "reasons": [], "metrics": {"pid": os.getpid()}}
        if word == "CRASH":
            print("Traceback: crashing on " + os.path.basename(request["submitted_path"]), file=sys.stderr, flush=True)
            os._exit(7)
        elif word == "SEGV":
            os.kill(os.getpid(), 11)
        elif word == "GARBAGE":
            print("this is not json", flush=True)
            continue
        elif word == "SLEEP":
            time.sleep(60)
        elif word == "WRONGID":
            answer["id"] = request["id"] + 1000
        elif word == "REJECT":
            answer["verdict"] = "reject"
            answer["reasons"] = [{"code": "too_blue", "message": "the text is too blue", "value": 3, "limit": 1},
                                 {"code": "NAME.already_prefixed", "message": "kept as it is"}]
            answer["metrics"]["NAME.blueness"] = 0.75
        elif word == "PASSWITHREASON":
            answer["reasons"] = [{"code": "odd", "message": "a pass with a reason"}]
        elif word == "REJECTWITHOUT":
            answer["verdict"] = "reject"
        elif word == "BADCODE":
            answer["verdict"] = "reject"
            answer["reasons"] = [{"code": "Not A Code", "message": "spaces"}]
        elif word == "BADMETRIC":
            answer["metrics"]["score"] = "high"
        elif word == "NOISY":
            for i in range(20000):
                print("noise line %d " % i + "x" * 60, file=sys.stderr)
            sys.stderr.flush()
        elif word == "SWAP":
            # The contributor's swap, between Assay's read and the plugin's: the file at the
            # submitted path now holds other bytes.
            with open(request["submitted_path"], "wb") as swapped:
                swapped.write(b"REJECT swapped in")
            if open(request["path"], "rb").read().split()[0] != b"SWAP":
                answer["verdict"] = "reject"
                answer["reasons"] = [{"code": "swapped", "message": "the plugin read bytes Assay did not judge"}]
            import resource
            answer["metrics"]["secret_seen"] = 1 if "ASSAY_TEST_SECRET" in os.environ else 0
            answer["metrics"]["path_seen"] = 1 if "PATH" in os.environ else 0
            answer["metrics"]["max_memory"] = resource.getrlimit(resource.RLIMIT_AS)[0]
            answer["metrics"]["max_file_size"] = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
            answer["metrics"]["copy_writable"] = 1 if os.access(request["path"], os.W_OK) and os.getuid() != 0 else 0
        elif word == "ESCAPE":
            print("\x1b[2J\x1b]0;owned\x07 cleared your screen", file=sys.stderr, flush=True)
        elif word == "CLOSESTDOUT":
            os.close(1)
            time.sleep(60)
        sys.stdout.write(json.dumps(answer).replace("NAME.", json.loads(hello)["plugin"] + ".") + "\n")
        sys.stdout.flush()
    """#

    /// Writes the script into `folder` and returns its path.
    static func write(in folder: TemporaryFolder) throws -> String {
        try folder.write("plugins/fake.py", text: source)
    }

    /// A validator running the script, with `mode` as its start mode.
    static func validator(in folder: TemporaryFolder, log: LogRecorder, mode: String = "", name: String = "fake",
                          timeout: Double = 5, workers: Int = 1, maxFailures: Int = 5) throws -> ExternalValidator {
        var options = ExternalOptions()
        options.name = name
        options.command = ["python3", try write(in: folder)] + (mode.isEmpty ? [] : [mode])
        options.timeout = timeout
        options.workers = workers
        options.maxFailures = maxFailures
        return try ExternalValidator(options: options, log: log.log)
    }

    /// A text file whose first word steers the plugin, as the engine would hand it over.
    static func input(_ word: String, in folder: TemporaryFolder, named name: String? = nil) throws -> FileInput {
        let relative = "net/alice/text/\(name ?? word.lowercased()).txt"
        let text = word + "\n" + (try String(contentsOfFile: "/usr/share/common-licenses/GPL-3", encoding: .utf8))
        let path = try folder.write(relative, text: text)
        let bytes = Array(text.utf8)
        let submission = Submission(root: "/", path: relative.replacingOccurrences(of: "net/", with: ""), absolutePath: path, contributor: "alice",
                                    modalityName: "text", submittedAt: 0, bytes: Int64(bytes.count))
        return FileInput(submission: submission, bytes: bytes, sha256: ContentHash.sha256(bytes), mime: "text/plain")
    }
}

extension ExternalValidator {
    /// The stage failure `analyze` throws, or nil when it returned a finding.
    func failure(_ input: FileInput) -> StageFailure? {
        do throws(StageFailure) {
            _ = try analyze(input)
            return nil
        } catch {
            return error
        }
    }

    /// The pid the scripted plugin reported, or nil when the file was not judged.
    func pid(_ input: FileInput) -> Int? {
        (try? analyze(input))?.metrics[stageName + ".pid"].map { Int($0) }
    }
}
