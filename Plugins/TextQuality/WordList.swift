/// Every word's hash and length in characters, in two flat buffers sized once for the most
/// words the text can hold, so recording a word is two stores (no array growth checks).
final class WordList {
    /// Word hashes, in order.
    let hashes: UnsafeMutablePointer<UInt64>
    /// Word lengths in characters, in order.
    let lengths: UnsafeMutablePointer<UInt32>
    /// Words recorded (set once, by the scan, when it ends).
    var count = 0

    /// Room for `capacity` words.
    init(capacity: Int) {
        hashes = .allocate(capacity: max(capacity, 1))
        lengths = .allocate(capacity: max(capacity, 1))
    }

    deinit {
        hashes.deallocate()
        lengths.deallocate()
    }
}
