import AssayKit

/// The codes `text-pii` gives: one per kind, each with the count as value and the first offset
/// in the message, never the matched text.
public enum TextPIIReasons {
    /// The code declared for `kind`.
    public static func code(_ kind: PIIKind) -> ReasonCode {
        switch kind {
        case .email:
            return ReasonCode("text.pii_email", meaning: "The text contains e-mail addresses.",
                              hint: "Remove or mask the e-mail addresses (for example name@example.org) before submitting.")
        case .phone:
            return ReasonCode("text.pii_phone", meaning: "The text contains phone numbers (international +… or grouped national forms).",
                              hint: "Remove or mask the phone numbers before submitting.")
        case .card:
            return ReasonCode("text.pii_card", meaning: "The text contains a payment card number (13–19 digits with a card issuer's prefix that pass the Luhn check).",
                              hint: "Remove the card number; never share one in a dataset.")
        case .iban:
            return ReasonCode("text.pii_iban", meaning: "The text contains an IBAN whose mod-97 check holds.",
                              hint: "Remove or mask the bank account number before submitting.")
        case .ip:
            return ReasonCode("text.pii_ip", meaning: "The text contains public IPv4 or IPv6 addresses (not private, loopback, link-local or documentation ranges).",
                              hint: "Replace the addresses with documentation ones (192.0.2.x, 2001:db8::) before submitting.")
        case .secret:
            return ReasonCode("text.pii_secret", meaning: "The text contains a credential: an AWS access key id, a GitHub token or a private key block.",
                              hint: "Remove the credential, and revoke it: anything that was shared must be treated as leaked.")
        }
    }

    /// Every code.
    public static var all: [ReasonCode] { PIIKind.allCases.map(code) }
}
