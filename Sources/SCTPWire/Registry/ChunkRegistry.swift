/// The chunk registry: one entry per registered chunk type. Every per-type table of the project
/// (names, tcpdump labels, defined flags, TLV list offsets, field records, scenario defaults) reads
/// its entry here. Adding a chunk type is its file in `Chunks/`, a case of `KnownChunkType`, its
/// entry below, a case of `Chunk`, and its tests; the switches without `default` over `Chunk` and
/// `KnownChunkType` name everything else the compiler needs.
extension KnownChunkType {
    /// This type's entry.
    public var registration: ChunkDescription {
        switch self {
        case .data:
            ChunkDescription(
                self, DataChunk.self, name: "DATA", kind: "data", tcpdumpLabel: "DATA", reference: "RFC 9260 §3.3.1",
                definedFlags: 0x0F, defaults: .data)
        case .initiation:
            ChunkDescription(
                self, InitChunk.self, name: "INIT", kind: "init", tcpdumpLabel: "INIT", reference: "RFC 9260 §3.3.2",
                definedFlags: 0x00, tlvList: .parameters(at: 20), defaults: .initiation)
        case .initiationAck:
            ChunkDescription(
                self, InitAckChunk.self, name: "INIT ACK", kind: "init-ack", tcpdumpLabel: "INIT ACK",
                reference: "RFC 9260 §3.3.3", definedFlags: 0x00, tlvList: .parameters(at: 20),
                defaults: .initiationAck)
        case .sack:
            ChunkDescription(
                self, SACKChunk.self, name: "SACK", kind: "sack", tcpdumpLabel: "SACK", reference: "RFC 9260 §3.3.4",
                definedFlags: 0x00, defaults: .sack)
        case .heartbeat:
            ChunkDescription(
                self, HeartbeatChunk.self, name: "HEARTBEAT", kind: "heartbeat", tcpdumpLabel: "HB REQ",
                reference: "RFC 9260 §3.3.5", definedFlags: 0x00, tlvList: .parameters(at: 4), defaults: .heartbeat)
        case .heartbeatAck:
            ChunkDescription(
                self, HeartbeatAckChunk.self, name: "HEARTBEAT ACK", kind: "heartbeat-ack", tcpdumpLabel: "HB ACK",
                reference: "RFC 9260 §3.3.6", definedFlags: 0x00, tlvList: .parameters(at: 4),
                defaults: .heartbeatAck)
        case .abort:
            ChunkDescription(
                self, AbortChunk.self, name: "ABORT", kind: "abort", tcpdumpLabel: "ABORT",
                reference: "RFC 9260 §3.3.7", definedFlags: 0x01, tlvList: .errorCauses(at: 4))
        case .shutdown:
            ChunkDescription(
                self, ShutdownChunk.self, name: "SHUTDOWN", kind: "shutdown", tcpdumpLabel: "SHUTDOWN",
                reference: "RFC 9260 §3.3.8", definedFlags: 0x00, defaults: .shutdown)
        case .shutdownAck:
            ChunkDescription(
                self, ShutdownAckChunk.self, name: "SHUTDOWN ACK", kind: "shutdown-ack",
                tcpdumpLabel: "SHUTDOWN ACK", reference: "RFC 9260 §3.3.9", definedFlags: 0x00)
        case .error:
            ChunkDescription(
                self, ErrorChunk.self, name: "ERROR", kind: "error", tcpdumpLabel: "OP ERR",
                reference: "RFC 9260 §3.3.10", definedFlags: 0x00, tlvList: .errorCauses(at: 4))
        case .cookieEcho:
            ChunkDescription(
                self, CookieEchoChunk.self, name: "COOKIE ECHO", kind: "cookie-echo", tcpdumpLabel: "COOKIE ECHO",
                reference: "RFC 9260 §3.3.11", definedFlags: 0x00, defaults: .cookieEcho)
        case .cookieAck:
            ChunkDescription(
                self, CookieAckChunk.self, name: "COOKIE ACK", kind: "cookie-ack", tcpdumpLabel: "COOKIE ACK",
                reference: "RFC 9260 §3.3.12", definedFlags: 0x00)
        case .ecne:
            ChunkDescription(
                self, ECNEChunk.self, name: "ECNE", kind: "ecne", tcpdumpLabel: "ECN ECHO",
                reference: "RFC 4960 Appendix A", definedFlags: nil)
        case .cwr:
            ChunkDescription(
                self, CWRChunk.self, name: "CWR", kind: "cwr", tcpdumpLabel: "ECN CWR",
                reference: "RFC 4960 Appendix A", definedFlags: nil)
        case .shutdownComplete:
            ChunkDescription(
                self, ShutdownCompleteChunk.self, name: "SHUTDOWN COMPLETE", kind: "shutdown-complete",
                tcpdumpLabel: "SHUTDOWN COMPLETE", reference: "RFC 9260 §3.3.13", definedFlags: 0x01)
        case .auth:
            ChunkDescription(
                self, AuthChunk.self, name: "AUTH", kind: "auth", tcpdumpLabel: "AUTH", reference: "RFC 4895 §4.1",
                definedFlags: nil)
        case .nrSack:
            ChunkDescription(
                self, NRSACKChunk.self, name: "NR-SACK", kind: "nr-sack", tcpdumpLabel: "NR-SACK",
                reference: "draft-natarajan-tsvwg-sctp-nrsack", definedFlags: nil)
        case .iData:
            ChunkDescription(
                self, IDataChunk.self, name: "I-DATA", kind: "i-data", tcpdumpLabel: "I-DATA",
                reference: "RFC 8260 §2.1", definedFlags: 0x0F)
        case .asconfAck:
            // The serial number, then the responses (RFC 5061 §4.1.2).
            ChunkDescription(
                self, ASCONFAckChunk.self, name: "ASCONF-ACK", kind: "asconf-ack", tcpdumpLabel: "ASCONF-ACK",
                reference: "RFC 5061 §4.1.2", definedFlags: nil, tlvList: .parameters(at: 8))
        case .reConfig:
            ChunkDescription(
                self, ReConfigChunk.self, name: "RE-CONFIG", kind: "re-config", tcpdumpLabel: "RE-CONFIG",
                reference: "RFC 6525 §3.1", definedFlags: nil, tlvList: .parameters(at: 4))
        case .pad:
            ChunkDescription(
                self, PadChunk.self, name: "PAD", kind: "pad", tcpdumpLabel: "PAD", reference: "RFC 4820 §3",
                definedFlags: nil)
        case .forwardTSN:
            ChunkDescription(
                self, ForwardTSNChunk.self, name: "FORWARD TSN", kind: "forward-tsn", tcpdumpLabel: "FOR CUM TSN",
                reference: "RFC 3758 §3.2", definedFlags: nil)
        case .asconf:
            // The serial number, then the address parameter and the requests, all TLVs (RFC 5061 §4.1.1).
            ChunkDescription(
                self, ASCONFChunk.self, name: "ASCONF", kind: "asconf", tcpdumpLabel: "ASCONF",
                reference: "RFC 5061 §4.1.1", definedFlags: nil, tlvList: .parameters(at: 8))
        case .iForwardTSN:
            // tcpdump spells it I-FORWARD-FSN.
            ChunkDescription(
                self, IForwardTSNChunk.self, name: "I-FORWARD-TSN", kind: "i-forward-tsn",
                tcpdumpLabel: "I-FORWARD-FSN", reference: "RFC 8260 §2.3.1", definedFlags: nil)
        }
    }
}

/// The registry's entries indexed by type code, and the flat tables the hot paths read.
public enum ChunkRegistry {
    /// Every entry, in type-code order.
    public static let entries: [ChunkDescription] = KnownChunkType.allCases.map(\.registration)

    /// The entry for each of the 256 type codes, nil for an unregistered one.
    static let byCode: [ChunkDescription?] = {
        var table = [ChunkDescription?](repeating: nil, count: 256)
        for entry in Self.entries {
            table[Int(entry.type.rawValue)] = entry
        }
        return table
    }()

    /// The entry of `type`, nil for an unregistered type.
    @inline(__always)
    public static func entry(_ type: ChunkType) -> ChunkDescription? {
        Self.byCode[Int(type.rawValue)]
    }

    /// The entry whose field-record kind is `kind` (`init-ack`), nil for none.
    public static func entry(kind: String) -> ChunkDescription? {
        Self.byKind[kind]
    }

    private static let byKind: [String: ChunkDescription] = Dictionary(
        uniqueKeysWithValues: Self.entries.map { ($0.kind, $0) })

    /// `definedFlags` per type code, with 0x100 for "not judged": read for every chunk of a capture.
    public static let definedFlagsByCode: [UInt16] = Self.byCode.map { entry in
        entry?.definedFlags.map(UInt16.init) ?? 0x100
    }

    /// `tcpdumpLabel` per type code, nil for an unregistered type: read for every chunk `decode` prints.
    static let tcpdumpLabelByCode: [String?] = Self.byCode.map { $0?.tcpdumpLabel }

    /// `tlvList.offset` per type code, 0 for none: read for every chunk of a capture.
    public static let tlvListOffsetByCode: [UInt8] = Self.byCode.map { entry in
        UInt8(entry?.tlvList?.offset ?? 0)
    }

    /// The flag bits `type` defines, nil for a type whose flags are not judged (unregistered, or an
    /// extension whose entry leaves them out). A table read, for the per-chunk rules.
    @inlinable
    public static func definedFlags(_ type: ChunkType) -> UInt8? {
        let value = Self.definedFlagsByCode[Int(type.rawValue)]
        return value > 0xFF ? nil : UInt8(truncatingIfNeeded: value)
    }

    /// Where the top-level parameters or error causes of a chunk of `type` start, counted from the
    /// chunk's first byte; nil for a type that carries none. A table read, for the per-chunk rules.
    @inlinable
    public static func tlvListOffset(_ type: ChunkType) -> Int? {
        let value = Self.tlvListOffsetByCode[Int(type.rawValue)]
        return value == 0 ? nil : Int(value)
    }
}
