/// An INIT or INIT ACK chunk's fixed fields in place (RFC 9260 §3.3.2, §3.3.3; the two share the
/// layout), and its parameters as a `TLVListView`. Getters give nil for a field that is not all
/// there; setters write any value (a zero Initiate Tag included) and nothing past the end.
///
/// ```
///  0: type 1 or 2 | 1: flags | 2: length
///  4: initiate tag | 8: a_rwnd | 12: outbound streams (OS) | 14: inbound streams (MIS)
///  16: initial TSN | 20: parameters ...
/// ```
public struct InitiationChunkView<Bytes: RawBytes>: RawChunkView {
    public var bytes: Bytes
    public let offset: Int

    /// The header and the fixed fields, before the parameters.
    public static var fixedLength: Int { 20 }

    @inlinable
    public init(_ bytes: Bytes, at offset: Int) {
        self.bytes = bytes
        self.offset = Swift.max(0, offset)
    }

    @inlinable
    public var initiateTag: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 4)
    }

    @inlinable
    public var advertisedReceiverWindow: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 8)
    }

    @inlinable
    public var outboundStreams: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 12)
    }

    @inlinable
    public var inboundStreams: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 14)
    }

    @inlinable
    public var initialTSN: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 16)
    }

    /// The parameters, from the end of the fixed fields to the declared length (clamped).
    public var parameters: TLVListView<Bytes> {
        let start = self.offset + Self.fixedLength
        return TLVListView(self.bytes, from: start, to: Swift.max(start, self.declaredEnd))
    }
}

extension InitiationChunkView where Bytes: MutableRawBytes {
    @inlinable
    public mutating func setInitiateTag(_ tag: UInt32) {
        self.bytes.setBigEndianUInt32(tag, at: self.offset + 4)
    }

    @inlinable
    public mutating func setAdvertisedReceiverWindow(_ window: UInt32) {
        self.bytes.setBigEndianUInt32(window, at: self.offset + 8)
    }

    @inlinable
    public mutating func setOutboundStreams(_ count: UInt16) {
        self.bytes.setBigEndianUInt16(count, at: self.offset + 12)
    }

    @inlinable
    public mutating func setInboundStreams(_ count: UInt16) {
        self.bytes.setBigEndianUInt16(count, at: self.offset + 14)
    }

    @inlinable
    public mutating func setInitialTSN(_ tsn: UInt32) {
        self.bytes.setBigEndianUInt32(tsn, at: self.offset + 16)
    }
}
