/// Text from contributors (folder names) made inert in Markdown: it reads as the same characters
/// and never as a heading, link, emphasis, table cell break or raw HTML, whatever the renderer
/// (CommonMark, GitHub, the Hugging Face hub).
public enum MarkdownText {
    /// `text` with every ASCII punctuation character backslash-escaped (CommonMark escapes any of
    /// them, so `<img ...>` stays text), and every control, format or line-separator character
    /// (a CR or LF would start a new block) written as `U+XXXX`.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isASCIIHexDigit || scalar.properties.isAlphabetic || scalar == " " {
                out.unicodeScalars.append(scalar)
            } else if scalar.isASCII, (0x21...0x7E).contains(scalar.value) {
                out += "\\" + String(scalar)
            } else if [.control, .format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
