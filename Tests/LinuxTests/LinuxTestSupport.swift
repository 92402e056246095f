import Foundation
import ProcessTestSupport
import Targets
import Testing

/// When the Linux VM tests can run: QEMU, root (namespaces, tap) and what the image script needs.
/// Missing pieces skip them in a bare `swift test` and fail them under `SCTPCONFORM_REQUIRE_TOOLS`
/// (scripts/test.sh), where the install script has put everything in place.
enum LinuxTestSupport {
    /// Nil when the Linux targets can run here, else why not.
    static let unavailability: String? = {
        switch TargetRegistry.linuxAvailability() {
        case .available: return nil
        case .unavailable(let reason, let hint): return "\(reason) (\(hint))"
        }
    }()

    /// Whether to run the VM tests: true when available; false (skip) when not and tools are not
    /// required; a failure is recorded by the caller when they are required but missing.
    static var shouldRun: Bool { self.unavailability == nil || ExternalTool.isCI }

    /// The scenario files the VM tests run, relative to the repository.
    static func scenarioPath(_ name: String) -> String {
        repositoryRoot() + "/Scenarios/\(name).yaml"
    }
}

/// The suites that boot VMs, one test at a time: each VM keeps a core busy under TCG, and the
/// real-time tests of other suites (usrsctp over the network) must keep their timing.
@Suite(.serialized) enum LinuxVMTests {}
