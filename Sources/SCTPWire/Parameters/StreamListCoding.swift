/// The trailing list of 16-bit stream numbers in RE-CONFIG reset requests (RFC 6525 §4.1, §4.2);
/// framing has already checked that the bytes left are a whole number of entries.
enum StreamListCoding {
    static func decode(from reader: inout ByteReader) throws(WireDecodingError) -> [UInt16] {
        var streams: [UInt16] = []
        streams.reserveCapacity(reader.remaining / 2)
        while !reader.isAtEnd {
            streams.append(try reader.readUInt16())
        }
        return streams
    }

    static func encode(_ streams: [UInt16], into writer: inout ByteWriter) {
        for stream in streams {
            writer.writeUInt16(stream)
        }
    }

    static func fieldValue(_ streams: [UInt16]) -> FieldValue {
        .list(streams.map { .unsigned(UInt64($0)) })
    }
}
