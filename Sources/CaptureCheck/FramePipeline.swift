import Captures
import Foundation
import NetworkLayers
import Rules
import SCTPWire

/// What one frame of a capture turned out to hold.
enum FrameOutcome: Sendable {
    /// An SCTP packet, already decoded for the rules.
    case sctp(PacketView)
    /// An SCTP packet the capture cut short (not judged).
    case incompleteSCTP
    case notSCTP
    case unreadable(String)
}

/// Where an SCTP packet's view and chunks are, and its endpoint-pair slot, noted by the reading
/// thread so that the rules can ask for them to be cached a few packets ahead without touching
/// the view (a cache hint only: the addresses are never dereferenced).
struct PacketHint: Sendable {
    var viewAddress: UInt = 0
    var chunksAddress: UInt = 0
    var slot: Int32 = -1

    init() {}

    init(_ view: PacketView) {
        self.viewAddress = UInt(bitPattern: Unmanaged.passUnretained(view).toOpaque())
        let hint = view.cacheHint
        self.chunksAddress = hint.chunks
        self.slot = Int32(truncatingIfNeeded: hint.pairSlot)
    }
}

/// A run of frames for one shard, read and taken apart by the reading thread, in file order.
struct FrameBatch: Sendable {
    var outcomes: [FrameOutcome] = []
    /// One per outcome.
    var hints: [PacketHint] = []
    /// Set on the last batch of shard 0 when reading stopped on an error.
    var readError: String?
}

/// Reads a capture on a thread of its own (records, link, IP and UDP headers, SCTP decoding and
/// checksum) and hands the frames over in batches to `shards` rule engines, each on a thread of
/// its own: a packet goes to the shard of its SCTP port pair (`shard(of:)`), frames that hold no
/// SCTP packet to shard 0. Each shard sees its frames in file order.
final class FramePipeline: @unchecked Sendable {
    // @unchecked: `queues`, `finished` and `spareBuffers` are only touched under `condition`; the
    // reader and the decoder belong to the reading thread alone once `start()` has run.
    private let condition = NSCondition()
    private var queues: [[FrameBatch]]
    private var finished: [Bool]
    /// Buffers of batches the rules are done with, handed back to the reading thread, which empties
    /// and reuses them (and the views in them that nothing else holds): the decoded packets are
    /// then freed or refilled on the thread that allocated them, and no large buffer is freed and
    /// reallocated per batch.
    private var spareBuffers: [[FrameOutcome]] = []
    private let reader: CaptureReader
    private let options: CaptureCheckOptions
    let shards: Int

    /// Batches waiting at most per shard, and frames per batch.
    static let queueLength = 8
    static let batchSize = 2_048

    init(reader: CaptureReader, options: CaptureCheckOptions, shards: Int) {
        self.reader = reader
        self.options = options
        self.shards = max(1, shards)
        self.queues = Array(repeating: [], count: self.shards)
        self.finished = Array(repeating: false, count: self.shards)
    }

    /// The shard of a packet: one per unordered pair of SCTP ports. Every lookup that ties a packet
    /// to an association (endpoint pair, or ports and verification tag for another address of a
    /// multi-homed peer) includes both ports, so packets of one association, or of two associations
    /// the rules relate, always share a shard. Packets too short for ports go to shard 0.
    static func shard(of view: PacketView, among shards: Int) -> Int {
        guard shards > 1, let ports = view.orderedPorts else { return 0 }
        let low = UInt64(ports.low)
        let high = UInt64(ports.high)
        let mixed = (low << 16 | high) &* 0x9E37_79B9_7F4A_7C15
        return Int((mixed >> 32) % UInt64(shards))
    }

    /// Starts the reading thread.
    func start() {
        let thread = Thread { [self] in self.produce() }
        thread.name = "sctpconform-capture-reader"
        thread.start()
    }

    /// The next batch of `shard` in file order, nil once every batch was taken.
    func next(shard: Int) -> FrameBatch? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.queues[shard].isEmpty, !self.finished[shard] {
            self.condition.wait()
        }
        guard !self.queues[shard].isEmpty else { return nil }
        let batch = self.queues[shard].removeFirst()
        self.condition.broadcast()
        return batch
    }

    /// Hands a processed batch back, to be emptied and reused by the reading thread.
    func recycle(_ batch: inout FrameBatch) {
        let outcomes = batch.outcomes
        batch.outcomes = []
        self.condition.lock()
        if self.spareBuffers.count < Self.queueLength * (self.shards + 1) {
            self.spareBuffers.append(outcomes)
        }
        self.condition.unlock()
    }

    private func freshBuffer(_ decoder: inout FrameDecoder) -> [FrameOutcome] {
        self.condition.lock()
        let spare = self.spareBuffers.popLast()
        self.condition.unlock()
        guard var outcomes = spare else {
            var buffer: [FrameOutcome] = []
            buffer.reserveCapacity(Self.batchSize)
            return buffer
        }
        decoder.reclaim(&outcomes)
        return outcomes
    }

    private static func batch(_ outcomes: [FrameOutcome]) -> FrameBatch {
        var batch = FrameBatch(outcomes: outcomes)
        batch.hints.reserveCapacity(Self.batchSize)
        return batch
    }

    private func put(_ batch: FrameBatch, shard: Int, last: Bool) {
        self.condition.lock()
        while self.queues[shard].count >= Self.queueLength {
            self.condition.wait()
        }
        self.queues[shard].append(batch)
        if last { self.finished[shard] = true }
        self.condition.broadcast()
        self.condition.unlock()
    }

    private func produce() {
        var decoder = FrameDecoder(
            options: self.options, spareLimit: Self.batchSize * (Self.queueLength + 2) * self.shards)
        var batches: [FrameBatch] = []
        for _ in 0..<self.shards {
            batches.append(Self.batch(self.freshBuffer(&decoder)))
        }
        var number = 0
        var readError: String?
        do {
            // Frames are borrowed from the reader's buffer: only the SCTP packets are copied out.
            try self.reader.forEachFrame { frame in
                number += 1
                let outcome = decoder.outcome(frame, number: number)
                var shard = 0
                var hint = PacketHint()
                if case .sctp(let view) = outcome {
                    shard = Self.shard(of: view, among: self.shards)
                    hint = PacketHint(view)
                }
                batches[shard].outcomes.append(outcome)
                batches[shard].hints.append(hint)
                if batches[shard].outcomes.count == Self.batchSize {
                    self.put(batches[shard], shard: shard, last: false)
                    batches[shard] = Self.batch(self.freshBuffer(&decoder))
                }
                return true
            }
        } catch {
            readError = error.description
        }
        batches[0].readError = readError
        for shard in 0..<self.shards {
            self.put(batches[shard], shard: shard, last: true)
        }
    }
}
