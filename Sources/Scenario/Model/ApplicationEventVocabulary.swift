import SCTPWire

/// The application events a scenario can wait for, as field records (so events use the same patterns
/// as chunks). The runner turns every event of the target into one of these records.
///
/// Association changes are named after their RFC 6458 §6.1.1 state in lower case (`comm_up`).
public enum ApplicationEventVocabulary {
    /// SCTP_ASSOC_CHANGE states (RFC 6458 §6.1.1).
    public static let associationChangeKinds = ["comm_up", "comm_lost", "restart", "shutdown_comp", "cant_str_assoc"]
    /// A whole message delivered to the application.
    public static let messageKind = "message"
    /// SCTP_SHUTDOWN_EVENT: the peer sent SHUTDOWN (RFC 6458 §6.1.5).
    public static let shutdownEventKind = "shutdown_event"
    /// SCTP_SEND_FAILED_EVENT (RFC 6458 §6.1.11).
    public static let sendFailedKind = "send_failed"
    /// SCTP_REMOTE_ERROR (RFC 6458 §6.1.3).
    public static let remoteErrorKind = "remote_error"
    /// Any other notification, by name.
    public static let notificationKind = "notification"

    /// Every event kind with its fields.
    public static let schemas: [FieldRecordSchema] =
        Self.associationChangeKinds.map { kind in
            FieldRecordSchema(
                kind: kind, summary: "SCTP_ASSOC_CHANGE \(kind.uppercased())", reference: "RFC 6458 §6.1.1",
                fields: [
                    .init("outbound_streams", .unsigned(bits: 16), optional: true, "Outbound streams negotiated"),
                    .init("inbound_streams", .unsigned(bits: 16), optional: true, "Inbound streams negotiated"),
                ])
        } + [
            FieldRecordSchema(
                kind: Self.messageKind, summary: "A message delivered to the application", reference: "RFC 9260 §10.1",
                fields: [
                    .init("stream", .unsigned(bits: 16), optional: true, "Stream identifier"),
                    .init("ppid", .unsigned(bits: 32), optional: true, "Payload protocol identifier"),
                    .init("data", .bytes, optional: true, "The message"),
                    .init("unordered", .flag, optional: true, "Delivered as unordered"),
                ]),
            FieldRecordSchema(
                kind: Self.shutdownEventKind, summary: "SCTP_SHUTDOWN_EVENT", reference: "RFC 6458 §6.1.5",
                fields: []),
            FieldRecordSchema(
                kind: Self.sendFailedKind, summary: "SCTP_SEND_FAILED_EVENT", reference: "RFC 6458 §6.1.11",
                fields: [.init("error", .unsigned(bits: 32), optional: true, "Error code")]),
            FieldRecordSchema(
                kind: Self.remoteErrorKind, summary: "SCTP_REMOTE_ERROR", reference: "RFC 6458 §6.1.3",
                fields: [.init("cause", .unsigned(bits: 16), optional: true, "Cause code of the ERROR chunk")]),
            FieldRecordSchema(
                kind: Self.notificationKind, summary: "Any other notification", reference: "RFC 6458 §6.1",
                fields: [.init("name", .text(format: "notification name"), optional: true, "Notification name")]),
        ]
}
