/// The validator types a config may name. The built-in list lives in one file of the
/// AssayPlugins target; tests and embedders can make their own.
public struct ValidatorRegistry: @unchecked Sendable {
    // @unchecked: metatypes of a Sendable protocol carry no mutable state.
    /// Every validator type, in the order `assay plugins` and `assay init` show them.
    public let types: [any Validator.Type]

    /// A registry of `types`.
    public init(_ types: [any Validator.Type]) {
        self.types = types
    }

    /// The names a config can `use:`.
    public var names: [String] { types.map { $0.name } }

    /// The type named `name`, or the one that had that name before a rename.
    public func type(named name: String) -> (any Validator.Type)? {
        types.first { $0.name == name } ?? types.first { $0.description.formerNames.contains(name) }
    }

    /// Every reason code: the engine's (intake, quotas, stages, document extraction) and each validator's.
    public var reasonCodes: [ReasonCode] {
        CoreReasons.all + DocumentReasons.all + types.flatMap { $0.reasonCodes }
    }

    /// Every validator's headline metrics as report histograms, for the files of its modality
    /// (a validator of several modalities has none), in registry order.
    public var histograms: [(modality: String, metric: String, title: String)] {
        types.flatMap { type -> [(modality: String, metric: String, title: String)] in
            guard let modality = type.description.soleModality else { return [] }
            return type.description.headlineMetrics.map { (modality.rawValue, $0.metric, $0.title) }
        }
    }

    /// The modality each validator's file extensions stand for (`png` is an image), for `check`,
    /// and the document formats the engine turns into text (`pdf`, `docx`).
    public var modalityOfExtension: [String: Modality] {
        var table: [String: Modality] = Dictionary(uniqueKeysWithValues: DocumentFormat.allCases.map { ($0.fileExtension, .text) })
        for type in types {
            guard let modality = type.description.soleModality else { continue }
            for ext in type.description.fileExtensions where table[ext] == nil { table[ext] = modality }
        }
        return table
    }

    /// The validator `assay init` and error messages suggest for `modality`: the first in the
    /// default pipeline that judges that modality alone.
    public func suggestedStage(for modality: Modality) -> String? {
        types.first { $0.inDefaultPipeline && $0.modalities == [modality] }?.name
    }

    /// The hint for a code, if the code is declared (external plugin codes have none).
    public func hint(for code: String) -> String? {
        reasonCodes.first { $0.answers(to: code) }?.hint
    }
}
