import AssayKit

/// The `with:` block of `use: text-pii`.
public struct TextPIIOptions: ValidatorOptions {
    /// Kinds that reject the text; the others are only counted in metrics.
    public var reject: [String] = [PIIKind.secret.rawValue, PIIKind.card.rawValue]

    /// The shipped defaults: reject credentials and card numbers, count the rest.
    public init() {}

    /// Every option, in the order `assay plugins` shows them.
    public static var fields: [OptionField<TextPIIOptions>] {
        [
            .strings("reject", \.reject, choices: PIIKind.allCases.map(\.rawValue),
                     help: "Kinds that reject a text (email, phone, card, iban, ip, secret); every kind is counted in metrics (text.pii_emails, ...)."),
        ]
    }
}
