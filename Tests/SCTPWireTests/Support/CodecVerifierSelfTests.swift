import SCTPWire
import Testing

/// The verifier itself must fail on broken codecs, or passing it means nothing. Each test feeds it a
/// codec with one deliberate defect and expects it to record an issue.
@Suite struct CodecVerifierSelfTests {
    static let shutdown = Chunk.shutdown(ShutdownChunk(cumulativeTSNAck: 0x0102_0304)).encoded

    static func verifier(
        decode: @escaping CodecVerifier<Chunk>.Decode = { try Chunk.decode(from: &$0) },
        encode: @escaping CodecVerifier<Chunk>.Encode = { $0.encode(into: &$1) },
        fieldRecord: (@Sendable (Chunk) -> FieldRecord)? = nil
    ) -> CodecVerifier<Chunk> {
        CodecVerifier<Chunk>(
            name: "broken", decode: decode, encode: encode, prefixPolicy: .tlv, fieldRecord: fieldRecord,
            fromFieldRecord: { try Chunk(fieldRecord: $0) })
    }

    @Test func catchesAnEncoderThatDiffers() {
        let verifier = Self.verifier(encode: { chunk, writer in
            chunk.encode(into: &writer)
            writer.writeUInt32(0)
        })
        withKnownIssue { verifier.verify(Self.shutdown) }
    }

    @Test func catchesAnEncoderThatOverwritesTheWriter() {
        let verifier = Self.verifier(encode: { chunk, writer in
            writer.bytes[0] = 0
            chunk.encode(into: &writer)
        })
        withKnownIssue { verifier.verify(Self.shutdown) }
    }

    @Test func catchesADecoderThatAcceptsTruncation() {
        // Reads whatever is there as an unknown chunk, never failing.
        let verifier = Self.verifier(decode: { reader in
            .unknown(UnknownChunk(type: 7, flags: 0, value: reader.readRemainingBytes()))
        })
        withKnownIssue { verifier.verify(Self.shutdown) }
    }

    @Test func catchesRelativeErrorOffsets() {
        let verifier = Self.verifier(decode: { reader in
            let start = reader.offset
            do throws(WireDecodingError) {
                return try Chunk.decode(from: &reader)
            } catch {
                throw WireDecodingError(offset: error.offset - start, context: error.context, reason: error.reason)
            }
        })
        withKnownIssue { verifier.verify(Self.shutdown) }
    }

    @Test func catchesADecoderThatReadsPastItsRange() {
        // Ignores the reader's end and decodes from the whole buffer.
        let verifier = Self.verifier(decode: { reader in
            var unbounded = ByteReader(reader.bytes, range: reader.offset..<reader.bytes.count, context: "x")
            let chunk = try Chunk.decode(from: &unbounded)
            _ = reader.readRemainingBytes()
            return chunk
        })
        withKnownIssue { verifier.verify(Self.shutdown) }
    }

    @Test func catchesALossyFieldRecord() {
        let verifier = Self.verifier(fieldRecord: { chunk in
            var record = chunk.fieldRecord
            record["cumulative_tsn_ack"] = .unsigned(0)
            return record
        })
        withKnownIssue { verifier.verify(Self.shutdown) }
    }

    @Test func passesACorrectCodec() {
        Self.verifier(fieldRecord: { $0.fieldRecord }).verify(Self.shutdown)
    }
}
