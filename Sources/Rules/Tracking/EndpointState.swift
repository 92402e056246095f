/// An endpoint's association state (RFC 9260 §4), as far as packets show it.
///
/// SHUTDOWN-PENDING is not listed: it differs from ESTABLISHED only inside the endpoint (its user
/// asked to shut down, data is still outstanding), so no packet reveals it.
public enum EndpointState: String, Hashable, Sendable, Codable, CustomStringConvertible {
    /// No association (no TCB): before INIT, after ABORT or SHUTDOWN COMPLETE; also a responder
    /// that has sent INIT ACK, which keeps no state until the COOKIE ECHO.
    case closed = "CLOSED"
    case cookieWait = "COOKIE-WAIT"
    case cookieEchoed = "COOKIE-ECHOED"
    case established = "ESTABLISHED"
    case shutdownSent = "SHUTDOWN-SENT"
    case shutdownReceived = "SHUTDOWN-RECEIVED"
    case shutdownAckSent = "SHUTDOWN-ACK-SENT"

    public var description: String { self.rawValue }

    /// Whether the endpoint holds a TCB with the peer's tag (it can send and receive DATA).
    var hasAssociation: Bool {
        switch self {
        case .closed, .cookieWait: false
        case .cookieEchoed, .established, .shutdownSent, .shutdownReceived, .shutdownAckSent: true
        }
    }

    /// Whether the endpoint is past the handshake and not yet closed.
    var isEstablishedOrShuttingDown: Bool {
        switch self {
        case .closed, .cookieWait, .cookieEchoed: false
        case .established, .shutdownSent, .shutdownReceived, .shutdownAckSent: true
        }
    }
}
