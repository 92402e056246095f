/// One parameter of an INIT, INIT ACK, HEARTBEAT, ASCONF, ASCONF-ACK or RE-CONFIG chunk
/// (RFC 9260 §3.2.1), decoded into the typed value of its registered type, or kept as bytes when
/// the type is not known here.
///
/// The typed values hold only what the structure can express; whether a parameter is allowed in a
/// chunk, or its values make sense, is for the rules to judge.
public enum Parameter: Hashable, Sendable {
    /// Heartbeat Info, type 1 (RFC 9260 §3.3.5).
    case heartbeatInfo(HeartbeatInfoParameter)
    /// IPv4 Address, type 5 (RFC 9260 §3.3.2.1).
    case ipv4Address(IPv4AddressParameter)
    /// IPv6 Address, type 6 (RFC 9260 §3.3.2.1).
    case ipv6Address(IPv6AddressParameter)
    /// State Cookie, type 7 (RFC 9260 §3.3.3.1).
    case stateCookie(StateCookieParameter)
    /// Unrecognized Parameter, type 8 (RFC 9260 §3.3.3.1).
    case unrecognizedParameter(UnrecognizedParameter)
    /// Cookie Preservative, type 9 (RFC 9260 §3.3.2.1).
    case cookiePreservative(CookiePreservativeParameter)
    /// Host Name Address, type 11 (RFC 9260 §3.3.2.1).
    case hostNameAddress(HostNameAddressParameter)
    /// Supported Address Types, type 12 (RFC 9260 §3.3.2.1).
    case supportedAddressTypes(SupportedAddressTypesParameter)
    /// Outgoing SSN Reset Request, type 13 (RFC 6525 §4.1).
    case outgoingSSNResetRequest(OutgoingSSNResetRequestParameter)
    /// Incoming SSN Reset Request, type 14 (RFC 6525 §4.2).
    case incomingSSNResetRequest(IncomingSSNResetRequestParameter)
    /// SSN/TSN Reset Request, type 15 (RFC 6525 §4.3).
    case ssnTSNResetRequest(SSNTSNResetRequestParameter)
    /// Re-configuration Response, type 16 (RFC 6525 §4.4).
    case reconfigurationResponse(ReconfigurationResponseParameter)
    /// Add Outgoing Streams Request, type 17 (RFC 6525 §4.5).
    case addOutgoingStreamsRequest(AddOutgoingStreamsRequestParameter)
    /// Add Incoming Streams Request, type 18 (RFC 6525 §4.6).
    case addIncomingStreamsRequest(AddIncomingStreamsRequestParameter)
    /// ECN Capable, type 0x8000 (RFC 9260 §3.3.2.1).
    case ecnCapable(ECNCapableParameter)
    /// Zero Checksum Acceptable, type 0x8001 (RFC 9653 §3).
    case zeroChecksumAcceptable(ZeroChecksumAcceptableParameter)
    /// Random, type 0x8002 (RFC 4895 §3.1).
    case random(RandomParameter)
    /// Chunk List, type 0x8003 (RFC 4895 §3.2).
    case chunkList(ChunkListParameter)
    /// Requested HMAC Algorithm, type 0x8004 (RFC 4895 §3.3).
    case requestedHMACAlgorithm(RequestedHMACAlgorithmParameter)
    /// Padding, type 0x8005 (RFC 4820 §4).
    case padding(PaddingParameter)
    /// Supported Extensions, type 0x8008 (RFC 5061 §4.2.7).
    case supportedExtensions(SupportedExtensionsParameter)
    /// Forward-TSN Supported, type 0xC000 (RFC 3758 §3.1).
    case forwardTSNSupported(ForwardTSNSupportedParameter)
    /// Add IP Address, type 0xC001 (RFC 5061 §4.2.1).
    indirect case addIPAddress(AddIPAddressParameter)
    /// Delete IP Address, type 0xC002 (RFC 5061 §4.2.2).
    indirect case deleteIPAddress(DeleteIPAddressParameter)
    /// Error Cause Indication, type 0xC003 (RFC 5061 §4.2.3).
    case errorCauseIndication(ErrorCauseIndicationParameter)
    /// Set Primary Address, type 0xC004 (RFC 5061 §4.2.4).
    indirect case setPrimaryAddress(SetPrimaryAddressParameter)
    /// Success Indication, type 0xC005 (RFC 5061 §4.2.5).
    case successIndication(SuccessIndicationParameter)
    /// Adaptation Layer Indication, type 0xC006 (RFC 5061 §4.2.6).
    case adaptationLayerIndication(AdaptationLayerIndicationParameter)
    /// Any other type, kept as bytes (RFC 9260 §3.2.1).
    case unknown(UnknownParameter)

    /// Every typed parameter, for decoding by type and rebuilding by record kind.
    static let bodyTypes: [any ParameterBody.Type] = [
        HeartbeatInfoParameter.self,
        IPv4AddressParameter.self,
        IPv6AddressParameter.self,
        StateCookieParameter.self,
        UnrecognizedParameter.self,
        CookiePreservativeParameter.self,
        HostNameAddressParameter.self,
        SupportedAddressTypesParameter.self,
        OutgoingSSNResetRequestParameter.self,
        IncomingSSNResetRequestParameter.self,
        SSNTSNResetRequestParameter.self,
        ReconfigurationResponseParameter.self,
        AddOutgoingStreamsRequestParameter.self,
        AddIncomingStreamsRequestParameter.self,
        ECNCapableParameter.self,
        ZeroChecksumAcceptableParameter.self,
        RandomParameter.self,
        ChunkListParameter.self,
        RequestedHMACAlgorithmParameter.self,
        PaddingParameter.self,
        SupportedExtensionsParameter.self,
        ForwardTSNSupportedParameter.self,
        AddIPAddressParameter.self,
        DeleteIPAddressParameter.self,
        ErrorCauseIndicationParameter.self,
        SetPrimaryAddressParameter.self,
        SuccessIndicationParameter.self,
        AdaptationLayerIndicationParameter.self,
    ]

    static let bodyTypesByType: [UInt16: any ParameterBody.Type] = Dictionary(
        Self.bodyTypes.map { ($0.parameterType.rawValue, $0) }, uniquingKeysWith: { first, _ in first })

    static let bodyTypesByKind: [String: any ParameterBody.Type] = Dictionary(
        Self.bodyTypes.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })

    /// The typed value, or nil for `.unknown`.
    public var body: (any ParameterBody)? {
        switch self {
        case .heartbeatInfo(let body): body
        case .ipv4Address(let body): body
        case .ipv6Address(let body): body
        case .stateCookie(let body): body
        case .unrecognizedParameter(let body): body
        case .cookiePreservative(let body): body
        case .hostNameAddress(let body): body
        case .supportedAddressTypes(let body): body
        case .outgoingSSNResetRequest(let body): body
        case .incomingSSNResetRequest(let body): body
        case .ssnTSNResetRequest(let body): body
        case .reconfigurationResponse(let body): body
        case .addOutgoingStreamsRequest(let body): body
        case .addIncomingStreamsRequest(let body): body
        case .ecnCapable(let body): body
        case .zeroChecksumAcceptable(let body): body
        case .random(let body): body
        case .chunkList(let body): body
        case .requestedHMACAlgorithm(let body): body
        case .padding(let body): body
        case .supportedExtensions(let body): body
        case .forwardTSNSupported(let body): body
        case .addIPAddress(let body): body
        case .deleteIPAddress(let body): body
        case .errorCauseIndication(let body): body
        case .setPrimaryAddress(let body): body
        case .successIndication(let body): body
        case .adaptationLayerIndication(let body): body
        case .unknown: nil
        }
    }

    /// The type code as sent.
    public var type: UInt16 {
        if case .unknown(let unknown) = self { return unknown.type }
        return self.body.map { Swift.type(of: $0).parameterType.rawValue } ?? 0
    }

    /// The type code as a `ParameterType`.
    public var parameterType: ParameterType {
        ParameterType(self.type)
    }

    /// The registered name (`IPv4 Address`), or `Unknown parameter 0x8123`.
    public var name: String {
        if let body = self.body { return Swift.type(of: body).name }
        return "Unknown parameter " + TLVHex.hex16(self.type)
    }

    /// The record kind (`ipv4-address`, `unknown-parameter`).
    public var kind: String {
        if let body = self.body { return Swift.type(of: body).kind }
        return UnknownParameter.kind
    }

    /// The record schemas of every parameter kind, `unknown-parameter` last, for documentation.
    public static var fieldSchemas: [FieldRecordSchema] {
        Self.bodyTypes.map { $0.fieldSchema } + [UnknownParameter.fieldSchema]
    }
}
