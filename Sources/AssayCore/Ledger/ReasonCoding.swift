import Foundation

/// Encodes a reason as a JSON object (the verdict line's form) and reads it back.
enum ReasonCoding {
    static func encode(_ reason: Reason) -> String {
        var writer = JSONWriter()
        writer.reason(reason)
        return writer.string
    }

    static func decode(_ text: String) -> Reason? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let code = object["code"] as? String, let stage = object["stage"] as? String, let message = object["message"] as? String
        else { return nil }
        return Reason(code: code, stage: stage, message: message, value: value(object["value"]), limit: value(object["limit"]))
    }

    private static func value(_ any: Any?) -> ReasonValue? {
        if let number = any as? NSNumber { return .number(number.doubleValue) }
        if let text = any as? String { return .text(text) }
        return nil
    }
}
