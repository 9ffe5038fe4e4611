import Foundation
@testable import TextDedup

/// Real text for the tests: files shipped by Debian and man pages rendered by `man`, plus copies
/// the tests make by editing them.
enum RealText {
    /// The bytes of a file, or nil when the system lacks it.
    static func file(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// A licence text from /usr/share/common-licenses.
    static func license(_ name: String) -> [UInt8]? {
        file("/usr/share/common-licenses/" + name)
    }

    /// A man page rendered to UTF-8 text with `man -P cat` (80 columns); `page` is a name
    /// (`ls`) or the path of a page source.
    static func manPage(_ page: String, section: String? = nil) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/man")
        process.arguments = ["-P", "cat"] + (section.map { [$0] } ?? []) + [page]
        var environment = ProcessInfo.processInfo.environment
        environment["MANWIDTH"] = "80"
        environment["LC_ALL"] = "C.UTF-8"
        environment["MAN_KEEP_FORMATTING"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else { return nil }
        return [UInt8](data)
    }

    /// Every regular file under `directory` whose name passes `accept`, sorted, at most `limit`.
    static func files(under directory: String, limit: Int, accept: (String) -> Bool) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        for case let relative as String in walker where accept(relative) {
            let path = directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return Array(found.sorted().prefix(limit))
    }

    /// Text as a string (the test files are UTF-8).
    static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// UTF-8 bytes of a string.
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }
}

/// A deterministic random source for making edited copies (SplitMix64).
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Edits that turn a text into a near copy, as people make them.
enum Edit {
    /// Replaces `count` words of three letters or more, chosen at random, with `replacement`.
    static func substituteWords(_ text: String, count: Int, replacement: String = "zyzzyva", seed: UInt64 = 1) -> String {
        var lines = text.components(separatedBy: "\n")
        var random = SeededRandom(seed: seed)
        var done = 0
        var attempts = 0
        while done < count, attempts < count * 50 {
            attempts += 1
            let index = Int.random(in: 0..<lines.count, using: &random)
            var words = lines[index].components(separatedBy: " ")
            let candidates = words.indices.filter { words[$0].count >= 3 && words[$0].allSatisfy(\.isLetter) && words[$0] != replacement }
            guard let pick = candidates.randomElement(using: &random) else { continue }
            words[pick] = replacement
            lines[index] = words.joined(separator: " ")
            done += 1
        }
        return lines.joined(separator: "\n")
    }

    /// Swaps `count` pairs of adjacent non-blank lines.
    static func swapLines(_ text: String, count: Int, seed: UInt64 = 2) -> String {
        var lines = text.components(separatedBy: "\n")
        var random = SeededRandom(seed: seed)
        let pairs = (0..<(lines.count - 1)).filter {
            !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty && !lines[$0 + 1].trimmingCharacters(in: .whitespaces).isEmpty
        }
        for index in pairs.shuffled(using: &random).prefix(count) {
            lines.swapAt(index, index + 1)
        }
        return lines.joined(separator: "\n")
    }

    /// Adds a line of boilerplate at the top.
    static func addHeader(_ text: String) -> String {
        "Mirrored from the original documentation. Last updated: 2024-05-01\n\n" + text
    }

    /// Moves one paragraph-sized block of `lines` lines from the top to the end.
    static func moveBlock(_ text: String, lines count: Int) -> String {
        var lines = text.components(separatedBy: "\n")
        let block = Array(lines.prefix(count))
        lines.removeFirst(min(count, lines.count))
        return (lines + block).joined(separator: "\n")
    }
}
