import Captures
import NetworkLayers
import Rules
import SCTPWire

/// What the reading thread does with each frame of a capture: link, IP and UDP headers, then the
/// SCTP packet decoded into a `PacketView` (a spare one refilled when there is one). A value
/// owned by that thread alone.
struct FrameDecoder {
    private var extractor: SCTPExtractor
    private let detectsUDPByChecksum: Bool
    private let verifiesChecksums: Bool
    /// Views of recycled batches that nothing else holds any more, to be refilled.
    private var spareViews: [PacketView] = []
    /// Their addresses and those of their byte arrays, for cache hints (the rules' thread touched
    /// them last, so refilling one would stall on every line of it).
    private var spareAddresses: [(view: UInt, bytes: UInt)] = []
    /// Most spare views kept.
    private let spareLimit: Int
    /// Numbers for the endpoint pairs of the whole capture (every shard shares them).
    private var pairSlots = EndpointPairSlots()

    init(options: CaptureCheckOptions, spareLimit: Int) {
        self.extractor = SCTPExtractor(udpEncapsulationPorts: options.udpEncapsulationPorts)
        self.detectsUDPByChecksum = options.detectsUDPEncapsulationByChecksum
        self.verifiesChecksums = options.checksums == .verify
        self.spareLimit = spareLimit
    }

    mutating func outcome(_ frame: CaptureFrame, number: Int) -> FrameOutcome {
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
    private mutating func decoded(_ location: SCTPLocation, in frame: CaptureFrame, number: Int) -> FrameOutcome {
        guard location.isComplete else { return .incompleteSCTP }
        let spares = self.spareAddresses.count
        if spares > 4 {
            MemoryHints.prefetch(self.spareAddresses[spares - 5].view, bytes: 384)
            MemoryHints.prefetch(self.spareAddresses[spares - 5].bytes, bytes: 64)
        }
        let spare = self.spareViews.popLast()
        if spare != nil {
            self.spareAddresses.removeLast()
        }
        let view = PacketView.located(
            location, in: frame.bytes, number: number, time: frame.timestamp.totalNanoseconds,
            verifiesChecksum: self.verifiesChecksums, reusing: spare, numberingPairsIn: &self.pairSlots)
        return .sctp(view)
    }

    /// Empties a batch buffer the rules are done with, keeping the views nothing else holds.
    mutating func reclaim(_ outcomes: inout [FrameOutcome]) {
        while let outcome = outcomes.popLast() {
            if case .sctp(var view) = consume outcome, self.spareViews.count < self.spareLimit,
                isKnownUniquelyReferenced(&view)
            {
                self.spareAddresses.append(
                    (UInt(bitPattern: Unmanaged.passUnretained(view).toOpaque()), view.cacheHint.bytes))
                self.spareViews.append(view)
            }
        }
    }
}
