import SCTPWire

/// Something an endpoint must still send because of what it received: a report of an unknown
/// chunk, an ERROR for a bad stream, an ABORT for empty DATA. Discharged when the endpoint sends it;
/// judged when the association ends or the run finishes.
struct Obligation: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        /// ERROR with Unrecognized Chunk Type naming this type (RFC 9260 §3.2).
        case reportUnrecognizedChunk(type: UInt8)
        /// ERROR with Unrecognized Parameters naming these types (RFC 9260 §3.2.2).
        case reportUnrecognizedParameters(types: [UInt16])
        /// ERROR with Invalid Stream Identifier naming this stream (RFC 9260 §6.5).
        case reportInvalidStream(UInt16)
        /// ABORT with No User Data (RFC 9260 §6.2).
        case abortForEmptyData(tsn: UInt32)
        /// ABORT answering an INIT with a zero stream count (RFC 9260 §3.3.2).
        case abortInvalidInit(initiateTag: UInt32)
    }

    var kind: Kind
    var rule: RuleDescriptor
    /// The packet that created it.
    var packet: Int
    var time: UInt64
    /// What was expected, for the message.
    var expectation: String
    /// Packets the endpoint sent since.
    var packetsSentSince = 0
    /// Judged only if the endpoint sent something afterwards (a capture may end first).
    var needsLaterPacket: Bool

    /// Whether `chunk`, sent by the obliged endpoint, discharges this obligation.
    func isDischarged(by chunk: Chunk) -> Bool {
        let causes: [ErrorCause]
        let isAbort: Bool
        switch chunk {
        case .error(let error):
            causes = error.causes
            isAbort = false
        case .abort(let abort):
            causes = abort.causes
            isAbort = true
        default:
            return false
        }
        switch self.kind {
        case .reportUnrecognizedChunk(let type):
            return causes.contains {
                if case .unrecognizedChunkType(let cause) = $0 { return cause.chunkType == type }
                return false
            }
        case .reportUnrecognizedParameters(let types):
            return causes.contains {
                guard case .unrecognizedParameters(let cause) = $0 else { return false }
                return types.allSatisfy { type in Self.reports(cause.reportedBytes, type: type) }
            }
        case .reportInvalidStream(let stream):
            return causes.contains {
                if case .invalidStreamIdentifier(let cause) = $0 { return cause.streamIdentifier == stream }
                return false
            }
        case .abortForEmptyData:
            return isAbort && causes.contains { $0.causeCode == .noUserData }
        case .abortInvalidInit:
            return isAbort
        }
    }

    /// Whether reported parameter bytes (TLVs back to back) include one of `type`.
    static func reports(_ bytes: [UInt8], type: UInt16) -> Bool {
        TLVListView(bytes, from: 0, to: bytes.count).contains { $0.type == type }
    }
}
