import Foundation
import Fuzz
import Scenario
import Targets

/// What `fuzz` and `corpus minimize` share: the `--scenario` prefix (a scenario file, or a preamble
/// file such as `Scenarios/preambles/established.yaml`, which is loaded as a scenario that starts
/// `from:` it and has no steps of its own), and the target by name.
enum FuzzPrefixLoading {
    /// The prefix scenario; nil without `--scenario` (out of the blue).
    static func prefix(_ path: String?) throws(CommandFailure) -> Scenario? {
        guard let path else { return nil }
        let loader = ScenarioLoader()
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path): error: no such file")
        }
        do {
            if path.split(separator: "/").dropLast().contains("preambles") {
                let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
                let folder = ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
                let file = (folder.isEmpty ? "" : folder + "/") + "fuzz-prefix-\(name).yaml"
                let scenario = try loader.load(
                    yaml: "id: fuzz-\(name)\ntitle: \"fuzz from the preamble \(name)\"\nfrom: \(name)\nsteps: []\n",
                    file: file)
                var inlined = scenario
                inlined.file = path
                inlined.preamble = nil
                return inlined
            }
            return try loader.load(path: path)
        } catch {
            throw CommandFailure(error.errors.map(\.description).joined(separator: "\n"))
        }
    }

    /// The target's descriptor, available here.
    static func descriptor(_ name: String) throws(CommandFailure) -> TargetDescriptor {
        let registry = TargetRegistry.standard
        guard let descriptor = registry.descriptor(named: name) else {
            throw CommandFailure("unknown target '\(name)' (known: \(registry.names.joined(separator: ", ")))")
        }
        if case .unavailable(let reason, let hint) = descriptor.checkAvailability() {
            throw CommandFailure("target \(name) cannot run here: \(reason)\n  \(hint)")
        }
        return descriptor
    }
}
