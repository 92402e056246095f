/// An error cause code (RFC 9260 §3.3.10; IANA "Error Cause Codes"), known or not.
public struct ErrorCauseCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Invalid Stream Identifier (RFC 9260 §3.3.10.1).
    public static let invalidStreamIdentifier = ErrorCauseCode(1)
    /// Missing Mandatory Parameter (RFC 9260 §3.3.10.2).
    public static let missingMandatoryParameter = ErrorCauseCode(2)
    /// Stale Cookie Error (RFC 9260 §3.3.10.3).
    public static let staleCookieError = ErrorCauseCode(3)
    /// Out of Resource (RFC 9260 §3.3.10.4).
    public static let outOfResource = ErrorCauseCode(4)
    /// Unresolvable Address (RFC 9260 §3.3.10.5).
    public static let unresolvableAddress = ErrorCauseCode(5)
    /// Unrecognized Chunk Type (RFC 9260 §3.3.10.6).
    public static let unrecognizedChunkType = ErrorCauseCode(6)
    /// Invalid Mandatory Parameter (RFC 9260 §3.3.10.7).
    public static let invalidMandatoryParameter = ErrorCauseCode(7)
    /// Unrecognized Parameters (RFC 9260 §3.3.10.8).
    public static let unrecognizedParameters = ErrorCauseCode(8)
    /// No User Data (RFC 9260 §3.3.10.9).
    public static let noUserData = ErrorCauseCode(9)
    /// Cookie Received While Shutting Down (RFC 9260 §3.3.10.10).
    public static let cookieReceivedWhileShuttingDown = ErrorCauseCode(10)
    /// Restart of an Association with New Addresses (RFC 9260 §3.3.10.11).
    public static let restartWithNewAddresses = ErrorCauseCode(11)
    /// User-Initiated Abort (RFC 9260 §3.3.10.12).
    public static let userInitiatedAbort = ErrorCauseCode(12)
    /// Protocol Violation (RFC 9260 §3.3.10.13).
    public static let protocolViolation = ErrorCauseCode(13)
    /// Request to Delete Last Remaining IP Address (RFC 5061 §4.3.1).
    public static let deleteLastRemainingAddress = ErrorCauseCode(0x00A0)
    /// Operation Refused Due to Resource Shortage (RFC 5061 §4.3.2).
    public static let operationRefusedResourceShortage = ErrorCauseCode(0x00A1)
    /// Request to Delete Source IP Address (RFC 5061 §4.3.3).
    public static let deleteSourceAddress = ErrorCauseCode(0x00A2)
    /// Association Aborted Due to Illegal ASCONF-ACK (RFC 5061 §4.3.4).
    public static let illegalASCONFAck = ErrorCauseCode(0x00A3)
    /// Request Refused - No Authorization (RFC 5061 §4.3.5).
    public static let noAuthorization = ErrorCauseCode(0x00A4)
    /// Unsupported HMAC Identifier (RFC 4895 §4.1).
    public static let unsupportedHMACIdentifier = ErrorCauseCode(0x0105)

    /// Whether this code has a typed representation in this module.
    public var isKnown: Bool {
        ErrorCause.bodyTypesByCode[self.rawValue] != nil
    }

    /// The record kind of this code (`stale-cookie-error`), or `unknown-error-cause`.
    public var kind: String {
        ErrorCause.bodyTypesByCode[self.rawValue]?.fieldSchema.kind ?? UnknownErrorCause.kind
    }

    /// The registered name (`Stale Cookie Error`), or nil for a code this module does not know.
    public var name: String? {
        ErrorCause.bodyTypesByCode[self.rawValue]?.name
    }

    /// `Stale Cookie Error (3)`, or `error cause 0x1234` for an unknown code.
    public var description: String {
        if let name = self.name {
            return "\(name) (\(self.rawValue))"
        }
        return "error cause " + TLVHex.hex16(self.rawValue)
    }

    public static func < (lhs: ErrorCauseCode, rhs: ErrorCauseCode) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
