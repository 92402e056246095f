import Transports
import VirtualTime

/// The frames exchanged with the usrsctp helper (`sctpconform-usrsctp.c`, whose header comment is
/// the reference). All integers are big-endian; every command is answered by zero or more
/// `.packet`/`.event` replies and exactly one `.result`.
enum USRSCTPHelperProtocol {
    enum Command: Hashable, Sendable {
        /// Seeds the stack's randomness, sets its clock and binds its socket. Must come first.
        case initialize(seed: UInt64, start: VirtualInstant, localPort: UInt16, peerPort: UInt16)
        /// Runs the stack's timers up to `at`, then hands it one packet.
        case deliver(at: VirtualInstant, packet: [UInt8])
        /// Runs the stack's timers up to `until`.
        case advance(until: VirtualInstant)
        /// Runs the stack's timers up to `until`, stopping at the first millisecond boundary at which
        /// it produced output (every reply then carries that instant).
        case run(until: VirtualInstant)
        /// Runs the stack's timers up to `at`, then performs an application action.
        case action(at: VirtualInstant, ApplicationAction)
        /// Asks the helper to exit.
        case quit
        /// Returns the stack to what `initialize` with these arguments makes in a new process (closes
        /// the socket, runs the timers out, reseeds, new socket). Answered by a result only; EBUSY when
        /// the stack could not be emptied.
        case reset(seed: UInt64, start: VirtualInstant, localPort: UInt16, peerPort: UInt16)
        /// Keeps the stack's state for `batch` (mode 0 after a prefix, 1 out of the blue), each input
        /// bounded to `limitMilliseconds` of real time; with a liveness probe (a packet the stack must
        /// answer, to a port no input uses), probed at least every `probeEvery` inputs.
        case hold(mode: UInt8, limitMilliseconds: UInt32, probe: [UInt8]?, probeEvery: UInt32)
        /// Runs each input (encoded steps, see `encodeSteps`) from the held state; answered per input by
        /// its packets and events and an `.outcome`, then one result.
        case batch([[UInt8]])

        /// The frame body (type byte onward; the length prefix is added by `HelperProcess`).
        func encoded() -> [UInt8] {
            var writer = FrameWriter(capacity: 24 + self.payloadCount)
            switch self {
            case .initialize(let seed, let start, let localPort, let peerPort),
                .reset(let seed, let start, let localPort, let peerPort):
                if case .reset = self { writer.u8(0x07) } else { writer.u8(0x01) }
                writer.u64(seed)
                writer.u64(start.nanoseconds)
                writer.u16(localPort)
                writer.u16(peerPort)
            case .deliver(let time, let packet):
                writer.u8(0x02)
                writer.u64(time.nanoseconds)
                writer.bytes(packet)
            case .advance(let time):
                writer.u8(0x03)
                writer.u64(time.nanoseconds)
            case .action(let time, let action):
                writer.u8(0x04)
                writer.u64(time.nanoseconds)
                Self.encode(action, into: &writer)
            case .quit:
                writer.u8(0x05)
            case .run(let time):
                writer.u8(0x06)
                writer.u64(time.nanoseconds)
            case .hold(let mode, let limit, let probe, let every):
                writer.u8(0x08)
                writer.u8(mode)
                writer.u32(limit)
                if let probe {
                    writer.u32(every)
                    writer.u32(UInt32(probe.count))
                    writer.bytes(probe)
                }
            case .batch(let inputs):
                writer.u8(0x09)
                writer.u32(UInt32(inputs.count))
                for input in inputs {
                    writer.u32(UInt32(input.count))
                    writer.bytes(input)
                }
            }
            return writer.bytes
        }

        /// Bytes of packet or message payload the frame carries (so the frame is allocated once).
        private var payloadCount: Int {
            switch self {
            case .deliver(_, let packet): packet.count
            case .action(_, .send(_, _, let payload, _)): payload.count
            case .action(_, .abort(let reason)): reason.count
            case .batch(let inputs): inputs.reduce(0) { $0 + $1.count + 4 }
            default: 0
            }
        }

        /// One input of `batch`: per step a kind byte (1 packet, 2 advance, 3 action) and its body.
        static func encodeSteps(_ steps: [USRSCTPBatchStep]) -> [UInt8] {
            var writer = FrameWriter()
            for step in steps {
                switch step {
                case .packet(let bytes):
                    writer.u8(1)
                    writer.u32(UInt32(bytes.count))
                    writer.bytes(bytes)
                case .advance(let milliseconds):
                    writer.u8(2)
                    writer.u32(milliseconds)
                case .action(let action):
                    var body = FrameWriter()
                    Self.encode(action, into: &body)
                    writer.u8(3)
                    writer.u32(UInt32(body.bytes.count))
                    writer.bytes(body.bytes)
                }
            }
            return writer.bytes
        }

        private static func encode(_ action: ApplicationAction, into writer: inout FrameWriter) {
            switch action {
            case .listen: writer.u8(1)
            case .connect: writer.u8(2)
            case .send(let stream, let ppid, let payload, let unordered):
                writer.u8(3)
                writer.u16(stream)
                writer.u32(ppid)
                writer.u8(unordered ? 1 : 0)
                writer.bytes(payload)
            case .shutdown: writer.u8(4)
            case .abort(let reason):
                writer.u8(5)
                writer.bytes(reason)
            case .close: writer.u8(6)
            case .setOption(let option):
                writer.u8(7)
                Self.encode(option, into: &writer)
            }
        }

        /// Options travel with 0 meaning "leave unchanged", as in the usrsctp socket API.
        private static func encode(_ option: SocketOption, into writer: inout FrameWriter) {
            switch option {
            case .rtoInfo(let initial, let min, let max):
                writer.u8(1)
                writer.u32(initial ?? 0)
                writer.u32(min ?? 0)
                writer.u32(max ?? 0)
            case .initMessage(let outbound, let maxInbound, let maxAttempts):
                writer.u8(2)
                writer.u16(outbound ?? 0)
                writer.u16(maxInbound ?? 0)
                writer.u16(maxAttempts ?? 0)
            case .cookieLife(let milliseconds):
                writer.u8(3)
                writer.u32(milliseconds)
            case .maxRetransmissions(let count):
                writer.u8(4)
                writer.u16(count)
            case .heartbeatInterval(let milliseconds):
                writer.u8(5)
                writer.u32(milliseconds)
            case .delayedAck(let milliseconds):
                writer.u8(6)
                writer.u32(milliseconds)
            case .noDelay(let on):
                writer.u8(7)
                writer.u8(on ? 1 : 0)
            }
        }
    }

    enum Reply: Hashable, Sendable {
        /// The stack emitted a packet (SCTP bytes, common header onward) at `time`.
        case packet(time: VirtualInstant, bytes: [UInt8])
        /// The stack's application saw something at `time`.
        case event(time: VirtualInstant, ApplicationEvent)
        /// The command finished; `errno` 0 means success.
        case result(errno: Int32, message: String)
        /// One input of a batch ended (its packets and events came before): `status` 0 done, 1 crashed
        /// (`detail` the signal), 2 hung (over the limit), 3 exited (`detail` the status); `state` is
        /// usrsctp's `sstat_state`, nil without an association; `alive` whether the liveness probe after
        /// it was answered (nil: not probed after this input); `edges` the coverage edges it hit.
        /// `actionErrnos` what each action step returned (0 success); `stepPackets` how many packets the
        /// input had sent when each step was done; `lastWords` its stderr when it failed.
        case outcome(
            index: UInt32, status: UInt8, detail: UInt32, state: UInt16?, alive: Bool?, edges: [UInt32],
            actionErrnos: [Int32], stepPackets: [UInt32], lastWords: String)

        /// Decodes one reply frame body. Never traps: anything malformed is a typed error.
        static func decode(_ frame: [UInt8]) throws(DecodingError) -> Reply {
            var reader = FrameReader(frame)
            let type = try reader.u8()
            switch type {
            case 0x81:
                let time = VirtualInstant(nanoseconds: try reader.u64())
                return .packet(time: time, bytes: reader.rest())
            case 0x82:
                let time = VirtualInstant(nanoseconds: try reader.u64())
                return .event(time: time, try Self.decodeEvent(&reader))
            case 0x83:
                let code = Int32(bitPattern: try reader.u32())
                return .result(errno: code, message: String(decoding: reader.rest(), as: UTF8.self))
            case 0x84:
                let index = try reader.u32()
                let status = try reader.u8()
                let detail = try reader.u32()
                let state = try reader.u16()
                let liveness = try reader.u8()
                let count = try reader.u32()
                var edges: [UInt32] = []
                edges.reserveCapacity(Int(min(count, 1 << 20)))
                for _ in 0..<count { edges.append(try reader.u32()) }
                let actions = try reader.u32()
                var errnos: [Int32] = []
                for _ in 0..<min(actions, 256) { errnos.append(Int32(bitPattern: try reader.u32())) }
                let steps = try reader.u32()
                var stepPackets: [UInt32] = []
                for _ in 0..<min(steps, 1024) { stepPackets.append(try reader.u32()) }
                _ = try reader.u32()  // the length of the last words: the rest of the frame
                return .outcome(
                    index: index, status: status, detail: detail, state: state == 0xffff ? nil : state,
                    alive: liveness == 0 ? nil : liveness == 1, edges: edges,
                    actionErrnos: errnos, stepPackets: stepPackets,
                    lastWords: String(decoding: reader.rest(), as: UTF8.self))
            default:
                throw DecodingError(offset: 0, reason: "unknown reply type 0x\(String(type, radix: 16))")
            }
        }

        private static func decodeEvent(_ reader: inout FrameReader) throws(DecodingError) -> ApplicationEvent {
            let kindOffset = reader.offset
            let kind = try reader.u8()
            switch kind {
            case 1:
                let state = try reader.u16()
                _ = try reader.u16()  // sac_error
                let outbound = try reader.u16()
                let inbound = try reader.u16()
                return .associationChange(
                    state: USRSCTPNotificationNames.associationState(state),
                    outboundStreams: outbound, inboundStreams: inbound)
            case 2:
                return .shutdownReceived
            case 3:
                let stream = try reader.u16()
                let ppid = try reader.u32()
                let unordered = try reader.u8() != 0
                return .message(stream: stream, ppid: ppid, payload: reader.rest(), unordered: unordered)
            case 4:
                return .sendFailed(errorCode: try reader.u32())
            case 5:
                return .remoteError(causeCode: try reader.u16())
            case 6:
                let type = try reader.u16()
                _ = try reader.u32()  // detail (state, indication or flags)
                return .notification(USRSCTPNotificationNames.notification(type))
            default:
                throw DecodingError(offset: kindOffset, reason: "unknown event kind \(kind)")
            }
        }
    }

    /// A reply frame that does not follow the protocol: `offset` is the byte offset in the frame body.
    struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        var offset: Int
        var reason: String

        var description: String { "\(self.reason) at byte \(self.offset) of a reply frame" }
    }
}

/// RFC 6458 names of the notifications usrsctp reports.
enum USRSCTPNotificationNames {
    /// `sac_state` of SCTP_ASSOC_CHANGE (RFC 6458 §6.1.1).
    static func associationState(_ state: UInt16) -> String {
        switch state {
        case 1: return "COMM_UP"
        case 2: return "COMM_LOST"
        case 3: return "RESTART"
        case 4: return "SHUTDOWN_COMP"
        case 5: return "CANT_STR_ASSOC"
        default: return "STATE_\(state)"
        }
    }

    /// `sn_type` of a notification other than the ones with their own `ApplicationEvent` case
    /// (RFC 6458 §6.1; usrsctp's numbering), without the `SCTP_` prefix.
    static func notification(_ type: UInt16) -> String {
        switch type {
        case 0x0001: return "ASSOC_CHANGE"
        case 0x0002: return "PEER_ADDR_CHANGE"
        case 0x0003: return "REMOTE_ERROR"
        case 0x0004: return "SEND_FAILED"
        case 0x0005: return "SHUTDOWN_EVENT"
        case 0x0006: return "ADAPTATION_INDICATION"
        case 0x0007: return "PARTIAL_DELIVERY_EVENT"
        case 0x0008: return "AUTHENTICATION_EVENT"
        case 0x0009: return "STREAM_RESET_EVENT"
        case 0x000a: return "SENDER_DRY_EVENT"
        case 0x000b: return "NOTIFICATIONS_STOPPED_EVENT"
        case 0x000c: return "ASSOC_RESET_EVENT"
        case 0x000d: return "STREAM_CHANGE_EVENT"
        case 0x000e: return "SEND_FAILED_EVENT"
        default: return "NOTIFICATION_\(type)"
        }
    }
}

/// Big-endian frame building.
struct FrameWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        self.bytes.reserveCapacity(capacity)
    }

    mutating func u8(_ value: UInt8) { self.bytes.append(value) }
    mutating func u16(_ value: UInt16) {
        self.bytes.append(UInt8(value >> 8))
        self.bytes.append(UInt8(value & 0xff))
    }
    mutating func u32(_ value: UInt32) {
        self.u16(UInt16(value >> 16))
        self.u16(UInt16(value & 0xffff))
    }
    mutating func u64(_ value: UInt64) {
        self.u32(UInt32(value >> 32))
        self.u32(UInt32(value & 0xffff_ffff))
    }
    mutating func bytes(_ value: [UInt8]) { self.bytes.append(contentsOf: value) }
}

/// Big-endian frame reading; running short is a typed error with the offset.
struct FrameReader {
    private let frame: [UInt8]
    private(set) var offset = 0

    init(_ frame: [UInt8]) {
        self.frame = frame
    }

    private mutating func take(_ count: Int) throws(USRSCTPHelperProtocol.DecodingError) -> ArraySlice<UInt8> {
        guard self.frame.count - self.offset >= count else {
            throw USRSCTPHelperProtocol.DecodingError(
                offset: self.offset, reason: "frame ends early (needed \(count) more bytes)")
        }
        defer { self.offset += count }
        return self.frame[self.offset..<(self.offset + count)]
    }

    private mutating func integer(_ count: Int) throws(USRSCTPHelperProtocol.DecodingError) -> UInt64 {
        try self.take(count).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func u8() throws(USRSCTPHelperProtocol.DecodingError) -> UInt8 { UInt8(try self.integer(1)) }
    mutating func u16() throws(USRSCTPHelperProtocol.DecodingError) -> UInt16 { UInt16(try self.integer(2)) }
    mutating func u32() throws(USRSCTPHelperProtocol.DecodingError) -> UInt32 { UInt32(try self.integer(4)) }
    mutating func u64() throws(USRSCTPHelperProtocol.DecodingError) -> UInt64 { try self.integer(8) }

    /// Everything after the current offset.
    mutating func rest() -> [UInt8] {
        defer { self.offset = self.frame.count }
        return Array(self.frame[self.offset...])
    }
}
