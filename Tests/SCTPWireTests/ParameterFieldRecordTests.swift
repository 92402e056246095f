import SCTPWire
import Testing

/// The field view scenario authors write in YAML: obvious names, errors that point at the field.
@Suite struct ParameterFieldRecordTests {
    func build(_ kind: String, _ fields: [FieldRecord.Field]) throws(FieldRecordError) -> Parameter {
        try Parameter(fieldRecord: FieldRecord(kind: kind, fields: fields))
    }

    func error(_ kind: String, _ fields: [FieldRecord.Field]) -> FieldRecordError? {
        ParameterTestSupport.recordError { () throws(FieldRecordError) in try self.build(kind, fields) }
    }

    @Test func recordsUseReadableKindsAndFields() {
        #expect(
            ParameterTestSupport.ipv4.fieldRecord
                == FieldRecord(kind: "ipv4-address", fields: [.init("address", .text("198.18.0.1"))]))
        #expect(
            ParameterTestSupport.ipv6.fieldRecord
                == FieldRecord(kind: "ipv6-address", fields: [.init("address", .text("2001:db8::1"))]))
        #expect(
            Parameter.stateCookie(StateCookieParameter(cookie: [1])).fieldRecord
                == FieldRecord(kind: "state-cookie", fields: [.init("cookie", .bytes([1]))]))
        #expect(
            Parameter.supportedAddressTypes(SupportedAddressTypesParameter(addressTypes: [5, 6])).fieldRecord
                == FieldRecord(
                    kind: "supported-address-types", fields: [.init("types", .list([.unsigned(5), .unsigned(6)]))]))
        #expect(
            Parameter.unknown(UnknownParameter(type: 0x8123, value: [9])).fieldRecord
                == FieldRecord(
                    kind: "unknown-parameter", fields: [.init("type", .unsigned(0x8123)), .init("value", .bytes([9]))]))
    }

    @Test func buildsFromWhatAnAuthorWrites() throws {
        #expect(try self.build("ipv4-address", [.init("address", .text("198.18.0.1"))]) == ParameterTestSupport.ipv4)
        #expect(try self.build("ipv6-address", [.init("address", .text("2001:DB8:0::1"))]) == ParameterTestSupport.ipv6)
        #expect(try self.build("forward-tsn-supported", []) == .forwardTSNSupported(ForwardTSNSupportedParameter()))
        #expect(
            try self.build("host-name-address", [.init("host_name", .text("peer.example"))])
                == .hostNameAddress(HostNameAddressParameter(value: Array("peer.example".utf8) + [0])))
        #expect(
            try self.build("unknown-parameter", [.init("type", .unsigned(0xC123))])
                == .unknown(UnknownParameter(type: 0xC123, value: [])))
        #expect(
            try self.build("incoming-ssn-reset-request", [.init("request_sequence_number", .unsigned(3))])
                == .incomingSSNResetRequest(IncomingSSNResetRequestParameter(requestSequenceNumber: 3)))
        #expect(
            try self.build(
                "add-outgoing-streams-request",
                [
                    .init("request_sequence_number", .unsigned(3)), .init("new_streams", .unsigned(2)),
                ])
                == .addOutgoingStreamsRequest(
                    AddOutgoingStreamsRequestParameter(requestSequenceNumber: 3, newStreams: 2)))
    }

    @Test func optionalFieldsAreShownOnlyWhenTheyCarrySomething() {
        let plain = AddIncomingStreamsRequestParameter(requestSequenceNumber: 1, newStreams: 2)
        #expect(plain.fieldRecord.fields.map(\.name) == ["request_sequence_number", "new_streams"])
        let reserved = AddIncomingStreamsRequestParameter(requestSequenceNumber: 1, newStreams: 2, reserved: 1)
        #expect(reserved.fieldRecord.fields.map(\.name) == ["request_sequence_number", "new_streams", "reserved"])
        let short = ReconfigurationResponseParameter(responseSequenceNumber: 1, result: .denied)
        #expect(short.fieldRecord.fields.map(\.name) == ["response_sequence_number", "result"])
    }

    @Test func errorsNameTheMissingField() {
        let error = self.error("ipv4-address", [])
        #expect(error?.path == "address")
        #expect(error?.reason == "missing field 'address' of 'ipv4-address'")
    }

    @Test func errorsNameAFieldOfTheWrongShape() {
        #expect(
            self.error("ipv4-address", [.init("address", .unsigned(1))])
                == FieldRecordError(path: "address", reason: "expected text, found an unsigned integer"))
        #expect(self.error("state-cookie", [.init("cookie", .text("abc"))])?.reason == "expected bytes, found text")
        #expect(
            self.error("supported-address-types", [.init("types", .unsigned(5))])?.reason
                == "expected a list, found an unsigned integer")
    }

    @Test func errorsNameAValueThatDoesNotFit() {
        #expect(
            self.error("cookie-preservative", [.init("life_span_increment_ms", .unsigned(1 << 32))])
                == FieldRecordError(
                    path: "life_span_increment_ms", reason: "4294967296 does not fit in 32 bits (maximum 4294967295)"))
        #expect(self.error("unknown-parameter", [.init("type", .unsigned(70_000))])?.path == "type")
        #expect(
            self.error("chunk-list", [.init("chunk_types", .list([.unsigned(1), .unsigned(256)]))])?.path
                == "chunk_types[1]")
        #expect(
            self.error("ipv4-address", [.init("address", .text("198.18.0.256"))])
                == FieldRecordError(path: "address", reason: "'198.18.0.256' is not a dotted IPv4 address"))
        #expect(self.error("ipv6-address", [.init("address", .text("2001:db8:::1"))])?.path == "address")
    }

    @Test func errorsNameAnUnknownFieldAndListTheKnownOnes() {
        let error = self.error("ipv4-address", [.init("adress", .text("198.18.0.1"))])
        #expect(
            error == FieldRecordError(path: "adress", reason: "'ipv4-address' has no field 'adress' (fields: address)"))
        #expect(
            self.error("ecn-capable", [.init("x", .flag(true))])?.reason == "'ecn-capable' has no field 'x' (no fields)"
        )
    }

    @Test func errorsNameAnUnknownKind() {
        let error = self.error("ipv4", [])
        #expect(error?.path == "kind")
        #expect(
            error?.reason.hasPrefix("'ipv4' is not a parameter kind (one of: heartbeat-info, ipv4-address,") == true)
    }

    @Test func nestedErrorsCarryTheFullPath() {
        let address = self.error(
            "add-ip-address",
            [
                .init("correlation_id", .unsigned(1)),
                .init("address", .record(FieldRecord(kind: "ipv4-address", fields: [.init("address", .text("x"))]))),
            ])
        #expect(address?.path == "address.address")
        let cause = self.error(
            "error-cause-indication",
            [
                .init("correlation_id", .unsigned(1)),
                .init(
                    "causes",
                    .list([
                        .record(FieldRecord(kind: "out-of-resource")),
                        .record(FieldRecord(kind: "stale-cookie-error", fields: [.init("staleness_us", .bytes([]))])),
                    ])),
            ])
        #expect(cause?.path == "causes[1].staleness_us")
        let notRecord = self.error(
            "add-ip-address", [.init("correlation_id", .unsigned(1)), .init("address", .text("1.2.3.4"))])
        #expect(notRecord == FieldRecordError(path: "address", reason: "expected a record, found text"))
        #expect(FieldRecordError(path: "address", reason: "r").prefixingPath("params[2]").path == "params[2].address")
        #expect(FieldRecordError(path: "[1]", reason: "r").prefixingPath("types").path == "types[1]")
        #expect(FieldRecordError(path: "", reason: "r").prefixingPath("params[0]").path == "params[0]")
    }

    @Test func hostNameTakesEitherTextOrBytes() throws {
        #expect(
            try self.build("host-name-address", [.init("value", .bytes([0x61]))])
                == .hostNameAddress(HostNameAddressParameter(value: [0x61])))
        #expect(
            self.error("host-name-address", [.init("host_name", .text("a")), .init("value", .bytes([]))])?.path
                == "value")
        #expect(self.error("host-name-address", [])?.path == "host_name")
        #expect(HostNameAddressParameter(value: [0x61]).fieldRecord.fields.map(\.name) == ["value"])
        #expect(HostNameAddressParameter(hostName: "a").fieldRecord.fields.map(\.name) == ["host_name"])
        #expect(HostNameAddressParameter(value: [0x61, 0, 0x62]).hostName == "a")
    }

    @Test func unrecognizedParameterTakesARecordOrBytes() throws {
        let fromRecord = try self.build(
            "unrecognized-parameter", [.init("parameter", .record(ParameterTestSupport.ipv4.fieldRecord))])
        #expect(fromRecord.encoded == ParameterTestSupport.hex("0008 000c 0005 0008 c6120001"))
        let fromBytes = try self.build("unrecognized-parameter", [.init("parameter", .bytes([1, 2]))])
        #expect(fromBytes == .unrecognizedParameter(UnrecognizedParameter(reportedBytes: [1, 2])))
        guard case .unrecognizedParameter(let report) = fromRecord else {
            Issue.record("not an unrecognized-parameter")
            return
        }
        #expect(report.reportedParameter == ParameterTestSupport.ipv4)
        #expect(UnrecognizedParameter(reportedBytes: [1, 2]).reportedParameter == nil)
        #expect(throws: WireDecodingError.self) {
            try UnrecognizedParameter(reportedBytes: [1, 2]).decodeReportedParameter()
        }
    }

    @Test func reconfigurationResponseNeedsBothNextTSNsOrNeither() {
        let base: [FieldRecord.Field] = [
            .init("response_sequence_number", .unsigned(1)), .init("result", .unsigned(0)),
        ]
        #expect(
            self.error("reconfiguration-response", base + [.init("sender_next_tsn", .unsigned(1))])?.path
                == "receiver_next_tsn")
        #expect(
            self.error("reconfiguration-response", base + [.init("receiver_next_tsn", .unsigned(1))])?.path
                == "sender_next_tsn")
    }

    @Test func valuesTooLongForTheLengthFieldAreRejected() {
        let fits = [UInt8](repeating: 0, count: 65531)
        #expect(self.error("state-cookie", [.init("cookie", .bytes(fits))]) == nil)
        let error = self.error("state-cookie", [.init("cookie", .bytes(fits + [0]))])
        #expect(error?.reason == "parameter would be 65536 bytes long, more than a length field can say (65535)")
    }

    @Test func schemasDescribeEveryKindAndTheFieldsItsRecordsUse() {
        let schemas = Parameter.fieldSchemas
        #expect(Set(schemas.map(\.kind)).count == schemas.count)
        for schema in schemas {
            #expect(schema.kind.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(schema.kind)")
            #expect(schema.reference.hasPrefix("RFC "), "\(schema.kind)")
            for field in schema.fields {
                #expect(field.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(field.name)")
                #expect(!field.summary.isEmpty)
            }
        }
        for fixture in ParameterCodecTests.fixtures {
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
