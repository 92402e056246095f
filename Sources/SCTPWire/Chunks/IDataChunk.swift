/// I-DATA, Interleaved Payload Data (RFC 8260 §2.1, figure "I-DATA chunk format").
///
/// ```
///  type 64 | reserved |I|U|B|E| length
///  TSN (32)
///  stream identifier (16) | reserved (16)
///  message identifier, MID (32)
///  payload protocol identifier (when B is set) / fragment sequence number, FSN (otherwise) (32)
///  user data ...
/// ```
public struct IDataChunk: ChunkBody {
    public static let chunkType = ChunkType.iData
    public static let minimumValueLength = 16

    /// U, B, E, I and the reserved bits (the same bits as DATA, RFC 8260 §2.1).
    public var flags: DataChunkFlags
    /// Transmission sequence number.
    public var tsn: UInt32
    /// Stream identifier.
    public var streamID: UInt16
    /// The reserved 16 bits after the stream identifier, kept as received.
    public var reserved: UInt16
    /// Message identifier.
    public var messageID: UInt32
    /// The word that is the PPID in a first fragment (B set) and the FSN otherwise.
    public var ppidOrFSN: UInt32
    /// The user data (decoded user data shares the packet's buffer).
    public var userData: ByteSlice

    public init(
        flags: DataChunkFlags = .completeMessage, tsn: UInt32, streamID: UInt16 = 0, reserved: UInt16 = 0,
        messageID: UInt32, ppidOrFSN: UInt32 = 0, userData: ByteSlice
    ) {
        self.flags = flags
        self.tsn = tsn
        self.streamID = streamID
        self.reserved = reserved
        self.messageID = messageID
        self.ppidOrFSN = ppidOrFSN
        self.userData = userData
    }

    /// The same, with user data from any byte sequence.
    public init<Bytes: Sequence>(
        flags: DataChunkFlags = .completeMessage, tsn: UInt32, streamID: UInt16 = 0, reserved: UInt16 = 0,
        messageID: UInt32, ppidOrFSN: UInt32 = 0, userData: Bytes
    ) where Bytes.Element == UInt8 {
        self.init(
            flags: flags, tsn: tsn, streamID: streamID, reserved: reserved, messageID: messageID,
            ppidOrFSN: ppidOrFSN, userData: ByteSlice(userData))
    }

    /// The payload protocol identifier, when this is a first fragment (B bit set).
    public var ppid: UInt32? {
        self.flags.contains(.beginning) ? self.ppidOrFSN : nil
    }

    /// The fragment sequence number, when this is not a first fragment (B bit clear; RFC 8260 §2.1).
    public var fsn: UInt32? {
        self.flags.contains(.beginning) ? nil : self.ppidOrFSN
    }

    public init(flags: DataChunkFlags, decodingValue reader: inout ByteReader) throws(WireDecodingError) {
        self.flags = flags
        self.tsn = try reader.readUInt32()
        self.streamID = try reader.readUInt16()
        self.reserved = try reader.readUInt16()
        self.messageID = try reader.readUInt32()
        self.ppidOrFSN = try reader.readUInt32()
        self.userData = reader.readRemainingSlice()
    }

    public func encodeValue(into writer: inout ByteWriter) {
        writer.writeUInt32(self.tsn)
        writer.writeUInt16(self.streamID)
        writer.writeUInt16(self.reserved)
        writer.writeUInt32(self.messageID)
        writer.writeUInt32(self.ppidOrFSN)
        writer.writeBytes(self.userData.slice)
    }

    public var chunk: Chunk { .iData(self) }

    public static let fieldSchema = FieldRecordSchema(
        kind: "i-data", summary: "Interleaved Payload Data (type 64)", reference: "RFC 8260 §2.1",
        fields: DataChunkFlags.schemaFields + [
            .init("tsn", .unsigned(bits: 32), "Transmission sequence number"),
            .init("stream_id", .unsigned(bits: 16), "Stream identifier"),
            .init("reserved", .unsigned(bits: 16), optional: true, "Reserved 16 bits (default 0)"),
            .init("message_id", .unsigned(bits: 32), "Message identifier (MID)"),
            .init(
                "ppid", .unsigned(bits: 32), optional: true,
                "Payload protocol identifier (printed when B is set; give ppid or fsn, default 0)"),
            .init(
                "fsn", .unsigned(bits: 32), optional: true,
                "Fragment sequence number (printed when B is clear; same word as ppid)"),
            .init("user_data", .bytes, "User data"),
        ])

    public var fieldRecord: FieldRecord {
        let word: FieldRecord.Field =
            self.flags.contains(.beginning) ? .unsigned("ppid", self.ppidOrFSN) : .unsigned("fsn", self.ppidOrFSN)
        return FieldRecord(
            kind: Self.kind,
            fields: self.flags.fieldRecordFields + [
                .unsigned("tsn", self.tsn), .unsigned("stream_id", self.streamID), .unsigned("reserved", self.reserved),
                .unsigned("message_id", self.messageID), word, .bytes("user_data", self.userData.array),
            ])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        let ppid: UInt32? = try fields.optionalUnsigned("ppid")
        let fsn: UInt32? = try fields.optionalUnsigned("fsn")
        if ppid != nil, fsn != nil {
            throw FieldRecordError(path: "fsn", reason: "ppid and fsn share one field of I-DATA: give only one")
        }
        self.init(
            flags: try DataChunkFlags(fields: fields), tsn: try fields.unsigned("tsn"),
            streamID: try fields.unsigned("stream_id"), reserved: try fields.unsigned("reserved", default: 0),
            messageID: try fields.unsigned("message_id"), ppidOrFSN: ppid ?? fsn ?? 0,
            userData: ByteSlice(try fields.bytes("user_data")))
    }
}
