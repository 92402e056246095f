/// An IPv4 header (RFC 791 §3.1), options kept as raw bytes.
///
/// Decoding reads what is there: a wrong header checksum or a total length longer than the
/// captured bytes is information for the caller, not an error. Fragments are recognised
/// (`isFragment`) but never reassembled.
public struct IPv4Header: Hashable, Sendable {
    /// DSCP (high 6 bits) and ECN (low 2 bits).
    public var typeOfService: UInt8
    /// Header plus payload, in bytes.
    public var totalLength: UInt16
    public var identification: UInt16
    /// The reserved (evil) bit.
    public var reservedFlag: Bool
    public var dontFragment: Bool
    public var moreFragments: Bool
    /// In units of 8 bytes.
    public var fragmentOffset: UInt16
    public var timeToLive: UInt8
    /// The upper-layer protocol (`IPProtocolNumber.sctp` = 132).
    public var protocolNumber: UInt8
    /// The checksum field as found (decode) or to be written (encode with `fillChecksum: false`).
    public var headerChecksum: UInt16
    public var source: IPv4Address
    public var destination: IPv4Address
    /// Option bytes, a multiple of 4 long when decoded (encode pads them with zeros).
    public var options: [UInt8]

    public static let minimumLength = 20

    public init(
        typeOfService: UInt8 = 0, totalLength: UInt16 = 20, identification: UInt16 = 0, reservedFlag: Bool = false,
        dontFragment: Bool = true, moreFragments: Bool = false, fragmentOffset: UInt16 = 0, timeToLive: UInt8 = 64,
        protocolNumber: UInt8, headerChecksum: UInt16 = 0, source: IPv4Address, destination: IPv4Address,
        options: [UInt8] = []
    ) {
        self.typeOfService = typeOfService
        self.totalLength = totalLength
        self.identification = identification
        self.reservedFlag = reservedFlag
        self.dontFragment = dontFragment
        self.moreFragments = moreFragments
        self.fragmentOffset = fragmentOffset & 0x1FFF
        self.timeToLive = timeToLive
        self.protocolNumber = protocolNumber
        self.headerChecksum = headerChecksum
        self.source = source
        self.destination = destination
        self.options = options
    }

    /// Header bytes: 20 plus the options padded to a multiple of 4.
    public var headerLength: Int { Self.minimumLength + (self.options.count + 3) / 4 * 4 }

    /// Whether this is one fragment of a larger datagram (offset non-zero or more to come).
    public var isFragment: Bool { self.moreFragments || self.fragmentOffset != 0 }

    /// Decodes the header at `offset`; the payload starts at `offset + header.headerLength`.
    public static func decode(_ frame: [UInt8], at offset: Int = 0) throws(NetworkLayerError) -> IPv4Header {
        let essentials = try Self.readEssentials(frame, at: offset)
        let headerLength = essentials.headerLength
        let flagsAndOffset = FrameBytes.uint16(frame, offset + 6)
        return IPv4Header(
            typeOfService: frame[offset + 1],
            totalLength: essentials.totalLength,
            identification: essentials.identification,
            reservedFlag: flagsAndOffset & 0x8000 != 0,
            dontFragment: flagsAndOffset & 0x4000 != 0,
            moreFragments: essentials.moreFragments,
            fragmentOffset: essentials.fragmentOffset,
            timeToLive: frame[offset + 8],
            protocolNumber: essentials.protocolNumber,
            headerChecksum: FrameBytes.uint16(frame, offset + 10),
            source: essentials.source,
            destination: essentials.destination,
            options: headerLength > Self.minimumLength ? Array(frame[(offset + 20)..<(offset + headerLength)]) : [])
    }

    /// What the SCTP extractor needs from an IPv4 header, read without building the header.
    struct Essentials {
        var headerLength: Int
        var totalLength: UInt16
        var identification: UInt16
        var moreFragments: Bool
        var fragmentOffset: UInt16
        var protocolNumber: UInt8
        var source: IPv4Address
        var destination: IPv4Address

        var isFragment: Bool { self.moreFragments || self.fragmentOffset != 0 }
    }

    /// Checks the header at `offset` as `decode` does and reads its essential fields.
    static func readEssentials(_ frame: [UInt8], at offset: Int) throws(NetworkLayerError) -> Essentials {
        try FrameView.over(frame) { view throws(NetworkLayerError) in
            try Self.readEssentials(view, at: offset)
        }
    }

    /// `readEssentials` over borrowed bytes (what the SCTP extractor calls per frame).
    @inline(__always)
    static func readEssentials(_ frame: FrameView, at offset: Int) throws(NetworkLayerError) -> Essentials {
        try frame.require(offset, Self.minimumLength, .ipv4)
        let versionAndLength = frame.byte(offset)
        guard versionAndLength >> 4 == 4 else {
            throw NetworkLayerError(
                offset: offset, layer: .ipv4, reason: .wrongVersion(found: versionAndLength >> 4, expected: 4))
        }
        let headerLength = Int(versionAndLength & 0xF) * 4
        guard headerLength >= Self.minimumLength else {
            throw NetworkLayerError(
                offset: offset, layer: .ipv4,
                reason: .lengthTooShort(declared: headerLength, minimum: Self.minimumLength))
        }
        try frame.require(offset, headerLength, .ipv4)
        let totalLength = frame.uint16(offset + 2)
        guard Int(totalLength) >= headerLength else {
            throw NetworkLayerError(
                offset: offset + 2, layer: .ipv4,
                reason: .lengthTooShort(declared: Int(totalLength), minimum: headerLength))
        }
        let flagsAndOffset = frame.uint16(offset + 6)
        return Essentials(
            headerLength: headerLength, totalLength: totalLength, identification: frame.uint16(offset + 4),
            moreFragments: flagsAndOffset & 0x2000 != 0, fragmentOffset: flagsAndOffset & 0x1FFF,
            protocolNumber: frame.byte(offset + 9), source: IPv4Address(rawValue: frame.uint32(offset + 12)),
            destination: IPv4Address(rawValue: frame.uint32(offset + 16)))
    }

    /// Whether the header checksum of the header at `offset` is right (RFC 791 §3.1: the
    /// checksum over the whole header, field included, sums to zero). Nil if the header is not
    /// all there.
    public static func isHeaderChecksumCorrect(_ frame: [UInt8], at offset: Int = 0) -> Bool? {
        guard offset >= 0, offset < frame.count else { return nil }
        let headerLength = Int(frame[offset] & 0xF) * 4
        guard headerLength >= Self.minimumLength, frame.count - offset >= headerLength else { return nil }
        return InternetChecksum.of(frame, offset..<(offset + headerLength)) == 0
    }

    /// Appends the header. With `fillChecksum` the header checksum is computed; otherwise
    /// `headerChecksum` is written as it is (for deliberately wrong headers). Options longer than
    /// the 40 bytes the header length field can describe are written whole, with a header length
    /// of 15 words: a malformed header, on purpose (`SCTPEncapsulation` refuses such options).
    public func encode(into bytes: inout [UInt8], fillChecksum: Bool = true) {
        let start = bytes.count
        let headerLength = self.headerLength
        bytes.append(0x40 | UInt8(truncatingIfNeeded: min(headerLength / 4, 15)))
        bytes.append(self.typeOfService)
        FrameBytes.appendUInt16(self.totalLength, to: &bytes)
        FrameBytes.appendUInt16(self.identification, to: &bytes)
        var flags: UInt16 = self.fragmentOffset & 0x1FFF
        if self.reservedFlag { flags |= 0x8000 }
        if self.dontFragment { flags |= 0x4000 }
        if self.moreFragments { flags |= 0x2000 }
        FrameBytes.appendUInt16(flags, to: &bytes)
        bytes.append(self.timeToLive)
        bytes.append(self.protocolNumber)
        FrameBytes.appendUInt16(fillChecksum ? 0 : self.headerChecksum, to: &bytes)
        FrameBytes.appendUInt32(self.source.rawValue, to: &bytes)
        FrameBytes.appendUInt32(self.destination.rawValue, to: &bytes)
        bytes.append(contentsOf: self.options)
        while bytes.count - start < headerLength {
            bytes.append(0)
        }
        if fillChecksum {
            let checksum = InternetChecksum.of(bytes, start..<(start + headerLength))
            FrameBytes.setUInt16(checksum, in: &bytes, at: start + 10)
        }
    }
}
