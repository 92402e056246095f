/// The text `sctpconform targets` prints: one block per target with its status, capabilities and,
/// when it cannot run, the reason and how to fix it.
public struct TargetListing: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        public var capabilities: Set<TargetCapability>
        public var availability: TargetAvailability
        /// Outcome of actually starting the target (`--check`), if that was tried.
        public var startCheck: Result<Void, TargetError>?

        public init(
            name: String, summary: String, capabilities: Set<TargetCapability>, availability: TargetAvailability,
            startCheck: Result<Void, TargetError>? = nil
        ) {
            self.name = name
            self.summary = summary
            self.capabilities = capabilities
            self.availability = availability
            self.startCheck = startCheck
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Checks every target of `registry`; with `startEach`, also starts (and stops) each available one.
    public init(registry: TargetRegistry, startEach: Bool) {
        self.entries = registry.descriptors.map { descriptor in
            let availability = descriptor.checkAvailability()
            var check: Result<Void, TargetError>?
            if startEach && availability.isAvailable {
                do throws(TargetError) {
                    let configuration = TargetConfiguration(seed: 1, localPort: 5000, peerPort: 5001)
                    let target = try descriptor.make(configuration, .zero)
                    target.shutdown()
                    check = .success(())
                } catch {
                    check = .failure(error)
                }
            }
            return Entry(
                name: descriptor.name, summary: descriptor.summary, capabilities: descriptor.capabilities,
                availability: availability, startCheck: check)
        }
    }

    /// True when every start check that ran succeeded.
    public var allChecksPassed: Bool {
        self.entries.allSatisfy { entry in
            if case .failure = entry.startCheck { return false }
            return true
        }
    }

    public func render() -> String {
        let width = max(8, (self.entries.map(\.name.count).max() ?? 0) + 2)
        var lines: [String] = []
        for entry in self.entries {
            let padded = entry.name + String(repeating: " ", count: max(1, width - entry.name.count))
            let capabilities = TargetCapability.allCases.filter { entry.capabilities.contains($0) }.map(\.rawValue)
            switch entry.availability {
            case .available(let detail):
                lines.append("\(padded)available    \(entry.summary)")
                lines.append("  capabilities: \(capabilities.joined(separator: ", "))")
                lines.append("  uses: \(detail)")
            case .unavailable(let reason, let hint):
                lines.append("\(padded)unavailable  \(entry.summary)")
                lines.append("  capabilities: \(capabilities.joined(separator: ", "))")
                lines.append("  reason: \(reason)")
                lines.append("  hint: \(hint)")
            }
            switch entry.startCheck {
            case .none: break
            case .success: lines.append("  start check: ok")
            case .failure(let error): lines.append("  start check: FAILED: \(error)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
