/// An `app` step: something the SUT's application does, or something it must see.
public enum ApplicationStep: Hashable, Sendable {
    /// Perform a socket API call; `expectFailure` when the scenario says `result: error`.
    case perform(ApplicationCommand, expectFailure: Bool)
    /// Wait for an application event (a delivered message or a notification) matching the pattern.
    /// Event kinds and fields are listed in `ApplicationEventVocabulary`.
    case expectEvent(RecordPattern)
    /// No application event matching any of the patterns (none at all when empty) may be queued or come
    /// within the window: `app: {no_event: comm_up}`, the application-side counterpart of `expect: nothing`.
    case expectNoEvent([RecordPattern])
}

/// A socket API call on the SUT (mapped by the runner onto the target's `ApplicationAction`).
public enum ApplicationCommand: Hashable, Sendable {
    case listen
    case connect
    case send(stream: UInt16, ppid: UInt32, payload: [UInt8], unordered: Bool)
    case shutdown
    case abort(reason: [UInt8])
    case close
    case setOptions([SocketOptionSetting])

    /// The name used in scenarios and reports.
    public var name: String {
        switch self {
        case .listen: "listen"
        case .connect: "connect"
        case .send: "send"
        case .shutdown: "shutdown"
        case .abort: "abort"
        case .close: "close"
        case .setOptions: "set"
        }
    }
}

/// One socket option as written in a scenario's `options:` or `app: {set: ...}`.
public enum SocketOptionSetting: Hashable, Sendable {
    case rtoInitial(milliseconds: UInt32)
    case rtoMin(milliseconds: UInt32)
    case rtoMax(milliseconds: UInt32)
    case outboundStreams(UInt16)
    case maxInboundStreams(UInt16)
    case maxInitAttempts(UInt16)
    case cookieLife(milliseconds: UInt32)
    case maxRetransmissions(UInt16)
    case heartbeatInterval(milliseconds: UInt32)
    case delayedAck(milliseconds: UInt32)
    case noDelay(Bool)

    /// The option names a scenario may write, in documentation order.
    public static let names = [
        "rto_initial", "rto_min", "rto_max", "outbound_streams", "max_inbound_streams", "max_init_attempts",
        "cookie_life", "max_retransmissions", "heartbeat_interval", "delayed_ack", "nodelay",
    ]
}
