import SCTPWire
import Scenario
import Targets

/// Translates between the scenario's application vocabulary and the `Targets` contract.
enum ApplicationMapping {
    /// The target actions for one scenario command (`set` may become several options).
    static func actions(for command: ApplicationCommand) -> [ApplicationAction] {
        switch command {
        case .listen: [.listen]
        case .connect: [.connect]
        case .send(let stream, let ppid, let payload, let unordered):
            [.send(stream: stream, ppid: ppid, payload: payload, unordered: unordered)]
        case .shutdown: [.shutdown]
        case .abort(let reason): [.abort(reason: reason)]
        case .close: [.close]
        case .setOptions(let settings): self.options(settings).map { .setOption($0) }
        }
    }

    /// Socket options, with the RTO values combined into one SCTP_RTOINFO and the stream counts and
    /// attempts into one SCTP_INITMSG (RFC 6458 §8.1.1, §8.1.3), in the order first mentioned.
    static func options(_ settings: [SocketOptionSetting]) -> [SocketOption] {
        var options: [SocketOption] = []
        var rto: (initial: UInt32?, min: UInt32?, max: UInt32?)?
        var initMessage: (outbound: UInt16?, inbound: UInt16?, attempts: UInt16?)?
        var rtoIndex: Int?
        var initIndex: Int?
        for setting in settings {
            switch setting {
            case .rtoInitial(let value), .rtoMin(let value), .rtoMax(let value):
                var current = rto ?? (nil, nil, nil)
                if case .rtoInitial = setting { current.initial = value }
                if case .rtoMin = setting { current.min = value }
                if case .rtoMax = setting { current.max = value }
                rto = current
                if rtoIndex == nil {
                    rtoIndex = options.count
                    options.append(.rtoInfo(initial: nil, min: nil, max: nil))
                }
            case .outboundStreams(let value), .maxInboundStreams(let value), .maxInitAttempts(let value):
                var current = initMessage ?? (nil, nil, nil)
                if case .outboundStreams = setting { current.outbound = value }
                if case .maxInboundStreams = setting { current.inbound = value }
                if case .maxInitAttempts = setting { current.attempts = value }
                initMessage = current
                if initIndex == nil {
                    initIndex = options.count
                    options.append(.initMessage(outboundStreams: nil, maxInboundStreams: nil, maxAttempts: nil))
                }
            case .cookieLife(let value): options.append(.cookieLife(milliseconds: value))
            case .maxRetransmissions(let value): options.append(.maxRetransmissions(value))
            case .heartbeatInterval(let value): options.append(.heartbeatInterval(milliseconds: value))
            case .delayedAck(let value): options.append(.delayedAck(milliseconds: value))
            case .noDelay(let value): options.append(.noDelay(value))
            }
        }
        if let rtoIndex, let rto {
            options[rtoIndex] = .rtoInfo(initial: rto.initial, min: rto.min, max: rto.max)
        }
        if let initIndex, let initMessage {
            options[initIndex] = .initMessage(
                outboundStreams: initMessage.outbound, maxInboundStreams: initMessage.inbound,
                maxAttempts: initMessage.attempts)
        }
        return options
    }

    /// The event as a record of `ApplicationEventVocabulary`, for matching with record patterns.
    static func record(for event: ApplicationEvent) -> FieldRecord {
        switch event {
        case .associationChange(let state, let outbound, let inbound):
            return FieldRecord(
                kind: state.lowercased(),
                fields: [
                    .init("outbound_streams", .unsigned(UInt64(outbound))),
                    .init("inbound_streams", .unsigned(UInt64(inbound))),
                ])
        case .shutdownReceived:
            return FieldRecord(kind: ApplicationEventVocabulary.shutdownEventKind)
        case .message(let stream, let ppid, let payload, let unordered):
            return FieldRecord(
                kind: ApplicationEventVocabulary.messageKind,
                fields: [
                    .init("stream", .unsigned(UInt64(stream))), .init("ppid", .unsigned(UInt64(ppid))),
                    .init("data", .bytes(payload)), .init("unordered", .flag(unordered)),
                ])
        case .sendFailed(let code):
            return FieldRecord(
                kind: ApplicationEventVocabulary.sendFailedKind, fields: [.init("error", .unsigned(UInt64(code)))])
        case .remoteError(let cause):
            return FieldRecord(
                kind: ApplicationEventVocabulary.remoteErrorKind, fields: [.init("cause", .unsigned(UInt64(cause)))])
        case .notification(let name):
            return FieldRecord(kind: ApplicationEventVocabulary.notificationKind, fields: [.init("name", .text(name))])
        }
    }

    /// The capability names a scenario needs: its `requires:`, its role, and `socket-options` when it
    /// sets any.
    static func neededCapabilities(_ scenario: Scenario) -> [String] {
        var needed = scenario.requires
        needed.append(scenario.role == .server ? TargetCapability.server.rawValue : TargetCapability.client.rawValue)
        let setsOptions =
            !scenario.options.isEmpty
            || scenario.steps.contains { step in
                if case .application(.perform(.setOptions, _)) = step.action { return true }
                return false
            }
        if setsOptions { needed.append(TargetCapability.socketOptions.rawValue) }
        // Listening is what a black-box peer does anyway; anything else needs its application.
        let drivesApplication = scenario.steps.contains { step in
            guard case .application(let application) = step.action else { return false }
            if case .perform(.listen, _) = application { return false }
            return true
        }
        if drivesApplication { needed.append(TargetCapability.application.rawValue) }
        var seen = Set<String>()
        return needed.filter { seen.insert($0).inserted }
    }
}
