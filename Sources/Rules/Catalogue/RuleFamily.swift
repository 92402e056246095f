/// The groups rules are listed under (the part of an id before the dot).
public enum RuleFamily: String, Hashable, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Common header, chunk framing, padding, checksum (RFC 9260 §3, §6.8; RFC 9653).
    case packet
    /// Which chunks may share a packet, and in which order (RFC 9260 §6.10, §5.1).
    case bundling
    /// Chunk fields with fixed values (reserved flags).
    case chunk
    /// Verification tags and the T bit (RFC 9260 §8.5, §8.5.1).
    case vtag
    /// Out-of-the-blue packets (RFC 9260 §8.4).
    case ootb
    /// INIT and INIT ACK contents and their handling (RFC 9260 §3.3.2, §3.3.3, §5.2.1).
    case initiation = "init"
    /// What an endpoint may send during association setup (RFC 9260 §5.1).
    case handshake
    /// State Cookie validation (RFC 9260 §5.1, §5.1.5, §3.3.10.3).
    case cookie
    /// Stream counts (RFC 9260 §5.1.1, §6.5).
    case streams
    /// Graceful shutdown (RFC 9260 §9.2).
    case shutdown
    /// DATA and I-DATA transmission (RFC 9260 §6).
    case data
    /// Selective acknowledgements (RFC 9260 §3.3.4, §6.2).
    case sack
    /// HEARTBEAT and HEARTBEAT ACK (RFC 9260 §8.3).
    case heartbeat
    /// Chunks and parameters the receiver does not know (RFC 9260 §3.2, §3.2.1, §3.2.2).
    case unrecognized

    public var description: String { self.rawValue }

    /// What the family covers, for the rule table.
    public var summary: String {
        switch self {
        case .packet: "Common header, chunk framing, padding and checksum"
        case .bundling: "Which chunks may share a packet, and in which order"
        case .chunk: "Fixed chunk fields"
        case .vtag: "Verification tags and the T bit"
        case .ootb: "Out-of-the-blue packets"
        case .initiation: "INIT and INIT ACK contents and their handling"
        case .handshake: "What an endpoint may send while the association is being set up"
        case .cookie: "State Cookie validation"
        case .streams: "Stream negotiation and use"
        case .shutdown: "Graceful shutdown"
        case .data: "DATA and I-DATA transmission"
        case .sack: "Selective acknowledgements"
        case .heartbeat: "Path heartbeats"
        case .unrecognized: "Unknown chunks and parameters"
        }
    }
}
