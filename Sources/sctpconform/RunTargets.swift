import Foundation
import Scenario
import Targets

/// What `run --target` and `--profile` name, looked up: unknown names are configuration errors
/// (exit 2) that list the known ones.
enum RunTargets {
    /// `usrsctp, pion` → `["usrsctp", "pion"]` (empty names kept, for `descriptors` to refuse).
    static func names(_ list: String) -> [String] {
        list.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
    }

    /// `usrsctp,pion` → the descriptors, in order (a name may repeat: the same target twice).
    static func descriptors(
        _ list: String, registry: TargetRegistry
    ) throws(CommandFailure) -> [(name: String, descriptor: TargetDescriptor)] {
        let names = Self.names(list)
        var found: [(name: String, descriptor: TargetDescriptor)] = []
        for name in names {
            guard !name.isEmpty else {
                throw CommandFailure("'\(list)' is not a list of targets: a name is empty (e.g. --target usrsctp,pion)")
            }
            guard let descriptor = registry.descriptor(named: name) else {
                throw CommandFailure(
                    "unknown target '\(name)' (known: \(registry.names.joined(separator: ", ")))")
            }
            found.append((name, descriptor))
        }
        return found
    }

    /// `s1ap` → the profile; nil when none was given.
    static func profile(_ name: String?) throws(CommandFailure) -> InteropProfile? {
        guard let name else { return nil }
        guard let profile = InteropProfile.named(name) else {
            throw CommandFailure(
                "unknown profile '\(name)' (known: "
                    + InteropProfile.all.map { "\($0.name): port \($0.port), PPID \($0.ppid)" }.joined(separator: "; ")
                    + ")")
        }
        return profile
    }
}
