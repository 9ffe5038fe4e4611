import Foundation

/// What a validator version found on its examples, as recorded in Tests/ContractTests/Findings.
struct FindingsRecord: Codable, Equatable {
    var validator: String
    var version: Int
    var outcomes: [ExampleRun.Outcome]

    /// Pretty, sorted JSON, so a changed finding reads as a small diff.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

extension JSONDecoder {
    /// Reads what ``FindingsRecord/encoded()`` writes.
    static var forFindings: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
