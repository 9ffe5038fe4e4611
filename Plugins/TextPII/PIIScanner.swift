#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds personal data and secrets in UTF-8 bytes in one pass per kind, without regular
/// expressions: every scan looks at each byte a bounded number of times, so hostile input costs
/// linear time. Each kind is confirmed the way a mature scanner does it: card numbers by Luhn and
/// issuer prefix, IBANs by mod-97, IP addresses by parsing (inet_pton) and by range (private,
/// loopback, link-local, documentation and multicast ranges are not personal data).
enum PIIScanner {
    static func scan(_ b: [UInt8]) -> [PIIKind: PIIMatch] {
        var found: [PIIKind: PIIMatch] = [:]
        func add(_ kind: PIIKind, _ offset: Int) { found[kind, default: PIIMatch()].add(at: offset) }
        emails(b, add)
        // IBANs first: their digit groups are not phone or card numbers.
        var covered: [Range<Int>] = []
        ibans(b) { kind, range in
            add(kind, range.lowerBound)
            covered.append(range)
        }
        numbers(b, skipping: covered, add)
        ips(b, add)
        secrets(b, add)
        return found
    }

    // MARK: Bytes

    static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    static func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isUpper(c) || isLower(c) }
    static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20) &- 0x61 < 6 }

    // MARK: E-mail

    /// `local@domain.tld`: a local part of [A-Za-z0-9._%+-], a domain of labels with a dot and a
    /// top-level label of 2 or more letters.
    static func emails(_ b: [UInt8], _ add: (PIIKind, Int) -> Void) {
        func local(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2E || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2D }
        func domain(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x2E || c == 0x2D }
        var lastEnd = 0
        for at in b.indices where b[at] == 0x40 && at >= lastEnd {
            var start = at
            while start > lastEnd, local(b[start - 1]), at - start < 64 { start -= 1 }
            while start < at, b[start] == 0x2E { start += 1 }
            guard start < at else { continue }
            var end = at + 1
            while end < b.count, domain(b[end]), end - at < 255 { end += 1 }
            while end > at + 1, b[end - 1] == 0x2E || b[end - 1] == 0x2D { end -= 1 }
            let host = b[(at + 1)..<end]
            guard let dot = host.lastIndex(of: 0x2E), dot > at + 1 else { continue }
            let tld = b[(dot + 1)..<end]
            guard tld.count >= 2, tld.allSatisfy({ isUpper($0) || isLower($0) }) else { continue }
            add(.email, start)
            lastEnd = end
        }
    }

    // MARK: Card numbers and phone numbers

    /// Runs of digits with single spaces, dashes, dots or parentheses between them. A run of
    /// 13–19 digits that passes Luhn with a known issuer prefix is a card. A phone number is an
    /// international one (`+` and 8–15 digits in any grouping) or a national one grouped 3-3-4
    /// (`(617) 542-5942`, `617-542-5942`, `617.542.5942`, optionally after a `1`). Dates,
    /// versions, ISBNs and plain long numbers are neither.
    static func numbers(_ b: [UInt8], skipping covered: [Range<Int>], _ add: (PIIKind, Int) -> Void) {
        var i = 0
        var next = 0
        while i < b.count {
            while next < covered.count, covered[next].upperBound <= i { next += 1 }
            if next < covered.count, covered[next].contains(i) {
                i = covered[next].upperBound
                continue
            }
            guard isDigit(b[i]) || (b[i] == 0x2B || b[i] == 0x28) && i + 1 < b.count && isDigit(b[i + 1]) else {
                i += 1
                continue
            }
            let start = i
            if start > 0, isAlnum(b[start - 1]) || b[start - 1] == 0x2E || b[start - 1] == 0x2F {
                // Inside a word, a version or a path.
                while i < b.count, isAlnum(b[i]) { i += 1 }
                if i == start { i += 1 }
                continue
            }
            var digits: [UInt8] = []
            var groups = 1
            var lengths: [Int] = [0]
            var separators = Set<UInt8>()
            var end = i
            while i < b.count {
                let c = b[i]
                if isDigit(c) {
                    digits.append(c - 0x30)
                    lengths[lengths.count - 1] += 1
                    i += 1
                    end = i
                } else if (c == 0x20 || c == 0x2D || c == 0x2E || c == 0x28 || c == 0x29 || c == 0x2B) && i + 1 < b.count
                            && (isDigit(b[i + 1]) || (c == 0x29 && b[i + 1] == 0x20 && i + 2 < b.count && isDigit(b[i + 2]))) {
                    if c != 0x2B { separators.insert(c) }
                    if c != 0x28 || i == start { groups += 1 }
                    if lengths[lengths.count - 1] > 0 { lengths.append(0) }
                    i += c == 0x29 && b[i + 1] == 0x20 ? 2 : 1
                } else {
                    break
                }
                if digits.count > 19 { break }
            }
            if i < b.count, isAlnum(b[i]) || (b[i] == 0x2E && i + 1 < b.count && isDigit(b[i + 1])) {
                while i < b.count, isAlnum(b[i]) || b[i] == 0x2E { i += 1 }
                continue
            }
            let plus = b[start] == 0x2B
            // Cards are written ungrouped or in the issuers' groups: 4-4-4-4(-3), Amex 4-6-5.
            let cardGroups = lengths.count == 1 || lengths == [4, 4, 4, 4] || lengths == [4, 4, 4, 4, 3] || lengths == [4, 6, 5]
            if (13...19).contains(digits.count), cardGroups, !separators.contains(0x2E), luhn(digits), issuer(digits) {
                add(.card, start)
            } else if plus ? (8...15).contains(digits.count) && !separators.contains(0x2E) && digits[0] != 0 : (lengths == [3, 3, 4] || lengths == [1, 3, 3, 4]) {
                add(.phone, start)
            }
            i = max(i, end, start + 1)
        }
    }

    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (position, digit) in digits.reversed().enumerated() {
            let d = Int(digit)
            sum += position % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d
        }
        return sum % 10 == 0
    }

    /// Visa, Mastercard, American Express, Discover, JCB, UnionPay, Diners prefixes.
    static func issuer(_ digits: [UInt8]) -> Bool {
        let two = Int(digits[0]) * 10 + Int(digits[1])
        let four = two * 100 + Int(digits[2]) * 10 + Int(digits[3])
        switch digits[0] {
        case 4: return digits.count == 13 || digits.count == 16 || digits.count == 19
        case 5: return (51...55).contains(two) && digits.count == 16
        case 2: return (2221...2720).contains(four) && digits.count == 16
        case 3: return (two == 34 || two == 37) && digits.count == 15 || (3528...3589).contains(four) || two == 36 || two == 38
        case 6: return four == 6011 || two == 65 || (644...649).contains(four / 10) || two == 62
        default: return false
        }
    }

    // MARK: IBAN

    /// Two capital letters, two check digits, then 11–30 letters or digits, optionally in groups of
    /// four separated by single spaces; valid when the mod-97 check gives 1.
    static func ibans(_ b: [UInt8], _ add: (PIIKind, Range<Int>) -> Void) {
        var i = 0
        while i + 4 < b.count {
            guard isUpper(b[i]), isUpper(b[i + 1]), isDigit(b[i + 2]), isDigit(b[i + 3]),
                  i == 0 || !isAlnum(b[i - 1]) else {
                i += 1
                continue
            }
            var chars = Array(b[i..<(i + 4)])
            var j = i + 4
            while j < b.count, chars.count < 34 {
                if isDigit(b[j]) || isUpper(b[j]) {
                    chars.append(b[j])
                    j += 1
                } else if b[j] == 0x20, j + 1 < b.count, isDigit(b[j + 1]) || isUpper(b[j + 1]), (chars.count % 4) == 0 {
                    j += 1
                } else {
                    break
                }
            }
            if (15...34).contains(chars.count), j >= b.count || !isAlnum(b[j]), mod97(chars) == 1 {
                add(.iban, i..<j)
                i = j
            } else {
                i += 1
            }
        }
    }

    static func mod97(_ chars: [UInt8]) -> Int {
        var remainder = 0
        for c in chars[4...] + chars[..<4] {
            if isDigit(c) {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(c - 0x41 + 10)) % 97
            }
        }
        return remainder
    }

    // MARK: IP addresses

    /// Tokens of digits, dots, hex digits and colons, parsed with inet_pton; only public addresses count.
    static func ips(_ b: [UInt8], _ add: (PIIKind, Int) -> Void) {
        var i = 0
        while i < b.count {
            guard isHex(b[i]) || b[i] == 0x3A else {
                i += 1
                continue
            }
            let start = i
            var colons = 0
            var dots = 0
            while i < b.count, isHex(b[i]) || b[i] == 0x3A || b[i] == 0x2E, i - start < 45 {
                if b[i] == 0x3A { colons += 1 }
                if b[i] == 0x2E { dots += 1 }
                i += 1
            }
            var end = i
            while end > start, b[end - 1] == 0x2E || b[end - 1] == 0x3A && colons < 2 { end -= 1 }
            let boundary = (start == 0 || !isAlnum(b[start - 1])) && (i >= b.count || !isAlnum(b[i]))
            guard boundary, end - start >= 7 else { continue }
            let token = String(decoding: b[start..<end], as: UTF8.self)
            // All four parts under 10 is a section number (4.6.2.2), not an address.
            if dots == 3 && colons == 0, let v4 = ipv4(token), isPublic(v4: v4), v4.contains(where: { $0 >= 10 }) {
                add(.ip, start)
            } else if colons >= 2, let v6 = ipv6(token), isPublic(v6: v6) {
                add(.ip, start)
            }
        }
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    static func isPublic(v4 a: [UInt8]) -> Bool {
        switch (a[0], a[1], a[2]) {
        case (0, _, _), (10, _, _), (127, _, _): return false
        case (100, 64...127, _), (169, 254, _), (172, 16...31, _), (192, 168, _): return false
        case (192, 0, 2), (198, 51, 100), (203, 0, 113), (198, 18...19, _), (192, 0, 0): return false
        default: return a[0] < 224
        }
    }

    static func isPublic(v6 a: [UInt8]) -> Bool {
        if a[0] == 0xFF || (a[0] & 0xFE) == 0xFC || (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) { return false }  // multicast, ULA, link-local
        if a[0] == 0x20, a[1] == 0x01, a[2] == 0x0D, a[3] == 0xB8 { return false }  // 2001:db8::/32 documentation
        if a[0..<10].allSatisfy({ $0 == 0 }) {
            if a[10] == 0xFF && a[11] == 0xFF { return isPublic(v4: Array(a[12..<16])) }  // ::ffff:a.b.c.d
            return false  // ::, ::1 and the old compatible form
        }
        return (a[0] & 0xE0) == 0x20  // global unicast 2000::/3
    }

    // MARK: Secrets

    /// AWS access key ids (AKIA/ASIA + 16), GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_ + 36;
    /// github_pat_ + 82), and PEM private key blocks.
    static func secrets(_ b: [UInt8], _ add: (PIIKind, Int) -> Void) {
        func at(_ i: Int, _ text: String) -> Bool {
            let t = Array(text.utf8)
            return i + t.count <= b.count && b[i..<(i + t.count)].elementsEqual(t)
        }
        func run(from i: Int, _ allowed: (UInt8) -> Bool) -> Int {
            var j = i
            while j < b.count, allowed(b[j]) { j += 1 }
            return j - i
        }
        var i = 0
        while i < b.count {
            defer { i += 1 }
            guard i == 0 || !isAlnum(b[i - 1]) && b[i - 1] != 0x5F else { continue }
            if at(i, "AKIA") || at(i, "ASIA"), run(from: i + 4, { isUpper($0) || isDigit($0) }) == 16 {
                add(.secret, i)
            } else if b[i] == 0x67, ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].contains(where: { at(i, $0) }),
                      run(from: i + 4, isAlnum) >= 36 {
                add(.secret, i)
            } else if at(i, "github_pat_"), run(from: i + 11, { isAlnum($0) || $0 == 0x5F }) >= 82 {
                add(.secret, i)
            } else if at(i, "-----BEGIN "), let close = (i + 11..<min(b.count, i + 60)).first(where: { at($0, "-----") }),
                      String(decoding: b[(i + 11)..<close], as: UTF8.self).hasSuffix("PRIVATE KEY") {
                // A real key has base64 after its header (an empty block or "..." only shows the format).
                var body = close + 5
                while body < b.count, b[body] == 0x0A || b[body] == 0x0D || b[body] == 0x20 { body += 1 }
                if run(from: body, { isAlnum($0) || $0 == 0x2B || $0 == 0x2F || $0 == 0x3D }) >= 40 { add(.secret, i) }
            }
        }
    }
}
