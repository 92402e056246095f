import VirtualTime

/// Whether a target can run on this machine.
public enum TargetAvailability: Hashable, Sendable {
    /// Ready; `detail` says what it will use (library path, compiler, ...).
    case available(detail: String)
    /// Missing something: `reason` says what, `hint` how to get it.
    case unavailable(reason: String, hint: String)

    public var isAvailable: Bool {
        if case .available = self { return true }
        return false
    }
}

/// One kind of system under test, as the registry knows it.
public struct TargetDescriptor: Sendable {
    /// The name scenarios and the command line use (`usrsctp`, later `linux`, `udp-peer`).
    public var name: String
    /// One line for `sctpconform targets`.
    public var summary: String
    /// What the target can do (scenarios needing more are skipped).
    public var capabilities: Set<TargetCapability>
    /// Checks, without starting anything, whether the target can run here.
    public var checkAvailability: @Sendable () -> TargetAvailability
    /// Starts a target for one run.
    public var make: @Sendable (TargetConfiguration, VirtualInstant) throws(TargetError) -> any Target
    /// The SCTP ports a stack whose client cannot choose them always uses (pion: 5000 on both
    /// sides); nil when the client binds the port it is given. The runner runs a scenario with the
    /// SUT as client on these ports and says so in the result's notes.
    public var fixedClientPorts: FixedClientPorts?

    public init(
        name: String,
        summary: String,
        capabilities: Set<TargetCapability>,
        checkAvailability: @escaping @Sendable () -> TargetAvailability,
        fixedClientPorts: FixedClientPorts? = nil,
        make: @escaping @Sendable (TargetConfiguration, VirtualInstant) throws(TargetError) -> any Target
    ) {
        self.name = name
        self.summary = summary
        self.capabilities = capabilities
        self.checkAvailability = checkAvailability
        self.fixedClientPorts = fixedClientPorts
        self.make = make
    }
}

/// The ports of a client that cannot bind the port it is given (`TargetDescriptor.fixedClientPorts`).
public struct FixedClientPorts: Hashable, Sendable {
    /// The SCTP port the stack's client sends from.
    public var sut: UInt16
    /// The SCTP port it sends to (the harness's).
    public var harness: UInt16

    public init(sut: UInt16, harness: UInt16) {
        self.sut = sut
        self.harness = harness
    }
}

/// The systems under test sctpconform knows, by name.
///
/// `standard` holds the built-in ones. More (the Linux kernel in QEMU, a remote peer over RFC 6951
/// UDP encapsulation) are added as descriptors: a name, capabilities, an availability check that
/// explains what is missing, and a factory.
public struct TargetRegistry: Sendable {
    /// Descriptors in the order they were given (`sctpconform targets` prints them so).
    public private(set) var descriptors: [TargetDescriptor]

    public init(_ descriptors: [TargetDescriptor]) {
        self.descriptors = []
        for descriptor in descriptors {
            self.register(descriptor)
        }
    }

    /// The built-in targets, the real-time ones with their default options.
    public static var standard: TargetRegistry {
        Self.standard(RealTimeTargetOptions())
    }

    /// The built-in targets: usrsctp on virtual time, then the real-time ones (usrsctp over raw IP
    /// and over UDP in network namespaces, a remote peer, the Linux kernel in a VM, pion) with
    /// `options`, then aiortc (listed to say why it is not a target).
    public static func standard(_ options: RealTimeTargetOptions) -> TargetRegistry {
        TargetRegistry(
            [Self.usrsctp] + Self.realTimeTargets(options)
                + Self.linuxTargets(
                    LinuxTargetOptions(tolerance: options.tolerance, application: options.linuxApplication))
                + [Self.pion(tolerance: options.tolerance), Self.aiortc])
    }

    /// usrsctp hosted on virtual time (the default target).
    public static let usrsctp = TargetDescriptor(
        name: "usrsctp",
        summary: "usrsctp 0.9.5 (libusrsctp.a) in a helper process, on the harness's virtual clock and seed",
        capabilities: USRSCTPTarget.supportedCapabilities,
        checkAvailability: {
            switch USRSCTPHelperBuilder.locateToolchain() {
            case .success(let toolchain):
                return .available(detail: "\(toolchain.library), compiled with \(toolchain.compiler)")
            case .failure(.unavailable(let reason, let hint)):
                return .unavailable(reason: reason, hint: hint)
            case .failure(let error):
                return .unavailable(reason: error.description, hint: USRSCTPHelperBuilder.installHint)
            }
        },
        make: { (configuration, start) throws(TargetError) -> any Target in
            try USRSCTPTarget(configuration: configuration, start: start)
        }
    )

    /// The registered names, in order.
    public var names: [String] { self.descriptors.map(\.name) }

    /// Adds a descriptor, replacing one with the same name.
    public mutating func register(_ descriptor: TargetDescriptor) {
        if let index = self.descriptors.firstIndex(where: { $0.name == descriptor.name }) {
            self.descriptors[index] = descriptor
        } else {
            self.descriptors.append(descriptor)
        }
    }

    public func descriptor(named name: String) -> TargetDescriptor? {
        self.descriptors.first { $0.name == name }
    }

    /// Starts the target called `name`. An unknown name or an unavailable target is
    /// `TargetError.unavailable` with a hint.
    public func makeTarget(
        named name: String, configuration: TargetConfiguration, start: VirtualInstant = .zero
    ) throws(TargetError) -> any Target {
        guard let descriptor = self.descriptor(named: name) else {
            throw .unavailable(
                reason: "no target named '\(name)'",
                hint: "known targets: \(self.names.joined(separator: ", ")) (see `sctpconform targets`)")
        }
        if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
            throw .unavailable(reason: reason, hint: hint)
        }
        return try descriptor.make(configuration, start)
    }
}
