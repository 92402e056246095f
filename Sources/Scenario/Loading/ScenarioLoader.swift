import Foundation
import Yams

/// Reads scenario files (YAML, see `Scenarios/README.md`) into `Scenario` values.
///
/// Every problem is reported with its file:line:column and what was expected there, and as many
/// problems as can be found in one pass are reported together. No input makes the loader crash.
public struct ScenarioLoader: Sendable {
    public var vocabulary: ScenarioVocabulary
    /// Folders searched first for the preamble a scenario names with `from:`, before the `preambles/`
    /// folder next to the scenario file and next to its parent folders.
    public var preambleFolders: [String]

    /// Largest scenario file accepted (a scenario is a few kilobytes; this only bounds the work).
    public static let maximumFileSize = 4 << 20

    public init(vocabulary: ScenarioVocabulary = .standard, preambleFolders: [String] = []) {
        self.vocabulary = vocabulary
        self.preambleFolders = preambleFolders
    }

    /// Loads the file at `path` (reported in errors and results as written).
    public func load(path: String) throws(ScenarioLoadFailure) -> Scenario {
        let start = FileLocation(file: path, line: 1, column: 1)
        if PreambleLibrary.isInPreambleFolder(path) {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            throw ScenarioLoadFailure(errors: [
                ScenarioError(
                    .invalidValue, at: start, "this file is a preamble, not a scenario",
                    expected: "a scenario that starts from it with 'from: \(name)'")
            ])
        }
        if let problem = ScenarioFileCheck.problem(at: path) {
            throw ScenarioLoadFailure(errors: [ScenarioError(.unreadableFile, at: start, problem)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioLoadFailure(errors: [ScenarioError(.unreadableFile, at: start, "cannot read the file")])
        }
        guard data.count <= Self.maximumFileSize else {
            throw ScenarioLoadFailure(errors: [
                ScenarioError(.unreadableFile, at: start, "the file is larger than \(Self.maximumFileSize) bytes")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioLoadFailure(errors: [ScenarioError(.unreadableFile, at: start, "the file is not UTF-8 text")])
        }
        return try self.load(yaml: text, file: path)
    }

    /// Loads scenario text; `file` names it in errors.
    public func load(yaml text: String, file: String) throws(ScenarioLoadFailure) -> Scenario {
        let parser = ScenarioParser(
            file: file, vocabulary: self.vocabulary, preambles: PreambleLibrary(folders: self.preambleFolders))
        let scenario = parser.parse(text)
        let errors = parser.reader.collectedErrors
        if let scenario, errors.isEmpty {
            return scenario
        }
        if errors.isEmpty {
            throw ScenarioLoadFailure(errors: [
                ScenarioError(.invalidValue, at: FileLocation(file: file, line: 1, column: 1), "not a scenario")
            ])
        }
        throw ScenarioLoadFailure(errors: errors)
    }

    /// The scenario files named by `paths`: files as given, folders searched recursively for `*.yaml`
    /// and `*.yml`, each folder's files sorted by path, leaving out `preambles/` folders (preambles are
    /// not scenarios). Missing paths are returned in `missing`.
    public static func scenarioFiles(in paths: [String]) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                // A link that leads nowhere (or in a loop) is loaded, so the loader says which it is.
                if ScenarioFileCheck.existsUnfollowed(path) {
                    files.append(path)
                } else {
                    missing.append(path)
                }
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = (manager.subpaths(atPath: path) ?? [])
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
                .filter { !PreambleLibrary.isInPreambleFolder($0) }
                .sorted()
                .map { base + "/" + $0 }
            files.append(contentsOf: found)
        }
        return (files, missing)
    }
}

extension ScenarioParser {
    /// Turns a Yams error into a located syntax error.
    func reportYAMLError(_ error: Error, in text: String) {
        let file = self.reader.file
        func at(_ mark: Mark) -> FileLocation { FileLocation(file: file, line: mark.line, column: mark.column) }
        guard let yamlError = error as? YamlError else {
            self.reader.report(ScenarioError(.yamlSyntax, at: FileLocation(file: file, line: 1, column: 1), "\(error)"))
            return
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = Self.plainWording(problem)
            if let context { message = "\(message) (\(context.text) at line \(context.mark.line))" }
            self.reader.report(
                ScenarioError(.yamlSyntax, at: at(mark), "invalid YAML: \(message)", expected: Self.hint(for: message)))
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.reader.report(
                ScenarioError(
                    .duplicateKey, at: at(context.mark),
                    "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in one mapping"))
        case .reader(let problem, let offset, _, _):
            let (line, column) = Self.lineAndColumn(of: offset ?? 0, in: text)
            self.reader.report(
                ScenarioError(
                    .yamlSyntax, at: FileLocation(file: file, line: line, column: column), "unreadable text: \(problem)"
                ))
        default:
            self.reader.report(
                ScenarioError(
                    .yamlSyntax, at: FileLocation(file: file, line: 1, column: 1), "invalid YAML: \(yamlError)"))
        }
    }

    /// libyaml's message in the user's terms where it speaks of its own internals.
    static func plainWording(_ problem: String) -> String {
        if problem.lowercased().contains("nesting level") {
            return "the values are nested too deeply (YAML allows at most \(Self.maximumNesting) levels of lists "
                + "and mappings inside each other)"
        }
        return problem
    }

    /// libyaml's default limit on nested collections.
    static let maximumNesting = 1000

    /// What usually causes a libyaml complaint in scenario files: a pattern starting with a character
    /// YAML reserves (`>= 1`, `*`, `!= 0`, `&x`).
    static func hint(for problem: String) -> String? {
        let markers = ["block scalar", "indentation indicator", "alias", "anchor", "cannot start any token", "tag"]
        guard markers.contains(where: problem.contains) else { return nil }
        return "values starting with > | * & ! % @ or ` to be quoted, e.g. \">= 1\", \"!= 0\", \"*\""
    }

    static func lineAndColumn(of offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for (index, character) in text.unicodeScalars.enumerated() {
            if index >= offset { break }
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
