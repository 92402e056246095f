import Captures
import NetworkLayers
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
        let view: PacketView
        let spares = self.spareAddresses.count
        if spares > 4 {
            MemoryHints.prefetch(self.spareAddresses[spares - 5].view, bytes: 384)
            MemoryHints.prefetch(self.spareAddresses[spares - 5].bytes, bytes: 64)
        }
        if let spare = self.spareViews.popLast() {
            self.spareAddresses.removeLast()
            spare.refill(
                number: number, time: time, source: source, destination: destination, bytes: bytes,
                verifiesChecksum: self.verifiesChecksums)
            view = spare
        } else {
            view = PacketView(
                number: number, time: time, source: source, destination: destination, bytes: bytes,
                verifiesChecksum: self.verifiesChecksums)
        }
        // The rules that need no association run here, beside decoding, off the rules' thread.
        view.judgePacketRules()
        view.assignPairSlot(&self.pairSlots)
        return .sctp(view)
    }

    /// Empties a batch buffer the rules are done with, keeping the views nothing else holds.
    mutating func reclaim(_ outcomes: inout [FrameOutcome]) {
        while let outcome = outcomes.popLast() {
            if case .sctp(var view) = consume outcome, self.spareViews.count < self.spareLimit,
                isKnownUniquelyReferenced(&view)
            {
                self.spareAddresses.append(
                    (
                        UInt(bitPattern: Unmanaged.passUnretained(view).toOpaque()),
                        view.bytes.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
                    ))
                self.spareViews.append(view)
            }
        }
    }
}
