/// An SCTP packet, typed: the common header and its chunks (RFC 9260 §3).
///
/// Decoding reads bundled chunks (each padded to 4 bytes; the last may lack padding) and never
/// judges: it does not verify the checksum (`SCTPChecksum.verify` does, rules decide what a wrong one
/// means), accepts zero chunks, and fails only when bytes cannot be read. Errors carry absolute offsets.
public struct SCTPPacket: Hashable, Sendable {
    /// The common header; `checksum` holds the field as decoded.
    public var header: CommonHeader
    /// The chunks, in wire order.
    public var chunks: [Chunk]

    public init(header: CommonHeader, chunks: [Chunk]) {
        self.header = header
        self.chunks = chunks
    }

    /// Decodes a whole packet (`bytes` is exactly the SCTP packet, no IP header).
    public init(decoding bytes: [UInt8]) throws(WireDecodingError) {
        if let packet = Self.decodeSingleDataChunk(bytes) {
            self = packet
            return
        }
        var reader = ByteReader(bytes, decodingContext: .named("SCTP packet"))
        self = try Self.decodeAdvancing(&reader)
    }

    /// The fast path for the packet a data path sees most: one DATA chunk that ends the packet (its
    /// padding complete or cut short). Anything else returns nil and takes the general path, which
    /// decodes these packets to the same value.
    @inline(__always)
    static func decodeSingleDataChunk(_ bytes: [UInt8]) -> SCTPPacket? {
        let count = bytes.count
        guard count >= CommonHeader.length + 16 else { return nil }
        return bytes.withUnsafeBytes { raw -> SCTPPacket? in
            guard raw[12] == ChunkType.data.rawValue else { return nil }
            let length = Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 14, as: UInt16.self)))
            guard length >= 16, 12 + length <= count, count <= 12 + ((length + 3) & ~3) else { return nil }
            let header = CommonHeader(
                sourcePort: UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt16.self)),
                destinationPort: UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: 2, as: UInt16.self)),
                verificationTag: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
                checksum: UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
            let data = DataChunk(
                flags: DataChunkFlags(rawValue: raw[13]), raw: raw, valueRange: 16..<(12 + length), bytes: bytes)
            return SCTPPacket(header: header, chunks: [.data(data)])
        }
    }

    /// Decodes a packet that fills the rest of `reader` (e.g. the payload range of an IP frame, so that
    /// offsets in errors are offsets in the frame). On error `reader` is unchanged.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> SCTPPacket {
        var cursor = reader
        let packet = try Self.decodeAdvancing(&cursor)
        reader = cursor
        return packet
    }

    static func decodeAdvancing(_ reader: inout ByteReader) throws(WireDecodingError) -> SCTPPacket {
        let header = try CommonHeader.decode(from: &reader)
        if reader.isAtEnd {
            return SCTPPacket(header: header, chunks: [])
        }
        // One chunk is the common case: a one-element literal allocates exactly once and moves it in.
        var chunks = [try Self.decodeChunk(&reader)]
        if reader.isAtEnd {
            return SCTPPacket(header: header, chunks: chunks)
        }
        chunks.reserveCapacity(1 + ChunkFraming.countChunks(in: reader))
        repeat {
            chunks.append(try Self.decodeChunk(&reader))
        } while !reader.isAtEnd
        return SCTPPacket(header: header, chunks: chunks)
    }

    /// Decodes the next chunk; DATA, the chunk a data path sees most, is decoded in place without
    /// building a value reader.
    @inline(__always)
    static func decodeChunk(_ reader: inout ByteReader) throws(WireDecodingError) -> Chunk {
        let start = reader.offset
        let available = reader.remaining
        if available >= 16 {
            let data = reader.bytes.withUnsafeBytes { raw -> DataChunk? in
                guard raw[start] == ChunkType.data.rawValue else { return nil }
                let length = Int(UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start + 2, as: UInt16.self)))
                guard length >= 16, length <= available else { return nil }
                return DataChunk(
                    flags: DataChunkFlags(rawValue: raw[start + 1]), raw: raw,
                    valueRange: (start + 4)..<(start + length),
                    bytes: reader.bytes)
            }
            if let data {
                let length = data.userData.count + 16
                reader.skipUpTo(length + ChunkFraming.paddingLength(after: length))
                return .data(data)
            }
        }
        return try Chunk.decodeAdvancing(&reader)
    }

    /// The packet's bytes, with the checksum field set as `checksum` says.
    public func encoded(checksum: ChecksumMode = .crc32c) -> [UInt8] {
        var writer = ByteWriter(capacity: 256)
        self.header.encode(into: &writer)
        for chunk in self.chunks {
            chunk.encode(into: &writer)
        }
        var bytes = writer.bytes
        switch checksum {
        case .crc32c: SCTPChecksum.fill(&bytes)
        case .zero: SCTPChecksum.write(0, into: &bytes)
        case .value(let value): SCTPChecksum.write(value, into: &bytes)
        }
        return bytes
    }

    /// The packet's bytes with the checksum field exactly as `header.checksum` holds it (what a
    /// decode/encode round trip needs).
    public var encodedKeepingChecksum: [UInt8] {
        self.encoded(checksum: .value(self.header.checksum))
    }
}

extension SCTPPacket: FieldRecordConvertible {
    /// The record kind.
    public static let kind = "sctp-packet"

    public static let fieldSchema = FieldRecordSchema(
        kind: Self.kind, summary: "SCTP packet: common header and bundled chunks", reference: "RFC 9260 §3",
        fields: [
            .init("header", .record(of: CommonHeader.kind), "The common header"),
            .init("chunks", .list(of: .record(of: "chunk")), optional: true, "The chunks in wire order (default none)"),
        ])

    public var fieldRecord: FieldRecord {
        FieldRecord(
            kind: Self.kind,
            fields: [FieldRecord.Field("header", .record(self.header.fieldRecord)), .records("chunks", self.chunks)])
    }

    public init(fieldRecord: FieldRecord) throws(FieldRecordError) {
        let fields = try TLVFieldReader(fieldRecord, schema: Self.fieldSchema)
        self.init(
            header: try fields.nested("header") { (record) throws(FieldRecordError) in
                try CommonHeader(fieldRecord: record)
            },
            chunks: try fields.optionalNestedList("chunks") { (record) throws(FieldRecordError) in
                try Chunk(fieldRecord: record)
            })
    }
}
