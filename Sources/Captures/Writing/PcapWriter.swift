import NetworkLayers

/// Writes a classic pcap file atomically: records stream into a temporary file in the same
/// directory, and only `finish()` makes the capture appear under its name. A writer dropped
/// before `finish()` leaves nothing behind (and an existing file at `path` untouched).
public final class PcapWriter {
    public let path: String
    public let linkType: LinkType
    public let precision: PcapTimestampPrecision
    public let snapLength: UInt32
    private let file: AtomicFileWriter
    /// Records written so far.
    public private(set) var recordCount = 0

    public init(
        path: String, linkType: LinkType = .raw, precision: PcapTimestampPrecision = .microseconds,
        snapLength: UInt32 = PcapEncoder.defaultSnapLength
    ) throws(CaptureError) {
        self.path = path
        self.linkType = linkType
        self.precision = precision
        self.snapLength = snapLength
        self.file = try AtomicFileWriter(path: path)
        try self.file.write(PcapEncoder.fileHeader(linkType: linkType, precision: precision, snapLength: snapLength))
    }

    /// Appends one frame (it must begin with a `linkType` header).
    public func write(_ frame: [UInt8], timestamp: CaptureTimestamp, originalLength: Int? = nil) throws(CaptureError) {
        let precision = self.precision
        let snapLength = self.snapLength
        try self.file.write { bytes in
            PcapEncoder.appendRecord(
                frame, timestamp: timestamp, originalLength: originalLength, precision: precision,
                snapLength: snapLength, to: &bytes)
        }
        self.recordCount += 1
    }

    /// Makes the file appear at `path` with everything written.
    public func finish() throws(CaptureError) {
        try self.file.commit()
    }

    /// Gives up: removes the temporary file.
    public func abandon() {
        self.file.abandon()
    }

    /// Writes `records` to `path` in one go, atomically.
    public static func write(
        _ records: [CaptureRecord], to path: String, linkType: LinkType = .raw,
        precision: PcapTimestampPrecision = .microseconds
    ) throws(CaptureError) {
        let writer = try PcapWriter(path: path, linkType: linkType, precision: precision)
        for record in records {
            try writer.write(record.bytes, timestamp: record.timestamp, originalLength: record.originalLength)
        }
        try writer.finish()
    }
}
