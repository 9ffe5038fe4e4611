import AssayKit

extension TextRelevance {
    /// The contract examples: a licence is on topic for a datanet of licences, not for one of
    /// recipes once min_score asks for texts closer to the topic than ordinary documentation (the
    /// default for a topic alone, 0.45, rejects only texts further from it).
    static let examples: [ValidatorExample] = [
        ValidatorExample("a licence, for a datanet of software licences", .file("samples/alice/text/apache-license.txt"),
                         options: ["topic: \"software licenses: copyright, permission to copy, modify and distribute, warranty\"",
                                   "examples: [samples/alice/text/mozilla-license.txt, samples/dave/text/3-gpl-2.txt]"]),
        ValidatorExample("another licence, for the same datanet", .file("samples/dave/text/1-bsd.txt"),
                         options: ["topic: \"software licenses: copyright, permission to copy, modify and distribute, warranty\"",
                                   "examples: [samples/alice/text/mozilla-license.txt, samples/dave/text/3-gpl-2.txt]"],
                         doesNotGive: ["text.off_topic"]),
        ValidatorExample("a licence, for a datanet of recipes", .file("samples/alice/text/apache-license.txt"),
                         options: ["topic: \"cooking recipes: flour, butter, eggs, oven, bake, simmer, sauce\"", "min_score: 0.5"], gives: ["text.off_topic"]),
    ]
}
