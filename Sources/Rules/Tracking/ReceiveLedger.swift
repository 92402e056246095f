import SCTPWire

/// Why a receiver had to discard what a packet (or the rest of it) carried.
enum DiscardReason: Hashable, Sendable {
    /// The checksum is wrong (RFC 9260 §6.8), or zero without RFC 9653 negotiated.
    case checksum
    /// The verification tag is not the receiver's (RFC 9260 §8.5, §8.5.1).
    case verificationTag(UInt32)
    /// The packet's COOKIE ECHO carries no valid cookie (RFC 9260 §5.1.5).
    case invalidCookie
    /// An unknown chunk whose type says "stop" came first (RFC 9260 §3.2).
    case stoppedByUnknownChunk(UInt8)

    /// `its checksum is wrong`, for messages.
    var explanation: String {
        switch self {
        case .checksum: "its checksum is wrong"
        case .verificationTag(let tag): "its verification tag \(RuleText.hex(tag)) is not the receiver's"
        case .invalidCookie: "its COOKIE ECHO carries no valid cookie"
        case .stoppedByUnknownChunk(let type):
            "it follows unknown chunk type \(RuleText.hex8(type)), whose high bits say stop"
        }
    }
}

/// Something a receiver had to discard, remembered so that acting on it later can be caught.
struct DiscardedContent: Hashable, Sendable {
    var reason: DiscardReason
    var packet: Int
}

/// A TSN received again, waiting to be listed in the receiver's next SACK (RFC 9260 §6.2).
struct DuplicateReceipt: Hashable, Sendable {
    var tsn: UInt32
    var packet: Int
    /// The sender's highest TSN when the duplicate arrived: a SACK covering a later TSN was
    /// certainly built after the duplicate arrived.
    var senderHighest: UInt32?
}

/// The DATA one endpoint has received from its peer, in packets it had to accept: the cumulative
/// point, TSNs above it, duplicates not yet reported, and what it had to discard.
struct ReceiveLedger: Sendable {
    /// Every TSN up to this one was received (nil when the start is unknown).
    var cumulative: UInt32?
    /// TSNs received above `cumulative`, ascending in serial order.
    var above: [UInt32] = []
    var pendingDuplicates: [DuplicateReceipt] = []
    /// The last Cumulative TSN Ack this endpoint reported (SACK or SHUTDOWN) and where.
    var lastReportedCumulativeAck: UInt32?
    var lastReportedPacket: Int?
    /// TSNs seen only in packets (or parts of packets) the receiver had to discard.
    var discarded: [UInt32: DiscardedContent] = [:]

    /// Most TSNs kept above the cumulative point, and most discarded TSNs remembered.
    static let capacity = 4096

    init(peerInitialTSN: UInt32? = nil) {
        self.cumulative = peerInitialTSN.map { $0 &- 1 }
    }

    /// Whether `tsn` was received.
    func contains(_ tsn: UInt32) -> Bool {
        if let cumulative = self.cumulative, Serial.lessThanOrEqual(tsn, cumulative) { return true }
        return self.above.contains(tsn)
    }

    /// Records an accepted DATA chunk; returns true when `tsn` had been received before.
    mutating func receive(_ tsn: UInt32) -> Bool {
        if !self.discarded.isEmpty {
            self.discarded.removeValue(forKey: tsn)
        }
        guard let cumulative = self.cumulative else {
            self.cumulative = tsn
            return false
        }
        if Serial.lessThanOrEqual(tsn, cumulative) { return true }
        if tsn == cumulative &+ 1 {
            var point = tsn
            while let first = self.above.first, first == point &+ 1 {
                point = first
                self.above.removeFirst()
            }
            self.cumulative = point
            return false
        }
        if let index = self.above.firstIndex(where: { !Serial.lessThan($0, tsn) }) {
            if self.above[index] == tsn { return true }
            self.above.insert(tsn, at: index)
        } else {
            self.above.append(tsn)
        }
        if self.above.count > Self.capacity {
            self.above.removeFirst(self.above.count - Self.capacity)
        }
        return false
    }

    /// The peer abandoned everything through `cumulative` (FORWARD TSN, RFC 3758 §3.6).
    mutating func skip(through cumulative: UInt32) {
        guard let current = self.cumulative else {
            self.cumulative = cumulative
            return
        }
        guard Serial.lessThan(current, cumulative) else { return }
        self.above.removeAll { Serial.lessThanOrEqual($0, cumulative) }
        var point = cumulative
        while let first = self.above.first, first == point &+ 1 {
            point = first
            self.above.removeFirst()
        }
        self.cumulative = point
    }

    /// Remembers a TSN carried by something the receiver had to discard (unless already received).
    mutating func discard(_ tsn: UInt32, _ content: DiscardedContent) {
        guard !self.contains(tsn), self.discarded[tsn] == nil, self.discarded.count < Self.capacity else { return }
        self.discarded[tsn] = content
    }
}
