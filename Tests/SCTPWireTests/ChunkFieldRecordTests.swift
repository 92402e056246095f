import SCTPWire
import Testing

/// The field view of chunks: names scenarios write, flags by name, errors that name the field, and
/// schemas that match the records (so the generated documentation cannot drift).
@Suite struct ChunkFieldRecordTests {
    @Test func initRecordUsesTheDocumentedNames() throws {
        let chunk = try #require(ChunkSamples.all.first { $0.name == "init with parameters" }?.chunk)
        let record = chunk.fieldRecord
        #expect(record.kind == "init")
        #expect(
            record.fields.map(\.name)
                == [
                    "flags", "initiate_tag", "a_rwnd", "outbound_streams", "inbound_streams", "initial_tsn",
                    "parameters",
                ])
        #expect(record["initiate_tag"] == .unsigned(0xf3dc_3087))
        #expect(record["a_rwnd"] == .unsigned(106_496))
        guard case .list(let parameters) = record["parameters"] else { Issue.record("no parameter list"); return }
        #expect(parameters.count == 3)
        guard case .record(let first) = parameters.first else { Issue.record("not a record"); return }
        #expect(first.kind == "supported-address-types")
    }

    @Test func aScenarioStyleInitRecordBuildsTheChunk() throws {
        // `init: {initiate_tag: 1, a_rwnd: 65535, outbound_streams: 10, inbound_streams: 10, initial_tsn: 100}`
        let record = FieldRecord(
            kind: "init",
            fields: [
                .init("initiate_tag", .unsigned(1)), .init("a_rwnd", .unsigned(65535)),
                .init("outbound_streams", .unsigned(10)), .init("inbound_streams", .unsigned(10)),
                .init("initial_tsn", .unsigned(100)),
            ])
        #expect(
            try Chunk(fieldRecord: record)
                == .initiation(
                    InitChunk(
                        initiateTag: 1, advertisedReceiverWindow: 65535, outboundStreams: 10, inboundStreams: 10,
                        initialTSN: 100)))
    }

    @Test func dataFlagsByNameAndByByte() throws {
        let record = FieldRecord(
            kind: "data",
            fields: [
                .init("unordered", .flag(true)), .init("beginning", .flag(true)), .init("ending", .flag(false)),
                .init("tsn", .unsigned(7)), .init("stream_id", .unsigned(1)), .init("stream_seq", .unsigned(0)),
                .init("ppid", .unsigned(51)), .init("user_data", .bytes([1, 2])),
            ])
        let chunk = try DataChunk(fieldRecord: record)
        #expect(chunk.flags == [.unordered, .beginning])
        #expect(chunk.flags.rawValue == 0x06)
        // The byte gives reserved bits; named flags then override their bits.
        var withByte = record
        withByte["flags"] = .unsigned(0xF1)
        let overridden = try DataChunk(fieldRecord: withByte)
        #expect(overridden.flags.rawValue == 0xF6)
        #expect(overridden.fieldRecord["flags"] == .unsigned(0xF6))
        #expect(overridden.fieldRecord["ending"] == .flag(false))
        #expect(overridden.fieldRecord["immediate"] == .flag(false))
    }

    @Test func tBitByName() throws {
        let abort = try AbortChunk(fieldRecord: FieldRecord(kind: "abort", fields: [.init("t_bit", .flag(true))]))
        #expect(abort == AbortChunk(flags: .tBit))
        #expect(abort.fieldRecord["t_bit"] == .flag(true))
        let complete = Chunk.shutdownComplete(ShutdownCompleteChunk(flags: .tBit))
        #expect(complete.fieldRecord["t_bit"] == .flag(true))
        #expect(complete.fieldRecord["flags"] == .unsigned(1))
    }

    @Test func errorsNameTheField() {
        func failure(_ record: FieldRecord) -> FieldRecordError? {
            do {
                _ = try Chunk(fieldRecord: record)
                return nil
            } catch {
                return error
            }
        }
        let missing = failure(FieldRecord(kind: "shutdown"))
        #expect(missing?.path == "cumulative_tsn_ack")
        let tooBig = failure(
            FieldRecord(
                kind: "data",
                fields: [
                    .init("tsn", .unsigned(1)), .init("stream_id", .unsigned(70000)), .init("stream_seq", .unsigned(0)),
                    .init("ppid", .unsigned(0)), .init("user_data", .bytes([])),
                ]))
        #expect(tooBig?.path == "stream_id")
        #expect(tooBig?.reason.contains("16 bits") == true)
        let typo = failure(FieldRecord(kind: "cookie-ack", fields: [.init("unorderd", .flag(true))]))
        #expect(typo?.path == "unorderd")
        let wrongFlag = failure(FieldRecord(kind: "abort", fields: [.init("t_bit", .unsigned(1))]))
        #expect(wrongFlag?.path == "t_bit")
        #expect(failure(FieldRecord(kind: "no-such-chunk"))?.path == "kind")
        let nested = failure(
            FieldRecord(
                kind: "sack",
                fields: [
                    .init("cumulative_tsn_ack", .unsigned(1)), .init("a_rwnd", .unsigned(2)),
                    .init(
                        "gap_blocks",
                        .list([.record(FieldRecord(kind: "gap-block", fields: [.init("start", .unsigned(1))]))])),
                ]))
        #expect(nested?.path == "gap_blocks[0].end")
        let badParameter = failure(
            FieldRecord(
                kind: "heartbeat",
                fields: [
                    .init(
                        "parameters",
                        .list([.record(FieldRecord(kind: "heartbeat-info", fields: [.init("info", .unsigned(1))]))]))
                ]))
        #expect(badParameter?.path == "parameters[0].info")
        let bothWords = failure(
            FieldRecord(
                kind: "i-data",
                fields: [
                    .init("tsn", .unsigned(1)), .init("stream_id", .unsigned(1)), .init("message_id", .unsigned(1)),
                    .init("ppid", .unsigned(1)), .init("fsn", .unsigned(2)), .init("user_data", .bytes([])),
                ]))
        #expect(bothWords?.path == "fsn")
    }

    @Test func iDataWordIsPPIDOrFSNByTheBBit() throws {
        let first = IDataChunk(flags: [.beginning], tsn: 1, messageID: 1, ppidOrFSN: 46, userData: [1])
        #expect(first.fieldRecord["ppid"] == .unsigned(46))
        #expect(first.fieldRecord["fsn"] == nil)
        #expect(first.ppid == 46 && first.fsn == nil)
        let later = IDataChunk(flags: [.ending], tsn: 1, messageID: 1, ppidOrFSN: 3, userData: [1])
        #expect(later.fieldRecord["fsn"] == .unsigned(3))
        #expect(later.fsn == 3 && later.ppid == nil)
    }

    @Test func unknownChunkRecord() throws {
        let record = FieldRecord(kind: "unknown-chunk", fields: [.init("type", .unsigned(0xBF))])
        #expect(try Chunk(fieldRecord: record) == .unknown(UnknownChunk(type: 0xBF)))
        #expect(throws: FieldRecordError.self) {
            try Chunk(fieldRecord: FieldRecord(kind: "unknown-chunk", fields: [.init("type", .unsigned(256))]))
        }
    }

    /// Every record a chunk produces lists exactly the schema's fields, in schema order (optional fields
    /// may be left out), and names every kind it nests in the schema list.
    @Test(arguments: ChunkSamples.all.map(\.name))
    func recordsMatchTheirSchema(name: String) throws {
        let chunk = try #require(ChunkSamples.all.first { $0.name == name }?.chunk)
        let record = chunk.fieldRecord
        let schema = try #require(Chunk.fieldSchema(kind: record.kind))
        let schemaNames = schema.fields.map(\.name)
        let recordNames = record.fields.map(\.name)
        #expect(recordNames == schemaNames.filter { recordNames.contains($0) }, "order differs from schema")
        for field in schema.fields where !field.isOptional {
            #expect(recordNames.contains(field.name), "required field \(field.name) missing")
        }
        #expect(schema.reference.hasPrefix("RFC") || schema.reference.hasPrefix("draft"))
    }

    @Test func schemasCoverEveryKind() {
        let kinds = Set(Chunk.fieldSchemas.map(\.kind))
        for type in ChunkType.known {
            #expect(kinds.contains(type.kind))
        }
        #expect(kinds.contains("unknown-chunk"))
        #expect(kinds.contains("gap-block"))
        #expect(Chunk.fieldSchemas.count == kinds.count)
    }

    @Test func generatedFieldTableMentionsEveryField() {
        let table = ChunkFieldTable.markdown()
        for schema in Chunk.fieldSchemas {
            #expect(table.contains("### `\(schema.kind)`"))
            for field in schema.fields {
                #expect(table.contains("| `\(field.name)` |"), "\(schema.kind).\(field.name) not documented")
            }
        }
    }
}
