import AssayKit

extension TextLanguageValidator {
    /// The contract examples: English prose passes; it is refused where only French is allowed;
    /// Russian is refused where only Latin script is allowed; a list of surnames has no language.
    static let examples: [ValidatorExample] = [
        ValidatorExample("English prose", .file("samples/alice/text/apache-license.txt")),
        ValidatorExample("English where only French is allowed", .file("samples/alice/text/apache-license.txt"),
                         options: ["allowed: [fr]"], gives: ["text.language"]),
        ValidatorExample("a French greeting too short to judge where only English is allowed", .text("Bonjour à tous, et merci.\n"),
                         options: ["allowed: [en]"], doesNotGive: ["text.language", "text.language_uncertain"]),
        ValidatorExample("a list of surnames where only English is allowed", .text(surnames), options: ["allowed: [en]"],
                         gives: ["text.language_uncertain"]),
        ValidatorExample("Russian where only Latin script is allowed", .text(russian), options: ["scripts: [latin]"],
                         gives: ["text.script"]),
        ValidatorExample("Russian where Cyrillic script is allowed", .text(russian), options: ["scripts: [latin, cyrillic]"],
                         doesNotGive: ["text.script"]),
    ]

    /// Article 1 of the Universal Declaration of Human Rights, in Russian.
    static let russian = """
        Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью \
        и должны поступать в отношении друг друга в духе братства.

        """

    static let surnames = """
        Smith J, Garcia M, Nguyen T, Kowalski P, Okafor C, Johansson L, Rossi G, Dubois A, Müller K, Tanaka H, Silva R, \
        Novak J, Hansen E, Ivanova O, Kim S, Costa F, Horvath Z, Popescu D.

        """
}
