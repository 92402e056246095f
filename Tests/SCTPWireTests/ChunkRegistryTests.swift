import SCTPWire
import Testing

/// The chunk registry: one entry per registered type, agreeing with the typed values and with the
/// tables derived from it.
@Suite struct ChunkRegistryTests {
    @Test(arguments: KnownChunkType.allCases)
    func entryDescribesItsOwnType(_ type: KnownChunkType) {
        let entry = type.registration
        #expect(entry.type == type)
        #expect(entry.body.chunkType == type.chunkType, "\(entry.body) is registered for \(type)")
        #expect(ChunkType(kind: entry.kind) == type.chunkType)
        #expect(type.chunkType.name == entry.name)
        #expect(type.chunkType.kind == entry.kind)
        #expect(type.chunkType.tcpdumpName == entry.tcpdumpLabel)
        #expect(entry.fieldSchema.kind == entry.kind)
        #expect(ChunkType(type.rawValue).knownType == type)
    }

    @Test func everyRegisteredTypeHasSamplesThatDecodeToIt() throws {
        var covered = Set<KnownChunkType>()
        for (name, chunk) in ChunkSamples.all {
            guard let known = chunk.type.knownType else { continue }
            covered.insert(known)
            let decoded = try Chunk(decoding: chunk.encoded)
            #expect(decoded.type == chunk.type, "\(name)")
            #expect(chunk.fieldRecord.kind == known.registration.kind, "\(name)")
            #expect(try Chunk(fieldRecord: chunk.fieldRecord) == chunk, "\(name)")
        }
        #expect(Set(KnownChunkType.allCases).subtracting(covered).isEmpty, "no sample: \(covered)")
    }

    @Test func unregisteredCodesHaveNoEntry() {
        let registered = Set(KnownChunkType.allCases.map(\.rawValue))
        for code in UInt8.min...UInt8.max where !registered.contains(code) {
            #expect(ChunkType(code).registration == nil)
            #expect(ChunkType(code).name == nil)
            #expect(ChunkType(code).kind == "unknown-chunk")
            #expect(ChunkRegistry.definedFlags(ChunkType(code)) == nil)
            #expect(ChunkRegistry.tlvListOffset(ChunkType(code)) == nil)
        }
        #expect(ChunkType.known == KnownChunkType.allCases.map(\.chunkType))
    }

    /// The flat tables the per-chunk rules read agree with the entries.
    @Test(arguments: KnownChunkType.allCases)
    func flatTablesAgreeWithTheEntry(_ type: KnownChunkType) {
        #expect(ChunkRegistry.definedFlags(type.chunkType) == type.registration.definedFlags)
        #expect(ChunkRegistry.tlvListOffset(type.chunkType) == type.registration.tlvList?.offset)
    }

    /// Every chunk that carries parameters or error causes has a TLV list in its entry, starting
    /// right after the fixed fields the typed decoder reads first.
    @Test func tlvListsStartAfterTheFixedFields() {
        let expected: [KnownChunkType: (Int, TLVListLayout.Element)] = [
            .initiation: (20, .parameters), .initiationAck: (20, .parameters), .heartbeat: (4, .parameters),
            .heartbeatAck: (4, .parameters), .abort: (4, .errorCauses), .error: (4, .errorCauses),
            .asconf: (8, .parameters), .asconfAck: (8, .parameters), .reConfig: (4, .parameters),
        ]
        for type in KnownChunkType.allCases {
            let list = type.registration.tlvList
            #expect(list?.offset == expected[type]?.0, "\(type)")
            #expect(list?.element == expected[type]?.1, "\(type)")
        }
    }
}
