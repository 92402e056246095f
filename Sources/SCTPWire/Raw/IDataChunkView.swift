/// An I-DATA chunk's fields in place (RFC 8260 §2.1), for any bytes: getters give nil for a field
/// that is not all there, setters write any value and nothing past the end.
///
/// ```
///  0: type 64 | 1: flags (U B E I) | 2: length
///  4: TSN | 8: stream identifier | 10: reserved | 12: message identifier
///  16: payload protocol identifier (B set) or fragment sequence number | 20: user data ...
/// ```
public struct IDataChunkView<Bytes: RawBytes>: DataChunkFields {
    public var bytes: Bytes
    public let offset: Int

    /// The header and the fixed fields, before the user data.
    public static var fixedLength: Int { 20 }

    @inlinable
    public init(_ bytes: Bytes, at offset: Int) {
        self.bytes = bytes
        self.offset = Swift.max(0, offset)
    }

    /// The reserved 16 bits after the stream identifier.
    @inlinable
    public var reserved: UInt16? {
        self.bytes.bigEndianUInt16(at: self.offset + 10)
    }

    /// Message identifier.
    @inlinable
    public var messageID: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 12)
    }

    /// The PPID of a first fragment, the FSN of the others.
    @inlinable
    public var ppidOrFSN: UInt32? {
        self.bytes.bigEndianUInt32(at: self.offset + 16)
    }
}

extension IDataChunkView where Bytes: MutableRawBytes {
    @inlinable
    public mutating func setReserved(_ reserved: UInt16) {
        self.bytes.setBigEndianUInt16(reserved, at: self.offset + 10)
    }

    @inlinable
    public mutating func setMessageID(_ messageID: UInt32) {
        self.bytes.setBigEndianUInt32(messageID, at: self.offset + 12)
    }

    @inlinable
    public mutating func setPPIDOrFSN(_ value: UInt32) {
        self.bytes.setBigEndianUInt32(value, at: self.offset + 16)
    }
}
