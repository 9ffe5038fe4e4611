/// One line of the text, as the line rules need it: a hash of its bytes, its length in
/// characters and its flags. Lines end at LF; a CR before the LF is not part of the line.
struct LineRecord {
    /// Hash of the line's bytes.
    var hash: UInt64
    /// Length in characters (Unicode scalars).
    var chars: UInt32
    /// `LineRecord.*` flag bits.
    var flags: UInt8

    /// The line has at least one character.
    static let nonEmpty: UInt8 = 1
    /// The line has a character that is not white space.
    static let nonBlank: UInt8 = 2
    /// After leading white space the line starts with `•` or `-` (Gopher's bullet).
    static let bullet: UInt8 = 4
    /// Before trailing white space the line ends in `...` or `…`.
    static let ellipsisEnd: UInt8 = 8
    /// Before trailing white space and closing quotes or brackets, the line ends in terminal
    /// punctuation (FineWeb's `.`, `!`, `?` and kin; `called "backlight."` counts).
    static let terminalEnd: UInt8 = 16

    /// The line has a word (lines without one, such as `-----` or `}`, are layout).
    static let wordy: UInt8 = 32

    /// The line is a Markdown heading: structure, left out of FineWeb's line rules.
    static let heading: UInt8 = 64

    /// Whether `flag` is set.
    @inline(__always)
    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}
