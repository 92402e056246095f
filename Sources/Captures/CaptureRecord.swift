import NetworkLayers

/// One captured frame, as read from a pcap or pcapng file (or about to be written to one).
public struct CaptureRecord: Hashable, Sendable {
    public var timestamp: CaptureTimestamp
    /// How `bytes` begins (the file's link type for pcap, the interface's for pcapng).
    public var linkType: LinkType
    /// The pcapng interface the frame came from (0 for pcap).
    public var interfaceIndex: Int
    /// The frame's length on the wire; more than `bytes.count` when the snapshot length cut it.
    public var originalLength: Int
    /// The captured bytes.
    public var bytes: [UInt8]
    /// Offset in the file of the record header or block that held the frame.
    public var fileOffset: Int

    public init(
        timestamp: CaptureTimestamp, linkType: LinkType, interfaceIndex: Int = 0, originalLength: Int? = nil,
        bytes: [UInt8], fileOffset: Int = 0
    ) {
        self.timestamp = timestamp
        self.linkType = linkType
        self.interfaceIndex = interfaceIndex
        self.originalLength = originalLength ?? bytes.count
        self.bytes = bytes
        self.fileOffset = fileOffset
    }

    /// Whether the snapshot length cut the frame short.
    public var isTruncated: Bool { self.bytes.count < self.originalLength }
}
