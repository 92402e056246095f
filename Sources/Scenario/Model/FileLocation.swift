/// A place in a scenario file: 1-based line and column, as editors and compilers print them.
public struct FileLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file as the user named it (never made absolute, so reports stay reproducible).
    public var file: String
    /// Line number, starting at 1.
    public var line: Int
    /// Column number, starting at 1 (counted in Unicode scalars, as libyaml does).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same line, `offset` columns further right (for errors inside a pattern string).
    public func advanced(byColumns offset: Int) -> FileLocation {
        FileLocation(file: self.file, line: self.line, column: self.column + offset)
    }

    /// `Scenarios/handshake.yaml:12:7`.
    public var description: String { "\(self.file):\(self.line):\(self.column)" }

    public static func < (lhs: FileLocation, rhs: FileLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
