import SCTPWire
import Targets

/// One chunk as the fuzzer holds it: the raw face (type, flags, value bytes) with an optional length
/// that lies. Every chunk the generators and mutators make has this shape, so every fuzz packet is
/// exactly what a scenario's `send: {chunk: {type:, flags:, value:, length:}}` builds (RFC 9260 §3.2).
public struct FuzzChunk: Hashable, Sendable {
    public var type: UInt8
    public var flags: UInt8
    /// The value bytes; zero padding to a multiple of 4 follows them on the wire (RFC 9260 §3.2).
    public var value: [UInt8]
    /// Written over the chunk length field (a lying length); nil writes the true length.
    public var length: UInt16?

    public init(type: UInt8, flags: UInt8, value: [UInt8], length: UInt16? = nil) {
        self.type = type
        self.flags = flags
        self.value = value
        self.length = length
    }

    /// The chunk's raw face of a typed chunk.
    public init(_ chunk: Chunk) {
        let raw = RawChunk(chunk)
        self.init(type: raw.type.rawValue, flags: raw.flags, value: Array(raw.value))
    }

    /// The typed chunk these bytes decode to, if they do and the length does not lie.
    public var typed: Chunk? {
        guard self.length == nil else { return nil }
        var raw = RawPacket([])
        raw.appendChunk(type: ChunkType(self.type), flags: self.flags, value: self.value)
        return try? Chunk(decoding: raw.bytes)
    }
}

/// The checksum field of a fuzz packet (RFC 9260 §6.8, RFC 9653).
public enum FuzzChecksum: Hashable, Sendable {
    /// The correct CRC32c.
    case correct
    /// Zero.
    case zero
    /// The correct CRC32c with every bit inverted.
    case bad
    /// Exactly this value.
    case value(UInt32)
}

/// One SCTP packet of a fuzz case: common header fields and chunks (RFC 9260 §3.1).
public struct FuzzPacket: Hashable, Sendable {
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var verificationTag: UInt32
    public var checksum: FuzzChecksum
    public var chunks: [FuzzChunk]

    public init(
        sourcePort: UInt16, destinationPort: UInt16, verificationTag: UInt32, checksum: FuzzChecksum = .correct,
        chunks: [FuzzChunk]
    ) {
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.verificationTag = verificationTag
        self.checksum = checksum
        self.chunks = chunks
    }

    /// The packet's bytes, built exactly as the scenario runner builds a `send` of raw chunks: each
    /// chunk with its true length and zero padding, the lying length written over it, then the checksum.
    public var encoded: [UInt8] {
        var raw = RawPacket(
            SCTPPacket(
                header: CommonHeader(
                    sourcePort: self.sourcePort, destinationPort: self.destinationPort,
                    verificationTag: self.verificationTag),
                chunks: []),
            checksum: .zero)
        for chunk in self.chunks {
            let offset = raw.bytes.count
            raw.appendChunk(type: ChunkType(chunk.type), flags: chunk.flags, value: chunk.value)
            if let length = chunk.length {
                raw.setChunkLength(length, ofChunkAt: offset)
            }
        }
        switch self.checksum {
        case .correct: raw.fillChecksum()
        case .zero: raw.checksum = 0
        case .bad: raw.checksum = ~(SCTPChecksum.expected(for: raw.bytes) ?? 0)
        case .value(let value): raw.checksum = value
        }
        return raw.bytes
    }
}

/// One step of a fuzz case: the structured form of a `FuzzStep`.
public enum FuzzCaseStep: Hashable, Sendable {
    case packet(FuzzPacket)
    /// Lets the virtual clock run (timers fire between packets).
    case advance(milliseconds: UInt32)
    case action(ApplicationAction)

    /// The executor's step.
    public var step: FuzzStep {
        switch self {
        case .packet(let packet): .packet(packet.encoded)
        case .advance(let milliseconds): .advance(milliseconds: milliseconds)
        case .action(let action): .action(action)
        }
    }

    /// How many "things" the step holds, for shrinking and for limits (a packet: its chunks, at least 1).
    public var weight: Int {
        if case .packet(let packet) = self { return max(1, packet.chunks.count) }
        return 1
    }
}

/// What the fuzzer generates, mutates, keeps in the corpus and shrinks: the steps after the prefix,
/// structured so that every one can be written back as a scenario step.
public struct FuzzCase: Hashable, Sendable {
    public var steps: [FuzzCaseStep]

    public init(steps: [FuzzCaseStep]) {
        self.steps = steps
    }

    /// The executor's input.
    public var input: FuzzInput {
        FuzzInput(steps: self.steps.map(\.step))
    }

    /// Packets in the case.
    public var packetCount: Int {
        self.steps.reduce(0) { count, step in
            if case .packet = step { return count + 1 }
            return count
        }
    }

    /// Chunks in the case.
    public var chunkCount: Int {
        self.steps.reduce(0) { count, step in
            if case .packet(let packet) = step { return count + packet.chunks.count }
            return count
        }
    }

    /// The application actions, in order.
    public var actions: [ApplicationAction] {
        self.steps.compactMap { step in
            if case .action(let action) = step { return action }
            return nil
        }
    }
}
