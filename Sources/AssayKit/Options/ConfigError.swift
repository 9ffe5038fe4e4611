/// A configuration problem, reported before any file is read, with the file, line and column.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The config file.
    public let file: String
    /// 1-based line, when the problem has a place in the file.
    public let line: Int?
    /// 1-based column, when the problem has a place in the file.
    public let column: Int?
    /// What is wrong, naming the key.
    public let message: String
    /// A close, valid alternative ("did you mean").
    public let suggestion: String?

    /// Creates the error.
    public init(file: String, line: Int?, column: Int?, message: String, suggestion: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.suggestion = suggestion
    }

    /// `FILE:LINE:COLUMN: error: MESSAGE (did you mean 'X'?)`.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var text = "\(place): error: \(message)"
        if let suggestion { text += " (did you mean '\(suggestion)'?)" }
        return text
    }
}
