import Captures
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A capture path that is not a regular file is refused at once with what it is (issue 11, item 15):
/// a FIFO used to block `decode` and `check` forever, a symbolic-link loop was reported vaguely.
@Suite struct CaptureFileKindTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(.timeLimit(.minutes(1))) func aFIFOIsRefusedWithoutBlocking() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/x.pcap", 0o600) == 0)
        do {
            _ = try CaptureReader(path: folder + "/x.pcap")
            Issue.record("a FIFO was opened")
        } catch {
            #expect(error.description.contains("a FIFO (named pipe), not a capture file"))
        }
    }

    @Test func aSymbolicLinkLoopIsCalledOne() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/a.pcap", withDestinationPath: folder + "/b.pcap")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b.pcap", withDestinationPath: folder + "/a.pcap")
        do {
            _ = try CaptureReader(path: folder + "/a.pcap")
            Issue.record("a link loop was opened")
        } catch {
            #expect(error.description == "cannot open: a loop of symbolic links (following them never reaches a file)")
        }
    }

    @Test func aFolderIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: CaptureError.self) { try CaptureReader(path: folder) }
    }
}
