import Foundation

/// Writes a file whole or not at all: the text goes to a hidden temporary file in the same folder,
/// which is then renamed over the target (rename is atomic within a file system), so an interrupted
/// campaign never leaves a half-written corpus or finding file.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(FuzzFileError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FuzzFileError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw FuzzFileError(path: path, reason: reason)
            }
        } catch let error as FuzzFileError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw FuzzFileError(path: path, reason: error.localizedDescription)
        }
    }
}

/// A corpus or finding file that could not be read or written.
public struct FuzzFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(self.path): \(self.reason)" }
}
