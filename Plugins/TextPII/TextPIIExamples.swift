import AssayKit

extension TextPII {
    /// The contract examples: each kind in a sentence, rejected where the options say so (card
    /// numbers and credentials by default); documentation and private addresses, and a number
    /// that fails the Luhn check, are not personal data.
    static let examples: [ValidatorExample] = [
        ValidatorExample("a licence text", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("an e-mail address", .text("Write to maria.lopez@gmail.com for the minutes of the meeting.\n"),
                         options: ["reject: [email]"], gives: ["text.pii_email"]),
        ValidatorExample("a phone number", .text("For bookings call the front desk on +44 20 7946 0958 between nine and five.\n"),
                         options: ["reject: [phone]"], gives: ["text.pii_phone"]),
        ValidatorExample("a card number", .text("Order 1182: paid with card 4111 1111 1111 1111, expiry 09/27, thank you for shopping with us.\n"),
                         gives: ["text.pii_card"]),
        ValidatorExample("a reference that fails the Luhn check", .text("Order 1182: reference 4111 1111 1111 1112, thank you for shopping with us.\n"),
                         doesNotGive: ["text.pii_card"]),
        ValidatorExample("an IBAN", .text("Please transfer the deposit to IBAN GB82 WEST 1234 5698 7654 32 before Friday.\n"),
                         options: ["reject: [iban]"], gives: ["text.pii_iban"]),
        ValidatorExample("a public IP address", .text("The login came from 93.184.216.34 at 03:12, which is not one of our offices.\n"),
                         options: ["reject: [ip]"], gives: ["text.pii_ip"]),
        ValidatorExample("documentation and private addresses",
                         .text("Point the client at 192.0.2.10 (or 2001:db8::10 over IPv6) and at the router 10.0.0.1 on the local network.\n"),
                         options: ["reject: [ip]"], doesNotGive: ["text.pii_ip"]),
        ValidatorExample("an AWS access key id", .text("Deploy with AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE and the usual region.\n"),
                         gives: ["text.pii_secret"]),
    ]
}
