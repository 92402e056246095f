import SCTPWire
import Testing

extension CodecVerifier where Value == Chunk {
    /// The verifier for one chunk TLV (`Chunk.decode` / `Chunk.encode`).
    static func chunk() -> CodecVerifier<Chunk> {
        CodecVerifier<Chunk>(
            name: "chunk",
            decode: { try Chunk.decode(from: &$0) },
            encode: { $0.encode(into: &$1) },
            prefixPolicy: .tlv,
            fieldRecord: { $0.fieldRecord },
            fromFieldRecord: { try Chunk(fieldRecord: $0) })
    }
}

extension CodecVerifier where Value == SCTPPacket {
    /// The verifier for a whole packet. A packet cut right after the header, or right after any chunk's
    /// value (with or without part of its padding), is itself a valid packet; `bytes` tells where.
    static func packet(validPrefixesOf bytes: [UInt8]) -> CodecVerifier<SCTPPacket> {
        var valid: Set<Int> = [12]
        var offset = 12
        while offset + 4 <= bytes.count {
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let padded = (length + 3) / 4 * 4
            guard length >= 4 else { break }
            for end in (offset + length)...(offset + padded) where end <= bytes.count {
                valid.insert(end)
            }
            offset += padded
        }
        return CodecVerifier<SCTPPacket>(
            name: "packet",
            decode: { try SCTPPacket.decode(from: &$0) },
            encode: { $1.writeBytes($0.encodedKeepingChecksum) },
            prefixPolicy: .validLengths(valid),
            fieldRecord: { $0.fieldRecord },
            fromFieldRecord: { try SCTPPacket(fieldRecord: $0) })
    }

    /// Runs the packet verifier over `bytes`.
    @discardableResult
    static func verifyPacket(
        _ bytes: [UInt8], expected: SCTPPacket? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> SCTPPacket? {
        Self.packet(validPrefixesOf: bytes).verify(bytes, expected: expected, sourceLocation: sourceLocation)
    }
}
