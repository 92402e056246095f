import NetworkLayers

/// Builds classic pcap bytes (little-endian): the 24-byte file header and 16-byte record headers
/// (https://www.tcpdump.org/manpages/pcap-savefile.5.html).
public enum PcapEncoder {
    /// The default snapshot length written in file headers.
    public static let defaultSnapLength: UInt32 = 262_144

    /// The file header.
    public static func fileHeader(
        linkType: LinkType = .raw, precision: PcapTimestampPrecision = .microseconds,
        snapLength: UInt32 = Self.defaultSnapLength
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        Self.appendUInt32(precision == .microseconds ? 0xA1B2_C3D4 : 0xA1B2_3C4D, to: &bytes)
        Self.appendUInt16(2, to: &bytes)
        Self.appendUInt16(4, to: &bytes)
        Self.appendUInt32(0, to: &bytes)  // thiszone
        Self.appendUInt32(0, to: &bytes)  // sigfigs
        Self.appendUInt32(snapLength, to: &bytes)
        Self.appendUInt32(linkType.rawValue, to: &bytes)
        return bytes
    }

    /// Appends one record: header then `frame` (cut to `snapLength` if longer).
    public static func appendRecord(
        _ frame: [UInt8], timestamp: CaptureTimestamp, originalLength: Int? = nil,
        precision: PcapTimestampPrecision = .microseconds, snapLength: UInt32 = Self.defaultSnapLength,
        to bytes: inout [UInt8]
    ) {
        let captured = min(frame.count, Int(snapLength))
        let fraction = precision == .microseconds ? timestamp.nanoseconds / 1_000 : timestamp.nanoseconds
        Self.appendUInt32(UInt32(truncatingIfNeeded: timestamp.seconds), to: &bytes)
        Self.appendUInt32(fraction, to: &bytes)
        Self.appendUInt32(UInt32(truncatingIfNeeded: captured), to: &bytes)
        Self.appendUInt32(UInt32(truncatingIfNeeded: max(originalLength ?? frame.count, captured)), to: &bytes)
        bytes.append(contentsOf: frame[0..<captured])
    }

    /// A whole file from records (each record's `linkType` is ignored: the file has one).
    public static func encode(
        _ records: [CaptureRecord], linkType: LinkType = .raw, precision: PcapTimestampPrecision = .microseconds,
        snapLength: UInt32 = Self.defaultSnapLength
    ) -> [UInt8] {
        var bytes = Self.fileHeader(linkType: linkType, precision: precision, snapLength: snapLength)
        for record in records {
            Self.appendRecord(
                record.bytes, timestamp: record.timestamp, originalLength: record.originalLength,
                precision: precision, snapLength: snapLength, to: &bytes)
        }
        return bytes
    }

    @inline(__always)
    static func appendUInt16(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    @inline(__always)
    static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    }
}
