import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The folder a run's reports go to, written so that it never holds a half-written or mixed set.
///
/// `init` checks the folder before any scenario runs (it must be a folder, or creatable, and
/// writable) and makes a hidden staging folder inside it, `.tmp-run-PID-XXXXXX`, into which the run's
/// reports are written. `commit` switches them in: each file is renamed into the folder, then the
/// files of the previous run (as its `run.json` lists them) that this run did not write are
/// removed, then the staging folder. `discard` removes the staging folder and leaves the folder as
/// it was. Other files in the folder (a README) are never touched. Staging folders left by a run
/// that was killed outright are removed by the next run.
///
/// Callers that handle signals serialize `commit` and `discard` (see `RunInterruption`), so that
/// an interrupted run ends with either the previous set or the new one.
public final class ReportFolder: @unchecked Sendable {
    /// The reports folder, as the user gave it.
    public let path: String
    /// Where this run's reports are written until `commit`.
    public let stagingPath: String

    /// The prefix of staging folders.
    public static let stagingPrefix = ".tmp-run-"
    /// The files every run writes besides its per-scenario ones.
    static let runFiles = ["run.json", "junit.xml", "index.html"]

    /// Checks that `path` can hold reports (creating it if needed) and makes the staging folder;
    /// throws a `ReportError` whose reason says what is wrong in words (`/x is a file, not a
    /// folder`, `cannot write in it: Read-only file system`), never an error code.
    public init(path: String) throws(ReportError) {
        guard !path.isEmpty else {
            throw ReportError(path: path, reason: "the path is empty")
        }
        self.path = path
        try Self.createFolder(path)
        Self.removeStaleStaging(in: path)
        var template = Array((Self.join(path, Self.stagingPrefix) + "\(getpid())-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) != nil }
        guard made else {
            throw ReportError(path: path, reason: "cannot write in it: \(Self.errorText(errno))")
        }
        self.stagingPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Renames the files `written` (paths in the staging folder, directly or in one subfolder, as a
    /// comparison run writes each target's files in a folder of its own) into the folder, removes the
    /// previous run's files this run did not replace (and their subfolders once empty), and removes the
    /// staging folder.
    public func commit(written: [String]) throws(ReportError) {
        let previous = Self.filesOfRun(in: self.path)
        var names = Set<String>()
        // run.json last: it names the set, so it is replaced only once the files it lists are there.
        let ordered = written.filter { !$0.hasSuffix("/run.json") } + written.filter { $0.hasSuffix("/run.json") }
        for file in ordered {
            let name = self.relativeName(file)
            let destination = Self.join(self.path, name)
            if let slash = name.lastIndex(of: "/"),
                let problem = Self.makeFolder(Self.join(self.path, String(name[..<slash])))
            {
                self.discard()
                throw ReportError(path: destination, reason: problem)
            }
            if rename(file, destination) != 0 {
                let reason = Self.errorText(errno)
                self.discard()
                throw ReportError(path: destination, reason: reason)
            }
            names.insert(name)
        }
        var emptied = Set<String>()
        for name in previous.subtracting(names) {
            _ = unlink(Self.join(self.path, name))
            if let slash = name.lastIndex(of: "/") { emptied.insert(String(name[..<slash])) }
        }
        for folder in emptied {
            _ = rmdir(Self.join(self.path, folder))  // only when nothing else is left in it
        }
        Self.removeTree(self.stagingPath)
    }

    /// `pion/handshake.pcap`: a staged file's path relative to the staging folder.
    private func relativeName(_ file: String) -> String {
        let prefix = self.stagingPath.hasSuffix("/") ? self.stagingPath : self.stagingPath + "/"
        if file.hasPrefix(prefix) { return String(file.dropFirst(prefix.count)) }
        return String(file.split(separator: "/").last ?? "")
    }

    /// Removes the staging folder and what is in it; the reports folder is left as it was.
    public func discard() {
        Self.removeTree(self.stagingPath)
    }

    /// The files the run recorded in `folder/run.json` wrote there: `run.json`, `junit.xml`,
    /// `index.html`, and each scenario's report and pcap (a comparison run lists them all in `files`,
    /// some in a target's subfolder). Empty when there is no readable run.json.
    static func filesOfRun(in folder: String) -> Set<String> {
        guard let data = FileManager.default.contents(atPath: Self.join(folder, "run.json")),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        var names = Set(Self.runFiles)
        for entry in object["scenarios"] as? [[String: Any]] ?? [] {
            if let report = entry["report"] as? String { names.insert(report) }
            if let id = entry["scenario"] as? String { names.insert(id + ".pcap") }
        }
        for file in object["files"] as? [String] ?? [] {
            names.insert(file)
        }
        // Only plain names inside the folder or one subfolder of it, whatever the file says.
        return names.filter { name in
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
        }
    }

    /// Makes `path` and its missing parents; throws why not, in words, if one is not a folder or
    /// cannot be made.
    static func createFolder(_ path: String) throws(ReportError) {
        if let problem = Self.makeFolder(path) {
            throw ReportError(path: path, reason: problem)
        }
    }

    /// nil once `path` is a folder, else why it is not.
    static func makeFolder(_ path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 {
            return status.st_mode & S_IFMT == S_IFDIR ? nil : "\(path) is a file, not a folder"
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path, let problem = Self.makeFolder(parent) {
            return problem
        }
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            return "cannot create \(path): \(Self.errorText(errno))"
        }
        return nil
    }

    /// Removes `.tmp-run-PID-*` folders that a run killed outright left behind: those whose process
    /// is gone (a run going on at the same time into the same folder keeps its own).
    static func removeStaleStaging(in folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(Self.stagingPrefix) {
            let owner = name.dropFirst(Self.stagingPrefix.count).split(separator: "-").first.flatMap { pid_t($0) }
            if let owner, owner != getpid(), kill(owner, 0) == 0 || errno == EPERM {
                continue
            }
            Self.removeTree(Self.join(folder, name))
        }
    }

    /// Removes a folder of files and of subfolders of files (a comparison run's staging folder holds
    /// one subfolder per target), and the folder.
    static func removeTree(_ folder: String, depth: Int = 1) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names {
            let path = Self.join(folder, name)
            if unlink(path) != 0 && depth > 0 {
                Self.removeTree(path, depth: depth - 1)
            }
        }
        _ = rmdir(folder)
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `Read-only file system`: the C library's text for an errno value.
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
