import Foundation

/// A streaming `multipart/form-data` reader (RFC 7578): bytes go in as they arrive, part headers
/// and part bodies come out, and memory stays bounded (a part's headers at most 16 KiB, the body
/// held back by at most the delimiter's length), whatever a client sends.
public struct MultipartStream {
    /// What the reader found.
    public enum Event {
        /// A part begins: its form field name and file name (nil when the part is not a file).
        case part(name: String, filename: String?)
        /// Bytes of the current part's body, in order.
        case data(ArraySlice<UInt8>)
        /// The current part ended.
        case partEnd
    }

    /// Why a body is not the multipart body it claims to be.
    public struct Malformed: Error, Sendable {
        /// What was wrong, for the client.
        public let message: String
    }

    private enum State { case preamble, headers, body, afterDelimiter, done }

    private let delimiter: [UInt8]
    private var buffer: [UInt8] = []
    private var state = State.preamble
    private static let maxHeaderBytes = 16 * 1024

    /// A reader for the boundary named in `contentType` (`multipart/form-data; boundary=…`), or
    /// nil when it names none.
    public init?(contentType: String) {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        var boundary: String?
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                boundary = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2 ? String(pair[1].dropFirst().dropLast()) : pair[1]
            }
        }
        guard let boundary, !boundary.isEmpty, boundary.utf8.count <= 70 else { return nil }
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first delimiter may start the body without the CRLF before it.
        buffer = [13, 10]
    }

    /// True once the closing delimiter was read.
    public var finished: Bool { state == .done }

    /// Reads `bytes`, passing what they complete to `sink` in order.
    public mutating func feed(_ bytes: some Collection<UInt8>, _ sink: (Event) throws -> Void) throws {
        guard state != .done else { return }
        buffer.append(contentsOf: bytes)
        var at = 0
        defer { buffer.removeFirst(at) }
        while true {
            switch state {
            case .preamble:
                guard let found = find(delimiter, from: at) else {
                    at = max(at, buffer.count - delimiter.count)
                    return
                }
                at = found + delimiter.count
                state = .afterDelimiter
            case .afterDelimiter:
                guard buffer.count - at >= 2 else { return }
                if buffer[at] == 45, buffer[at + 1] == 45 {
                    state = .done
                    at = buffer.count
                    return
                }
                // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
                guard let lineEnd = find([13, 10], from: at) else {
                    if buffer.count - at > 256 { throw Malformed(message: "a multipart delimiter is not followed by a line end") }
                    return
                }
                at = lineEnd + 2
                state = .headers
            case .headers:
                guard let end = find([13, 10, 13, 10], from: at) else {
                    if buffer.count - at > Self.maxHeaderBytes { throw Malformed(message: "a part's headers are longer than 16 KiB") }
                    return
                }
                let text = String(decoding: buffer[at..<end], as: UTF8.self)
                at = end + 4
                let (name, filename) = Self.disposition(text)
                try sink(.part(name: name ?? "", filename: filename))
                state = .body
            case .body:
                if let found = find(delimiter, from: at) {
                    if found > at { try sink(.data(buffer[at..<found])) }
                    try sink(.partEnd)
                    at = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    let safe = buffer.count - (delimiter.count - 1)
                    if safe > at {
                        try sink(.data(buffer[at..<safe]))
                        at = safe
                    }
                    return
                }
            case .done:
                return
            }
        }
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, buffer.count - start >= needle.count else { return nil }
        var index = start
        let last = buffer.count - needle.count
        while index <= last {
            if buffer[index] == first {
                var match = true
                for offset in 1..<needle.count where buffer[index + offset] != needle[offset] {
                    match = false
                    break
                }
                if match { return index }
            }
            index += 1
        }
        return nil
    }

    /// The `name` and `filename` parameters of a part's Content-Disposition header.
    static func disposition(_ headers: String) -> (name: String?, filename: String?) {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition" else { continue }
            var name: String?, filename: String?
            for parameter in Self.parameters(String(pair[1])) {
                switch parameter.key.lowercased() {
                case "name": name = parameter.value
                case "filename": filename = parameter.value
                default: break
                }
            }
            return (name, filename)
        }
        return (nil, nil)
    }

    /// `key=value` and `key="quoted; value"` parameters after the disposition type.
    private static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var characters = Substring(text)
        // Skip the type (form-data).
        if let semicolon = characters.firstIndex(of: ";") { characters = characters[characters.index(after: semicolon)...] } else { return [] }
        while !characters.isEmpty {
            characters = characters.drop { $0 == " " || $0 == "\t" || $0 == ";" }
            guard let equals = characters.firstIndex(of: "=") else { break }
            let key = characters[..<equals].trimmingCharacters(in: .whitespaces)
            characters = characters[characters.index(after: equals)...]
            var value = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                var escaped = false
                while let next = characters.first {
                    characters = characters.dropFirst()
                    if escaped {
                        value.append(next)
                        escaped = false
                    } else if next == "\\" {
                        escaped = true
                    } else if next == "\"" {
                        break
                    } else {
                        value.append(next)
                    }
                }
            } else {
                let end = characters.firstIndex(of: ";") ?? characters.endIndex
                value = characters[..<end].trimmingCharacters(in: .whitespaces)
                characters = characters[end...]
            }
            result.append((key, value))
        }
        return result
    }
}
