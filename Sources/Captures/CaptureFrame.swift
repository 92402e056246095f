import NetworkLayers

/// One captured frame as it lies in a `CaptureReader`'s buffer: `CaptureRecord` without the copy.
///
/// Handed to the body of `CaptureReader.withNextFrame(_:)`. `bytes` borrows the reader's buffer
/// and is valid only while that body runs: do not keep it, or anything pointing into it, after
/// the body returns (`record` makes an owning copy when one is wanted).
public struct CaptureFrame {
    public var timestamp: CaptureTimestamp
    /// How `bytes` begins (the file's link type for pcap, the interface's for pcapng).
    public var linkType: LinkType
    /// The pcapng interface the frame came from (0 for pcap).
    public var interfaceIndex: Int
    /// The frame's length on the wire; more than `bytes.count` when the snapshot length cut it.
    public var originalLength: Int
    /// The captured bytes, borrowed from the reader's buffer (see above).
    public var bytes: UnsafeRawBufferPointer
    /// Offset in the file of the record header or block that held the frame.
    public var fileOffset: Int

    public init(
        timestamp: CaptureTimestamp, linkType: LinkType, interfaceIndex: Int, originalLength: Int,
        bytes: UnsafeRawBufferPointer, fileOffset: Int
    ) {
        self.timestamp = timestamp
        self.linkType = linkType
        self.interfaceIndex = interfaceIndex
        self.originalLength = originalLength
        self.bytes = bytes
        self.fileOffset = fileOffset
    }

    /// Whether the snapshot length cut the frame short.
    public var isTruncated: Bool { self.bytes.count < self.originalLength }

    /// An owning copy: the record `CaptureReader.next()` would have returned for this frame.
    public var record: CaptureRecord {
        CaptureRecord(
            timestamp: self.timestamp, linkType: self.linkType, interfaceIndex: self.interfaceIndex,
            originalLength: self.originalLength, bytes: Array(self.bytes), fileOffset: self.fileOffset)
    }
}

/// Where a record's frame lies in the window of bytes it was read from, and what the record
/// header said: what the parsers find before the frame is handed out (borrowed) or copied.
struct FramePlacement {
    var timestamp: CaptureTimestamp
    var linkType: LinkType
    var interfaceIndex: Int
    var originalLength: Int
    var fileOffset: Int
    /// Where the captured bytes start in the window, and how many there are.
    var dataOffset: Int
    var dataCount: Int

    /// The frame, borrowing `window`'s bytes.
    @inline(__always)
    func frame(in window: CaptureWindow) -> CaptureFrame {
        CaptureFrame(
            timestamp: self.timestamp, linkType: self.linkType, interfaceIndex: self.interfaceIndex,
            originalLength: self.originalLength, bytes: window.slice(self.dataOffset, self.dataCount),
            fileOffset: self.fileOffset)
    }
}
