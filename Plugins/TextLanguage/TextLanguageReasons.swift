import AssayKit

/// The codes `text-language` gives.
public enum TextLanguageReasons {
    /// The text is, with enough confidence, in a language outside `allowed`.
    public static let language = ReasonCode(
        "text.language",
        meaning: "The text is in a language outside the datanet's allowed list (guessed from character trigrams, with at least min_confidence).",
        hint: "Submit text in one of the allowed languages (the message names them), or to a datanet that collects this language.")
    /// No language reaches `min_confidence`: a mix, or too little text.
    public static let uncertain = ReasonCode(
        "text.language_uncertain",
        meaning: "The language could not be told with min_confidence: the text mixes languages, is mostly names, numbers or code, or is short.",
        hint: "Submit longer running text in one allowed language; split texts that mix languages.")
    /// Most letters are in a script outside `scripts`.
    public static let script = ReasonCode(
        "text.script",
        meaning: "Most letters of the text are in a script outside the datanet's allowed scripts.",
        hint: "Submit text written in one of the allowed scripts (the message names them), not transliterated or mixed.")

    /// Every code, in the order of the reasons table.
    public static let all: [ReasonCode] = [language, uncertain, script]
}
