import AssayCore
/// What an export wrote and what it left out.
public struct ExportSummary: Sendable, Equatable {
    /// A file left out of the export, and why (it changed or vanished since it was judged).
    public struct LeftOut: Sendable, Equatable {
        /// The file.
        public let file: FileRef
        /// Why, for the curator: "changed since it was judged", "cannot be opened: No such file or directory".
        public let reason: String
    }

    /// Files exported per modality.
    public var exported: [Modality: Int] = [:]
    /// Files exported per contributor.
    public var byContributor: [String: Int] = [:]
    /// Bytes exported per modality (text counts the file's bytes, not the JSON's).
    public var bytes: [Modality: Int64] = [:]
    /// The first ``leftOutShown`` files left out.
    public var leftOut: [LeftOut] = []
    /// Files left out, all of them.
    public var leftOutCount = 0

    /// How many left-out files are named one by one; the rest are counted.
    public static let leftOutShown = 20

    /// An empty summary.
    public init() {}

    /// Files exported in all.
    public var total: Int { exported.values.reduce(0, +) }

    mutating func add(_ verdict: Verdict, modality: Modality) {
        exported[modality, default: 0] += 1
        byContributor[verdict.contributor, default: 0] += 1
        bytes[modality, default: 0] += verdict.bytes
    }

    mutating func leaveOut(_ file: FileRef, because reason: String) {
        leftOutCount += 1
        if leftOut.count < Self.leftOutShown { leftOut.append(LeftOut(file: file, reason: reason)) }
    }
}
