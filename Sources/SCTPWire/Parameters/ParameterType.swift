/// A parameter type code (RFC 9260 §3.2.1; IANA "Chunk Parameter Types"), known or not.
///
/// The two high bits tell a receiver what to do with a type it does not recognize (`action`).
public struct ParameterType: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    public init(_ rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Heartbeat Info (RFC 9260 §3.3.5).
    public static let heartbeatInfo = ParameterType(1)
    /// IPv4 Address (RFC 9260 §3.3.2.1).
    public static let ipv4Address = ParameterType(5)
    /// IPv6 Address (RFC 9260 §3.3.2.1).
    public static let ipv6Address = ParameterType(6)
    /// State Cookie (RFC 9260 §3.3.3.1).
    public static let stateCookie = ParameterType(7)
    /// Unrecognized Parameter (RFC 9260 §3.3.3.1).
    public static let unrecognizedParameter = ParameterType(8)
    /// Cookie Preservative (RFC 9260 §3.3.2.1).
    public static let cookiePreservative = ParameterType(9)
    /// Host Name Address (RFC 9260 §3.3.2.1, deprecated).
    public static let hostNameAddress = ParameterType(11)
    /// Supported Address Types (RFC 9260 §3.3.2.1).
    public static let supportedAddressTypes = ParameterType(12)
    /// Outgoing SSN Reset Request (RFC 6525 §4.1).
    public static let outgoingSSNResetRequest = ParameterType(13)
    /// Incoming SSN Reset Request (RFC 6525 §4.2).
    public static let incomingSSNResetRequest = ParameterType(14)
    /// SSN/TSN Reset Request (RFC 6525 §4.3).
    public static let ssnTSNResetRequest = ParameterType(15)
    /// Re-configuration Response (RFC 6525 §4.4).
    public static let reconfigurationResponse = ParameterType(16)
    /// Add Outgoing Streams Request (RFC 6525 §4.5).
    public static let addOutgoingStreamsRequest = ParameterType(17)
    /// Add Incoming Streams Request (RFC 6525 §4.6).
    public static let addIncomingStreamsRequest = ParameterType(18)
    /// ECN Capable (reserved by RFC 9260 §3.3.2.1 for RFC 3168 Appendix A).
    public static let ecnCapable = ParameterType(0x8000)
    /// Zero Checksum Acceptable (RFC 9653 §3).
    public static let zeroChecksumAcceptable = ParameterType(0x8001)
    /// Random (RFC 4895 §3.1).
    public static let random = ParameterType(0x8002)
    /// Chunk List (RFC 4895 §3.2).
    public static let chunkList = ParameterType(0x8003)
    /// Requested HMAC Algorithm (RFC 4895 §3.3).
    public static let requestedHMACAlgorithm = ParameterType(0x8004)
    /// Padding (RFC 4820 §4).
    public static let padding = ParameterType(0x8005)
    /// Supported Extensions (RFC 5061 §4.2.7).
    public static let supportedExtensions = ParameterType(0x8008)
    /// Forward-TSN Supported (RFC 3758 §3.1).
    public static let forwardTSNSupported = ParameterType(0xC000)
    /// Add IP Address (RFC 5061 §4.2.1).
    public static let addIPAddress = ParameterType(0xC001)
    /// Delete IP Address (RFC 5061 §4.2.2).
    public static let deleteIPAddress = ParameterType(0xC002)
    /// Error Cause Indication (RFC 5061 §4.2.3).
    public static let errorCauseIndication = ParameterType(0xC003)
    /// Set Primary Address (RFC 5061 §4.2.4).
    public static let setPrimaryAddress = ParameterType(0xC004)
    /// Success Indication (RFC 5061 §4.2.5).
    public static let successIndication = ParameterType(0xC005)
    /// Adaptation Layer Indication (RFC 5061 §4.2.6).
    public static let adaptationLayerIndication = ParameterType(0xC006)

    /// What a receiver that does not recognize this type does with it (RFC 9260 §3.2.1).
    public var action: UnrecognizedParameterAction {
        UnrecognizedParameterAction(parameterType: self.rawValue)
    }

    /// Whether this type has a typed representation in this module.
    public var isKnown: Bool {
        Parameter.bodyTypesByType[self.rawValue] != nil
    }

    /// The record kind of this type (`ipv4-address`), or `unknown-parameter`.
    public var kind: String {
        Parameter.bodyTypesByType[self.rawValue]?.fieldSchema.kind ?? UnknownParameter.kind
    }

    /// The registered name (`IPv4 Address`), or nil for a type this module does not know.
    public var name: String? {
        Parameter.bodyTypesByType[self.rawValue]?.name
    }

    /// `IPv4 Address (5)`, or `parameter 0x8123` for an unknown type.
    public var description: String {
        if let name = self.name {
            return "\(name) (\(self.rawValue))"
        }
        return "parameter " + TLVHex.hex16(self.rawValue)
    }

    public static func < (lhs: ParameterType, rhs: ParameterType) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// Hexadecimal text for type codes in names and errors.
enum TLVHex {
    /// `0x00a0`.
    static func hex16(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
