import PropertyBased
import SCTPWire
import Testing

/// Random bytes and mutated valid packets never crash the codec, the raw view or the formatter:
/// each gives a typed error or a value, and a value re-encodes to bytes that decode to it again.
@Suite struct MalformedInputPropertyTests {
    /// Decodes `bytes` every way the codec offers and checks the results hang together.
    static func exercise(_ bytes: [UInt8]) {
        let raw = RawPacket(bytes)
        var walked = 0
        for chunk in raw.chunks {
            walked += 1
            _ = (chunk.value.count, chunk.padding.count, chunk.isPaddingZero, chunk.range)
            _ = try? chunk.typed()
        }
        #expect(walked <= max(0, bytes.count - 12))
        _ = raw.chunks.unwalkedRange
        _ = TcpdumpSummary.line(for: bytes)
        let packet: SCTPPacket
        do throws(WireDecodingError) {
            packet = try SCTPPacket(decoding: bytes)
        } catch {
            #expect(error.offset >= 0 && error.offset <= bytes.count, "offset \(error.offset) outside the input")
            return
        }
        #expect((try? SCTPPacket(decoding: packet.encodedKeepingChecksum)) == packet)
        #expect(Array(raw.chunks).count == packet.chunks.count)
        _ = FieldRecordText.json(packet.fieldRecord)
        #expect((try? SCTPPacket(fieldRecord: packet.fieldRecord)) == packet)
    }

    @Test func randomBytes() async {
        await propertyCheck(count: 400, input: Gen.uint8(in: 0...255).array(of: 0...120)) { bytes in
            Self.exercise(bytes)
        }
    }

    /// Random bytes behind a valid header and a plausible chunk header, so that chunk decoders are reached.
    @Test func randomChunkValues() async {
        let types = ChunkType.known.map(\.rawValue) + [0x3F, 0xFF]
        await propertyCheck(
            count: 600, input: Gen.element(of: types), Gen.uint8(in: 0...255).array(of: 0...60)
        ) { type, value in
            guard let type else { return }
            var raw = RawPacket([0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0])
            raw.appendChunk(type: ChunkType(type), flags: value.first ?? 0, value: value)
            Self.exercise(raw.bytes)
            var reader = ByteReader(raw.bytes, range: 12..<raw.bytes.count, context: "chunk")
            _ = try? Chunk.decode(from: &reader)
        }
    }

    @Test func mutatedValidPackets() async {
        let packet = SCTPPacket(
            header: CommonHeader(sourcePort: 1, destinationPort: 2, verificationTag: 3),
            chunks: ChunkSamples.all.map(\.chunk))
        let valid = packet.encoded()
        await propertyCheck(
            count: 400,
            input: Gen.int(in: 0...4096).array(of: 1...6), Gen.uint8(in: 0...255).array(of: 6),
            Gen.int(in: 0...2)
        ) { positions, values, kind in
            var bytes = valid
            for (position, value) in zip(positions, values) {
                let index = position % bytes.count
                switch kind {
                case 0: bytes[index] = value
                case 1: bytes[index] ^= 1 << (value % 8)
                default: bytes.removeSubrange(index...)
                }
                if bytes.isEmpty { break }
            }
            Self.exercise(bytes)
        }
    }

    @Test func everyChunkTypeTruncatedAtEveryLengthFieldValue() {
        // Lying length fields of every size on every sample: errors, never traps.
        for (_, chunk) in ChunkSamples.all {
            let bytes = chunk.encoded
            for length in stride(from: 0, through: bytes.count + 8, by: 1) {
                var raw = RawPacket([0, 1, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0] + bytes)
                raw.setChunkLength(UInt16(length), ofChunkAt: 12)
                Self.exercise(raw.bytes)
            }
        }
    }
}
