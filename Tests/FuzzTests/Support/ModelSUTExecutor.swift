import Fuzz
import NetworkLayers
import Runner
import SCTPWire
import Scenario
import Targets
import VirtualTime

/// A fuzz executor over a small SUT written here, for engine tests that need no usrsctp: it answers
/// every chunk of a packet with one packet holding a HEARTBEAT ACK whose flags are the chunk's type,
/// reports a state from the last chunk type it saw, and "crashes" when, after an advance of at least
/// one second, a packet holds a chunk of type 0x0E (SHUTDOWN COMPLETE) with the T bit set.
final class ModelSUTExecutor: FuzzExecutor {
    private(set) var executions = 0
    let endpoints = SessionEndpoints(sutPort: 5001, harnessPort: 5000)

    func prepare(prefix: Scenario?, seed: UInt64) throws(FuzzExecutionError) -> FuzzBaseline {
        var model = AssociationModel(ourPort: 5000, peerPort: 5001, ourTag: 0x1111_1111, ourInitialTSN: 100)
        model.peerTag = 0x2222_2222
        model.peerInitialTSN = 500
        model.peerCumulativeTSN = 499
        model.peerInboundStreams = 10
        model.peerOutboundStreams = 10
        model.state = .established
        return FuzzBaseline(exchange: [], model: model, endpoints: self.endpoints, time: .zero)
    }

    func execute(_ batch: [FuzzInput]) throws(FuzzExecutionError) -> [FuzzOutcome] {
        batch.map(self.run)
    }

    func shutdown() {}

    private func run(_ input: FuzzInput) -> FuzzOutcome {
        self.executions += 1
        var outcome = FuzzOutcome(alive: true, state: "established")
        var time = VirtualInstant.zero
        var waited = false
        for step in input.steps {
            switch step {
            case .advance(let milliseconds):
                time = time + .milliseconds(Int64(milliseconds))
                if milliseconds >= 1_000 { waited = true }
            case .action:
                outcome.actionResults.append(.ok)
            case .packet(let bytes):
                for chunk in RawPacket(bytes).chunks {
                    if waited && chunk.type.rawValue == 0x0E && chunk.flags & 0x01 != 0 {
                        outcome.failure = .crashed(description: "model SUT aborted", stderr: "model: crash site\n")
                        return outcome
                    }
                    outcome.state = "state-\(chunk.type.rawValue % 4)"
                    let answer = SCTPPacket(
                        header: CommonHeader(sourcePort: 5001, destinationPort: 5000, verificationTag: 0x1111_1111),
                        chunks: [.unknown(UnknownChunk(type: 0x4F, flags: chunk.type.rawValue))])
                    outcome.packets.append(
                        AddressedPacket(
                            source: self.endpoints.sutAddresses[0], destination: self.endpoints.harnessAddresses[0],
                            time: time, bytes: answer.encoded()))
                }
            }
        }
        return outcome
    }
}
