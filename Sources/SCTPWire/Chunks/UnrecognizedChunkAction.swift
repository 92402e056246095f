/// What an endpoint does with a chunk whose type it does not recognize, encoded in the two highest
/// bits of the type (RFC 9260 §3.2).
public enum UnrecognizedChunkAction: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `00`: stop processing this packet and discard it, do not report.
    case stop = 0b00
    /// `01`: stop processing this packet, discard it, and report in an ERROR chunk (Unrecognized Chunk
    /// Type cause).
    case stopAndReport = 0b01
    /// `10`: skip this chunk and continue processing, do not report.
    case skip = 0b10
    /// `11`: skip this chunk, continue processing, and report in an ERROR chunk.
    case skipAndReport = 0b11

    /// The action encoded in a chunk type's two high bits.
    public init(chunkType: UInt8) {
        switch chunkType >> 6 {
        case 0b00: self = .stop
        case 0b01: self = .stopAndReport
        case 0b10: self = .skip
        default: self = .skipAndReport
        }
    }

    /// Whether processing of the rest of the packet continues.
    public var continuesProcessing: Bool {
        self == .skip || self == .skipAndReport
    }

    /// Whether the chunk is reported back to the sender.
    public var reportsToSender: Bool {
        self == .stopAndReport || self == .skipAndReport
    }

    /// The bits as they sit in a type code (`rawValue << 6`).
    public var typeBits: UInt8 {
        self.rawValue << 6
    }

    public var description: String {
        switch self {
        case .stop: "stop"
        case .stopAndReport: "stop and report"
        case .skip: "skip"
        case .skipAndReport: "skip and report"
        }
    }
}
