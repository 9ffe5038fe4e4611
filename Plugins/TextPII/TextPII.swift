import AssayKit

/// `use: text-pii`: finds e-mail addresses, phone numbers, payment card numbers (Luhn), IBANs
/// (mod-97), public IP addresses and credentials (AWS keys, GitHub tokens, private keys) in a text.
/// Every kind is counted in a metric; the kinds in `reject` reject the text with their code, the
/// count as value and the first byte offset in the message. The matched text is never reported,
/// so the verdict, the ledger and the report cannot leak it.
public struct TextPII: Validator {
    /// The options.
    public typealias Options = TextPIIOptions

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "text-pii",
        summary: "Finds e-mail addresses, phone numbers, card numbers (Luhn), IBANs (mod-97), public IPs and credentials; rejects the kinds listed in reject.",
        modalities: [.text],
        reasonCodes: TextPIIReasons.all,
        examples: examples
    )

    private let rejecting: Set<PIIKind>

    /// Builds the stage.
    public init(options: TextPIIOptions) throws(OptionsError) {
        rejecting = Set(options.reject.compactMap(PIIKind.init(rawValue:)))
    }

    /// Scans the text.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        let found = PIIScanner.scan(file.bytes)
        var finding = Finding()
        for kind in PIIKind.allCases {
            let match = found[kind] ?? PIIMatch()
            finding.metrics[kind.metric] = Double(match.count)
            guard rejecting.contains(kind), match.count > 0 else { continue }
            let where_ = match.firstOffset.map { ", the first at byte \($0)" } ?? ""
            finding.reasons.append(Reason(TextPIIReasons.code(kind), stage: Self.name,
                                          message: "\(match.count) \(kind.noun)\(match.count == 1 ? "" : "s") found\(where_)",
                                          value: .number(Double(match.count)), limit: 0))
        }
        return finding
    }
}
