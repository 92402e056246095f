import Captures
import Foundation
import NetworkLayers
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

/// A run of frames read and taken apart by the reading thread, in file order.
struct FrameBatch: Sendable {
    var outcomes: [FrameOutcome] = []
    /// Set on the last batch when reading stopped on an error.
    var readError: String?
}

/// Reads a capture on a thread of its own (records, link, IP and UDP headers, SCTP decoding and
/// checksum) and hands the frames over in batches, so that the rules run on the calling thread
/// meanwhile. Order is
/// kept: the engine sees exactly the sequence a single thread would.
final class FramePipeline: @unchecked Sendable {
    // @unchecked: `batches` and `finished` are only touched under `condition`; the reader and the
    // extractor belong to the reading thread alone once `start()` has run.
    private let condition = NSCondition()
    private var batches: [FrameBatch] = []
    /// Buffers of batches the rules are done with, handed back to the reading thread, which empties
    /// and reuses them: the decoded packets are then freed on the thread that allocated them (the
    /// allocator's per-thread caches stay warm and its arena locks uncontended), and no large
    /// buffer is freed and reallocated per batch.
    private var spareBuffers: [[FrameOutcome]] = []
    private var finished = false
    /// Views of recycled batches that nothing else holds any more, to be refilled (reading thread).
    private var spareViews: [PacketView] = []
    private let reader: CaptureReader
    private var extractor: SCTPExtractor
    private let detectsUDPByChecksum: Bool
    private let verifiesChecksums: Bool

    /// Batches waiting at most, and frames per batch.
    static let queueLength = 8
    static let batchSize = 2_048

    init(reader: CaptureReader, options: CaptureCheckOptions) {
        self.reader = reader
        self.extractor = SCTPExtractor(udpEncapsulationPorts: options.udpEncapsulationPorts)
        self.detectsUDPByChecksum = options.detectsUDPEncapsulationByChecksum
        self.verifiesChecksums = options.checksums == .verify
    }

    /// Starts the reading thread.
    func start() {
        let thread = Thread { [self] in self.produce() }
        thread.name = "sctpconform-capture-reader"
        thread.start()
    }

    /// The next batch in file order, nil once every batch was taken.
    func next() -> FrameBatch? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.batches.isEmpty, !self.finished {
            self.condition.wait()
        }
        guard !self.batches.isEmpty else { return nil }
        let batch = self.batches.removeFirst()
        self.condition.broadcast()
        return batch
    }

    /// Hands a processed batch back, to be emptied and reused by the reading thread.
    func recycle(_ batch: inout FrameBatch) {
        let outcomes = batch.outcomes
        batch.outcomes = []
        self.condition.lock()
        if self.spareBuffers.count < Self.queueLength {
            self.spareBuffers.append(outcomes)
        }
        self.condition.unlock()
    }

    private func freshBuffer() -> [FrameOutcome] {
        self.condition.lock()
        let spare = self.spareBuffers.popLast()
        self.condition.unlock()
        guard var outcomes = spare else {
            var buffer: [FrameOutcome] = []
            buffer.reserveCapacity(Self.batchSize)
            return buffer
        }
        while let outcome = outcomes.popLast() {
            if case .sctp(var view) = consume outcome, isKnownUniquelyReferenced(&view),
                self.spareViews.count < Self.batchSize * 2
            {
                self.spareViews.append(view)
            }
        }
        return outcomes
    }

    private func put(_ batch: FrameBatch, last: Bool) {
        self.condition.lock()
        while self.batches.count >= Self.queueLength {
            self.condition.wait()
        }
        self.batches.append(batch)
        if last { self.finished = true }
        self.condition.broadcast()
        self.condition.unlock()
    }

    private func produce() {
        var batch = FrameBatch(outcomes: self.freshBuffer())
        var number = 0
        do {
            // Frames are borrowed from the reader's buffer: only the SCTP packets are copied out.
            try self.reader.forEachFrame { frame in
                number += 1
                batch.outcomes.append(self.outcome(frame, number: number))
                if batch.outcomes.count == Self.batchSize {
                    self.put(batch, last: false)
                    batch = FrameBatch(outcomes: self.freshBuffer())
                }
                return true
            }
        } catch {
            batch.readError = error.description
        }
        self.put(batch, last: true)
    }

    private func outcome(_ frame: CaptureFrame, number: Int) -> FrameOutcome {
        do {
            switch try self.extractor.locate(in: frame.bytes, linkType: frame.linkType) {
            case .sctp(let location):
                return self.decoded(location, in: frame, number: number)
            case .notSCTP(.udpNotEncapsulation(let sourcePort, let destinationPort)) where self.detectsUDPByChecksum:
                let probe = SCTPExtractor(udpEncapsulationPorts: [sourcePort, destinationPort])
                guard case .sctp(let location) = try probe.locate(in: frame.bytes, linkType: frame.linkType),
                    location.isComplete, location.sctpRange.count > CommonHeader.length,
                    SCTPChecksum.verify(UnsafeRawBufferPointer(rebasing: frame.bytes[location.sctpRange])) == .correct
                else { return .notSCTP }
                self.extractor.udpEncapsulationPorts.formUnion([sourcePort, destinationPort])
                return self.decoded(location, in: frame, number: number)
            case .notSCTP:
                return .notSCTP
            }
        } catch {
            return .unreadable("frame \(number): \(error)")
        }
    }

    /// The view of a complete SCTP packet: a spare view refilled, or a new one.
    func decoded(_ location: SCTPLocation, in frame: CaptureFrame, number: Int) -> FrameOutcome {
        guard location.isComplete else { return .incompleteSCTP }
        var sourceUDP: UInt16?
        var destinationUDP: UInt16?
        if case .udpEncapsulated(let source, let destination) = location.carriage {
            sourceUDP = source
            destinationUDP = destination
        }
        let bytes = UnsafeRawBufferPointer(rebasing: frame.bytes[location.sctpRange])
        let sourcePort = bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : 0
        let destinationPort = bytes.count >= 4 ? UInt16(bytes[2]) << 8 | UInt16(bytes[3]) : 0
        let source = TransportEndpoint(host: .ip(location.source), port: sourcePort, udpPort: sourceUDP)
        let destination = TransportEndpoint(
            host: .ip(location.destination), port: destinationPort, udpPort: destinationUDP)
        let time = frame.timestamp.totalNanoseconds
        if let view = self.spareViews.popLast() {
            view.refill(
                number: number, time: time, source: source, destination: destination, bytes: bytes,
                verifiesChecksum: self.verifiesChecksums)
            return .sctp(view)
        }
        return .sctp(
            PacketView(
                number: number, time: time, source: source, destination: destination, bytes: bytes,
                verifiesChecksum: self.verifiesChecksums))
    }
}
