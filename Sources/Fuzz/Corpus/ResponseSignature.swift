import SCTPWire
import Targets

/// The features of one execution the feedback keeps: what the SUT answered (each packet's chunk types
/// and flags, and pairs of consecutive packets), the association state after the input, the
/// application events, how many packets came (in powers of two), liveness, and the coverage edges
/// when the target reports them. An input whose execution shows a feature no earlier one showed is
/// kept in the corpus.
public struct ResponseSignature: Hashable, Sendable {
    public var features: Set<String>

    public init(_ outcome: FuzzOutcome) {
        var features = Set<String>()
        var previous = "start"
        for packet in outcome.packets {
            let chunks = RawPacket(packet.bytes).chunks.map { chunk in
                "\(chunk.type.rawValue)/\(chunk.flags)"
            }
            let shape = chunks.isEmpty ? "empty" : chunks.joined(separator: ",")
            features.insert("packet \(shape)")
            features.insert("after \(previous) packet \(shape)")
            previous = shape
        }
        features.insert("count \(Self.bucket(outcome.packets.count))")
        if let state = outcome.state { features.insert("state \(state)") }
        for event in outcome.events {
            features.insert("event \(Self.name(event.event))")
        }
        if let alive = outcome.alive { features.insert("alive \(alive)") }
        for edge in outcome.coverage {
            features.insert("edge \(edge)")
        }
        self.features = features
    }

    /// The association states reached (features `state ...`).
    public var states: [String] {
        self.features.filter { $0.hasPrefix("state ") }.map { String($0.dropFirst(6)) }
    }

    static func bucket(_ count: Int) -> Int {
        var bucket = 0
        while (1 << bucket) <= count { bucket += 1 }
        return bucket
    }

    static func name(_ event: ApplicationEvent) -> String {
        switch event {
        case .associationChange(let state, _, _): "association-change \(state)"
        case .shutdownReceived: "shutdown-received"
        case .message(let stream, _, _, let unordered): "message stream \(min(stream, 16)) \(unordered)"
        case .sendFailed: "send-failed"
        case .remoteError(let code): "remote-error \(code)"
        case .notification(let name): "notification \(name)"
        }
    }
}
