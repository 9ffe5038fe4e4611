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
                              message: "the content is text in \(charset)\(Self.unnamed(charset)), which the text folder does not take (it takes text in: \(allowed)); "
                                  + "convert it to UTF-8: `iconv -f \(Self.iconvName(charset)) -t UTF-8 in.txt > out.txt`",
                              value: .text(mime), limit: .text(allowed))
            }
            guard TextDecoding.canDecode(charset) else {
                let readable = TextDecoding.decodable.sorted().joined(separator: ", ")
                return Reason(CoreReasons.modalityMismatch, stage: "intake",
                              message: "the content is text in \(charset)\(Self.unnamed(charset)), which the text stages cannot read (they read: \(readable)); "
                                  + "convert it to UTF-8 from its real character set: `iconv -f \(Self.iconvName(charset)) -t UTF-8 in.txt > out.txt`",
                              value: .text(mime), limit: .text(readable))
            }
            return nil
        }
        guard rules.allows(mime, in: modality) else {
            let allowed = (rules.allowed[modality] ?? []).joined(separator: ", ")
            return Reason(CoreReasons.modalityMismatch, stage: "intake",
                          message: "the content is \(mime), which the \(modality.rawValue) folder does not take (allowed: \(allowed))"
                              + Self.conversion(from: mime, to: modality, allowed: rules.allowed[modality] ?? []),
                          value: .text(mime), limit: .text(allowed))
        }
        return nil
    }

    /// iconv's name for `charset` in a conversion hint: Windows-1252, the most common 8-bit set
    /// with bytes 0x80-0x9F, for libmagic's `unknown-8bit`.
    static func iconvName(_ charset: String) -> String {
        charset == "unknown-8bit" ? "WINDOWS-1252" : charset.uppercased()
    }

    /// What `unknown-8bit` means, for a refusal's message ("" for a named character set).
    static func unnamed(_ charset: String) -> String {
        charset == "unknown-8bit" ? " (8-bit text in a character set libmagic cannot name, most often Windows-1252)" : ""
    }

    /// A conversion that works from `mime` to a type the `modality` folder takes, as the end of a
    /// refusal's message ("" when no tool is known): never a text conversion for a picture.
    static func conversion(from mime: String, to modality: Modality, allowed: [String]) -> String {
        switch modality {
        case .image:
            let target = allowed.contains("image/png") ? "png" : allowed.contains("image/jpeg") ? "jpg" : nil
            guard let target, mime.hasPrefix("image/") || mime == "application/pdf" else {
                return mime.hasPrefix("image/") ? "" : "; this is not a picture: move it to the folder of its modality"
            }
            let subtype = (mime.split(separator: "/").last.map(String.init) ?? "img").replacingOccurrences(of: "x-", with: "")
                .replacingOccurrences(of: "+xml", with: "")
            return "; convert it with ImageMagick: `convert in.\(subtype) out.\(target)`"
        case .audio:
            guard mime.hasPrefix("audio/") || mime.hasPrefix("video/") else { return "; this is not a recording: move it to the folder of its modality" }
            return allowed.contains("audio/flac") ? "; convert it with sox (`sox in.wav out.flac`) or ffmpeg (`ffmpeg -i in out.flac`)" : ""
        case .text:
            if mime.hasPrefix("image/") || mime.hasPrefix("audio/") { return "; this is not text: move it to the folder of its modality" }
            return mime == "application/pdf" ? "; export its text: `pdftotext in.pdf out.txt`" : ""
        }
    }
}
