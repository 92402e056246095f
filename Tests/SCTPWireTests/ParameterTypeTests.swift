import SCTPWire
import Testing

/// Type codes, names and kinds, as tcpdump-style printing and scenario authors use them.
@Suite struct ParameterTypeTests {
    @Test func namedConstantsHaveTheirRegisteredCodesAndNames() {
        let expected: [(ParameterType, UInt16, String, String)] = [
            (.heartbeatInfo, 1, "Heartbeat Info", "heartbeat-info"),
            (.ipv4Address, 5, "IPv4 Address", "ipv4-address"),
            (.ipv6Address, 6, "IPv6 Address", "ipv6-address"),
            (.stateCookie, 7, "State Cookie", "state-cookie"),
            (.unrecognizedParameter, 8, "Unrecognized Parameter", "unrecognized-parameter"),
            (.cookiePreservative, 9, "Cookie Preservative", "cookie-preservative"),
            (.hostNameAddress, 11, "Host Name Address", "host-name-address"),
            (.supportedAddressTypes, 12, "Supported Address Types", "supported-address-types"),
            (.outgoingSSNResetRequest, 13, "Outgoing SSN Reset Request", "outgoing-ssn-reset-request"),
            (.incomingSSNResetRequest, 14, "Incoming SSN Reset Request", "incoming-ssn-reset-request"),
            (.ssnTSNResetRequest, 15, "SSN/TSN Reset Request", "ssn-tsn-reset-request"),
            (.reconfigurationResponse, 16, "Re-configuration Response", "reconfiguration-response"),
            (.addOutgoingStreamsRequest, 17, "Add Outgoing Streams Request", "add-outgoing-streams-request"),
            (.addIncomingStreamsRequest, 18, "Add Incoming Streams Request", "add-incoming-streams-request"),
            (.ecnCapable, 0x8000, "ECN Capable", "ecn-capable"),
            (.zeroChecksumAcceptable, 0x8001, "Zero Checksum Acceptable", "zero-checksum-acceptable"),
            (.random, 0x8002, "Random", "random"),
            (.chunkList, 0x8003, "Chunk List", "chunk-list"),
            (.requestedHMACAlgorithm, 0x8004, "Requested HMAC Algorithm", "requested-hmac-algorithm"),
            (.padding, 0x8005, "Padding", "padding"),
            (.supportedExtensions, 0x8008, "Supported Extensions", "supported-extensions"),
            (.forwardTSNSupported, 0xC000, "Forward-TSN Supported", "forward-tsn-supported"),
            (.addIPAddress, 0xC001, "Add IP Address", "add-ip-address"),
            (.deleteIPAddress, 0xC002, "Delete IP Address", "delete-ip-address"),
            (.errorCauseIndication, 0xC003, "Error Cause Indication", "error-cause-indication"),
            (.setPrimaryAddress, 0xC004, "Set Primary Address", "set-primary-address"),
            (.successIndication, 0xC005, "Success Indication", "success-indication"),
            (.adaptationLayerIndication, 0xC006, "Adaptation Layer Indication", "adaptation-layer-indication"),
        ]
        for (type, code, name, kind) in expected {
            #expect(type.rawValue == code)
            #expect(type.name == name)
            #expect(type.kind == kind)
            #expect(type.isKnown)
            #expect(type.description == "\(name) (\(code))")
        }
        #expect(expected.count == Parameter.fieldSchemas.count - 1)
    }

    @Test func unknownTypesPrintInHex() {
        #expect(ParameterType(0x8123).name == nil)
        #expect(ParameterType(0x8123).kind == "unknown-parameter")
        #expect(ParameterType(0x8123).description == "parameter 0x8123")
        #expect(ParameterType(0x0002).description == "parameter 0x0002")
    }

    @Test func parametersReportTheirTypeNameAndKind() {
        let parameter = ParameterTestSupport.ipv4
        #expect(parameter.type == 5)
        #expect(parameter.parameterType == .ipv4Address)
        #expect(parameter.name == "IPv4 Address")
        #expect(parameter.kind == "ipv4-address")
        #expect(parameter.body is IPv4AddressParameter)
        #expect(Parameter.unknown(UnknownParameter(type: 0xC123)).body == nil)
    }

    @Test func typedValuesEncodeAsTheirParameter() {
        let body = CookiePreservativeParameter(lifeSpanIncrementMilliseconds: 1)
        #expect(body.encoded == ParameterTestSupport.hex("0009 0008 00000001"))
        #expect(CookiePreservativeParameter.kind == "cookie-preservative")
    }

    @Test func reconfigurationResultsHaveNames() {
        #expect(ReconfigurationResult.denied.description == "Denied (2)")
        #expect(ReconfigurationResult(rawValue: 9).description == "result 9")
        #expect(ReconfigurationResult.errorBadSequenceNumber.name == "Error - Bad Sequence Number")
    }
}
