/// DATA, Payload Data (RFC 9260 §3.3.1, figure "DATA chunk"): one fragment or whole user message.
///
/// ```
///  type 0 | reserved |U|B|E|I| length
///  TSN (32) | stream identifier (16) | stream sequence number (16)
///  payload protocol identifier (32) | user data ...
/// ```
public struct DataChunk: ChunkBody {
    public static let chunkType = ChunkType.data
    @inlinable public static var minimumValueLength: Int { 12 }

    /// U, B, E, I and the reserved bits.
    public var flags: DataChunkFlags
    /// Transmission sequence number.
    public var tsn: UInt32
    /// Stream identifier S.
    public var streamID: UInt16
    /// Stream sequence number n (ignored for unordered messages).
    public var streamSequence: UInt16
    /// Payload protocol identifier, opaque to SCTP (network byte order on the wire).
    public var ppid: UInt32
    /// The user data (its length is the chunk length minus 16; padding excluded). Decoded user data
    /// shares the packet's buffer.
    public var userData: ByteSlice

    public init(
        flags: DataChunkFlags = .completeMessage, tsn: UInt32, streamID: UInt16 = 0, streamSequence: UInt16 = 0,
        ppid: UInt32 = 0, userData: ByteSlice
    ) {
        self.flags = flags
        self.tsn = tsn
        self.streamID = streamID
        self.streamSequence = streamSequence
        self.ppid = ppid
        self.userData = userData
    }

    /// The same, with user data from any byte sequence (an array, a string's UTF-8).
    public init<Bytes: Sequence>(
        flags: DataChunkFlags = .completeMessage, tsn: UInt32, streamID: UInt16 = 0, streamSequence: UInt16 = 0,
        ppid: UInt32 = 0, userData: Bytes
    ) where Bytes.Element == UInt8 {
        self.init(
            flags: flags, tsn: tsn, streamID: streamID, streamSequence: streamSequence, ppid: ppid,
            userData: ByteSlice(userData))
    }

    public init(flags: DataChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        try reader.require(Self.minimumValueLength)
        let bytes = reader.bytes
        let range = reader.offset..<reader.endOffset
        self = bytes.withUnsafeBytes { raw in
            DataChunk(flags: flags, raw: raw, valueRange: range, bytes: bytes)
        }
        reader.skipUpTo(reader.remaining)
    }

    /// Decodes the value in `raw[valueRange]` (the memory of `bytes`), which the caller has checked
    /// holds at least the 12 fixed bytes; the user data is a view of `bytes`. The packet decoder's hot
    /// path calls this directly, without a value reader.
    @inline(__always)
    init(flags: DataChunkFlags, raw: UnsafeRawBufferPointer, valueRange: Range<Int>, bytes: [UInt8]) {
        let offset = valueRange.lowerBound
        self.flags = flags
        self.tsn = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        self.streamID = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self))
        self.streamSequence = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 6, as: UInt16.self))
        self.ppid = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
        self.userData = ByteSlice(bytes, range: (offset + Self.minimumValueLength)..<valueRange.upperBound)
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.tsn)
        writer.writeUInt16(self.streamID)
        writer.writeUInt16(self.streamSequence)
        writer.writeUInt32(self.ppid)
        writer.writeBytes(self.userData.slice)
    }

    public var chunk: Chunk { .data(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "data", summary: "Payload Data (type 0)", reference: "RFC 9260 §3.3.1",
        fields: DataChunkFlags.schemaFields + [
            .init("tsn", .unsigned(bits: 32), "Transmission sequence number"),
            .init("stream_id", .unsigned(bits: 16), "Stream identifier"),
            .init("stream_seq", .unsigned(bits: 16), "Stream sequence number"),
            .init("ppid", .unsigned(bits: 32), "Payload protocol identifier"),
            .init("user_data", .bytes, "User data"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("tsn", self.tsn), .unsigned("stream_id", self.streamID),
                .unsigned("stream_seq", self.streamSequence), .unsigned("ppid", self.ppid),
                .bytes("user_data", self.userData.array),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            flags: try DataChunkFlags(fields: fields), tsn: try fields.unsigned("tsn"),
            streamID: try fields.unsigned("stream_id"), streamSequence: try fields.unsigned("stream_seq"),
            ppid: try fields.unsigned("ppid"), userData: ByteSlice(try fields.bytes("user_data")))
    }
}
