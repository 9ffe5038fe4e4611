import AssayCore
import AssayPlugins
import Testing

/// Every declared reason code, checked in one place: a contributor's hint is something a
/// contributor can do. The curator's remedies (an option, the config) belong in `curatorNote`.
@Suite struct HintTests {
    static let codes = CoreReasons.all + BuiltinValidators.registry.reasonCodes
    static let limitKeys = ["daily_files", "daily_bytes", "max_file_bytes", "stage_timeout", "per_modality", "rolling_24h"]

    @Test(arguments: codes.map(\.code))
    func aHintNamesNoOptionAndNoConfig(code: String) throws {
        let declared = try #require(Self.codes.first { $0.code == code })
        let options = BuiltinValidators.registry.types.flatMap { $0.optionNames }.filter { $0.contains("_") } + Self.limitKeys
        let hint = declared.hint
        #expect(!hint.isEmpty)
        for option in options { #expect(!hint.contains(option), "\(code)'s hint names the option \(option): move it to curator:") }
        for word in ["assay.yml", "config", "option", "set `"] { #expect(!hint.lowercased().contains(word), "\(code): \(hint)") }
        if let note = declared.curatorNote { #expect(!note.isEmpty && note != hint) }
    }
}
