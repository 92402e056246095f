/// aiortc (PyPI, 1.16), listed so that `sctpconform targets` says why it is not a target.
///
/// aiortc contains a pure-Python SCTP association, but it cannot serve as a system under test for
/// these scenarios:
/// - it is written for WebRTC data channels: it delivers DATA to the application only on a data
///   channel opened with DCEP (RFC 8832, PPID 50) and only with the WebRTC PPIDs 51–57, so an
///   application message on stream 0 with PPID 0 (or S1AP's 18) is never seen, and `app: send`
///   cannot choose the PPID;
/// - it runs only over a DTLS transport: driving it over UDP needs a stand-in for
///   `RTCDtlsTransport` built on private attributes (`_role`, `_register_data_receiver`,
///   `_send_data`), which any release may change;
/// - its application cannot start a graceful shutdown (`stop()` sends ABORT), and its ports are
///   fixed at 5000/5000.
/// `scripts/make-interop-captures.sh` still records an aiortc capture for the rule checker.
extension TargetRegistry {
    public static let aiortc = TargetDescriptor(
        name: "aiortc",
        summary: "aiortc 1.16 (Python, WebRTC data channels): not usable as a target",
        capabilities: [],
        checkAvailability: { .unavailable(reason: Self.aiortcReason, hint: Self.aiortcHint) },
        make: { (_, _) throws(TargetError) -> any Target in
            throw .unavailable(reason: Self.aiortcReason, hint: Self.aiortcHint)
        }
    )

    static let aiortcReason =
        "aiortc delivers DATA only to WebRTC data channels (DCEP, PPIDs 50-57), runs only over DTLS (UDP needs a "
        + "stand-in on its private API) and cannot shut down gracefully (stop() sends ABORT), so the scenarios' "
        + "app: steps cannot be mapped onto it"
    static let aiortcHint =
        "compare with pion or usrsctp instead; scripts/make-interop-captures.sh records an aiortc capture for "
        + "`sctpconform check`"
}
