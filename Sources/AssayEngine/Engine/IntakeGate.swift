/// The intake checks that need the sniffed MIME type: is the modality collected, does the content
/// fit its folder. Analysis applies it (a refused file reaches no stage) and hands the refusal to
/// the decider with the rest of the analysis.
struct IntakeGate: Sendable {
    let rules: ModalityRules

    /// The refusal for a file of `modality` whose content is `mime`, or nil when it may be judged.
    func refusal(modality: Modality, mime: String) -> Reason? {
        guard rules.open.contains(modality) else {
            let open = rules.open.sorted().map(\.rawValue).joined(separator: ", ")
            return Reason(CoreReasons.modalityClosed, stage: "intake",
                          message: "this datanet does not collect \(modality.rawValue) files (it collects: \(open.isEmpty ? "nothing" : open))",
                          value: .text(modality.rawValue), limit: .text(open))
        }
        if modality == .text, mime.hasPrefix("text/") {
            // Text is text whatever subtype libmagic guessed; what matters is the character set.
            let charset = SniffedType(mime: mime).charset ?? "utf-8"
            guard rules.allowsText(in: charset) else {
                let allowed = rules.textEncodings.joined(separator: ", ")
                return Reason(CoreReasons.modalityMismatch, stage: "intake",
                              message: "the content is text in \(charset), which the text folder does not take (it takes text in: \(allowed))",
                              value: .text(mime), limit: .text(allowed))
            }
            return nil
        }
        guard rules.allows(mime, in: modality) else {
            let allowed = (rules.allowed[modality] ?? []).joined(separator: ", ")
            return Reason(CoreReasons.modalityMismatch, stage: "intake",
                          message: "the content is \(mime), which the \(modality.rawValue) folder does not take (allowed: \(allowed))",
                          value: .text(mime), limit: .text(allowed))
        }
        return nil
    }
}
