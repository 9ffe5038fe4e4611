import Foundation

/// Packs index keys as little-endian 64-bit integers in one blob.
enum IndexKeyCoding {
    static func pack(_ keys: [UInt64]) -> Data {
        var data = Data(capacity: keys.count * 8)
        for key in keys { withUnsafeBytes(of: key.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    static func unpack(_ data: Data) -> [UInt64] {
        let bytes = [UInt8](data)
        var keys: [UInt64] = []
        keys.reserveCapacity(bytes.count / 8)
        var start = 0
        while start + 8 <= bytes.count {
            var key: UInt64 = 0
            for offset in 0..<8 {
                key |= UInt64(bytes[start + offset]) << UInt64(8 * offset)
            }
            keys.append(key)
            start += 8
        }
        return keys
    }
}
