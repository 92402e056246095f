import NetworkLayers

/// Reads pcap and pcapng files record by record.
///
/// Classic pcap: both byte orders, microsecond (0xA1B2C3D4) and nanosecond (0xA1B23C4D) magic, and
/// the Kuznetzov "modified" variant. pcapng: sections in either byte order, interfaces with their
/// own link types and `if_tsresol`/`if_tsoffset`, Enhanced, Simple and (obsolete) Packet blocks;
/// every other block is skipped.
///
/// Streaming: a file is read in chunks, one record at a time. A truncated or corrupt file yields
/// every good record, then `next()` throws a `CaptureError` with the file offset, and keeps
/// throwing it on later calls. `next()` copies each frame into the record it returns;
/// `withNextFrame(_:)` and `forEachFrame(_:)` lend the frame from the reader's buffer instead.
public final class CaptureReader {
    /// The format found in the file header.
    public let format: CaptureFormat

    /// The interfaces of the current section (pcap: the single implicit one).
    public var interfaces: [CaptureInterface] { self.parser.interfaces }

    /// Records and blocks longer than this are taken as corruption.
    public static let maximumRecordLength = 64 << 20

    private var parser: CaptureParser

    /// Opens the file at `path` and reads its header.
    public convenience init(path: String) throws(CaptureError) {
        try self.init(input: try CaptureInput(path: path))
    }

    /// Reads a capture held in memory.
    public convenience init(bytes: [UInt8]) throws(CaptureError) {
        try self.init(input: CaptureInput(bytes: bytes))
    }

    init(input: CaptureInput) throws(CaptureError) {
        self.parser = try CaptureParser(input: input)
        self.format = self.parser.format
    }

    /// The next record, nil at the end of the file. Throws (now and on every later call) when the
    /// file is truncated or corrupt at the current position.
    public func next() throws(CaptureError) -> CaptureRecord? {
        try self.parser.next()
    }

    /// Hands the next frame to `body` without copying it, and returns true; returns false at the
    /// end of the file (without calling `body`). Throws as `next()` does, now and on every later
    /// call. Reading with `withNextFrame` and `next()` may be mixed: both advance the same reader.
    ///
    /// The frame's `bytes` borrow the reader's buffer and are valid only while `body` runs; `body`
    /// must not use the reader. This is the fast path for code that looks at a frame and keeps at
    /// most a part of it (`sctpconform check`, the benchmarks).
    public func withNextFrame(_ body: (CaptureFrame) -> Void) throws(CaptureError) -> Bool {
        try self.parser.nextFrame(body)
    }

    /// Hands the remaining frames to `body` in file order, without copying them, until `body`
    /// returns false or the file ends. Throws as `next()` does when the file is truncated or
    /// corrupt, after `body` has seen every good frame before the fault.
    ///
    /// The same borrowing rules as `withNextFrame(_:)`: each frame's `bytes` are valid only during
    /// its call of `body`, which must not use the reader. One loop inside the reader, so cheaper
    /// per frame than calling `withNextFrame(_:)` in a loop.
    public func forEachFrame(_ body: (CaptureFrame) -> Bool) throws(CaptureError) {
        try self.parser.forEachFrame(body)
    }

    /// Reads every remaining record (for small files and tests; large files should use `next()`).
    public func readAll() throws(CaptureError) -> [CaptureRecord] {
        var records: [CaptureRecord] = []
        while let record = try self.next() {
            records.append(record)
        }
        return records
    }

    /// Reads the next records into `records` until the end or an error, and returns the error
    /// instead of throwing it, so that callers keep the good records before a corrupt one.
    public func readAvailable(into records: inout [CaptureRecord]) -> CaptureError? {
        do {
            while let record = try self.next() {
                records.append(record)
            }
            return nil
        } catch {
            return error
        }
    }
}
