import NetworkLayers
import Transports
import VirtualTime

/// One running usrsctp helper and what it has said so far: the state shared by `USRSCTPTarget` and
/// its transport.
///
/// Virtual time only moves forward: every command carries an instant, the helper runs the stack's
/// timers up to it first, and an instant earlier than the helper's clock counts as "now".
final class USRSCTPSession {
    let helper: HelperProcess
    /// Largest virtual span one command may cover; longer advances are split so each command stays
    /// short in real time (the helper jumps from one due timer to the next, so idle time is cheap).
    let maximumAdvancePerCommand: VirtualDuration
    /// How far past `startTime` the stack's clock may be taken in one run.
    let virtualTimeLimit: VirtualDuration
    /// Where the clock stood when the stack was made or last reset.
    private(set) var startTime: VirtualInstant
    /// The helper's clock: the latest instant any command carried.
    private(set) var helperTime: VirtualInstant
    /// Packets the stack emitted that the harness has not received yet, in emission order.
    private var pendingPackets: [AddressedPacket] = []
    /// The addresses output is stamped with: AF_CONN has none, so every packet the stack emits
    /// goes from the run's SUT address to its (first) harness address.
    private(set) var outputSource: IPAddress
    private(set) var outputDestination: IPAddress
    /// How output is carried: the mirror of the harness's carriage (UDP ports swapped), since AF_CONN
    /// carries none of its own.
    private(set) var outputCarriage: SCTPCarriage = .ip
    /// Application events not yet taken, in order.
    private var pendingEvents: [TimedApplicationEvent] = []
    /// Whether output (a packet or an event) arrived that `runToOutput` has not reported yet, and
    /// the instant the latest of it carried.
    private var unreportedOutput: VirtualInstant?

    init(
        helper: HelperProcess, start: VirtualInstant, maximumAdvancePerCommand: VirtualDuration,
        virtualTimeLimit: VirtualDuration, outputSource: IPAddress, outputDestination: IPAddress,
        outputCarriage: SCTPCarriage = .ip
    ) {
        self.helper = helper
        self.startTime = start
        self.outputSource = outputSource
        self.outputDestination = outputDestination
        self.outputCarriage = outputCarriage
        self.helperTime = start
        self.maximumAdvancePerCommand = max(maximumAdvancePerCommand, .milliseconds(1))
        self.virtualTimeLimit = virtualTimeLimit
    }

    /// Forgets what the stack said before a reset, sets the clock to `start` and stamps later output
    /// with the new run's addresses and carriage.
    func restart(
        at start: VirtualInstant, outputSource: IPAddress, outputDestination: IPAddress,
        outputCarriage: SCTPCarriage = .ip
    ) {
        self.startTime = start
        self.outputSource = outputSource
        self.outputDestination = outputDestination
        self.outputCarriage = outputCarriage
        self.helperTime = start
        self.pendingPackets.removeAll(keepingCapacity: true)
        self.pendingEvents.removeAll(keepingCapacity: true)
        self.unreportedOutput = nil
    }

    /// Refuses to take the stack's clock to `instant` when that is past the run's virtual-time limit:
    /// a scenario that waits for years is stopped with a clear error instead of running on.
    private func checkLimit(_ instant: VirtualInstant) throws(TargetError) {
        if instant - self.startTime > self.virtualTimeLimit {
            throw .failed(
                "the run asked for the stack's clock at \(instant - self.startTime) after its start, past the "
                    + "virtual-time limit of \(self.virtualTimeLimit) per run")
        }
    }

    /// Commands sent with `post` whose results have not been read yet, oldest first. The helper
    /// answers in order, so if it dies the first of them is the command it died on.
    private(set) var posted: [USRSCTPHelperProtocol.Command] = []

    /// Sends one command without waiting for its result (read later by `collectPosted`, which also
    /// takes the packets and events that come before it).
    func post(_ command: USRSCTPHelperProtocol.Command) throws(TargetError) {
        try self.helper.send(command.encoded())
        self.posted.append(command)
    }

    /// Reads the replies and the result of the oldest posted command.
    func collectPosted() throws(TargetError) -> (command: USRSCTPHelperProtocol.Command, errno: Int32, message: String)
    {
        guard !self.posted.isEmpty else { throw .failed("internal: no posted command to collect") }
        let command = self.posted.removeFirst()
        let result = try self.readResult()
        return (command, result.errno, result.message)
    }

    /// Sends one command and collects every reply up to its result.
    @discardableResult
    func run(_ command: USRSCTPHelperProtocol.Command) throws(TargetError) -> (errno: Int32, message: String) {
        if !self.posted.isEmpty {
            throw .failed("internal: a command was sent while the result of \(self.posted[0]) was still owed")
        }
        try self.helper.send(command.encoded())
        return try self.readResult()
    }

    /// Collects every reply up to the next result.
    private func readResult() throws(TargetError) -> (errno: Int32, message: String) {
        while true {
            let frame = try self.helper.receive()
            let reply: USRSCTPHelperProtocol.Reply
            do {
                reply = try USRSCTPHelperProtocol.Reply.decode(frame)
            } catch {
                throw self.helper.abandon(because: "sent a malformed reply (\(error))")
            }
            switch reply {
            case .packet(let time, let bytes):
                self.pendingPackets.append(
                    AddressedPacket(
                        source: self.outputSource, destination: self.outputDestination,
                        carriage: self.outputCarriage, time: time, bytes: bytes))
                self.noteOutput(at: time)
            case .event(let time, let event):
                self.pendingEvents.append(TimedApplicationEvent(time: time, event: event))
                self.noteOutput(at: time)
            case .result(let code, let message):
                return (code, message)
            case .outcome:
                throw self.helper.abandon(because: "sent a batch outcome outside a batch")
            }
        }
    }

    private func noteOutput(at time: VirtualInstant) {
        self.unreportedOutput = max(self.unreportedOutput ?? time, time)
    }

    /// Runs the stack's timers from its clock toward `deadline` (in `RUN` commands of at most
    /// `maximumAdvancePerCommand`) and stops at the first instant with output; returns that instant,
    /// or `deadline` if there was none. Output a previous command produced and no call has reported
    /// yet (replies to a delivered packet or an action) is reported at once, at its own instant.
    func runToOutput(until deadline: VirtualInstant) throws(TargetError) -> VirtualInstant {
        if let pending = self.unreportedOutput {
            self.unreportedOutput = nil
            return min(max(pending, self.helperTime), deadline)
        }
        try self.checkLimit(deadline)
        while self.helperTime < deadline {
            let step = min(deadline, self.helperTime + self.maximumAdvancePerCommand)
            try self.run(.run(until: step))
            if let stop = self.unreportedOutput {
                self.unreportedOutput = nil
                self.helperTime = max(self.helperTime, stop)
                return min(self.helperTime, deadline)
            }
            self.helperTime = step
        }
        return deadline
    }

    /// Runs the stack's timers up to `instant`, in commands of at most `maximumAdvancePerCommand`.
    func advance(to instant: VirtualInstant) throws(TargetError) {
        while self.helperTime < instant {
            let step = min(instant, self.helperTime + self.maximumAdvancePerCommand)
            try self.run(.advance(until: step))
            self.helperTime = step
        }
    }

    /// Brings the helper to `instant` (in bounded steps), then runs `command` there.
    @discardableResult
    func run(_ command: USRSCTPHelperProtocol.Command, at instant: VirtualInstant)
        throws(TargetError) -> (errno: Int32, message: String)
    {
        try self.checkLimit(instant)
        if instant > self.helperTime + self.maximumAdvancePerCommand {
            // Long gap: step the timers in bounded commands up to the last millisecond boundary.
            try self.advance(to: VirtualInstant(nanoseconds: instant.nanoseconds - instant.nanoseconds % 1_000_000))
        }
        let result = try self.run(command)
        self.helperTime = max(self.helperTime, instant)
        return result
    }

    /// `run(_:at:)` without waiting for the result: brings the helper to `instant` (in bounded steps,
    /// waited for), then posts `command` there; `collectPosted` reads its replies and result.
    func post(_ command: USRSCTPHelperProtocol.Command, at instant: VirtualInstant) throws(TargetError) {
        try self.checkLimit(instant)
        if instant > self.helperTime + self.maximumAdvancePerCommand {
            try self.advance(to: VirtualInstant(nanoseconds: instant.nanoseconds - instant.nanoseconds % 1_000_000))
        }
        try self.post(command)
        self.helperTime = max(self.helperTime, instant)
    }

    /// Removes and returns the packets emitted at or before `deadline`.
    func takePackets(notAfter deadline: VirtualInstant) -> [AddressedPacket] {
        guard let split = self.pendingPackets.firstIndex(where: { $0.time > deadline }) else {
            defer { self.pendingPackets.removeAll() }
            return self.pendingPackets
        }
        let taken = Array(self.pendingPackets[..<split])
        self.pendingPackets.removeFirst(split)
        return taken
    }

    /// Removes and returns every application event so far.
    func takeEvents() -> [TimedApplicationEvent] {
        defer { self.pendingEvents.removeAll() }
        return self.pendingEvents
    }
}

/// The `Transport` of a `USRSCTPTarget`: packets go straight into the hosted stack at the given
/// virtual instant; receiving runs the stack's timers up to its next output or the deadline.
final class USRSCTPTransport: Transport {
    private let session: USRSCTPSession

    init(session: USRSCTPSession) {
        self.session = session
    }

    /// Runs the stack's timers up to the packet's instant (so timer-driven packets due before it are
    /// emitted first, with their own instants), then hands it the packet. An instant before the
    /// stack's clock counts as its current instant. AF_CONN has no addresses: the envelope's are not
    /// looked at. Replies are collected for `receiveNext(until:)`.
    func send(_ packet: AddressedPacket) throws(TransportError) {
        do {
            _ = try self.session.run(.deliver(at: packet.time, packet: packet.bytes), at: packet.time)
        } catch {
            throw TransportError(error.description)
        }
    }

    /// `send` in two halves: the `DELIVER` is written at once, and its replies (and a crash on it) are
    /// read by `finishSend`.
    func beginSend(_ packet: AddressedPacket) throws(TransportError) {
        do {
            try self.session.post(.deliver(at: packet.time, packet: packet.bytes), at: packet.time)
        } catch {
            throw TransportError(error.description)
        }
    }

    func finishSend() throws(TransportError) {
        do {
            _ = try self.session.collectPosted()
        } catch {
            throw TransportError(error.description)
        }
    }

    /// Runs the stack's timers toward `deadline` and stops at the first instant at which it emitted
    /// a packet or reported an application event; returns that instant with the packets emitted
    /// then, in emission order. Each packet is stamped with the virtual instant usrsctp handed it to
    /// its output callback: the instant of the `send`/`perform` that caused it (reported by the next
    /// call), or the millisecond boundary at which the timer that caused it fired.
    func receiveNext(until deadline: VirtualInstant) throws(TransportError) -> ReceiveResult {
        let time: VirtualInstant
        do {
            time = try self.session.runToOutput(until: deadline)
        } catch {
            throw TransportError(error.description)
        }
        return ReceiveResult(time: time, packets: self.session.takePackets(notAfter: time))
    }
}
