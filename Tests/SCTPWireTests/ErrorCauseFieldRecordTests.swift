import SCTPWire
import Testing

/// Names, codes and the field view of error causes.
@Suite struct ErrorCauseFieldRecordTests {
    func build(_ kind: String, _ fields: [FieldRecord.Field]) throws(FieldRecordError) -> ErrorCause {
        try ErrorCause(fieldRecord: FieldRecord(kind: kind, fields: fields))
    }

    func error(_ kind: String, _ fields: [FieldRecord.Field]) -> FieldRecordError? {
        ParameterTestSupport.recordError { () throws(FieldRecordError) in try self.build(kind, fields) }
    }

    @Test func codesHaveRegisteredNamesAndKinds() {
        let expected: [(ErrorCauseCode, UInt16, String, String)] = [
            (.invalidStreamIdentifier, 1, "Invalid Stream Identifier", "invalid-stream-identifier"),
            (.missingMandatoryParameter, 2, "Missing Mandatory Parameter", "missing-mandatory-parameter"),
            (.staleCookieError, 3, "Stale Cookie Error", "stale-cookie-error"),
            (.outOfResource, 4, "Out of Resource", "out-of-resource"),
            (.unresolvableAddress, 5, "Unresolvable Address", "unresolvable-address"),
            (.unrecognizedChunkType, 6, "Unrecognized Chunk Type", "unrecognized-chunk-type"),
            (.invalidMandatoryParameter, 7, "Invalid Mandatory Parameter", "invalid-mandatory-parameter"),
            (.unrecognizedParameters, 8, "Unrecognized Parameters", "unrecognized-parameters"),
            (.noUserData, 9, "No User Data", "no-user-data"),
            (
                .cookieReceivedWhileShuttingDown, 10, "Cookie Received While Shutting Down",
                "cookie-received-while-shutting-down"
            ),
            (
                .restartWithNewAddresses, 11, "Restart of an Association with New Addresses",
                "restart-with-new-addresses"
            ),
            (.userInitiatedAbort, 12, "User-Initiated Abort", "user-initiated-abort"),
            (.protocolViolation, 13, "Protocol Violation", "protocol-violation"),
            (
                .deleteLastRemainingAddress, 0xA0, "Request to Delete Last Remaining IP Address",
                "delete-last-remaining-address"
            ),
            (
                .operationRefusedResourceShortage, 0xA1, "Operation Refused Due to Resource Shortage",
                "operation-refused-resource-shortage"
            ),
            (.deleteSourceAddress, 0xA2, "Request to Delete Source IP Address", "delete-source-address"),
            (.illegalASCONFAck, 0xA3, "Association Aborted Due to Illegal ASCONF-ACK", "illegal-asconf-ack"),
            (.noAuthorization, 0xA4, "Request Refused - No Authorization", "no-authorization"),
            (.unsupportedHMACIdentifier, 0x0105, "Unsupported HMAC Identifier", "unsupported-hmac-identifier"),
        ]
        for (code, raw, name, kind) in expected {
            #expect(code.rawValue == raw)
            #expect(code.name == name)
            #expect(code.kind == kind)
            #expect(code.isKnown)
            #expect(code.description == "\(name) (\(raw))")
        }
        #expect(expected.count == ErrorCause.fieldSchemas.count - 1)
        #expect(ErrorCauseCode(0xB0).description == "error cause 0x00b0")
        #expect(ErrorCauseCode(0xB0).kind == "unknown-error-cause")
        #expect(!ErrorCauseCode(0xB0).isKnown)
    }

    @Test func causesReportTheirCodeNameAndKind() {
        let cause = ErrorCause.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 5))
        #expect(cause.code == 3)
        #expect(cause.causeCode == .staleCookieError)
        #expect(cause.name == "Stale Cookie Error")
        #expect(cause.kind == "stale-cookie-error")
        #expect(cause.body is StaleCookieErrorCause)
        #expect(
            StaleCookieErrorCause(stalenessMicroseconds: 5).encoded == ParameterTestSupport.hex("0003 0008 00000005"))
    }

    @Test func recordsUseReadableKindsAndFields() {
        #expect(
            ErrorCause.staleCookieError(StaleCookieErrorCause(stalenessMicroseconds: 5)).fieldRecord
                == FieldRecord(kind: "stale-cookie-error", fields: [.init("staleness_us", .unsigned(5))]))
        #expect(
            ErrorCause.invalidStreamIdentifier(InvalidStreamIdentifierCause(streamIdentifier: 4)).fieldRecord
                == FieldRecord(kind: "invalid-stream-identifier", fields: [.init("stream_id", .unsigned(4))]))
        #expect(
            ErrorCause.missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: [7])).fieldRecord
                == FieldRecord(kind: "missing-mandatory-parameter", fields: [.init("types", .list([.unsigned(7)]))]))
        #expect(
            MissingMandatoryParameterCause(missingTypes: [7], declaredCount: 2).fieldRecord.fields.map(\.name)
                == ["count", "types"])
        #expect(
            ErrorCause.unknown(UnknownErrorCause(code: 0xB0, value: [1])).fieldRecord
                == FieldRecord(
                    kind: "unknown-error-cause", fields: [.init("code", .unsigned(0xB0)), .init("value", .bytes([1]))]))
    }

    @Test func buildsFromWhatAnAuthorWrites() throws {
        #expect(
            try self.build("user-initiated-abort", [.init("reason", .bytes(Array("bye".utf8)))])
                == .userInitiatedAbort(UserInitiatedAbortCause(reason: Array("bye".utf8))))
        #expect(
            try self.build("missing-mandatory-parameter", [.init("types", .list([.unsigned(7), .unsigned(9)]))])
                == .missingMandatoryParameter(MissingMandatoryParameterCause(missingTypes: [7, 9], declaredCount: 2)))
        #expect(try self.build("illegal-asconf-ack", []) == .illegalASCONFAck(IllegalASCONFAckCause()))
        let restart = try self.build(
            "restart-with-new-addresses",
            [
                .init("addresses", .list([.record(ParameterTestSupport.ipv4.fieldRecord)]))
            ])
        #expect(
            restart == .restartWithNewAddresses(RestartWithNewAddressesCause(newAddresses: [ParameterTestSupport.ipv4]))
        )
        let unresolvable = try self.build(
            "unresolvable-address",
            [
                .init(
                    "address",
                    .record(FieldRecord(kind: "host-name-address", fields: [.init("host_name", .text("peer"))])))
            ])
        #expect(unresolvable.encoded == ParameterTestSupport.hex("0005 000d 000b 0009 7065657200 000000"))
        let reported = try self.build(
            "unrecognized-parameters",
            [
                .init(
                    "parameters",
                    .list([
                        .record(
                            FieldRecord(
                                kind: "unknown-parameter",
                                fields: [
                                    .init("type", .unsigned(0x8123)), .init("value", .bytes([0xAA])),
                                ]))
                    ]))
            ])
        #expect(reported.encoded == ParameterTestSupport.hex("0008 000c 8123 0005 aa000000"))
        #expect(
            try self.build("unrecognized-parameters", [.init("parameters", .bytes([1]))])
                == .unrecognizedParameters(UnrecognizedParametersCause(reportedBytes: [1])))
    }

    @Test func errorsPointAtTheField() {
        #expect(
            self.error("stale-cookie-error", [])
                == FieldRecordError(
                    path: "staleness_us", reason: "missing field 'staleness_us' of 'stale-cookie-error'"))
        #expect(self.error("invalid-stream-identifier", [.init("stream_id", .unsigned(65_536))])?.path == "stream_id")
        #expect(
            self.error("missing-mandatory-parameter", [.init("types", .list([.unsigned(1), .text("x")]))])?.path
                == "types[1]")
        #expect(
            self.error(
                "restart-with-new-addresses",
                [
                    .init(
                        "addresses",
                        .list([.record(FieldRecord(kind: "ipv4-address", fields: [.init("address", .text("1"))]))]))
                ])?.path == "addresses[0].address")
        #expect(
            self.error(
                "delete-source-address",
                [
                    .init(
                        "parameter",
                        .record(FieldRecord(kind: "add-ip-address", fields: [.init("correlation_id", .unsigned(1))])))
                ])?.path == "parameter.address")
        #expect(
            self.error("no-user-data", [.init("tsn", .unsigned(1)), .init("stream_id", .unsigned(1))])?.path
                == "stream_id")
        let kind = self.error("stale-cookie", [])
        #expect(kind?.path == "kind")
        #expect(
            kind?.reason.hasPrefix("'stale-cookie' is not an error cause kind (one of: invalid-stream-identifier,")
                == true)
        let tooLong = self.error(
            "protocol-violation", [.init("additional_information", .bytes([UInt8](repeating: 0, count: 65532)))])
        #expect(tooLong?.reason == "error cause would be 65536 bytes long, more than a length field can say (65535)")
    }

    @Test func schemasDescribeEveryKindAndTheFieldsItsRecordsUse() {
        let schemas = ErrorCause.fieldSchemas
        #expect(Set(schemas.map(\.kind)).count == schemas.count)
        #expect(Set(schemas.map(\.kind)).isDisjoint(with: Parameter.fieldSchemas.map(\.kind)))
        for schema in schemas {
            #expect(schema.kind.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(schema.kind)")
            #expect(schema.reference.hasPrefix("RFC "), "\(schema.kind)")
            for field in schema.fields {
                #expect(field.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(field.name)")
            }
        }
        for fixture in ErrorCauseCodecTests.fixtures {
            let record = fixture.value.fieldRecord
            guard let schema = schemas.first(where: { $0.kind == record.kind }) else {
                Issue.record("no schema for \(record.kind)")
                continue
            }
            for field in schema.fields where !field.isOptional {
                #expect(record[field.name] != nil, "\(record.kind) lacks \(field.name)")
            }
            for field in record.fields {
                #expect(schema.fields.contains { $0.name == field.name }, "\(record.kind).\(field.name)")
            }
        }
    }
}
