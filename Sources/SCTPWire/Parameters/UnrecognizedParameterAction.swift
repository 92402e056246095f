/// What an endpoint does with a parameter whose type it does not recognize, encoded in the two
/// highest bits of the type (RFC 9260 §3.2.1).
public enum UnrecognizedParameterAction: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `00`: stop processing this chunk, do not report.
    case stop = 0b00
    /// `01`: stop processing this chunk and report it in an Unrecognized Parameter.
    case stopAndReport = 0b01
    /// `10`: skip this parameter and continue, do not report.
    case skip = 0b10
    /// `11`: skip this parameter, continue, and report it.
    case skipAndReport = 0b11

    /// The action encoded in a parameter type's two high bits.
    public init(parameterType: UInt16) {
        switch parameterType >> 14 {
        case 0b00: self = .stop
        case 0b01: self = .stopAndReport
        case 0b10: self = .skip
        default: self = .skipAndReport
        }
    }

    /// Whether processing of the rest of the enclosing chunk continues.
    public var continuesProcessing: Bool {
        self == .skip || self == .skipAndReport
    }

    /// Whether the parameter is reported back to the sender.
    public var reportsToSender: Bool {
        self == .stopAndReport || self == .skipAndReport
    }

    /// The bits as they sit in a type code (`rawValue << 14`).
    public var typeBits: UInt16 {
        UInt16(self.rawValue) << 14
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
