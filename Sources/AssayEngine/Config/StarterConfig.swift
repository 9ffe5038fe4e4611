/// Writes the commented starter `assay.yml` of `assay init`: the shipped defaults and every
/// built-in stage with every option, read from the validator types themselves.
public enum StarterConfig {
    /// The YAML text.
    public static func yaml(registry: ValidatorRegistry) -> String {
        let limits = Limits()
        var out = """
        # assay.yml: what may enter the dataset. Written by `assay init`; every value is the shipped default.
        # Sizes: B, KB, MB, GB (powers of 10) or KiB, MiB, GiB (powers of 2). Durations: ms, s, m.
        version: 1

        # Where contributions live: FOLDER/<contributor>/<modality>/... with modality folders text, image, audio.
        # Or list submissions in a CSV (path,contributor,modality,submitted_at) with `manifest: submissions.csv`.
        layout: "\(Layout.standard.pattern)"

        # Daily limits per contributor, across modalities, in canonical order (submission time, then path).
        # A file over a limit is refused and uses no quota. window: utc_day or rolling_24h.
        # Per-modality limits go under per_modality: { image: { daily_files: 10 } }; `quotas: false` switches all off.
        limits:
          daily_files: \(limits.daily.files.map(String.init) ?? "null")
          daily_bytes: \(limits.daily.bytes.map(ByteSize.format) ?? "null")
          max_file_bytes: \(ByteSize.format(limits.maxFileBytes))   # larger files are refused before reading
          window: \(limits.window.rawValue)
          quotas: \(limits.quotasEnabled)

        # MIME types (sniffed from content by libmagic) each modality folder accepts; `text/x-*` patterns allowed.
        # A text folder takes any text (whatever subtype libmagic guesses) in the character sets
        # `encodings` lists; UTF-16 (utf-16le, utf-16be) is refused unless listed.
        modalities:

        """
        for modality in Modality.allCases {
            let encodings = modality == .text ? ", encodings: [" + ModalityRules.defaultTextEncodings.joined(separator: ", ") + "]" : ""
            out += "  \(modality.rawValue): { mime: [\((ModalityRules.defaults[modality] ?? []).joined(separator: ", "))]\(encodings) }\n"
        }
        out += "\n# Validator stages, run in order on the files of their modalities. `assay plugins` describes each.\npipeline:\n"
        for type in registry.types {
            // A stage that needs the curator's own options (a topic) is written commented out.
            let lead = type.inDefaultPipeline ? "  " : "  # "
            out += "  # \(type.summary) (\(type.modalities.sorted().map(\.rawValue).joined(separator: ", ")))\n"
            out += lead + "- use: \(type.name)\n"
            if let example = type.exampleOptions {
                out += lead + "  with:\n"
                for line in example { out += lead + "    " + line + "\n" }
                continue
            }
            let options = type.optionDescriptions
            if options.isEmpty { continue }
            out += lead + "  with:\n"
            for option in options {
                out += lead + "    \(option.name): \(option.defaultValue.yaml)   # \(option.help)\n"
            }
        }
        out += "\n# The ledger of runs and verdicts (SQLite), relative to this file.\nledger: assay.sqlite\n"
        return out
    }
}
