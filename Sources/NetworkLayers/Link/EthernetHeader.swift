/// An IEEE 802.1Q VLAN tag (4 bytes: tag protocol identifier, then priority, drop eligibility and
/// the 12-bit VLAN identifier).
public struct VLANTag: Hashable, Sendable {
    /// 0x8100 (802.1Q), 0x88A8 (802.1ad) or 0x9100.
    public var tagProtocol: UInt16
    /// Priority code point (3 bits).
    public var priority: UInt8
    /// Drop eligible indicator.
    public var dropEligible: Bool
    /// VLAN identifier (12 bits).
    public var identifier: UInt16

    public init(
        tagProtocol: UInt16 = EtherType.vlan, priority: UInt8 = 0, dropEligible: Bool = false, identifier: UInt16
    ) {
        self.tagProtocol = tagProtocol
        self.priority = priority & 0x7
        self.dropEligible = dropEligible
        self.identifier = identifier & 0xFFF
    }

    var controlInformation: UInt16 {
        UInt16(self.priority & 0x7) << 13 | (self.dropEligible ? 0x1000 : 0) | (self.identifier & 0xFFF)
    }
}

/// An Ethernet II header (destination, source, type), with any 802.1Q/802.1ad tags between the
/// source address and the final type.
public struct EthernetHeader: Hashable, Sendable {
    public var destination: MACAddress
    public var source: MACAddress
    /// VLAN tags, outermost first.
    public var vlanTags: [VLANTag]
    /// The type of what follows the header (`EtherType.ipv4`, `.ipv6`; values up to 1500 are an
    /// IEEE 802.3 length instead).
    public var etherType: UInt16

    public init(destination: MACAddress, source: MACAddress, vlanTags: [VLANTag] = [], etherType: UInt16) {
        self.destination = destination
        self.source = source
        self.vlanTags = vlanTags
        self.etherType = etherType
    }

    /// Bytes the header takes: 14 plus 4 per VLAN tag.
    public var length: Int { 14 + 4 * self.vlanTags.count }

    /// At most this many stacked tags are read before the frame is called malformed.
    public static let maximumVLANTags = 8

    /// Decodes the header at `offset`; the payload starts at `offset + header.length`.
    public static func decode(_ frame: [UInt8], at offset: Int = 0) throws(NetworkLayerError) -> EthernetHeader {
        let (etherType, payloadOffset) = try Self.locatePayload(frame, at: offset)
        var tags: [VLANTag] = []
        var tagOffset = offset + 12
        while tagOffset + 4 <= payloadOffset - 2 {
            let control = FrameBytes.uint16(frame, tagOffset + 2)
            tags.append(
                VLANTag(
                    tagProtocol: FrameBytes.uint16(frame, tagOffset), priority: UInt8(control >> 13),
                    dropEligible: control & 0x1000 != 0, identifier: control & 0xFFF))
            tagOffset += 4
        }
        return EthernetHeader(
            destination: MACAddress(reading: frame, at: offset), source: MACAddress(reading: frame, at: offset + 6),
            vlanTags: tags, etherType: etherType)
    }

    /// The final Ethernet type and where the payload starts, past any VLAN tags, without building
    /// the header. Same checks and errors as `decode`.
    static func locatePayload(
        _ frame: [UInt8], at offset: Int
    ) throws(NetworkLayerError)
        -> (etherType: UInt16, payloadOffset: Int)
    {
        try FrameView.over(frame) { view throws(NetworkLayerError) in
            try Self.locatePayload(view, at: offset)
        }
    }

    /// `locatePayload` over borrowed bytes (what the SCTP extractor calls per frame).
    @inline(__always)
    static func locatePayload(
        _ frame: FrameView, at offset: Int
    ) throws(NetworkLayerError)
        -> (etherType: UInt16, payloadOffset: Int)
    {
        try frame.require(offset, 14, .ethernet)
        var typeOffset = offset + 12
        var type = frame.uint16(typeOffset)
        var tagCount = 0
        while EtherType.isVLANTag(type) {
            guard tagCount < Self.maximumVLANTags else {
                throw NetworkLayerError(
                    offset: typeOffset, layer: .vlanTag,
                    reason: .invalidValue("more than \(Self.maximumVLANTags) stacked VLAN tags"))
            }
            try frame.require(typeOffset + 2, 4, .vlanTag)
            tagCount += 1
            typeOffset += 4
            type = frame.uint16(typeOffset)
        }
        return (type, typeOffset + 2)
    }

    /// Appends the header's bytes.
    public func encode(into bytes: inout [UInt8]) {
        self.destination.append(to: &bytes)
        self.source.append(to: &bytes)
        for tag in self.vlanTags {
            FrameBytes.appendUInt16(tag.tagProtocol, to: &bytes)
            FrameBytes.appendUInt16(tag.controlInformation, to: &bytes)
        }
        FrameBytes.appendUInt16(self.etherType, to: &bytes)
    }
}
