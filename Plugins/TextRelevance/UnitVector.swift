/// A vector scaled to length 1 (all zero when it had no length), so the dot product of two is
/// their cosine, in -1...1.
struct UnitVector: Sendable {
    /// The components.
    let values: [Float]

    /// `values` scaled to length 1.
    init(_ values: [Float]) {
        let length = values.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        self.values = length > 0 ? values.map { $0 / length } : values
    }

    /// The direction of the sum of `vectors`: each counts the same, however long its text.
    init(sumOf vectors: [UnitVector]) {
        guard let first = vectors.first else { self.init([]); return }
        var sum = first.values
        for vector in vectors.dropFirst() {
            for index in sum.indices { sum[index] += vector.values[index] }
        }
        self.init(sum)
    }

    /// The cosine with `other` (same dimensions), in -1...1.
    func cosine(_ other: UnitVector) -> Double {
        guard values.count == other.values.count else { return 0 }
        var dot: Float = 0
        for index in values.indices { dot += values[index] * other.values[index] }
        return Double(min(1, max(-1, dot)))
    }
}
