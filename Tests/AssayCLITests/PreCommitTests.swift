import AssayTestSupport
import Foundation
import Testing

/// `.pre-commit-hooks.yaml` run by the real pre-commit (PyPI) in a temporary git repository.
@Suite struct PreCommitTests {
    static let hooks = Locations.packageRoot + "/.pre-commit-hooks.yaml"

    /// A contributor's repository: submissions under alice/, a README and notes that are not.
    func contributorRepository(_ folder: TemporaryFolder) throws -> String {
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "repo/alice/text/gpl.txt")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "repo/alice/image/ok.png")
        try folder.copy("/bin/ls", to: "repo/alice/image/BAD.PNG")
        try folder.write("repo/README.md", text: "# my files\n")
        try folder.write("repo/docs/notes.txt", text: "notes\n")
        try folder.write("repo/assay.yml", text: "version: 1\nmodalities: { text: {}, image: {} }\npipeline: [ { use: text-quality }, { use: image-check, with: { min_width: 8 } } ]\n")
        let repo = folder.url("repo")
        #expect(try Shell.run(["git", "init", "-q", repo]).status == 0)
        #expect(try Shell.run(["git", "-C", repo, "add", "-A"]).status == 0)
        return repo
    }

    func preCommit(_ repo: String, _ folder: TemporaryFolder, hook: String = "assay-check-system") throws -> Shell.Result {
        let tools = Locations.pythonTools ?? ""
        let path = (Locations.assay as NSString).deletingLastPathComponent + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try Shell.run(["env", "PATH=\(path)", "PRE_COMMIT_HOME=\(folder.url("pre-commit-home"))",
                              "GIT_AUTHOR_NAME=assay-tests", "GIT_AUTHOR_EMAIL=tests@example.com",
                              "GIT_COMMITTER_NAME=assay-tests", "GIT_COMMITTER_EMAIL=tests@example.com",
                              tools + "/pre-commit", "try-repo", Locations.packageRoot, hook, "--all-files"], in: repo)
    }

    @Test(.enabled(if: Locations.pythonTools != nil, "needs .build/python with pre-commit: run .ci/install-deps"))
    func theSystemHookChecksSubmissionsOnlyInAnyCase() throws {
        let folder = TemporaryFolder("pre-commit")
        let repo = try contributorRepository(folder)
        let failing = try preCommit(repo, folder)
        #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("FAIL alice/image/BAD.PNG: refused"), "an upper-case extension is matched")
        #expect(failing.stdout.contains("intake.modality_mismatch"))
        #expect(failing.stdout.contains("ok   alice/text/gpl.txt") && failing.stdout.contains("ok   alice/image/ok.png"))
        #expect(!failing.stdout.contains("README.md") && !failing.stdout.contains("notes.txt"), "files outside text/, image/, audio/ are not submissions")

        try FileManager.default.removeItem(atPath: repo + "/alice/image/BAD.PNG")
        #expect(try Shell.run(["git", "-C", repo, "add", "-A"]).status == 0)
        let passing = try preCommit(repo, folder)
        #expect(passing.status == 0, "\(passing.stdout)")
        #expect(passing.stdout.contains("assay check") && passing.stdout.contains("Passed"))
    }

    /// The remote form: pre-commit builds the package itself (`swift build -c release`, about
    /// 3.5 minutes on 2 cores) and runs the same check.
    @Test(.enabled(if: Locations.pythonTools != nil, "needs .build/python with pre-commit: run .ci/install-deps"))
    func theSourceHookBuildsTheToolAndChecksTheSame() throws {
        let folder = TemporaryFolder("pre-commit-swift")
        let repo = try contributorRepository(folder)
        let result = try preCommit(repo, folder, hook: "assay-check")
        #expect(result.status == 1, "\(result.stdout.suffix(3000))\(result.stderr.suffix(3000))")
        #expect(result.stdout.contains("FAIL alice/image/BAD.PNG: refused"))
        #expect(result.stdout.contains("ok   alice/text/gpl.txt") && !result.stdout.contains("README.md"))
    }

    @Test func bothHooksMatchTheSameFiles() throws {
        let text = try String(contentsOfFile: Self.hooks, encoding: .utf8)
        let patterns = text.split(separator: "\n").filter { $0.hasPrefix("  files: ") }
        #expect(patterns.count == 2 && patterns[0] == patterns[1])
        #expect(text.contains("language: system") && text.contains("id: assay-check\n"), "the remote id stays for existing configs")
    }
}
