import SCTPWire

/// What identifies the content of one DATA or I-DATA chunk, so that a retransmission can be
/// compared with the original (RFC 9260 §6.3.3, §6.9).
struct ChunkDigest: Hashable, Sendable {
    var streamID: UInt16
    /// Stream sequence number (DATA) or message identifier (I-DATA).
    var sequence: UInt32
    /// PPID (DATA) or the PPID/FSN word (I-DATA).
    var ppid: UInt32
    var flags: UInt8
    var length: Int
    /// FNV-1a over the first 64 bytes of user data.
    var prefixHash: UInt64

    init(streamID: UInt16, sequence: UInt32, ppid: UInt32, flags: UInt8, userData: ByteSlice) {
        self = userData.withUnsafeBytes { bytes in
            ChunkDigest(streamID: streamID, sequence: sequence, ppid: ppid, flags: flags, userData: bytes)
        }
    }

    init(streamID: UInt16, sequence: UInt32, ppid: UInt32, flags: UInt8, userData bytes: UnsafeRawBufferPointer) {
        self.streamID = streamID
        self.sequence = sequence
        self.ppid = ppid
        self.flags = flags
        self.length = bytes.count
        // FNV-style mixing over the first 64 bytes, eight at a time.
        let count = min(bytes.count, 64)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(count)
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        self.prefixHash = hash
    }

    /// What differs from `other`, for messages (`stream 1 instead of 0, payload`).
    func differences(from other: ChunkDigest) -> String {
        var parts: [String] = []
        if self.streamID != other.streamID { parts.append("stream \(self.streamID) instead of \(other.streamID)") }
        if self.sequence != other.sequence { parts.append("sequence \(self.sequence) instead of \(other.sequence)") }
        if self.ppid != other.ppid { parts.append("PPID \(self.ppid) instead of \(other.ppid)") }
        if self.flags != other.flags {
            parts.append("flags 0x\(String(self.flags, radix: 16)) instead of 0x\(String(other.flags, radix: 16))")
        }
        if self.length != other.length { parts.append("\(self.length) bytes of user data instead of \(other.length)") }
        if parts.isEmpty, self.prefixHash != other.prefixHash { parts.append("different user data") }
        return parts.joined(separator: ", ")
    }
}

/// TSNs a sender skipped: the range it jumped over, and the packet that jumped.
struct TSNGap: Hashable, Sendable {
    var first: UInt32
    var last: UInt32
    var packet: Int
    var time: UInt64
}

/// The DATA one endpoint has sent: highest TSN, skipped TSNs not seen since, recent chunk digests,
/// and how far the peer has acknowledged (RFC 9260 §6.1, §6.2).
struct SendLedger: Sendable {
    /// The Initial TSN the endpoint announced (nil when the handshake was not seen).
    var initialTSN: UInt32?
    /// The highest TSN sent so far.
    var highest: UInt32?
    /// TSNs jumped over and not seen since (a packet lost before the capture point is seen later as
    /// a retransmission, or acknowledged by the peer; what stays here was never sent).
    var gaps: [TSNGap] = []
    /// The highest Cumulative TSN Ack the peer reported in a packet it could have accepted.
    var peerCumulativeAck: UInt32?
    /// The highest new cumulative TSN of this endpoint's FORWARD TSN chunks (RFC 3758).
    var abandonedThrough: UInt32?
    /// The first TSNs the peer acknowledged that no captured DATA carried: the capture misses
    /// packets (`CaptureLoss`).
    var acknowledgedUnseen: TSNGap?
    private var window = DigestWindow()

    /// Where the newest digests are kept, for a cache hint (0 when none are).
    var windowAddress: UInt {
        self.window.newestAddress
    }

    init(initialTSN: UInt32? = nil) {
        self.initialTSN = initialTSN
    }

    /// What a DATA chunk was, from its sender's point of view.
    enum Transmission: Equatable {
        /// A TSN not sent before.
        case new
        /// A TSN sent before; `original` is its first digest when still remembered.
        case retransmission(original: ChunkDigest?)
        /// A TSN before the Initial TSN, which can be neither new nor a retransmission.
        case beforeInitialTSN
    }

    /// Records a DATA chunk with `tsn` and `digest` sent in `packet`.
    mutating func record(tsn: UInt32, digest: ChunkDigest, packet: Int, time: UInt64) -> Transmission {
        guard let highest = self.highest else {
            if let initial = self.initialTSN {
                if Serial.lessThan(tsn, initial) { return .beforeInitialTSN }
                if tsn != initial {
                    self.gaps.append(TSNGap(first: initial, last: tsn &- 1, packet: packet, time: time))
                }
            }
            self.highest = tsn
            self.window.reset(base: tsn, digest: digest)
            return .new
        }
        if tsn == highest &+ 1 {
            self.highest = tsn
            self.window.append(tsn: tsn, digest: digest)
            return .new
        }
        if Serial.lessThan(highest, tsn) {
            let gap = TSNGap(first: highest &+ 1, last: tsn &- 1, packet: packet, time: time)
            if self.acknowledgedUnseen == nil, let acknowledged = self.peerCumulativeAck,
                Serial.lessThanOrEqual(gap.first, acknowledged)
            {
                self.acknowledgedUnseen = gap
            }
            self.gaps.append(gap)
            self.highest = tsn
            self.window.append(tsn: tsn, digest: digest)
            return .new
        }
        if let initial = self.initialTSN, Serial.lessThan(tsn, initial) { return .beforeInitialTSN }
        if self.fillGap(tsn) {
            self.window.store(tsn: tsn, digest: digest)
            return .new
        }
        return .retransmission(original: self.window.digest(for: tsn))
    }

    /// Whether some DATA sent is not yet covered by the peer's cumulative acknowledgement (or by
    /// this endpoint's FORWARD TSN).
    var hasOutstandingData: Bool {
        guard let highest = self.highest else { return false }
        var covered = self.peerCumulativeAck
        if let abandoned = self.abandonedThrough {
            covered = covered.map { Serial.max($0, abandoned) } ?? abandoned
        }
        guard let covered else { return true }
        return Serial.lessThan(covered, highest)
    }

    /// The peer acknowledged everything through `cumulative`: TSNs jumped over at or below it
    /// were received, so the capture missed them rather than the sender skipping them.
    mutating func peerAcknowledged(through cumulative: UInt32) {
        if let current = self.peerCumulativeAck, !Serial.lessThan(current, cumulative) { return }
        self.peerCumulativeAck = cumulative
        if self.acknowledgedUnseen == nil, let gap = self.gaps.first, Serial.lessThanOrEqual(gap.first, cumulative) {
            self.acknowledgedUnseen = gap
        }
        self.resolveGaps(through: cumulative)
        self.window.drop(through: cumulative)
    }

    /// This endpoint abandoned everything through `cumulative` (FORWARD TSN).
    mutating func abandoned(through cumulative: UInt32) {
        self.abandonedThrough = self.abandonedThrough.map { Serial.max($0, cumulative) } ?? cumulative
        self.resolveGaps(through: cumulative)
    }

    private mutating func resolveGaps(through cumulative: UInt32) {
        guard !self.gaps.isEmpty else { return }
        var remaining: [TSNGap] = []
        for var gap in self.gaps {
            if Serial.lessThanOrEqual(gap.last, cumulative) { continue }
            if Serial.lessThanOrEqual(gap.first, cumulative) { gap.first = cumulative &+ 1 }
            remaining.append(gap)
        }
        self.gaps = remaining
    }

    /// Removes `tsn` from the gaps; returns whether it was in one.
    private mutating func fillGap(_ tsn: UInt32) -> Bool {
        guard
            let index = self.gaps.firstIndex(where: {
                Serial.lessThanOrEqual($0.first, tsn) && Serial.lessThanOrEqual(tsn, $0.last)
            })
        else { return false }
        let gap = self.gaps[index]
        self.gaps.remove(at: index)
        if gap.first != tsn {
            self.gaps.insert(TSNGap(first: gap.first, last: tsn &- 1, packet: gap.packet, time: gap.time), at: index)
        }
        if gap.last != tsn {
            self.gaps.append(TSNGap(first: tsn &+ 1, last: gap.last, packet: gap.packet, time: gap.time))
        }
        return true
    }
}

/// Digests of the TSNs from `base` upward, in a buffer that drops acknowledged ones from the
/// front. Bounded: a sender far ahead of its acknowledgements loses the oldest digests.
struct DigestWindow: Sendable {
    private var storage: [ChunkDigest?] = []

    /// The address of the newest digest (where the next one goes), for a cache hint.
    var newestAddress: UInt {
        self.storage.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
            return UInt(bitPattern: base + (buffer.count - 1))
        }
    }
    private var start = 0
    private var base: UInt32 = 0

    /// Most digests kept.
    static let capacity = 1 << 15

    mutating func reset(base: UInt32, digest: ChunkDigest) {
        self.storage = [digest]
        self.start = 0
        self.base = base
    }

    /// Stores the digest of `tsn`, the new highest TSN (TSNs skipped on the way get no digest).
    mutating func append(tsn: UInt32, digest: ChunkDigest) {
        let offset = Int(tsn &- self.base)
        let count = self.storage.count - self.start
        guard offset >= count, offset - count < 4096 else {
            self.reset(base: tsn, digest: digest)
            return
        }
        for _ in count..<offset {
            self.storage.append(nil)
        }
        self.storage.append(digest)
        if self.storage.count - self.start > Self.capacity {
            self.dropFront(self.storage.count - self.start - Self.capacity)
        }
    }

    /// Stores the digest of a TSN already inside the window (a skipped TSN seen late).
    mutating func store(tsn: UInt32, digest: ChunkDigest) {
        let offset = Int(tsn &- self.base)
        guard offset >= 0, offset < self.storage.count - self.start else { return }
        self.storage[self.start + offset] = digest
    }

    func digest(for tsn: UInt32) -> ChunkDigest? {
        let offset = Int(tsn &- self.base)
        guard offset >= 0, offset < self.storage.count - self.start else { return nil }
        return self.storage[self.start + offset]
    }

    /// Forgets the digests of TSNs through `cumulative`.
    mutating func drop(through cumulative: UInt32) {
        let count = self.storage.count - self.start
        guard count > 0, Serial.lessThanOrEqual(self.base, cumulative) else { return }
        let offset = Int(cumulative &- self.base) + 1
        self.dropFront(min(offset, count))
    }

    private mutating func dropFront(_ count: Int) {
        self.start += count
        self.base = self.base &+ UInt32(truncatingIfNeeded: count)
        if self.start > 64, self.start * 2 > self.storage.count {
            self.storage.removeFirst(self.start)
            self.start = 0
        }
    }
}
