import SCTPWire
import Scenario

/// The field values a `send` chunk gets for every field the scenario leaves out, taken from the
/// association model so that a bare `send: cookie-echo` or `send: sack` is correct.
///
/// Which defaults a kind gets is its chunk registry entry's `defaults` recipe; `zeroFields` (and
/// kinds the registry does not know) gets zero values for the required fields (numbers 0, empty bytes
/// and lists, flags clear).
struct ChunkDefaults {
    var model: AssociationModel
    /// Bytes for default payloads, cookies and heartbeat info (drawn from the run's seed).
    var filler: [UInt8]

    /// A DATA chunk without `user_data` carries this.
    static let defaultUserData = Array("sctpconform".utf8)

    /// The default record of `kind`, before the scenario's fields are applied.
    func record(kind: String, schema: FieldRecordSchema?) -> FieldRecord {
        var record = FieldRecord(kind: kind)
        let model = self.model
        func set(_ name: String, _ value: FieldValue) { record[name] = value }
        func number<T: BinaryInteger>(_ value: T) -> FieldValue { .unsigned(UInt64(value)) }
        let recipe = ChunkRegistry.entry(kind: kind)?.defaults ?? .zeroFields
        switch recipe {
        case .data:
            set("flags", number(DataChunkFlags.completeMessage.rawValue))
            set("tsn", number(model.ourNextTSN))
            set("stream_id", number(0))
            set("stream_seq", number(model.nextStreamSequence[0] ?? 0))
            set("ppid", number(0))
            set("user_data", .bytes(Self.defaultUserData))
        case .initiation, .initiationAck:
            set("initiate_tag", number(model.ourTag))
            set("a_rwnd", number(model.ourWindow))
            let outbound =
                recipe == .initiationAck
                ? min(model.ourOutboundStreams, model.peerInboundStreams ?? .max)
                : model.ourOutboundStreams
            set("outbound_streams", number(outbound))
            set("inbound_streams", number(model.ourInboundStreams))
            set("initial_tsn", number(model.ourInitialTSN))
            if recipe == .initiationAck {
                set(
                    "parameters",
                    .list([.record(Parameter.stateCookie(StateCookieParameter(cookie: self.filler)).fieldRecord)]))
            }
        case .sack:
            set("cumulative_tsn_ack", number(self.cumulativeTSNAck))
            set("a_rwnd", number(model.ourWindow))
            set("gap_blocks", .list(model.gapBlocks.map { .record($0.fieldRecord) }))
        case .shutdown:
            set("cumulative_tsn_ack", number(self.cumulativeTSNAck))
        case .cookieEcho:
            set("cookie", .bytes(model.cookie ?? []))
        case .heartbeat:
            let info = HeartbeatInfoParameter(info: Array(self.filler.prefix(8)))
            set("parameters", .list([.record(Parameter.heartbeatInfo(info).fieldRecord)]))
        case .heartbeatAck:
            let info = HeartbeatInfoParameter(info: model.heartbeatInfo ?? [])
            set("parameters", .list([.record(Parameter.heartbeatInfo(info).fieldRecord)]))
        case .zeroFields:
            break
        }
        for field in schema?.fields ?? [] where !field.isOptional && record[field.name] == nil {
            record[field.name] = Self.zero(of: field.type)
        }
        return record
    }

    /// What a SACK or SHUTDOWN acknowledges: the highest in-sequence TSN from the SUT, or (before any
    /// DATA) its initial TSN minus one (RFC 9260 §6.2).
    var cumulativeTSNAck: UInt32 {
        self.model.peerCumulativeTSN ?? (self.model.peerInitialTSN.map { $0 &- 1 } ?? 0)
    }

    /// The next stream sequence number of `stream` (ordered DATA).
    func streamSequence(for stream: UInt16) -> UInt16 {
        self.model.nextStreamSequence[stream] ?? 0
    }

    static func zero(of type: FieldRecordSchema.ValueType) -> FieldValue {
        switch type {
        case .unsigned: .unsigned(0)
        case .bytes: .bytes([])
        case .text: .text("")
        case .flag: .flag(false)
        case .list: .list([])
        case .record(let family): .record(FieldRecord(kind: family))
        case .either(let first, _): Self.zero(of: first)
        }
    }
}
