import AssayKit
import Foundation

/// Reads the JSON lines a plugin writes (docs/plugin-protocol.schema.json: `handshake_response`
/// and `verdict_response`) and turns a verdict into a ``Finding`` in the plugin's namespace.
enum PluginAnswer {
    private struct Ready: Decodable {
        let ready: Bool
        let error: String?
    }

    private struct Verdict: Decodable {
        let id: Int
        let verdict: String
        let reasons: [Item]?
        let metrics: [String: Double]?
    }

    private struct Item: Decodable {
        let code: String
        let message: String
        let value: Value?
        let limit: Value?
        let hint: String?
    }

    private enum Value: Decodable {
        case number(Double)
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }

        var reasonValue: ReasonValue {
            switch self {
            case let .number(n): return .number(n)
            case let .text(t): return .text(t)
            }
        }
    }

    /// Checks the handshake answer: `{"ready": true}`.
    static func ready(_ line: [UInt8]) throws(PluginFault) {
        let answer: Ready = try decode(line, what: "handshake answer")
        guard answer.ready else {
            throw .garbage("refused to start: " + (answer.error ?? "it answered {\"ready\": false}"))
        }
    }

    /// Checks a verdict answer for request `id` and makes the finding, codes and metrics
    /// prefixed with `name.` unless they already are.
    static func finding(_ line: [UInt8], id: Int, name: String) throws(PluginFault) -> Finding {
        let answer: Verdict = try decode(line, what: "answer")
        guard answer.id == id else { throw .garbage("answered id \(answer.id) to request \(id)") }
        let items = answer.reasons ?? []
        switch answer.verdict {
        case "pass":
            guard items.isEmpty else { throw .garbage("answered \"pass\" with \(items.count) reason(s); a pass has none") }
        case "reject":
            guard !items.isEmpty else { throw .garbage("answered \"reject\" without a reason; a reject needs at least one") }
        default:
            throw .garbage("answered verdict \(quoted(answer.verdict)); it must be \"pass\" or \"reject\"")
        }
        var reasons: [Reason] = []
        for item in items {
            guard isCode(item.code) else {
                throw .garbage("answered reason code \(quoted(item.code)); codes use a-z, 0-9, '_', '-' and '.'")
            }
            reasons.append(Reason(code: prefixed(item.code, name), stage: name, message: item.message,
                                  value: item.value?.reasonValue, limit: item.limit?.reasonValue,
                                  hint: item.hint.map { String($0.prefix(500)) }))
        }
        var metrics: [String: Double] = [:]
        for (key, value) in answer.metrics ?? [:] {
            guard !key.isEmpty else { throw .garbage("answered a metric with an empty name") }
            guard value.isFinite else { throw .garbage("answered a metric \(quoted(key)) that is not a finite number") }
            metrics[prefixed(key, name)] = value
        }
        return Finding(reasons: reasons, metrics: metrics)
    }

    private static func decode<T: Decodable>(_ line: [UInt8], what: String) throws(PluginFault) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(line))
        } catch let error as DecodingError {
            throw .garbage("sent an invalid \(what) (\(explain(error))): \(excerpt(line))")
        } catch {
            throw .garbage("sent an invalid \(what): \(excerpt(line))")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the message" : String(keys.drop { $0 == "." })
        }
        switch error {
        case let .keyNotFound(key, context):
            let parent = path(context)
            return "missing key '\(key.stringValue)'" + (parent == "the message" ? "" : " in \(parent)")
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "wrong type for '\(path(context))'"
        case let .dataCorrupted(context):
            return context.codingPath.isEmpty ? "not a JSON object" : "bad value for '\(path(context))'"
        @unknown default:
            return "not a valid message"
        }
    }

    private static func prefixed(_ code: String, _ name: String) -> String {
        code.hasPrefix(name + ".") ? code : name + "." + code
    }

    private static func isCode(_ code: String) -> Bool {
        !code.isEmpty && code.utf8.count <= 100 && code.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"" + String(text.prefix(60)) + "\""
    }

    /// The start of a bad line, printable, for the message.
    static func excerpt(_ line: [UInt8]) -> String {
        let text = String(decoding: line.prefix(120), as: UTF8.self)
            .map { $0.isASCII && ($0.asciiValue ?? 0) < 0x20 ? "?" : String($0) }.joined()
        return line.isEmpty ? "an empty line" : "'" + text + (line.count > 120 ? "…'" : "'")
    }
}
