import SCTPWire

/// Fixed chunk fields (RFC 9260 §3.2, §3.3): flag bits a chunk type does not define.
enum ChunkFieldRules {
    static let reservedFlags = RuleDescriptor(
        "chunk.reserved-flags", family: .chunk, sections: [.sctp("3.2"), .sctp("3.3")], severity: .should,
        statement: "Flag bits a chunk type does not define are sent as zero.")

    static let rules = [reservedFlags]

    /// Reads each chunk's type and flags from the bytes (undecodable chunks included). `RawChunkWalk`'s
    /// walk, written out: this runs for every packet of a capture, where the generic walk costs a
    /// retain and some instructions per packet (`sctpconform-bench check`).
    static func judge(_ view: PacketView, into findings: inout PacketFindings) {
        let bytes = view.bytes
        var offset = 12
        var index = 0
        while offset + 4 <= bytes.count {
            index += 1
            let type = ChunkType(bytes[offset])
            let flags = bytes[offset + 1]
            // The chunk registry's flat table, read in place (a copy would cost a retain per packet).
            let entry = ChunkRegistry.definedFlagsByCode[Int(type.rawValue)]
            if entry <= 0xFF, flags & ~UInt8(truncatingIfNeeded: entry) != 0 {
                let defined = UInt8(truncatingIfNeeded: entry)
                findings.report(
                    Self.reservedFlags,
                    "chunk \(index) (\(PacketFormatRules.name(type))) has flags \(RuleText.hex8(flags)); "
                        + "only \(RuleText.hex8(defined)) are defined")
            }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            guard length >= 4 else { return }
            offset += (length + 3) & ~3
        }
    }

    /// The flag bits the chunk registry says `type` defines, nil for types not judged here.
    @inline(__always)
    static func definedFlags(_ type: ChunkType) -> UInt8? {
        ChunkRegistry.definedFlags(type)
    }
}
