import SCTPWire

/// A deliberately tiny, byte-level SCTP builder and reader for the target tests (RFC 9260 §3), so
/// they depend on nothing but the checksum from SCTPWire.
enum TestSCTP {
    struct Chunk: Equatable {
        var type: UInt8
        var flags: UInt8
        var body: [UInt8]
    }

    static let peerPort: UInt16 = 5001
    static let stackPort: UInt16 = 5000

    static func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }
    static func be32(_ value: UInt32) -> [UInt8] { be16(UInt16(value >> 16)) + be16(UInt16(value & 0xffff)) }

    static func read16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    static func read32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(read16(bytes, offset)) << 16 | UInt32(read16(bytes, offset + 2))
    }

    /// One chunk, padded to a multiple of four (RFC 9260 §3.2).
    static func chunk(_ type: UInt8, flags: UInt8 = 0, _ body: [UInt8]) -> [UInt8] {
        var bytes = [type, flags] + be16(UInt16(4 + body.count)) + body
        while bytes.count % 4 != 0 { bytes.append(0) }
        return bytes
    }

    /// A packet from the harness (port 5001) to the stack (port 5000), with a correct CRC32c.
    static func packet(tag: UInt32, _ chunks: [UInt8]...) -> [UInt8] {
        var bytes = be16(peerPort) + be16(stackPort) + be32(tag) + [0, 0, 0, 0]
        for chunk in chunks { bytes += chunk }
        SCTPChecksum.fill(&bytes)
        return bytes
    }

    /// INIT (RFC 9260 §3.3.2) without optional parameters.
    static func initChunk(tag: UInt32, tsn: UInt32, outbound: UInt16 = 10, inbound: UInt16 = 10) -> [UInt8] {
        chunk(1, be32(tag) + be32(65_536) + be16(outbound) + be16(inbound) + be32(tsn))
    }

    /// DATA (RFC 9260 §3.3.1): B and E set, U when unordered.
    static func dataChunk(tsn: UInt32, stream: UInt16, ssn: UInt16, ppid: UInt32, _ payload: [UInt8],
                          unordered: Bool = false) -> [UInt8] {
        chunk(0, flags: unordered ? 0x07 : 0x03, be32(tsn) + be16(stream) + be16(ssn) + be32(ppid) + payload)
    }

    static func verificationTag(_ packet: [UInt8]) -> UInt32 { read32(packet, 4) }

    static func chunks(_ packet: [UInt8]) -> [Chunk] {
        var result: [Chunk] = []
        var offset = 12
        while offset + 4 <= packet.count {
            let length = Int(read16(packet, offset + 2))
            guard length >= 4, offset + length <= packet.count else { break }
            result.append(Chunk(type: packet[offset], flags: packet[offset + 1],
                                body: Array(packet[(offset + 4)..<(offset + length)])))
            offset += (length + 3) & ~3
        }
        return result
    }

    static func chunkTypes(_ packet: [UInt8]) -> [UInt8] { chunks(packet).map(\.type) }

    /// TLV parameters (or error causes) in `bytes` from `offset` on: (type, value).
    static func parameters(_ bytes: [UInt8], from offset: Int) -> [(type: UInt16, value: [UInt8])] {
        var result: [(UInt16, [UInt8])] = []
        var position = offset
        while position + 4 <= bytes.count {
            let length = Int(read16(bytes, position + 2))
            guard length >= 4, position + length <= bytes.count else { break }
            result.append((read16(bytes, position), Array(bytes[(position + 4)..<(position + length)])))
            position += (length + 3) & ~3
        }
        return result
    }

    /// The fields of an INIT or INIT ACK body.
    struct Initiation {
        var tag: UInt32
        var outbound: UInt16
        var inbound: UInt16
        var tsn: UInt32
        var parameters: [(type: UInt16, value: [UInt8])]

        init(_ body: [UInt8]) {
            self.tag = TestSCTP.read32(body, 0)
            self.outbound = TestSCTP.read16(body, 8)
            self.inbound = TestSCTP.read16(body, 10)
            self.tsn = TestSCTP.read32(body, 12)
            self.parameters = TestSCTP.parameters(body, from: 16)
        }

        var stateCookie: [UInt8]? { self.parameters.first { $0.type == 7 }?.value }
    }
}
