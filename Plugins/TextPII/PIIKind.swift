/// The kinds of personal data and secrets `text-pii` finds, each with its reason code and metric.
public enum PIIKind: String, CaseIterable, Sendable {
    case email, phone, card, iban, ip, secret

    /// The reason code (`text.pii_email`).
    public var code: String { "text.pii_\(rawValue)" }
    /// The metric: how many were found (`text.pii_emails`).
    public var metric: String { "text.pii_\(rawValue)s" }
    /// What one is, in a message.
    var noun: String {
        switch self {
        case .email: return "e-mail address"
        case .phone: return "phone number"
        case .card: return "payment card number (Luhn-valid)"
        case .iban: return "IBAN (mod-97-valid)"
        case .ip: return "public IP address"
        case .secret: return "credential (an access key, token or private key)"
        }
    }
}
