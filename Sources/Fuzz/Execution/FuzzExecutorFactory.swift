import Targets

/// Makes the executor a campaign runs on: the fastest one the target has. The generic
/// `SessionFuzzExecutor` works for every target; a target with a faster executor of its own (usrsctp's
/// batched helper) adds a case here. The engine itself only uses the `FuzzExecutor` protocol.
public enum FuzzExecutorFactory {
    /// Which executor to use (`--executor`); `automatic` picks the fastest the target has.
    public enum Kind: String, Sendable, CaseIterable {
        case automatic
        case session
        /// usrsctp's batched helper (`USRSCTPFuzzExecutor`); only for the `usrsctp` target.
        case usrsctp
    }

    /// An executor for `descriptor`.
    public static func make(for descriptor: TargetDescriptor, kind: Kind = .automatic) -> any FuzzExecutor {
        switch kind {
        case .automatic where descriptor.name == TargetRegistry.usrsctp.name, .usrsctp:
            return USRSCTPFuzzExecutor()
        case .automatic, .session:
            return SessionFuzzExecutor(descriptor: descriptor)
        }
    }
}
