/// A chunk type code (RFC 9260 §3.2; IANA "Chunk Types"), known or not.
///
/// A struct rather than a closed enum: any of the 256 values can be sent and received, and the two
/// high bits tell a receiver what to do with a type it does not recognize (`action`).
public struct ChunkType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt8

    @inlinable
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    @inlinable
    public init(_ rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Payload Data, DATA (RFC 9260 §3.3.1).
    @inlinable public static var data: ChunkType { ChunkType(0) }
    /// Initiation, INIT (RFC 9260 §3.3.2).
    @inlinable public static var initiation: ChunkType { ChunkType(1) }
    /// Initiation Acknowledgement, INIT ACK (RFC 9260 §3.3.3).
    @inlinable public static var initiationAck: ChunkType { ChunkType(2) }
    /// Selective Acknowledgement, SACK (RFC 9260 §3.3.4).
    @inlinable public static var sack: ChunkType { ChunkType(3) }
    /// Heartbeat Request, HEARTBEAT (RFC 9260 §3.3.5).
    @inlinable public static var heartbeat: ChunkType { ChunkType(4) }
    /// Heartbeat Acknowledgement, HEARTBEAT ACK (RFC 9260 §3.3.6).
    @inlinable public static var heartbeatAck: ChunkType { ChunkType(5) }
    /// Abort, ABORT (RFC 9260 §3.3.7).
    @inlinable public static var abort: ChunkType { ChunkType(6) }
    /// Shutdown Association, SHUTDOWN (RFC 9260 §3.3.8).
    @inlinable public static var shutdown: ChunkType { ChunkType(7) }
    /// Shutdown Acknowledgement, SHUTDOWN ACK (RFC 9260 §3.3.9).
    @inlinable public static var shutdownAck: ChunkType { ChunkType(8) }
    /// Operation Error, ERROR (RFC 9260 §3.3.10).
    @inlinable public static var error: ChunkType { ChunkType(9) }
    /// State Cookie, COOKIE ECHO (RFC 9260 §3.3.11).
    @inlinable public static var cookieEcho: ChunkType { ChunkType(10) }
    /// Cookie Acknowledgement, COOKIE ACK (RFC 9260 §3.3.12).
    @inlinable public static var cookieAck: ChunkType { ChunkType(11) }
    /// Explicit Congestion Notification Echo, ECNE (reserved by RFC 9260 §3.2, RFC 4960 Appendix A).
    @inlinable public static var ecne: ChunkType { ChunkType(12) }
    /// Congestion Window Reduced, CWR (reserved by RFC 9260 §3.2, RFC 4960 Appendix A).
    @inlinable public static var cwr: ChunkType { ChunkType(13) }
    /// Shutdown Complete, SHUTDOWN COMPLETE (RFC 9260 §3.3.13).
    @inlinable public static var shutdownComplete: ChunkType { ChunkType(14) }
    /// Authentication, AUTH (RFC 4895 §4.1).
    @inlinable public static var auth: ChunkType { ChunkType(15) }
    /// Non-Renegable SACK, NR-SACK (draft-natarajan-tsvwg-sctp-nrsack; IANA type 16).
    @inlinable public static var nrSack: ChunkType { ChunkType(16) }
    /// Interleaved Payload Data, I-DATA (RFC 8260 §2.1).
    @inlinable public static var iData: ChunkType { ChunkType(64) }
    /// Address Configuration Acknowledgement, ASCONF-ACK (RFC 5061 §4.1.2).
    @inlinable public static var asconfAck: ChunkType { ChunkType(128) }
    /// Re-configuration, RE-CONFIG (RFC 6525 §3.1).
    @inlinable public static var reConfig: ChunkType { ChunkType(130) }
    /// Padding, PAD (RFC 4820 §3).
    @inlinable public static var pad: ChunkType { ChunkType(132) }
    /// Forward Cumulative TSN, FORWARD TSN (RFC 3758 §3.2).
    @inlinable public static var forwardTSN: ChunkType { ChunkType(192) }
    /// Address Configuration Change, ASCONF (RFC 5061 §4.1.1).
    @inlinable public static var asconf: ChunkType { ChunkType(193) }
    /// Interleaved Forward Cumulative TSN, I-FORWARD-TSN (RFC 8260 §2.3.1).
    @inlinable public static var iForwardTSN: ChunkType { ChunkType(194) }

    /// Every chunk type this module decodes into a typed value, in type-code order.
    public static let known: [ChunkType] = KnownChunkType.allCases.map(\.chunkType)

    /// What a receiver that does not recognize this type does with it (RFC 9260 §3.2).
    public var action: UnrecognizedChunkAction {
        UnrecognizedChunkAction(chunkType: self.rawValue)
    }

    /// Whether this type has a typed representation in this module.
    public var isKnown: Bool {
        self.knownType != nil
    }

    /// The registry's entry for this type, nil for an unknown type.
    public var registration: ChunkDescription? {
        ChunkRegistry.entry(self)
    }

    /// The name as the RFCs write it (`INIT ACK`, `I-FORWARD-TSN`), or nil for an unknown type.
    public var name: String? {
        self.registration?.name
    }

    /// The field-record kind (`init-ack`, `cookie-echo`), or `unknown-chunk` for an unknown type.
    public var kind: String {
        self.registration?.kind ?? UnknownChunk.kind
    }

    /// The known type whose field-record kind is `kind` (`init-ack`), or nil.
    public init?(kind: String) {
        guard let entry = ChunkRegistry.entry(kind: kind) else { return nil }
        self = entry.type.chunkType
    }

    /// What a decoder of this type reports in errors (`INIT ACK chunk`); built only when an error is.
    var decodingContext: String {
        self.name.map { $0 + " chunk" } ?? "unknown chunk"
    }

    /// `INIT ACK (2)`, or `chunk 0x55` for an unknown type.
    public var description: String {
        if let name = self.name {
            return "\(name) (\(self.rawValue))"
        }
        return "chunk " + ChunkType.hex8(self.rawValue)
    }

    public static func < (lhs: ChunkType, rhs: ChunkType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// `0x0f`.
    static func hex8(_ value: UInt8) -> String {
        let digits = String(value, radix: 16)
        return digits.count == 1 ? "0x0" + digits : "0x" + digits
    }
}
