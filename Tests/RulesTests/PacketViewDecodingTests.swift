import Foundation
import NetworkLayers
@testable import Rules
import SCTPWire
import Testing

/// `PacketView` reads DATA and plain SACK chunks in place and reuses its storage across packets.
/// Both shortcuts must give exactly what the typed decoder gives: the same chunks, the same error,
/// for well-formed packets and for every kind of broken one.
@Suite struct PacketViewDecodingTests {
    /// What the rules can see of a decoded chunk, comparable.
    enum Seen: Equatable, CustomStringConvertible {
        case data(tsn: UInt32, stream: UInt16, digest: ChunkDigest, empty: Bool, iData: Bool)
        case sack(SACKChunk)
        case other(Chunk)

        init(_ chunk: DecodedChunk) {
            switch chunk {
            case .data(let data):
                self = .data(
                    tsn: data.tsn, stream: data.streamID, digest: data.digest, empty: data.isEmpty, iData: data.isIData)
            case .sack(let sack): self = .sack(sack)
            case .other(let chunk): self = .other(chunk)
            }
        }

        var description: String {
            switch self {
            case .data(let tsn, let stream, _, let empty, let iData):
                "\(iData ? "I-DATA" : "DATA") tsn \(tsn) stream \(stream)\(empty ? " empty" : "")"
            case .sack(let sack): "SACK \(sack.cumulativeTSNAck)"
            case .other(let chunk): "\(chunk.type)"
            }
        }
    }

    /// The typed decoder's reading: the whole packet, or (when it fails) the header and then chunk
    /// by chunk up to the first that fails, as the checker always read packets.
    static func reference(_ bytes: [UInt8]) -> (header: CommonHeader?, chunks: [Seen], error: WireDecodingError?) {
        if let packet = try? SCTPPacket(decoding: bytes) {
            return (packet.header, packet.chunks.map { Seen(DecodedChunk($0)) }, nil)
        }
        var reader = ByteReader(bytes, decodingContext: .named("SCTP packet"))
        let header: CommonHeader
        do {
            header = try CommonHeader.decode(from: &reader)
        } catch {
            return (nil, [], error)
        }
        var chunks: [Seen] = []
        while !reader.isAtEnd {
            do {
                chunks.append(Seen(DecodedChunk(try Chunk.decode(from: &reader))))
            } catch {
                return (header, chunks, error)
            }
        }
        return (header, chunks, nil)
    }

    /// Every packet of every evidence conversation, and broken copies of each: cut at every length
    /// near a chunk boundary, lengths and counts changed, bytes flipped (seeded, so every run tests
    /// the same packets).
    static let packets: [[UInt8]] = {
        var originals: [[UInt8]] = []
        for evidence in RuleEvidence.all {
            originals += evidence.run(evidence.violation).sent.map(\.bytes)
            originals += evidence.run(evidence.nearMiss).sent.map(\.bytes)
        }
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var packets = originals
        for original in originals where original.count > 16 {
            for _ in 0..<6 {
                var broken = original
                let position = 12 + Int(next() % UInt64(broken.count - 12))
                switch next() % 4 {
                case 0: broken = Array(broken[..<position])
                case 1: broken[position] ^= UInt8(truncatingIfNeeded: next() | 1)
                case 2:
                    // A chunk length field: the first chunk's, set near the DATA and SACK minimums.
                    let lengths: [UInt16] = [0, 3, 4, 15, 16, 17, 19, 20, 24, 0xFFFF]
                    let length = lengths[Int(next() % UInt64(lengths.count))]
                    broken[14] = UInt8(length >> 8)
                    broken[15] = UInt8(length & 0xFF)
                default:
                    // SACK gap and duplicate counts (bytes 12-15 of a SACK at the first chunk).
                    if broken.count >= 28 {
                        broken[24 + Int(next() % 4)] = UInt8(truncatingIfNeeded: next() % 3)
                    }
                }
                packets.append(broken)
            }
        }
        return packets
    }()

    static let endpoints = (
        TransportEndpoint(host: .ip(IPAddress("10.0.0.1")!), port: 5000),
        TransportEndpoint(host: .ip(IPAddress("10.0.0.2")!), port: 7)
    )

    @Test func inPlaceReadingMatchesTheTypedDecoder() {
        #expect(Self.packets.count > 1_000)
        var failures = 0
        for (index, bytes) in Self.packets.enumerated() {
            let view = PacketView(
                SCTPObservation(
                    number: index + 1, time: 0, source: Self.endpoints.0, destination: Self.endpoints.1, bytes: bytes))
            let expected = Self.reference(bytes)
            let seen = view.chunks.map(Seen.init)
            if seen != expected.chunks || view.decodingError != expected.error || view.header != expected.header {
                failures += 1
                if failures <= 5 {
                    let got = "\(seen) / \(view.decodingError.map { "\($0)" } ?? "-")"
                    let wanted = "\(expected.chunks) / \(expected.error.map { "\($0)" } ?? "-")"
                    Issue.record("packet \(index) \(Array(bytes.prefix(32))): \(got) instead of \(wanted)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test func aRefilledViewEqualsAFreshOne() {
        let reused = PacketView(
            SCTPObservation(number: 1, time: 0, source: Self.endpoints.0, destination: Self.endpoints.1, bytes: []))
        var slots = EndpointPairSlots()
        reused.assignPairSlot(&slots)
        for (index, bytes) in Self.packets.enumerated() {
            let (source, destination) = index % 2 == 0 ? Self.endpoints : (Self.endpoints.1, Self.endpoints.0)
            bytes.withUnsafeBytes { raw in
                reused.refill(
                    number: index, time: UInt64(index), source: source, destination: destination, bytes: raw,
                    verifiesChecksum: index % 3 != 0)
            }
            let fresh = PacketView(
                SCTPObservation(number: index, time: UInt64(index), source: source, destination: destination, bytes: bytes),
                verifiesChecksum: index % 3 != 0)
            #expect(reused.bytes == fresh.bytes)
            #expect(reused.chunks.map(Seen.init) == fresh.chunks.map(Seen.init), "packet \(index)")
            #expect(reused.decodingError == fresh.decodingError && reused.header == fresh.header)
            #expect(reused.checksum == fresh.checksum && reused.chunkTypes == fresh.chunkTypes)
            #expect(reused.chunkCount == fresh.chunkCount && reused.firstChunkType == fresh.firstChunkType)
            #expect(reused.hasReflectingChunk == fresh.hasReflectingChunk)
            #expect(reused.sourceKey == fresh.sourceKey && reused.destinationKey == fresh.destinationKey)
            #expect(reused.endpointPair == fresh.endpointPair && reused.pairSlot == -1 && reused.packetFindings == nil)
        }
    }

    @Test func endpointPairSlotsNumberPairsInOrderOfFirstSight() {
        var slots = EndpointPairSlots()
        var pairs: [EndpointPair] = []
        for index in 0..<3_000 {
            let a = EndpointKey(TransportEndpoint(host: .ip(IPAddress("10.1.0.1")!), port: UInt16(index)))
            let b = EndpointKey(TransportEndpoint(host: .ip(IPAddress("10.1.0.2")!), port: 7, udpPort: 9899))
            pairs.append(index % 2 == 0 ? EndpointPair(a, b) : EndpointPair(b, a))
        }
        for (index, pair) in pairs.enumerated() {
            #expect(slots.slot(for: pair) == index)
        }
        for (index, pair) in pairs.enumerated().reversed() {
            #expect(slots.slot(for: pair) == index)
        }
        // Direction does not matter; the UDP port does.
        let a = EndpointKey(TransportEndpoint(host: .ip(IPAddress("10.1.0.1")!), port: 1))
        let b = EndpointKey(TransportEndpoint(host: .ip(IPAddress("10.1.0.2")!), port: 7, udpPort: 9899))
        let c = EndpointKey(TransportEndpoint(host: .ip(IPAddress("10.1.0.2")!), port: 7, udpPort: 9900))
        #expect(slots.slot(for: EndpointPair(b, a)) == 1)
        #expect(slots.slot(for: EndpointPair(a, c)) == 3_000)
    }
}
