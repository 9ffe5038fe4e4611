import AssayKit

/// The options of `text-dedup`.
///
/// Defaults: word 5-gram shingles, 128 MinHash values cut into 32 bands of 4 rows, near copy at
/// an estimated Jaccard similarity of 0.55 or more. A pair of texts whose shingle sets have
/// Jaccard similarity s becomes an LSH candidate with probability 1 − (1 − s⁴)³² and is then
/// rejected when at least 71 of the 128 signature positions agree (each agrees with probability
/// s). Rejection probabilities this implies (binomial model, Monte Carlo for the joint event):
///
/// | s    | candidate | rejected | meaning                              |
/// |------|-----------|----------|--------------------------------------|
/// | 0.30 | 0.23      | < 10⁻⁶   | false positive                       |
/// | 0.40 | 0.56      | 0.0003   | false positive                       |
/// | 0.45 | 0.74      | 0.011    | false positive                       |
/// | 0.50 | 0.87      | 0.12     | false positive                       |
/// | 0.55 | 0.95      | 0.49     | at the threshold                     |
/// | 0.60 | 0.988     | 0.87     | false negative 0.13                  |
/// | 0.65 | 0.998     | 0.988    | false negative 0.012                 |
/// | 0.70 | 0.99985   | 0.9996   | false negative 0.0004                |
/// | 0.80 | 1 − 5·10⁻⁸ | 1 − 5·10⁻⁸ | false negative 5 × 10⁻⁸          |
///
/// Candidates that fail verification cost one signature comparison each, so the early rise of
/// the S-curve costs time, not precision. Why these values: in the benchmark corpus
/// (`Benchmarks/text.sh`) no two unrelated documents reach a 5-gram similarity of 0.5 (its
/// builder drops natural near duplicates from 0.5 up), while 36 of the 699 edited copies fall
/// below 0.6 and 18 below 0.5. A threshold of 0.55 gave precision 0.997–1.000 and recall
/// 0.969–0.972 over five hash seeds; 0.6 gave recall 0.952–0.964, and 4-gram shingles or a
/// threshold of 0.5 let 1 to 12 unrelated documents through. 256 values in 64 bands are
/// slightly more precise but double the index.
public struct TextDedupOptions: ValidatorOptions, Equatable {
    /// Words per shingle (default 5).
    public var shingleSize = 5
    /// MinHash values per signature (default 128).
    public var permutations = 128
    /// LSH bands (default 32, so 4 rows per band); must divide `permutations`.
    public var bands = 32
    /// Estimated Jaccard similarity at or above which a text is a near copy (default 0.55).
    public var threshold = 0.55
    /// Verify LSH candidates against `threshold` (default true); false rejects every candidate.
    public var verify = true
    /// Look for near copies at all (default true); false leaves exact copies only.
    public var near = true

    /// The shipped defaults.
    public init() {}

    /// Every option.
    public static var fields: [OptionField<TextDedupOptions>] {
        [
            .integer("shingle_size", \.shingleSize, in: 1...16,
                     help: "Words per shingle for near copies; smaller catches more edited copies and finds more unrelated texts alike."),
            .integer("permutations", \.permutations, in: 16...1024,
                     help: "MinHash values per text; more gives a finer similarity estimate and a larger index (4 bytes each per text)."),
            .integer("bands", \.bands, in: 1...1024,
                     help: "LSH bands the signature is cut into (must divide permutations); more bands find less similar candidates."),
            .number("threshold", \.threshold, in: 0.05...1,
                    help: "Estimated Jaccard similarity of word shingles at or above which a text is a near copy."),
            .boolean("verify", \.verify,
                     help: "Check each LSH candidate's estimated similarity against threshold; false rejects every candidate (faster, far less precise)."),
            .boolean("near", \.near,
                     help: "Look for near copies; false checks exact copies only."),
        ]
    }
}
