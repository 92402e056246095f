import Foundation

/// A corpus folder: one fuzz case per file, named by the hash of its text (`<32 hex digits>.case`, see
/// `Corpus/README.md`), so the same case is always the same file and folders merge by copying.
/// Files are written atomically; files that are not cases are reported, never loaded.
public struct CorpusStore: Sendable {
    public var path: String
    /// The extension of case files.
    public static let fileExtension = "case"

    public init(path: String) {
        self.path = path
    }

    /// The file name of a case.
    public static func fileName(of fuzzCase: FuzzCase) -> String {
        ContentHash.hex(FuzzCaseText.write(fuzzCase)) + "." + Self.fileExtension
    }

    /// Every case in the folder, by file name order; problems (unreadable or malformed files) listed.
    /// A missing folder is an empty corpus.
    public func load() -> (cases: [(name: String, fuzzCase: FuzzCase)], problems: [String]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: self.path, isDirectory: &isDirectory) else { return ([], []) }
        guard isDirectory.boolValue else { return ([], ["\(self.path): not a folder"]) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: self.path)) ?? [])
            .filter { $0.hasSuffix("." + Self.fileExtension) && !$0.hasPrefix(".") }.sorted()
        var cases: [(name: String, fuzzCase: FuzzCase)] = []
        var problems: [String] = []
        for name in names {
            let file = self.path + "/" + name
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8)
            else {
                problems.append("\(file): cannot read the file")
                continue
            }
            switch FuzzCaseText.read(text) {
            case .success(let fuzzCase): cases.append((name, fuzzCase))
            case .failure(let error): problems.append("\(file):\(error.line): \(error.reason)")
            }
        }
        return (cases, problems)
    }

    /// Writes the case (atomically) unless a file of that name is there; returns its name.
    @discardableResult
    public func add(_ fuzzCase: FuzzCase) throws(FuzzFileError) -> String {
        let name = Self.fileName(of: fuzzCase)
        let file = self.path + "/" + name
        if !FileManager.default.fileExists(atPath: file) {
            try AtomicFile.write(FuzzCaseText.write(fuzzCase), to: file)
        }
        return name
    }

    /// Removes the case file `name`.
    public func remove(_ name: String) {
        try? FileManager.default.removeItem(atPath: self.path + "/" + name)
    }
}
