/// Byte-level UTF-8 helpers shared by the scanner and the word hasher.
enum UTF8Bytes {
    /// ASCII white space: space, tab, line feed, vertical tab, form feed, carriage return.
    @inline(__always)
    static func asciiWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte &- 0x09) < 5
    }

    /// The byte length of the white-space scalar at `i`, or 0 when there is none.
    /// Unicode White_Space: U+0009–000D, 0020, 0085, 00A0, 1680, 2000–200A, 2028, 2029, 202F, 205F, 3000.
    @inline(__always)
    static func whiteSpaceWidth(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let byte = input[i]
        if byte < 0x80 { return asciiWhiteSpace(byte) ? 1 : 0 }
        let remaining = input.count - i
        switch byte {
        case 0xC2:
            guard remaining >= 2 else { return 0 }
            return input[i + 1] == 0x85 || input[i + 1] == 0xA0 ? 2 : 0
        case 0xE1:
            guard remaining >= 3 else { return 0 }
            return input[i + 1] == 0x9A && input[i + 2] == 0x80 ? 3 : 0
        case 0xE2:
            guard remaining >= 3 else { return 0 }
            let b1 = input[i + 1], b2 = input[i + 2]
            if b1 == 0x80 { return (0x80...0x8A).contains(b2) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0 }
            return b1 == 0x81 && b2 == 0x9F ? 3 : 0
        case 0xE3:
            guard remaining >= 3 else { return 0 }
            return input[i + 1] == 0x80 && input[i + 2] == 0x80 ? 3 : 0
        default:
            return 0
        }
    }

    /// Decodes the scalar at `i`, whose first byte is not ASCII: the scalar and its length, or
    /// nil and 1 when the bytes there are not well-formed UTF-8 (overlong forms and surrogates
    /// included).
    static func decode(_ input: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar?, Int) {
        let lead = input[i]
        let remaining = input.count - i
        func continuation(_ k: Int) -> UInt32? {
            guard k < remaining else { return nil }
            let byte = input[i + k]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            guard let c1 = continuation(1) else { return (nil, 1) }
            return (Unicode.Scalar(UInt32(lead & 0x1F) << 6 | c1), 2)
        case 0xE0...0xEF:
            guard let c1 = continuation(1), let c2 = continuation(2) else { return (nil, 1) }
            let value = UInt32(lead & 0x0F) << 12 | c1 << 6 | c2
            guard value >= 0x800, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
            return (scalar, 3)
        case 0xF0...0xF4:
            guard let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) else { return (nil, 1) }
            let value = UInt32(lead & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
            guard value >= 0x10000, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
            return (scalar, 4)
        default:
            return (nil, 1)
        }
    }
}
