/// A UDP header (RFC 768), and its checksum over the IPv4 (RFC 768) or IPv6 (RFC 8200 §8.1)
/// pseudo-header. SCTP over UDP (RFC 6951) uses port 9899 by default.
public struct UDPHeader: Hashable, Sendable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    /// Header plus payload, in bytes.
    public var length: UInt16
    /// The checksum field as found; zero means "not computed" over IPv4.
    public var checksum: UInt16

    public static let headerLength = 8
    /// The IANA port for SCTP over UDP (RFC 6951 §5.1).
    public static let sctpEncapsulationPort: UInt16 = 9899

    public init(sourcePort: UInt16, destinationPort: UInt16, length: UInt16 = 8, checksum: UInt16 = 0) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.length = length
        self.checksum = checksum
    }

    /// Decodes the header at `offset`; the payload starts 8 bytes later.
    public static func decode(_ frame: [UInt8], at offset: Int = 0) throws(NetworkLayerError) -> UDPHeader {
        try FrameView.over(frame) { view throws(NetworkLayerError) in
            try Self.decode(view, at: offset)
        }
    }

    /// `decode` over borrowed bytes (what the SCTP extractor calls per frame).
    @inline(__always)
    static func decode(_ frame: FrameView, at offset: Int) throws(NetworkLayerError) -> UDPHeader {
        try frame.require(offset, Self.headerLength, .udp)
        let length = frame.uint16(offset + 4)
        guard Int(length) >= Self.headerLength else {
            throw NetworkLayerError(
                offset: offset + 4, layer: .udp,
                reason: .lengthTooShort(declared: Int(length), minimum: Self.headerLength))
        }
        return UDPHeader(
            sourcePort: frame.uint16(offset), destinationPort: frame.uint16(offset + 2),
            length: length, checksum: frame.uint16(offset + 6))
    }

    /// Appends the 8 header bytes as they stand.
    public func encode(into bytes: inout [UInt8]) {
        FrameBytes.appendUInt16(self.sourcePort, to: &bytes)
        FrameBytes.appendUInt16(self.destinationPort, to: &bytes)
        FrameBytes.appendUInt16(self.length, to: &bytes)
        FrameBytes.appendUInt16(self.checksum, to: &bytes)
    }

    /// The checksum the datagram at `bytes[range]` (header with its checksum field, then
    /// payload) should carry between `source` and `destination`; a computed zero is sent as
    /// 0xFFFF (RFC 768). Nil if the addresses are of different IP versions.
    public static func expectedChecksum(
        _ bytes: [UInt8], _ range: Range<Int>, source: IPAddress, destination: IPAddress
    )
        -> UInt16?
    {
        bytes.withUnsafeBytes { raw in
            Self.expectedChecksum(
                datagram: UnsafeRawBufferPointer(rebasing: raw[range]), source: source,
                destination: destination)
        }
    }

    /// The checksum `datagram` (header with its checksum field, then payload) should carry
    /// between `source` and `destination`, as `expectedChecksum(_:_:source:destination:)`.
    public static func expectedChecksum(
        datagram: UnsafeRawBufferPointer, source: IPAddress, destination: IPAddress
    )
        -> UInt16?
    {
        var sum = InternetChecksum()
        switch (source, destination) {
        case (.v4(let s), .v4(let d)):
            sum.add(doubleWord: s.rawValue)
            sum.add(doubleWord: d.rawValue)
            sum.add(word: UInt16(IPProtocolNumber.udp))
            sum.add(word: UInt16(truncatingIfNeeded: datagram.count))
        case (.v6(let s), .v6(let d)):
            for word in [s.high >> 32, s.high, s.low >> 32, s.low, d.high >> 32, d.high, d.low >> 32, d.low] {
                sum.add(doubleWord: UInt32(truncatingIfNeeded: word))
            }
            sum.add(doubleWord: UInt32(truncatingIfNeeded: datagram.count))
            sum.add(word: UInt16(IPProtocolNumber.udp))
        default:
            return nil
        }
        guard datagram.count >= Self.headerLength else { return nil }
        sum.add(UnsafeRawBufferPointer(rebasing: datagram[0..<6]))
        sum.add(word: 0)
        sum.add(UnsafeRawBufferPointer(rebasing: datagram[8...]))
        let value = sum.value
        return value == 0 ? 0xFFFF : value
    }
}

/// What a UDP checksum says.
public enum UDPChecksumStatus: Hashable, Sendable {
    case correct
    /// Zero: the sender did not compute one (allowed over IPv4 only, RFC 768 / RFC 8200 §8.1).
    case absent
    case incorrect(found: UInt16, expected: UInt16)
    /// Part of the datagram was not captured, so the checksum cannot be checked.
    case unverifiable
}
