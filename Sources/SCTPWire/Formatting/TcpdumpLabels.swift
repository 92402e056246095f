/// The names tcpdump's SCTP printer uses (tcpdump `print-sctp.c`), so that our one-line summaries
/// read exactly like `tcpdump -n` output.
enum TcpdumpLabels {
    /// The bracketed chunk label: tcpdump's own name (`HB REQ`, `OP ERR`, `FOR CUM TSN`, and its
    /// `I-FORWARD-FSN` spelling), our name for the types tcpdump does not know (AUTH, NR-SACK, PAD),
    /// and tcpdump's `Unknown chunk type: 0x..` for the rest.
    static func chunkLabel(_ type: UInt8) -> String {
        ChunkRegistry.tcpdumpLabelByCode[Int(type)] ?? "Unknown chunk type: 0x" + String(type, radix: 16)
    }

    /// Payload protocol identifiers tcpdump prints by name; others print as `0x..`.
    static func ppid(_ ppid: UInt32) -> String {
        Self.ppidName(ppid) ?? "0x" + String(ppid, radix: 16)
    }

    /// The name tcpdump prints for a payload protocol identifier, nil for those it prints in hex.
    static func ppidName(_ ppid: UInt32) -> String? {
        switch ppid {
        case 1: "ISDN Q.921"
        case 2: "M2UA"
        case 3: "M3UA"
        case 4: "SUA"
        case 5: "M2PA"
        case 6: "V5.2"
        case 7: "H.248"
        case 8: "BICC"
        case 9: "TALI"
        case 10: "DUA"
        case 11: "ASAP"
        case 12: "ENRP"
        case 13: "H.323"
        case 14: "Q.IPC"
        case 15: "SIMCO"
        case 16: "DDPSC"
        case 17: "DDPSSC"
        case 18: "S1AP"
        case 19: "RUA"
        case 20: "HNBAP"
        case 21: "ForCES HP"
        case 22: "ForCES MP"
        case 23: "ForCES LP"
        case 24: "SBc-AP"
        case 25: "NBAP"
        case 27: "X2AP"
        default: nil
        }
    }

    /// RE-CONFIG parameter names (tcpdump prints `#<type>` for others).
    static func reConfigParameter(_ type: UInt16) -> String {
        switch type {
        case 13: "OUT SSN RESET"
        case 14: "IN SSN RESET"
        case 15: "SSN/TSN Reset"
        case 16: "RESP"
        case 17: "ADD OUT STREAM"
        case 18: "ADD IN STREAM"
        default: "#\(type)"
        }
    }

    /// ASCONF parameter names (tcpdump prints `#<type>` for others).
    static func asconfParameter(_ type: UInt16) -> String {
        switch type {
        case 0xC004: "SET PRIM ADDR"
        case 0xC006: "Adaptation Layer Indication"
        case 0x8008: "Supported Extensions"
        case 0xC001: "ADD ADDR"
        case 0xC002: "DEL ADDR"
        case 0xC003: "ERR"
        case 0xC005: "SUCCESS"
        default: "#\(type)"
        }
    }

    /// The ForCES channel a port carries (tcpdump marks them after `sctp`).
    static func forcesChannel(_ port: UInt16) -> String? {
        switch port {
        case 6704: "ForCES HP"
        case 6705: "ForCES MP"
        case 6706: "ForCES LP"
        default: nil
        }
    }
}

extension ChunkType {
    /// The label tcpdump prints for this type (`HB REQ`, `OP ERR`, `Unknown chunk type: 0x55`).
    public var tcpdumpName: String {
        TcpdumpLabels.chunkLabel(self.rawValue)
    }
}
