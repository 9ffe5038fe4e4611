import AssayTestSupport
import Foundation
import Testing

/// One contributor's folder cannot stop a run (issue 26, items 1 and 2): a folder nested
/// thousands deep, under a tight descriptor limit, and a folder the run's user cannot read.
@Suite struct WalkBoundsTests {
    static let config = "version: 1\nmodalities: {text: {unchecked: true}}\nlimits: { quotas: false }\n"

    /// Makes `levels` nested folders named `d` under `base` with a file at the bottom, one
    /// `mkdirat` at a time (the whole path is far longer than PATH_MAX).
    static func nest(_ levels: Int, under base: String) throws {
        var fd = open(base, O_RDONLY | O_DIRECTORY)
        #expect(fd >= 0)
        for _ in 0..<levels {
            #expect(mkdirat(fd, "d", 0o755) == 0)
            let child = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = child
            #expect(fd >= 0)
        }
        let file = openat(fd, "deep.txt", O_WRONLY | O_CREAT, 0o644)
        _ = "hidden at the bottom\n".withCString { write(file, $0, strlen($0)) }
        close(file)
        close(fd)
    }

    @Test func aFolderNestedFourThousandDeepIsRefusedAndTheRunGoesOn() throws {
        let folder = TemporaryFolder("deep")
        defer { _ = try? Shell.run(["rm", "-rf", folder.path]) }
        try folder.write("net/alice/text/top.txt", text: "a file at the top\n")
        try folder.write("net/bob/text/b.txt", text: "bob's file\n")
        try Self.nest(4_000, under: folder.url("net/alice/text"))
        let config = try folder.write("assay.yml", text: Self.config)
        // 64 descriptors: a walk holding one per level ran out at about 1,000 levels under 1,024.
        let command = "ulimit -n 64 && exec \"$0\" run -q --config \"$1\" --verdicts \"$2\" \"$3\""
        for round in 1...2 {
            let result = try Shell.run(["sh", "-c", command, Locations.assay, config, folder.url("v\(round).jsonl"), folder.url("net")])
            #expect(result.status == 0, "round \(round): \(result.stderr)")
        }
        let lines = try String(contentsOfFile: folder.url("v2.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.contains { $0.contains("\"alice/text/top.txt\"") && $0.contains("\"accepted\"") })
        #expect(lines.contains { $0.contains("\"bob/text/b.txt\"") && $0.contains("\"accepted\"") })
        let deep = "alice/text/" + Array(repeating: "d", count: 31).joined(separator: "/")
        let refused = try #require(lines.first { $0.contains("intake.too_deep") })
        #expect(refused.contains("\"path\":\"\(deep)\""), "the first folder past 32 levels, by name")
        #expect(refused.contains("\"verdict\":\"refused\""))
    }

    /// `chmod 000 alice/text/private` as an ordinary user: the run goes on, the folder's files keep
    /// their verdicts, and the summary says which folder could not be read. Only an unreadable
    /// root fails the run.
    @Test func anUnreadableFolderKeepsItsVerdictsAndTheRunGoesOn() throws {
        let folder = TemporaryFolder("unreadable")
        try folder.write("net/alice/text/a.txt", text: "alice's open file\n")
        try folder.write("net/alice/text/private/p.txt", text: "alice's private file\n")
        try folder.write("net/bob/text/b.txt", text: "bob's file\n")
        let config = try folder.write("assay.yml", text: Self.config)
        // The run's user is an ordinary one: as root, permissions would not stop it.
        let asUser: [String] = getuid() == 0 ? ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] : []
        _ = try Shell.run(["chmod", "-R", "a+rwX", folder.path])
        let run = { (name: String) in
            try Shell.run(asUser + [Locations.assay, "run", "--config", config, "--verdicts", folder.url(name), folder.url("net")])
        }
        let first = try run("1.jsonl")
        #expect(first.status == 0, "\(first.stderr)")
        _ = try Shell.run(["chmod", "000", folder.url("net/alice/text/private")])
        defer { _ = try? Shell.run(["chmod", "755", folder.url("net/alice/text/private")]) }
        let second = try run("2.jsonl")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("1 folder could not be read (alice/text/private in "))
        #expect(second.stdout.contains("Permission denied"))
        #expect(try String(contentsOfFile: folder.url("2.jsonl"), encoding: .utf8) == (try String(contentsOfFile: folder.url("1.jsonl"), encoding: .utf8)))

        // Readable but not searchable: its entries cannot be examined; kept the same way.
        _ = try Shell.run(["chmod", "644", folder.url("net/alice/text/private")])
        let listable = try run("2b.jsonl")
        #expect(listable.status == 0, "\(listable.stderr)")
        #expect(try String(contentsOfFile: folder.url("2b.jsonl"), encoding: .utf8) == (try String(contentsOfFile: folder.url("1.jsonl"), encoding: .utf8)))

        _ = try Shell.run(["chmod", "000", folder.url("net")])
        defer { _ = try? Shell.run(["chmod", "755", folder.url("net")]) }
        let third = try run("3.jsonl")
        #expect(third.status == 1)
        #expect(third.stderr.contains("cannot"))
    }
}
