/// Text from files and plugins made safe to print: C0 and C1 control characters, DEL and NUL
/// are written as `\xNN` (tab as `\t`, newline as `\n`), so a file name or a plugin message can
/// neither move the cursor, recolour the terminal, nor start a new line that looks like Assay's.
public enum TerminalText {
    /// `text` with every control character escaped.
    public static func escape(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where isControl(scalar):
                let digits = Array("0123456789abcdef")
                let value = Int(scalar.value)
                out += "\\x" + String([digits[value >> 4 & 0xF], digits[value & 0xF]])
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
