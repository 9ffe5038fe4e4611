import AssayKit

/// `text-dedup`: rejects a text that copies one accepted before it, exactly or nearly.
///
/// `analyze` (any thread) scans the text once (``TextScanner``), hashes the normalised bytes
/// with SHA-256, shingles the words (``ShingleHasher``), computes a MinHash signature
/// (``MinHasher``) and its LSH band keys (``LSHBands``). `decide` (one thread, canonical order)
/// looks the text up in the stage's ``DuplicateIndex``:
/// - exact: the first 8 bytes of the normalised hash are a key; a hit is confirmed against the
///   full 32-byte hash in the payload → `text.dup_exact`;
/// - near: every band key is a key; each candidate is verified by the fraction of equal
///   positions in the two full signatures (the estimated Jaccard similarity), and the most
///   similar one at or above `threshold` → `text.dup_near`, with `text.similarity`.
/// The core files an accepted text under its exact key and band keys. Files the pipeline rejects
/// are never filed, so a rejected file never blocks a later good one.
///
/// Verification uses the signatures, not the shingle sets, because the index must stay small
/// and live in the ledger: a signature is a fixed 4 × `permutations` bytes whatever the length
/// of the text, while the shingle set of a 40 KB text is about 50 KB. The estimate's standard
/// deviation is √(J(1−J)/permutations), 0.04 at J = 0.5 with the default 128.
///
/// State per indexed text with the defaults: a 548-byte payload (4-byte header, 32-byte hash,
/// 128 × 4-byte signature) and 33 keys of 8 bytes (1 exact + 32 bands) = 812 bytes, plus the
/// path and the ledger's own overhead.
public struct TextDedup: StatefulValidator {
    /// The options.
    public typealias Options = TextDedupOptions
    /// Normalised hash, MinHash signature and band keys.
    public typealias Fingerprint = TextFingerprint

    /// Name, summary, modalities, version, codes and contract examples: what the registry, the docs and the contract suite read.
    public static let description = ValidatorDescription(
        name: "text-dedup",
        summary: "Rejects exact copies (normalised SHA-256) and near copies (MinHash + LSH, verified) of texts accepted before.",
        modalities: [.text],
        reasonCodes: TextDedupReasons.all,
        examples: examples
    )

    private let options: TextDedupOptions
    private let shingler: ShingleHasher
    private let minHasher: MinHasher
    private let banding: LSHBands

    /// Builds the stage; `permutations` must be a multiple of `bands`.
    public init(options: TextDedupOptions) throws(OptionsError) {
        guard options.permutations % options.bands == 0 else {
            throw OptionsError("permutations (\(options.permutations)) must be a multiple of bands (\(options.bands))")
        }
        self.options = options
        shingler = ShingleHasher(size: options.shingleSize)
        minHasher = MinHasher(permutations: options.permutations)
        banding = LSHBands(bands: options.bands, rows: options.permutations / options.bands)
    }

    /// Fingerprints one text. Pure.
    public func analyze(_ file: FileInput) throws(StageFailure) -> Finding {
        Finding(fingerprint: fingerprint(of: file.bytes))
    }

    /// The fingerprint of a text's bytes.
    public func fingerprint(of bytes: [UInt8]) -> TextFingerprint {
        let scanned = TextScanner.scan(bytes)
        let hash = TextFingerprint.sha256(scanned.normalized)
        guard options.near else {
            return TextFingerprint(hash: hash, signature: [], bandKeys: [], shingleSize: options.shingleSize)
        }
        let signature = minHasher.signature(of: shingler.shingles(of: scanned.words))
        return TextFingerprint(hash: hash, signature: signature, bandKeys: banding.keys(of: signature),
                               shingleSize: options.shingleSize)
    }

    /// Looks the text up among the texts admitted before it: exact copies first, then the most
    /// similar near copy by verified signature similarity.
    public func decide(_ mine: TextFingerprint, of file: Verdict, among admitted: AdmittedFiles<TextFingerprint>) -> Decision {
        if let earlier = admitted.exactCopy(of: mine) {
            let reason = Reason(TextDedupReasons.exact, stage: stageName,
                                message: "same text as \(earlier.file.path) once case, Unicode form and white space are normalised")
            return Decision(reasons: [reason], metrics: ["text.similarity": 1], duplicateOf: earlier.file)
        }
        guard options.near, !mine.bandKeys.isEmpty else { return Decision() }
        var best: (file: FileRef, similarity: Double)?
        for earlier in admitted.candidates(forKeys: mine.bandKeys) {
            guard earlier.fingerprint.shingleSize == mine.shingleSize, earlier.fingerprint.signature.count == mine.signature.count else { continue }
            let similarity = MinHasher.similarity(mine.signature, earlier.fingerprint.signature)
            // Oldest first: a later candidate must be strictly more similar to take over.
            if best.map({ similarity > $0.similarity }) ?? true { best = (earlier.file, similarity) }
        }
        guard let best else { return Decision() }
        let metrics = ["text.similarity": best.similarity]
        guard !options.verify || best.similarity >= options.threshold else { return Decision(metrics: metrics) }
        let reason = Reason(TextDedupReasons.near, stage: stageName,
                            message: "near copy of \(best.file.path): about \(Int((best.similarity * 100).rounded()))% of the runs of \(options.shingleSize) words in the two texts are in both (estimated Jaccard similarity \(HumanNumber.format(best.similarity)))",
                            value: .number(best.similarity), limit: .number(options.threshold))
        return Decision(reasons: [reason], metrics: metrics, duplicateOf: best.file)
    }
}
