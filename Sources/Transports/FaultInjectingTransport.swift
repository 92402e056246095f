import NetworkLayers
import VirtualTime

/// How one direction of a `FaultInjectingTransport` misbehaves. Probabilities are per packet,
/// clamped to [0, 1]; 0 everywhere (`.none`) passes packets through untouched.
public struct FaultProfile: Hashable, Sendable {
    /// The packet vanishes (nothing below applies then).
    public var drop: Double
    /// The packet arrives twice, the copy right after the original.
    public var duplicate: Double
    /// The packet is held back until just after the next packet in the same direction arrives
    /// (or `reorderWindow` has passed, whichever is first).
    public var reorder: Double
    /// One byte of the packet is XORed with a random non-zero mask (the checksum is left stale).
    public var corrupt: Double
    /// The packet arrives `delayBy` later than sent (instead of being reordered).
    public var delay: Double
    /// How late a delayed packet arrives.
    public var delayBy: VirtualDuration
    /// The longest a reordered packet waits for a successor.
    public var reorderWindow: VirtualDuration

    public init(
        drop: Double = 0, duplicate: Double = 0, reorder: Double = 0, corrupt: Double = 0, delay: Double = 0,
        delayBy: VirtualDuration = .milliseconds(100), reorderWindow: VirtualDuration = .milliseconds(200)
    ) {
        self.drop = drop
        self.duplicate = duplicate
        self.reorder = reorder
        self.corrupt = corrupt
        self.delay = delay
        self.delayBy = max(delayBy, .zero)
        self.reorderWindow = max(reorderWindow, .zero)
    }

    /// No faults.
    public static let none = FaultProfile()
}

/// What the fault injector did to one packet.
public enum FaultKind: Hashable, Sendable {
    case dropped
    case duplicated
    /// Held back behind its successor (or until `until` if none came).
    case reordered(until: VirtualInstant)
    /// `mask` was XORed into the byte at `offset`.
    case corrupted(offset: Int, mask: UInt8)
    case delayed(until: VirtualInstant)
}

/// One entry of the fault log: the `index`-th packet (from 0) in `direction`, sent at `time`.
public struct FaultRecord: Hashable, Sendable {
    public var direction: PacketDirection
    public var index: Int
    public var time: VirtualInstant
    public var kind: FaultKind

    public init(direction: PacketDirection, index: Int, time: VirtualInstant, kind: FaultKind) {
        self.direction = direction
        self.index = index
        self.time = time
        self.kind = kind
    }
}

/// A `Transport` decorator that drops, duplicates, reorders, corrupts and delays packets, per
/// direction, on virtual time, from a seeded generator: the same seed and the same traffic give
/// the same faults (every packet consumes the same number of draws whatever happens to it, and each
/// direction has its own generator, so traffic in one direction does not shift the other's faults).
///
/// Delayed and reordered packets are held here and handed on at their release instant: outbound
/// ones (at their instant) as soon as a later `send` or `receiveNext` reaches it, inbound ones in
/// the right place of a `receiveNext` result, whose instants stay in order.
public final class FaultInjectingTransport: Transport {
    public let inner: any Transport
    public let toPeer: FaultProfile
    public let fromPeer: FaultProfile
    /// Everything done so far, in order.
    public private(set) var log: [FaultRecord] = []

    private var outbound: FaultLane
    private var inbound: FaultLane

    public init(
        wrapping inner: any Transport, seed: UInt64, toPeer: FaultProfile = .none, fromPeer: FaultProfile = .none
    ) {
        var root = Xoshiro256StarStar(seed: seed)
        self.inner = inner
        self.toPeer = toPeer
        self.fromPeer = fromPeer
        self.outbound = FaultLane(direction: .toSUT, profile: toPeer, generator: root.split(label: 1))
        self.inbound = FaultLane(direction: .fromSUT, profile: fromPeer, generator: root.split(label: 2))
    }

    /// Returns and clears the fault log.
    public func takeLog() -> [FaultRecord] {
        defer { self.log.removeAll() }
        return self.log
    }

    public func send(_ packet: AddressedPacket) throws(TransportError) {
        for held in self.outbound.release(notAfter: packet.time) {
            try self.inner.send(held)
        }
        let outcome = self.outbound.admit(packet)
        self.log += outcome.records
        for delivered in outcome.deliver {
            try self.inner.send(delivered)
        }
    }

    /// Lets the inner peer run to its next output, but never past the release instant of a held
    /// packet: an outbound one is handed on there (its replies come with the next call), an inbound
    /// one is returned there. A call may so return before the deadline with no packets.
    public func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        var horizon = deadline
        if let release = self.outbound.nextRelease { horizon = min(horizon, release) }
        if let release = self.inbound.nextRelease { horizon = min(horizon, release) }
        let next = try self.inner.receiveNext(until: horizon)
        var result: [AddressedPacket] = []
        for packet in next.packets {
            result += self.inbound.release(notAfter: packet.time)
            let outcome = self.inbound.admit(packet)
            self.log += outcome.records
            result += outcome.deliver
        }
        result += self.inbound.release(notAfter: next.time)
        for held in self.outbound.release(notAfter: next.time) {
            try self.inner.send(held)
        }
        return ReceiveResult(time: next.time, packets: result)
    }
}

/// One direction's generator, profile and held packets.
private struct FaultLane {
    enum Release {
        case at(VirtualInstant)
        /// After the next delivered packet, at the latest at the instant given.
        case afterNext(latest: VirtualInstant)

        var latest: VirtualInstant {
            switch self {
            case .at(let time), .afterNext(let time): return time
            }
        }
    }

    struct Held {
        var release: Release
        var sequence: Int
        var packet: AddressedPacket
    }

    let direction: PacketDirection
    let profile: FaultProfile
    var generator: Xoshiro256StarStar
    var count = 0
    var held: [Held] = []
    var nextSequence = 0

    init(direction: PacketDirection, profile: FaultProfile, generator: Xoshiro256StarStar) {
        self.direction = direction
        self.profile = profile
        self.generator = generator
    }

    /// The earliest instant a held packet is released at, at the latest.
    var nextRelease: VirtualInstant? {
        self.held.map(\.release.latest).min()
    }

    /// Held packets due at or before `time`, in release order, stamped with their release instant.
    mutating func release(notAfter time: VirtualInstant) -> [AddressedPacket] {
        let due = self.held.filter { $0.release.latest <= time }
            .sorted { ($0.release.latest, $0.sequence) < ($1.release.latest, $1.sequence) }
        guard !due.isEmpty else { return [] }
        self.held.removeAll { $0.release.latest <= time }
        return due.map { $0.packet.with(time: $0.release.latest) }
    }

    /// Decides the fate of one packet sent at its instant: what to hand on now (the packet, its
    /// duplicate, then packets that were waiting for a successor), and what was done.
    mutating func admit(_ sent: AddressedPacket) -> (deliver: [AddressedPacket], records: [FaultRecord]) {
        let time = sent.time
        let packet = sent.bytes
        let index = self.count
        self.count += 1
        // Always the same seven draws, in the same order, whatever the outcome.
        let drop = self.generator.nextBernoulli(self.profile.drop)
        let duplicate = self.generator.nextBernoulli(self.profile.duplicate)
        let reorder = self.generator.nextBernoulli(self.profile.reorder)
        let corrupt = self.generator.nextBernoulli(self.profile.corrupt)
        let delay = self.generator.nextBernoulli(self.profile.delay)
        let offsetDraw = self.generator.nextIndex(below: UInt64(max(packet.count, 1)))
        let mask = UInt8(truncatingIfNeeded: self.generator.nextIndex(below: 255) + 1)

        var records: [FaultRecord] = []
        func record(_ kind: FaultKind) {
            records.append(FaultRecord(direction: self.direction, index: index, time: time, kind: kind))
        }
        if drop {
            record(.dropped)
            return ([], records)
        }
        var bytes = packet
        if corrupt && !bytes.isEmpty {
            let offset = Int(offsetDraw)
            bytes[offset] ^= mask
            record(.corrupted(offset: offset, mask: mask))
        }
        let copies = duplicate ? 2 : 1
        if duplicate { record(.duplicated) }
        if delay {
            let until = time + self.profile.delayBy
            record(.delayed(until: until))
            for _ in 0..<copies { self.hold(sent.with(bytes: bytes), .at(until)) }
            return ([], records)
        }
        if reorder {
            let latest = time + self.profile.reorderWindow
            record(.reordered(until: latest))
            // Whatever was already waiting for a successor stays ahead of this packet.
            for _ in 0..<copies { self.hold(sent.with(bytes: bytes), .afterNext(latest: latest)) }
            return ([], records)
        }
        var deliver = Array(repeating: sent.with(bytes: bytes), count: copies)
        let waiting = self.held.filter {
            if case .afterNext = $0.release { return true }
            return false
        }.sorted { $0.sequence < $1.sequence }
        self.held.removeAll {
            if case .afterNext = $0.release { return true }
            return false
        }
        deliver += waiting.map { $0.packet.with(time: time) }
        return (deliver, records)
    }

    private mutating func hold(_ packet: AddressedPacket, _ release: Release) {
        self.held.append(Held(release: release, sequence: self.nextSequence, packet: packet))
        self.nextSequence += 1
    }
}
