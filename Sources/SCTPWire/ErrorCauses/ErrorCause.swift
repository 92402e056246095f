/// One error cause of an ABORT or ERROR chunk (RFC 9260 §3.3.10), or of an Error Cause Indication
/// in an ASCONF-ACK (RFC 5061 §4.2.3), decoded into the typed value of its registered code, or kept
/// as bytes when the code is not known here.
///
/// The typed values hold only what the structure can express; whether a cause fits the situation is
/// for the rules to judge.
public enum ErrorCause: Hashable, Sendable {
    /// Invalid Stream Identifier, code 1 (RFC 9260 §3.3.10.1).
    case invalidStreamIdentifier(InvalidStreamIdentifierCause)
    /// Missing Mandatory Parameter, code 2 (RFC 9260 §3.3.10.2).
    case missingMandatoryParameter(MissingMandatoryParameterCause)
    /// Stale Cookie Error, code 3 (RFC 9260 §3.3.10.3).
    case staleCookieError(StaleCookieErrorCause)
    /// Out of Resource, code 4 (RFC 9260 §3.3.10.4).
    case outOfResource(OutOfResourceCause)
    /// Unresolvable Address, code 5 (RFC 9260 §3.3.10.5).
    case unresolvableAddress(UnresolvableAddressCause)
    /// Unrecognized Chunk Type, code 6 (RFC 9260 §3.3.10.6).
    case unrecognizedChunkType(UnrecognizedChunkTypeCause)
    /// Invalid Mandatory Parameter, code 7 (RFC 9260 §3.3.10.7).
    case invalidMandatoryParameter(InvalidMandatoryParameterCause)
    /// Unrecognized Parameters, code 8 (RFC 9260 §3.3.10.8).
    case unrecognizedParameters(UnrecognizedParametersCause)
    /// No User Data, code 9 (RFC 9260 §3.3.10.9).
    case noUserData(NoUserDataCause)
    /// Cookie Received While Shutting Down, code 10 (RFC 9260 §3.3.10.10).
    case cookieReceivedWhileShuttingDown(CookieReceivedWhileShuttingDownCause)
    /// Restart of an Association with New Addresses, code 11 (RFC 9260 §3.3.10.11).
    case restartWithNewAddresses(RestartWithNewAddressesCause)
    /// User-Initiated Abort, code 12 (RFC 9260 §3.3.10.12).
    case userInitiatedAbort(UserInitiatedAbortCause)
    /// Protocol Violation, code 13 (RFC 9260 §3.3.10.13).
    case protocolViolation(ProtocolViolationCause)
    /// Request to Delete Last Remaining IP Address, code 0x00A0 (RFC 5061 §4.3.1).
    case deleteLastRemainingAddress(DeleteLastRemainingAddressCause)
    /// Operation Refused Due to Resource Shortage, code 0x00A1 (RFC 5061 §4.3.2).
    case operationRefusedResourceShortage(OperationRefusedResourceShortageCause)
    /// Request to Delete Source IP Address, code 0x00A2 (RFC 5061 §4.3.3).
    case deleteSourceAddress(DeleteSourceAddressCause)
    /// Association Aborted Due to Illegal ASCONF-ACK, code 0x00A3 (RFC 5061 §4.3.4).
    case illegalASCONFAck(IllegalASCONFAckCause)
    /// Request Refused - No Authorization, code 0x00A4 (RFC 5061 §4.3.5).
    case noAuthorization(NoAuthorizationCause)
    /// Unsupported HMAC Identifier, code 0x0105 (RFC 4895 §4.1).
    case unsupportedHMACIdentifier(UnsupportedHMACIdentifierCause)
    /// Any other code, kept as bytes (RFC 9260 §3.3.10).
    case unknown(UnknownErrorCause)

    /// Every typed cause, for decoding by code and rebuilding by record kind.
    static let bodyTypes: [any ErrorCauseBody.Type] = [
        InvalidStreamIdentifierCause.self,
        MissingMandatoryParameterCause.self,
        StaleCookieErrorCause.self,
        OutOfResourceCause.self,
        UnresolvableAddressCause.self,
        UnrecognizedChunkTypeCause.self,
        InvalidMandatoryParameterCause.self,
        UnrecognizedParametersCause.self,
        NoUserDataCause.self,
        CookieReceivedWhileShuttingDownCause.self,
        RestartWithNewAddressesCause.self,
        UserInitiatedAbortCause.self,
        ProtocolViolationCause.self,
        DeleteLastRemainingAddressCause.self,
        OperationRefusedResourceShortageCause.self,
        DeleteSourceAddressCause.self,
        IllegalASCONFAckCause.self,
        NoAuthorizationCause.self,
        UnsupportedHMACIdentifierCause.self,
    ]

    static let bodyTypesByCode: [UInt16: any ErrorCauseBody.Type] = Dictionary(
        Self.bodyTypes.map { ($0.causeCode.rawValue, $0) }, uniquingKeysWith: { first, _ in first })

    static let bodyTypesByKind: [String: any ErrorCauseBody.Type] = Dictionary(
        Self.bodyTypes.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })

    /// The typed value, or nil for `.unknown`.
    public var body: (any ErrorCauseBody)? {
        switch self {
        case .invalidStreamIdentifier(let body): body
        case .missingMandatoryParameter(let body): body
        case .staleCookieError(let body): body
        case .outOfResource(let body): body
        case .unresolvableAddress(let body): body
        case .unrecognizedChunkType(let body): body
        case .invalidMandatoryParameter(let body): body
        case .unrecognizedParameters(let body): body
        case .noUserData(let body): body
        case .cookieReceivedWhileShuttingDown(let body): body
        case .restartWithNewAddresses(let body): body
        case .userInitiatedAbort(let body): body
        case .protocolViolation(let body): body
        case .deleteLastRemainingAddress(let body): body
        case .operationRefusedResourceShortage(let body): body
        case .deleteSourceAddress(let body): body
        case .illegalASCONFAck(let body): body
        case .noAuthorization(let body): body
        case .unsupportedHMACIdentifier(let body): body
        case .unknown: nil
        }
    }

    /// The cause code as sent.
    public var code: UInt16 {
        if case .unknown(let unknown) = self { return unknown.code }
        return self.body.map { Swift.type(of: $0).causeCode.rawValue } ?? 0
    }

    /// The cause code as an `ErrorCauseCode`.
    public var causeCode: ErrorCauseCode {
        ErrorCauseCode(self.code)
    }

    /// The registered name (`Stale Cookie Error`), or `Unknown error cause 0x1234`.
    public var name: String {
        if let body = self.body { return Swift.type(of: body).name }
        return "Unknown error cause " + TLVHex.hex16(self.code)
    }

    /// The record kind (`stale-cookie-error`, `unknown-error-cause`).
    public var kind: String {
        if let body = self.body { return Swift.type(of: body).kind }
        return UnknownErrorCause.kind
    }

    /// The record schemas of every cause kind, `unknown-error-cause` last, for documentation.
    public static var fieldSchemas: [FieldRecordSchema] {
        Self.bodyTypes.map { $0.fieldSchema } + [UnknownErrorCause.fieldSchema]
    }
}
