/// A DATA chunk's fields in place (RFC 9260 §3.3.1), for any bytes: getters give nil for a field
/// that is not all there, setters write any value (lies included) and nothing past the end.
///
/// ```
///  0: type 0 | 1: flags (U B E I) | 2: length
///  4: TSN | 8: stream identifier | 10: stream sequence number | 12: payload protocol identifier
///  16: user data ...
/// ```
public struct DataChunkView<Bytes: RawBytes>: DataChunkFields {
    public var bytes: Bytes
    public let offset: Int

    /// The header and the fixed fields, before the user data.
    public static var fixedLength: Int { 16 }

    /// A view of the DATA chunk whose header starts at `offset` of `bytes` (a negative offset is
    /// taken as 0; the type byte is not checked: a view shows any bytes as DATA).
    @inlinable
    public init(_ bytes: Bytes, at offset: Int) {
        self.bytes = bytes
        self.offset = Swift.max(0, offset)
    }

    /// Stream sequence number.
    @inlinable
    public var streamSequence: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 10)
    }

    /// Payload protocol identifier.
    @inlinable
    public var ppid: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 12)
    }

    /// Every fixed field at once, nil unless all 16 bytes of them are there: one bounds check for
    /// the five (the checker reads every DATA chunk of a capture this way).
    @inlinable
    public var fixedFields:
        (flags: DataChunkFlags, tsn: UInt32, streamID: UInt16, streamSequence: UInt16, ppid: UInt32)?
    {
        guard self.offset <= self.bytes.count &- Self.fixedLength else { return nil }
        return (
            DataChunkFlags(rawValue: self.bytes.uncheckedByte(at: self.offset + 1)),
            self.bytes.uncheckedBigEndianUInt32(at: self.offset + 4),
            self.bytes.uncheckedBigEndianUInt16(at: self.offset + 8),
            self.bytes.uncheckedBigEndianUInt16(at: self.offset + 10),
            self.bytes.uncheckedBigEndianUInt32(at: self.offset + 12)
        )
    }
}

extension DataChunkView where Bytes: MutableRawBytes {
    @inlinable
    public mutating func setStreamSequence(_ sequence: UInt16) {
        self.bytes.setBigEndianUInt16(sequence, at: self.offset + 10)
    }

    @inlinable
    public mutating func setPPID(_ ppid: UInt32) {
        self.bytes.setBigEndianUInt32(ppid, at: self.offset + 12)
    }
}
