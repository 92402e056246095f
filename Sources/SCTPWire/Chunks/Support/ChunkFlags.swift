/// The flags byte of a chunk as a set of named bits (RFC 9260 §3.2). Every conforming type keeps the
/// whole byte, reserved bits included, so a chunk's flags survive decode and encode unchanged.
public protocol ChunkFlagSet: OptionSet, Hashable, Sendable where RawValue == UInt8 {
    /// The bits this chunk type defines: field-record name, mask and a one-line summary.
    static var namedBits: [ChunkFlagBit] { get }
}

/// One named bit of a chunk's flags byte.
public struct ChunkFlagBit: Hashable, Sendable {
    /// The field-record name (`unordered`, `t_bit`).
    public var name: String
    /// The bit's mask in the flags byte.
    public var mask: UInt8
    /// What the bit means, for documentation tables.
    public var summary: String

    public init(_ name: String, mask: UInt8, _ summary: String) {
        self.name = name
        self.mask = mask
        self.summary = summary
    }
}

/// Flags of a chunk type that defines no flag bits: all eight are reserved (sent as 0, ignored on
/// receipt, RFC 9260 §3.2) and kept as received.
public struct ReservedChunkFlags: ChunkFlagSet {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let namedBits: [ChunkFlagBit] = []
}

/// Flags of DATA (RFC 9260 §3.3.1) and I-DATA (RFC 8260 §2.1) chunks.
public struct DataChunkFlags: ChunkFlagSet {
    public var rawValue: UInt8

    @inlinable
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// E bit: the last fragment of a user message.
    @inlinable public static var ending: DataChunkFlags { DataChunkFlags(rawValue: 0x01) }
    /// B bit: the first fragment of a user message.
    @inlinable public static var beginning: DataChunkFlags { DataChunkFlags(rawValue: 0x02) }
    /// U bit: an unordered user message (the stream sequence number is ignored).
    @inlinable public static var unordered: DataChunkFlags { DataChunkFlags(rawValue: 0x04) }
    /// I bit: the receiver should send a SACK immediately (RFC 9260 §3.3.1, formerly RFC 7053).
    @inlinable public static var immediate: DataChunkFlags { DataChunkFlags(rawValue: 0x08) }

    /// Both B and E: an unfragmented user message.
    public static let completeMessage: DataChunkFlags = [.beginning, .ending]

    public static let namedBits: [ChunkFlagBit] = [
        ChunkFlagBit("unordered", mask: 0x04, "U bit: unordered user message"),
        ChunkFlagBit("beginning", mask: 0x02, "B bit: first fragment of a user message"),
        ChunkFlagBit("ending", mask: 0x01, "E bit: last fragment of a user message"),
        ChunkFlagBit("immediate", mask: 0x08, "I bit: the receiver should SACK immediately"),
    ]
}

/// Flags of ABORT (RFC 9260 §3.3.7) and SHUTDOWN COMPLETE (RFC 9260 §3.3.13) chunks.
public struct TBitChunkFlags: ChunkFlagSet {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// T bit: the verification tag of the packet is the sender's own tag, reflected (RFC 9260 §8.5.1).
    public static let tBit = TBitChunkFlags(rawValue: 0x01)

    public static let namedBits: [ChunkFlagBit] = [
        ChunkFlagBit("t_bit", mask: 0x01, "T bit: the packet carries the sender's own (reflected) tag")
    ]
}

/// Flags of the NR-SACK chunk (draft-natarajan-tsvwg-sctp-nrsack).
public struct NRSACKChunkFlags: ChunkFlagSet {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// A bit: every out-of-order TSN the chunk reports is non-renegable.
    public static let allNonRenegable = NRSACKChunkFlags(rawValue: 0x01)

    public static let namedBits: [ChunkFlagBit] = [
        ChunkFlagBit("all_non_renegable", mask: 0x01, "A bit: all out-of-order blocks are non-renegable")
    ]
}

extension ChunkFlagSet {
    /// The fields that describe these flags in a record: the whole byte, then each named bit.
    var fieldRecordFields: [FieldRecord.Field] {
        var fields = [FieldRecord.Field("flags", .unsigned(UInt64(self.rawValue)))]
        for bit in Self.namedBits {
            fields.append(FieldRecord.Field(bit.name, .flag(self.rawValue & bit.mask != 0)))
        }
        return fields
    }

    /// Reads flags from a record: `flags` (default 0) gives the byte, then each named flag present sets
    /// or clears its bit, so `{unordered: true}` and `{flags: 4}` mean the same.
    init(fields: TLVFieldReader) throws(FieldRecordError) {
        var byte: UInt8 = try fields.unsigned("flags", default: 0)
        for bit in Self.namedBits {
            guard let value = fields.record[bit.name] else { continue }
            guard case .flag(let isSet) = value else {
                throw FieldRecordError(path: bit.name, reason: "expected a flag, found \(value.shapeForErrors)")
            }
            byte = isSet ? byte | bit.mask : byte & ~bit.mask
        }
        self.init(rawValue: byte)
    }

    /// The schema fields for these flags.
    static var schemaFields: [FieldRecordSchema.Field] {
        var fields = [
            FieldRecordSchema.Field(
                "flags", .unsigned(bits: 8), optional: true,
                "The whole flags byte, reserved bits included (default 0; named flags below override bits)")
        ]
        for bit in Self.namedBits {
            fields.append(FieldRecordSchema.Field(bit.name, .flag, optional: true, bit.summary))
        }
        return fields
    }
}
