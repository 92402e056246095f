/// What every typed chunk value provides so that `Chunk` can frame, decode, print and rebuild it
/// from a field record. Each conforming type is one registered chunk type (RFC 9260 §3.2).
///
/// A body holds only what the chunk says: the whole flags byte (reserved bits included) and the
/// fields after the chunk header. Type, length and padding belong to the framing.
public protocol ChunkBody: Hashable, Sendable, FieldRecordConvertible {
    /// The flags byte with this chunk type's named bits.
    associatedtype Flags: ChunkFlagSet

    /// The type code this value is sent with.
    static var chunkType: ChunkType { get }
    /// The fewest value bytes (after the 4-byte chunk header) the structure can be read from; a chunk
    /// whose length field says less is rejected with `lengthTooShort` before the value is read.
    static var minimumValueLength: Int { get }
    /// The record kind and its fields, for documentation tables.
    static var fieldSchema: FieldRecordSchema { get }

    /// The flags byte.
    var flags: Flags { get set }

    /// Decodes the value from `reader`, which covers exactly the chunk value (no header, no padding)
    /// and holds at least `minimumValueLength` bytes. Must read the whole value or throw.
    init(flags: Flags, decodingValue reader: inout ByteReader) throws(WireDecodingError)

    /// Writes the value only (no header, no padding).
    func encodeValue(into writer: inout ByteWriter)

    /// The value wrapped in its `Chunk` case.
    var chunk: Chunk { get }
}

extension ChunkBody {
    /// The record kind (`init-ack`).
    public static var kind: String { Self.chunkType.kind }

    /// Writes the whole chunk (header, value, zero padding to 4 bytes).
    public func encode(into writer: inout ByteWriter) {
        ChunkFraming.write(type: Self.chunkType.rawValue, flags: self.flags.rawValue, into: &writer) {
            self.encodeValue(into: &$0)
        }
    }

    /// The whole chunk, padded to 4 bytes.
    public var encoded: [UInt8] {
        var writer = ByteWriter()
        self.encode(into: &writer)
        return writer.bytes
    }

    /// Decodes one chunk of this type at the reader's position (moving past its padding where present).
    /// A chunk of another type is an `invalidValue` error at its type field.
    public static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> Self {
        var cursor = reader
        let frame = try ChunkFraming.readFrame(from: &cursor)
        guard frame.type == Self.chunkType.rawValue else {
            throw cursor.error(
                .invalidValue("expected a \(Self.chunkType) chunk, found \(ChunkType(frame.type))"), at: frame.start)
        }
        var value = frame.value
        let body = try Self.decodeBody(flags: frame.flags, value: &value, frameStart: frame.start)
        reader = cursor
        return body
    }

    /// Checks the minimum length, decodes the value and makes sure all of it was read.
    @inline(__always)
    static func decodeBody(flags: UInt8, value: inout ByteReader, frameStart: Int) throws(WireDecodingError)
        -> Self
    {
        if value.remaining < Self.minimumValueLength {
            throw value.error(
                .lengthTooShort(
                    declared: value.remaining + ChunkFraming.headerLength,
                    minimum: Self.minimumValueLength + ChunkFraming.headerLength),
                at: frameStart + 2)
        }
        let body = try Self(flags: Flags(rawValue: flags), decodingValue: &value)
        if !value.isAtEnd {
            throw value.error(
                .invalidValue("\(value.remaining) bytes after the end of the \(Self.chunkType.name ?? "") value"))
        }
        return body
    }
}
