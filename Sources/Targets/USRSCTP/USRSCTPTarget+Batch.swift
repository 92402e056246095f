import Foundation
import NetworkLayers
import Transports
import VirtualTime

/// One step of a batched input (the helper's `BATCH` command): what a fuzz step becomes on the wire.
public enum USRSCTPBatchStep: Hashable, Sendable {
    /// A whole SCTP packet delivered at the stack's current instant, checksum as given.
    case packet([UInt8])
    /// The stack's clock moves on this long; timers fire on the way.
    case advance(milliseconds: UInt32)
    /// An application action at the current instant (its result is not reported).
    case action(ApplicationAction)
}

/// What the stack did during one input of a batch.
public struct USRSCTPBatchOutcome: Hashable, Sendable {
    /// The packets it sent, in order, stamped with their virtual instants.
    public var packets: [AddressedPacket]
    /// The application events it reported.
    public var events: [TimedApplicationEvent]
    /// The input crashed the stack, hung it past the real-time limit, or made it exit (the helper's
    /// child died of it; the held state is intact).
    public var failure: TargetError?
    /// The association's state afterwards by RFC 9260 §4 name, spelt as the harness's association model
    /// spells it (`established`, `shutdown-pending`, `closed` without one); nil on failure.
    public var state: String?
    /// Whether the stack answered the liveness probe after this input (nil: not probed after it; see
    /// `USRSCTPTarget.hold`). False means this input, from the held state, left the stack silent (or
    /// the inputs since the last restore did together).
    public var alive: Bool?
    /// Coverage edges hit (only when libusrsctp.a is built with `-fsanitize-coverage=trace-pc-guard`).
    public var edges: [UInt32]
    /// What each action step returned, in order.
    public var actionResults: [ActionResult]
    /// For each packet, how many of the input's steps were done when the stack sent it (empty after a
    /// failure, or past 1,024 steps).
    public var afterSteps: [Int]
}

/// How the held state is restored between inputs (see sctpconform-usrsctp-fuzz.c).
public enum USRSCTPHoldMode: UInt8, Hashable, Sendable {
    /// After a prefix: before every input, by a reset and a replay of the prefix's commands.
    case prefix = 0
    /// Out of the blue (the socket listening, no prefix): only after an input that left state.
    case outOfTheBlue = 1
}

extension USRSCTPTarget {
    /// Keeps the stack's state as it stands (after the prefix the harness ran) for `runBatch`. Each
    /// input may take `inputLimitMilliseconds` of real time before it counts as hung (it is caught
    /// within twice that). With a `probe` (a whole packet the stack must answer, from a port no input
    /// uses), the stack is probed after an input whenever what the inputs did is about to be wiped by a
    /// restore (after a prefix: every input), after `probeEvery` inputs and after the last one of a batch;
    /// a silent probe is attributed to the input that silences the stack alone.
    public func hold(
        _ mode: USRSCTPHoldMode, inputLimitMilliseconds: UInt32 = 1_000, probe: [UInt8]? = nil,
        probeEvery: UInt32 = 64
    ) throws(TargetError) {
        let result = try self.session.run(.hold(
            mode: mode.rawValue, limitMilliseconds: inputLimitMilliseconds, probe: probe, probeEvery: probeEvery))
        if result.errno != 0 {
            throw .failed("usrsctp helper could not hold its state: \(result.message) (errno \(result.errno))")
        }
    }

    /// Runs every input from the held state, in one round trip; one outcome per input, in order. A
    /// thrown error means the helper itself failed (not an input: that is an outcome's `failure`).
    public func runBatch(_ inputs: [[USRSCTPBatchStep]]) throws(TargetError) -> [USRSCTPBatchOutcome] {
        let encoded = inputs.map { USRSCTPHelperProtocol.Command.encodeSteps($0) }
        try self.session.helper.send(USRSCTPHelperProtocol.Command.batch(encoded).encoded())
        var outcomes: [USRSCTPBatchOutcome] = []
        outcomes.reserveCapacity(inputs.count)
        var packets: [AddressedPacket] = []
        var events: [TimedApplicationEvent] = []
        while true {
            let frame = try self.session.helper.receive()
            let reply: USRSCTPHelperProtocol.Reply
            do {
                reply = try USRSCTPHelperProtocol.Reply.decode(frame)
            } catch {
                throw self.session.helper.abandon(because: "sent a malformed reply (\(error))")
            }
            switch reply {
            case .packet(let time, let bytes):
                packets.append(AddressedPacket(
                    source: self.session.outputSource, destination: self.session.outputDestination, time: time,
                    bytes: bytes))
            case .event(let time, let event):
                events.append(TimedApplicationEvent(time: time, event: event))
            case .outcome(
                let index, let status, let detail, let state, let alive, let edges, let errnos, let stepPackets,
                let lastWords):
                guard index == outcomes.count, index < inputs.count else {
                    throw self.session.helper.abandon(because: "reported input \(index) out of order")
                }
                outcomes.append(USRSCTPBatchOutcome(
                    packets: packets, events: events, failure: Self.batchFailure(status, detail, lastWords: lastWords),
                    state: status == 0 ? Self.associationStateName(state) : nil, alive: status == 0 ? alive : nil,
                    edges: edges,
                    actionResults: errnos.map { code in
                        code == 0 ? .ok : .failed(errno: code, message: String(cString: strerror(code)))
                    }, afterSteps: Self.afterSteps(packets: packets.count, stepPackets: stepPackets)))
                packets.removeAll(keepingCapacity: true)
                events.removeAll(keepingCapacity: true)
            case .result(let code, let message):
                guard code == 0, outcomes.count == inputs.count else {
                    throw .failed("usrsctp helper ran \(outcomes.count) of \(inputs.count) inputs: \(message)")
                }
                return outcomes
            }
        }
    }

    /// Packet k came during step i (0-based) when the packets sent by the end of step i - 1 are at
    /// most k and those by the end of step i more: it was sent after i + 1 steps, as the harness counts.
    static func afterSteps(packets: Int, stepPackets: [UInt32]) -> [Int] {
        guard let last = stepPackets.last, Int(last) == packets else { return [] }
        var after: [Int] = []
        after.reserveCapacity(packets)
        var sent = 0
        for (index, count) in stepPackets.enumerated() where Int(count) > sent {
            after += Array(repeating: index + 1, count: Int(count) - sent)
            sent = Int(count)
        }
        return after
    }

    /// An input that killed the helper's child: described as the generic path describes a helper that
    /// died (`ChildExit`), with the child's stderr during that input.
    static func batchFailure(_ status: UInt8, _ detail: UInt32, lastWords: String) -> TargetError? {
        switch status {
        case 0: return nil
        case 1:
            let exit = ChildExit.signaled(signal: Int32(bitPattern: detail))
            return .crashed(description: "usrsctp helper (fuzz input) \(exit)", stderr: lastWords)
        case 2: return .unresponsive("usrsctp helper (fuzz input) ran past its real-time limit")
        default:
            let exit = ChildExit.exited(status: Int32(bitPattern: detail))
            return .crashed(description: "usrsctp helper (fuzz input) \(exit)", stderr: lastWords)
        }
    }

    /// usrsctp's `sstat_state` (usrsctp.h `SCTP_COOKIE_WAIT` ...) by RFC 9260 §4 name.
    static func associationStateName(_ state: UInt16?) -> String {
        switch state {
        case nil, 0x0000?: return "closed"
        case 0x0002?: return "cookie-wait"
        case 0x0004?: return "cookie-echoed"
        case 0x0008?: return "established"
        case 0x0010?: return "shutdown-sent"
        case 0x0020?: return "shutdown-received"
        case 0x0040?: return "shutdown-ack-sent"
        case 0x0080?: return "shutdown-pending"
        case let other?: return "state-0x\(String(other, radix: 16))"
        }
    }
}
