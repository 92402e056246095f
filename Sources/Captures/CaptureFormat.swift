import NetworkLayers

/// The byte order a capture file was written in.
public enum CaptureByteOrder: Hashable, Sendable {
    case littleEndian
    case bigEndian
}

/// Timestamp resolution of a classic pcap file.
public enum PcapTimestampPrecision: Hashable, Sendable {
    /// Magic 0xA1B2C3D4: the fraction counts microseconds.
    case microseconds
    /// Magic 0xA1B23C4D: the fraction counts nanoseconds.
    case nanoseconds
}

/// What kind of capture file a reader found.
public enum CaptureFormat: Hashable, Sendable, CustomStringConvertible {
    /// Classic libpcap (`modified` is the Kuznetzov variant with 24-byte record headers).
    case pcap(
        byteOrder: CaptureByteOrder, precision: PcapTimestampPrecision, linkType: LinkType, snapLength: UInt32,
        modified: Bool)
    /// pcapng (byte order per section; link types per interface).
    case pcapng

    public var description: String {
        switch self {
        case .pcap(let order, let precision, let linkType, _, let modified):
            let endian = order == .littleEndian ? "little-endian" : "big-endian"
            let unit = precision == .microseconds ? "microsecond" : "nanosecond"
            return "pcap\(modified ? " (modified)" : "") \(endian), \(unit) timestamps, link type \(linkType)"
        case .pcapng:
            return "pcapng"
        }
    }
}

/// A pcapng interface (Interface Description Block).
public struct CaptureInterface: Hashable, Sendable {
    public var linkType: LinkType
    public var snapLength: UInt32
    /// Timestamp units per second (if_tsresol; 1,000,000 by default).
    public var unitsPerSecond: UInt64
    /// Seconds added to every timestamp (if_tsoffset).
    public var offsetSeconds: Int64
    /// if_name, when present.
    public var name: String?

    public init(
        linkType: LinkType, snapLength: UInt32, unitsPerSecond: UInt64 = 1_000_000, offsetSeconds: Int64 = 0,
        name: String? = nil
    ) {
        self.linkType = linkType
        self.snapLength = snapLength
        self.unitsPerSecond = unitsPerSecond
        self.offsetSeconds = offsetSeconds
        self.name = name
    }
}
