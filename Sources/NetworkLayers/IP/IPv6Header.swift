/// The fixed IPv6 header (RFC 8200 §3, 40 bytes).
public struct IPv6Header: Hashable, Sendable {
    /// DSCP and ECN.
    public var trafficClass: UInt8
    /// 20 bits.
    public var flowLabel: UInt32
    /// Bytes after this fixed header (extension headers included).
    public var payloadLength: UInt16
    /// The first extension header or the upper-layer protocol.
    public var nextHeader: UInt8
    public var hopLimit: UInt8
    public var source: IPv6Address
    public var destination: IPv6Address

    public static let length = 40

    public init(
        trafficClass: UInt8 = 0, flowLabel: UInt32 = 0, payloadLength: UInt16 = 0, nextHeader: UInt8,
        hopLimit: UInt8 = 64, source: IPv6Address, destination: IPv6Address
    ) {
        self.trafficClass = trafficClass
        self.flowLabel = flowLabel & 0xFFFFF
        self.payloadLength = payloadLength
        self.nextHeader = nextHeader
        self.hopLimit = hopLimit
        self.source = source
        self.destination = destination
    }

    /// Decodes the fixed header at `offset`; what follows starts 40 bytes later.
    public static func decode(_ frame: [UInt8], at offset: Int = 0) throws(NetworkLayerError) -> IPv6Header {
        try FrameView.over(frame) { view throws(NetworkLayerError) in
            try Self.decode(view, at: offset)
        }
    }

    /// `decode` over borrowed bytes (what the SCTP extractor calls per frame).
    @inline(__always)
    static func decode(_ frame: FrameView, at offset: Int) throws(NetworkLayerError) -> IPv6Header {
        try frame.require(offset, Self.length, .ipv6)
        let first = frame.uint32(offset)
        let version = UInt8(first >> 28)
        guard version == 6 else {
            throw NetworkLayerError(offset: offset, layer: .ipv6, reason: .wrongVersion(found: version, expected: 6))
        }
        return IPv6Header(
            trafficClass: UInt8(truncatingIfNeeded: first >> 20),
            flowLabel: first & 0xFFFFF,
            payloadLength: frame.uint16(offset + 4),
            nextHeader: frame.byte(offset + 6),
            hopLimit: frame.byte(offset + 7),
            source: IPv6Address(high: frame.uint64(offset + 8), low: frame.uint64(offset + 16)),
            destination: IPv6Address(high: frame.uint64(offset + 24), low: frame.uint64(offset + 32)))
    }

    /// Appends the 40 header bytes.
    public func encode(into bytes: inout [UInt8]) {
        let first = UInt32(6) << 28 | UInt32(self.trafficClass) << 20 | (self.flowLabel & 0xFFFFF)
        FrameBytes.appendUInt32(first, to: &bytes)
        FrameBytes.appendUInt16(self.payloadLength, to: &bytes)
        bytes.append(self.nextHeader)
        bytes.append(self.hopLimit)
        bytes.append(contentsOf: self.source.bytes)
        bytes.append(contentsOf: self.destination.bytes)
    }
}

/// One IPv6 extension header met on the way to the upper layer (RFC 8200 §4).
public struct IPv6ExtensionHeader: Hashable, Sendable {
    /// Its type: the Next Header value that announced it (0, 43, 44, 51, 60).
    public var type: UInt8
    /// Absolute offset in the frame.
    public var offset: Int
    /// Its length in bytes.
    public var length: Int

    public init(type: UInt8, offset: Int, length: Int) {
        self.type = type
        self.offset = offset
        self.length = length
    }
}

/// An IPv6 Fragment header's contents (RFC 8200 §4.5).
public struct IPv6FragmentInfo: Hashable, Sendable {
    /// In units of 8 bytes.
    public var fragmentOffset: UInt16
    public var moreFragments: Bool
    public var identification: UInt32

    public init(fragmentOffset: UInt16, moreFragments: Bool, identification: UInt32) {
        self.fragmentOffset = fragmentOffset
        self.moreFragments = moreFragments
        self.identification = identification
    }
}

/// The chain of extension headers after a fixed IPv6 header, walked to the upper layer.
public struct IPv6ExtensionChain: Hashable, Sendable {
    /// The headers skipped, in order.
    public var headers: [IPv6ExtensionHeader]
    /// The upper-layer protocol (or 59, No Next Header, or 50, ESP, whose contents are opaque).
    public var upperLayerProtocol: UInt8
    /// Absolute offset where the upper-layer data begins.
    public var upperLayerOffset: Int
    /// Present when one of the headers was a Fragment header.
    public var fragment: IPv6FragmentInfo?

    public init(
        headers: [IPv6ExtensionHeader], upperLayerProtocol: UInt8, upperLayerOffset: Int, fragment: IPv6FragmentInfo?
    ) {
        self.headers = headers
        self.upperLayerProtocol = upperLayerProtocol
        self.upperLayerOffset = upperLayerOffset
        self.fragment = fragment
    }

    /// At most this many extension headers are walked before the packet is called malformed.
    public static let maximumHeaders = 16

    /// Walks from the Next Header value `first`, whose header (if an extension) starts at
    /// `offset`. Hop-by-hop, routing, destination options, fragment and authentication headers are
    /// skipped; anything else is taken as the upper layer.
    public static func walk(
        _ frame: [UInt8], from first: UInt8, at offset: Int
    ) throws(NetworkLayerError)
        -> IPv6ExtensionChain
    {
        var headers: [IPv6ExtensionHeader]? = []
        let end = try FrameView.over(frame) { view throws(NetworkLayerError) in
            try Self.walk(view, from: first, at: offset, recording: &headers)
        }
        return IPv6ExtensionChain(
            headers: headers ?? [], upperLayerProtocol: end.upperLayerProtocol,
            upperLayerOffset: end.upperLayerOffset, fragment: end.fragment)
    }

    /// Where a walk ended, and what it passed, without the headers themselves.
    struct WalkEnd {
        var upperLayerProtocol: UInt8
        var upperLayerOffset: Int
        var fragment: IPv6FragmentInfo?
        /// How many extension headers were skipped.
        var headerCount: Int
    }

    /// `walk` over borrowed bytes; appends the headers to `headers` unless it is nil (the SCTP
    /// extractor only needs their count, and allocates nothing).
    static func walk(
        _ frame: FrameView, from first: UInt8, at offset: Int, recording headers: inout [IPv6ExtensionHeader]?
    ) throws(NetworkLayerError)
        -> WalkEnd
    {
        var next = first
        var position = offset
        var headerCount = 0
        var fragment: IPv6FragmentInfo?
        while true {
            let length: Int
            switch next {
            case IPProtocolNumber.hopByHopOptions, IPProtocolNumber.ipv6Routing,
                IPProtocolNumber.ipv6DestinationOptions:
                try frame.require(position, 2, .ipv6Extension)
                length = (Int(frame.byte(position + 1)) + 1) * 8
            case IPProtocolNumber.ipv6Fragment:
                try frame.require(position, 8, .ipv6Extension)
                length = 8
                let offsetAndFlags = frame.uint16(position + 2)
                fragment = IPv6FragmentInfo(
                    fragmentOffset: offsetAndFlags >> 3, moreFragments: offsetAndFlags & 1 != 0,
                    identification: frame.uint32(position + 4))
            case IPProtocolNumber.authenticationHeader:
                // RFC 4302 §2.2: the length counts 4-byte words, minus 2.
                try frame.require(position, 2, .ipv6Extension)
                length = (Int(frame.byte(position + 1)) + 2) * 4
            default:
                return WalkEnd(
                    upperLayerProtocol: next, upperLayerOffset: position, fragment: fragment, headerCount: headerCount)
            }
            guard headerCount < Self.maximumHeaders else {
                throw NetworkLayerError(
                    offset: position, layer: .ipv6Extension,
                    reason: .invalidValue("more than \(Self.maximumHeaders) extension headers"))
            }
            try frame.require(position, length, .ipv6Extension)
            headers?.append(IPv6ExtensionHeader(type: next, offset: position, length: length))
            headerCount += 1
            next = frame.byte(position)
            position += length
        }
    }
}
