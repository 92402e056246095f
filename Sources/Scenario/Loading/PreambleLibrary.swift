import Foundation

/// Where the loader finds the preamble a scenario names with `from: <name>`: `<name>.yaml` in a
/// `preambles/` folder next to the scenario file or next to one of its parent folders (so
/// `Scenarios/sub/x.yaml` finds `Scenarios/preambles/`), after any folders the loader was given.
struct PreambleLibrary: Sendable {
    /// The name of the folders preambles live in; folder runs do not take files under it as scenarios.
    static let folderName = "preambles"
    /// How many parent folders of a scenario are searched.
    static let parentLevels = 3

    /// Folders searched first, in order.
    var folders: [String]

    /// The folders searched for a scenario at `file`, nearest first.
    func searchFolders(for file: String) -> [String] {
        var result = self.folders
        var directory = (file as NSString).deletingLastPathComponent
        for _ in 0...Self.parentLevels {
            result.append(directory.isEmpty ? Self.folderName : directory + "/" + Self.folderName)
            if directory.isEmpty || directory == "/" { break }
            let parent = (directory as NSString).deletingLastPathComponent
            directory = parent == directory ? "" : parent
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The file of the preamble `name` for a scenario at `file`, nil when there is none.
    func file(named name: String, for file: String) -> String? {
        for folder in self.searchFolders(for: file) {
            let candidate = folder + "/" + name + ".yaml"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        return nil
    }

    /// Every preamble name visible from `file`, sorted (for "did you mean" and the list of known names).
    func names(for file: String) -> [String] {
        var names = Set<String>()
        for folder in self.searchFolders(for: file) {
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where entry.hasSuffix(".yaml") {
                names.insert(String(entry.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// Whether `path` lies in a preamble folder (so it is not a scenario).
    static func isInPreambleFolder(_ path: String) -> Bool {
        path.split(separator: "/").dropLast().contains { $0 == Self.folderName }
    }
}
