/// The test purposes of ETSI TS 102 369 (SCTP conformance), copied from the index of that
/// specification's test purposes: scenarios cite them under `etsi:` and the loader rejects
/// identifiers not listed here.
public enum ETSITestPurposes {
    /// One test purpose: its group (`as` association setup, `at` termination, ...), id and title.
    public struct TestPurpose: Hashable, Sendable {
        public var group: String
        public var id: String
        public var title: String
    }

    /// Every test purpose, in index order.
    public static let all: [TestPurpose] = [
        TestPurpose(group: "a", id: "sctp-a-v-9-1", title: "First SACK is sent immediately"),
        TestPurpose(group: "a", id: "sctp-a-v-9-2", title: "SACK can cover multiple bundled DATA chunks"),
        TestPurpose(group: "a", id: "sctp-a-o-9-3", title: "SACK with gap report is sent immediately"),
        TestPurpose(group: "as", id: "sctp-as-v-1-1-1", title: "Performing an active association setup"),
        TestPurpose(group: "as", id: "sctp-as-v-1-1-2", title: "Performing a passive association setup"),
        TestPurpose(group: "as", id: "sctp-as-i-1-2-1", title: "Retransmissions of INIT chunks"),
        TestPurpose(group: "as", id: "sctp-as-i-1-2-2", title: "Retransmissions of COOKIE-ECHO chunks"),
        TestPurpose(group: "as", id: "sctp-as-i-1-3-1", title: "Handling of excessive retransmissions of INIT chunks"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-3-2",
            title: "Handling of excessive retransmissions of COOKIE-ECHO chunks"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-4",
            title: "Ensuring no resource allocation on reception of INIT chunk"),
        TestPurpose(group: "as", id: "sctp-as-v-1-5-1", title: "Using random initate tags for INIT chunks"),
        TestPurpose(group: "as", id: "sctp-as-v-1-5-2", title: "Using random initate tags for INIT-ACK chunks"),
        TestPurpose(group: "as", id: "sctp-as-v-1-6-1", title: "Handling of INIT chunk with various parameters"),
        TestPurpose(group: "as", id: "sctp-as-v-1-6-2", title: "Handling of INIT-ACK chunk with various parameters"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-7-1",
            title: "Handling of INIT chunks with IS less then configured OS in the CLOSED state"),
        TestPurpose(group: "as", id: "sctp-as-i-1-7-2", title: "Handling of INIT chunks with OS 0 in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-7-3",
            title: "Handling of INIT-ACK chunks with IS less than OS of the INIT in the COOKIE-WAIT state"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-7-4",
            title: "Handling of INIT-ACK chunks with outgoing stream 0 in the COOKIE-WAIT state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-7-5",
            title: "Ensuring the support of 2 incoming and outgoing streams"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-8-1",
            title: "Handling of INIT chunks with unknown parameter (highest order bits 11)"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-8-2",
            title: "Handling of INIT chunks with unknown parameter (highest order bits 00)"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-8-3",
            title: "Handling of INIT chunks with unknown parameter (highest order bits 11)"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-8-4",
            title: "Handling of INIT chunks with unknown parameter (highest order bits 10)"),
        TestPurpose(
            group: "as", id: "sctp-as-o-1-9-1",
            title: "Handling of INIT chunks with known addresses in the ESTABLISHED state"),
        TestPurpose(
            group: "as", id: "sctp-as-o-1-9-2",
            title: "Handling of INIT chunks with new addresses in the ESTABLISHED state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-10-1",
            title: "Handling of INIT chunks with no address parameters in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-10-2",
            title: "Handling of INIT-ACK chunks with no address parameters in the COOKIE-WAIT state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-11-1",
            title: "Handling of INIT chunks with one or more address parameters in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-11-2",
            title: "Handling of INIT-ACK chunks with one or more address parameters in the COOKIE-WAIT state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-12-1",
            title: "Handling of INIT chunks with one hostname address parameter in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-12-2",
            title: "Handling of INIT-ACK chunks with one hostname address parameter in the COOKIE-WAIT state"),
        TestPurpose(
            group: "as", id: "sctp-as-v-1-13-1",
            title: "Handling of INIT chunks with a supported address types parameter (good case) in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-13-2",
            title: "Handling of INIT chunks with a supported address types parameter (bad case) in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-14-1",
            title: "Handling of INIT chunks with initiate tag 0 in the CLOSED state"),
        TestPurpose(
            group: "as", id: "sctp-as-i-1-14-2",
            title: "Handling of INIT-ACK chunks with initiate tag 0 in the COOKIE-WAIT state"),
        TestPurpose(group: "as", id: "sctp-as-i-1-15", title: "Using all peer addresses for INIT (re)transmissions"),
        TestPurpose(group: "at", id: "sctp-at-v-2-2", title: "Handling of ABORT chunks in the ESTABLISHED state"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-3",
            title: "Ensure that a SHUTDOWN chunk is sent only when there is no outstanding user data"),
        TestPurpose(group: "at", id: "sctp-at-i-2-4", title: "Handling of retransmission of SHUTDOWN chunks"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-5",
            title: "Handling of excessive retransmissions of SHUTDOWN chunks"),
        TestPurpose(
            group: "at", id: "sctp-at-v-2-6",
            title: "Handling of SHUTDOWN-ACK chunks in the SHUTDOWN-SENT state"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-7-1",
            title: "Reject user data from upper layer in the SHUTDOWN-SENT state"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-7-2",
            title: "Reject user data from upper layer in the SHUTDOWN-RECEIVED state"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-7-3",
            title: "Reject user data from upper layer in the SHUTDOWN-PENDING state"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-7-4",
            title: "Reject user data from upper layer in the SHUTDOWN-ACK_SENT state"),
        TestPurpose(group: "at", id: "sctp-at-i-2-8", title: "Handling of DATA chunks in the SHUTDOWN-SENT state"),
        TestPurpose(group: "at", id: "sctp-at-i-2-9", title: "Handling of DATA chunks in the SHUTDOWN-RECEIVED state"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-10",
            title: "Handling of SHUTDOWN chunks when there is outstanding user data"),
        TestPurpose(group: "at", id: "sctp-at-i-2-11", title: "Handling of retransmission of SHUTDOWN chunks"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-12",
            title: "Handling of excessive retransmissions of SHUTDOWN-ACK chunks"),
        TestPurpose(
            group: "at", id: "sctp-at-i-2-13",
            title: "Handling of SHUTDOWN-COMPLETE chunks in SHUTDOWN-ACK-SENT state"),
        TestPurpose(
            group: "at", id: "sctp-at-v-2-14",
            title: "Handling of SHUTDOWN chunks acknowledging all outstanding user data"),
        TestPurpose(group: "bdc", id: "sctp-bdc-i-7-1", title: "INIT chunk bundled with DATA chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-i-7-2", title: "INIT-ACK chunk bundled with DATA chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-i-7-3", title: "SHUTDOWN-COMPLETE chunk bundled with DATA chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-v-7-4", title: "COOKIE-ECHO chunk bundled with DATA chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-v-7-5", title: "COOKIE-ACK chunk bundled with DATA chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-v-7-6", title: "SACK chunk bundled with SHUTDOWN chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-v-7-7", title: "SACK chunk bundled with DATA chunk"),
        TestPurpose(group: "bdc", id: "sctp-bdc-v-7-8", title: "SHUTDOWN-ACK chunk bundled with DATA chunk"),
        TestPurpose(group: "d", id: "sctp-d-v-8-1", title: "Sending of a user message not requireing fragmentation"),
        TestPurpose(group: "d", id: "sctp-d-v-8-2", title: "Sending of a user message requireing fragmentation"),
        TestPurpose(group: "d", id: "sctp-d-v-8-3", title: "Handling of fragmented user message (first, middle, end)"),
        TestPurpose(group: "d", id: "sctp-d-v-8-4", title: "Handling of SACK acknowledging an outstanding TSN"),
        TestPurpose(group: "d", id: "sctp-d-i-8-5", title: "Handling of T3 Timeouts"),
        TestPurpose(group: "d", id: "sctp-d-o-8-6", title: "Handling of duplicate DATA chunks"),
        TestPurpose(
            group: "d", id: "sctp-d-o-8-7",
            title: "Performing zero window probing with un-fragmented user data"),
        TestPurpose(group: "d", id: "sctp-d-o-8-8", title: "Performing zero window probing with fragmented user data"),
        TestPurpose(group: "d", id: "sctp-d-v-8-9", title: "Send retransmissions before transmissions"),
        TestPurpose(
            group: "d", id: "sctp-d-v-8-10",
            title: "Handling of packets containing a SACK chunk from alternate peer address"),
        TestPurpose(group: "d", id: "sctp-d-i-8-11", title: "Handling of empty DATA chunks"),
        TestPurpose(group: "d", id: "sctp-d-o-8-12", title: "Handling of outdated SACK chunks"),
        TestPurpose(group: "d", id: "sctp-d-v-8-13", title: "Handling of user messages of maximum size"),
        TestPurpose(group: "d", id: "sctp-d-v-8-14", title: "Sending of user messages of maximum size"),
        TestPurpose(group: "d", id: "sctp-d-v-8-15", title: "Handling of user messages larger than the maximum size"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-1", title: "Handling of INIT chunks in the COOKIE-WAIT state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-2-1", title: "Handling of INIT chunks in the ESTABLISHED state"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-2-2",
            title: "Handling of INIT chunks in the SHUTDOWN-ACK-SENT state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-3", title: "Handling of INIT-ACK chunks in the COOKIE-ECHOED state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-4", title: "Handling of COOKIE-ACK chunks in the ESTABLISHED state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-5", title: "Handling of SHUTDOWN chunks in the SHUTDOWN-SENT state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-6-1", title: "Handling of SHUTDOWN chunks in the COOKIE-WAIT state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-6-2", title: "Handling of SHUTDOWN chunks in the CLOSED state"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-6-3",
            title: "Handling of SHUTDOWN chunks in the SHUTDOWN-SENT state (including T2 restart)"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-7-1",
            title: "Handling of SHUTDOWN-ACK chunks in the COOKIE-WAIT state"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-7-2",
            title: "Handling of SHUTDOWN-ACK chunks in the ESTABLISHED state"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-7-3",
            title: "Handling of SHUTDOWN-ACK chunks in the SHUTDOWN-ACK-SENT state"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-8",
            title: "Handling of COOKIE-ECHO chunks with invalid MAC in the ESTABLISHED state"),
        TestPurpose(
            group: "dm", id: "sctp-dm-o-4-9",
            title: "Handling of SHUTDOWN-COMPLETE chunks in the COOKIE-WAIT state"),
        TestPurpose(group: "dm", id: "sctp-dm-o-4-10", title: "Handling of DATA chunks in the SHUTDOWN-ACK-SENT state"),
        TestPurpose(
            group: "e", id: "sctp-e-o-6-1",
            title: "Handling of an ERROR chunk indicating state cookie in state COOKIE-ECHOED"),
        TestPurpose(
            group: "e", id: "sctp-e-o-6-2",
            title: "Handling of an ERROR chunk indicating state cookie in states other than COOKIE-ECHOED"),
        TestPurpose(group: "e", id: "sctp-e-i-6-3", title: "Handling of a DATA chunk on a non-existing stream"),
        TestPurpose(group: "e", id: "sctp-e-i-6-4", title: "Handling of an INIT-ACK chunk without a cookie"),
        TestPurpose(
            group: "e", id: "sctp-e-i-6-5",
            title: "Handling of an INIT-ACK chunk containing an unknown parameter"),
        TestPurpose(
            group: "e", id: "sctp-e-i-6-6",
            title: "Handling of a COOKIE-ECHO chunk bundled with an ERROR chunk indicating unrecognized parameters"),
        TestPurpose(group: "fh", id: "sctp-fh-i-5-1-1", title: "Handling of excessive timer based retransmissions"),
        TestPurpose(
            group: "fh", id: "sctp-fh-i-5-1-2",
            title: "Resetting the number of retransmissions on reception of a SACK chunk"),
        TestPurpose(group: "fh", id: "sctp-fh-v-5-2", title: "Handling of HEARTBEAT chunks in the ESTABLISHED state"),
        TestPurpose(group: "fh", id: "sctp-fh-o-5-3-1", title: "Handling of OOTB packets containing a DATA chunk"),
        TestPurpose(group: "fh", id: "sctp-fh-o-5-3-2", title: "Handling of OOTB packets containing an ABORT chunk"),
        TestPurpose(
            group: "fh", id: "sctp-fh-o-5-3-3",
            title: "Handling of OOTB packets containing an SHUTDOWN-ACK chunk"),
        TestPurpose(
            group: "fh", id: "sctp-fh-o-5-3-4",
            title: "Handling of OOTB packets containing an SHUTDOWN-COMPLETE chunk"),
        TestPurpose(
            group: "fh", id: "sctp-fh-o-5-3-5",
            title: "Handling of packets with a non-unicast source address containing a COOKIE-ECHO chunk"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-1",
            title: "Handling of an INIT chunk being too small in the CLOSED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-2",
            title: "Handling of an INIT-ACK chunk being too small in the COOKIE-WAIT state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-3",
            title: "Handling of a packet with a wrong verification"
                + " tag containg a COOKIE-ECHO chunk in the CLOSED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-4",
            title: "Handling of a packet with a wrong checksum containg an INIT chunk in the CLOSED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-5",
            title: "Handling of a COOKIE-ECHO chunk with a wrong cookie in the CLOSED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-6",
            title: "Handling of a COOKIE-ECHO chunk with an expired cookie in the CLOSED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-7",
            title: "Handling of a packet with a wrong verification tag"
                + " containing an ABORT chunk in the ESTABLISHED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-8",
            title: "Handling of a packet too small for the contained INIT chunk in the CLOSED state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-9",
            title: "Handling of a packet with a wrong verification tag"
                + " containing a SHUTDOWN-ACK chunk in the SHUTDOWN-SENT state"),
        TestPurpose(
            group: "imh", id: "sctp-imh-i-3-10",
            title: "Handling of a packet with a wrong verification tag"
                + " containing a SHUTDOWN-COMPLETE chunk in the SHUTDOWN-ACK-SENT state"),
        TestPurpose(
            group: "m", id: "sctp-m-i-10-1",
            title: "Handling of an unknown chunk (highest order bits 11) bundled with a DATA chunk"),
        TestPurpose(
            group: "m", id: "sctp-m-i-10-2",
            title: "Handling of an unknown chunk (highest order bits 00) bundled with a DATA chunk"),
        TestPurpose(
            group: "m", id: "sctp-m-i-10-3",
            title: "Handling of an unknown chunk (highest order bits 01) bundled with a DATA chunk"),
        TestPurpose(
            group: "m", id: "sctp-m-i-10-4",
            title: "Handling of an unknown chunk (highest order bits 10) bundled with a DATA chunk"),
        TestPurpose(group: "rt", id: "sctp-rt-i-11-1", title: "Test retransmission timeout (single homing)"),
        TestPurpose(group: "rt", id: "sctp-rt-i-11-2", title: "Test retransmission timeout (single homing)"),
        TestPurpose(group: "rt", id: "sctp-rt-i-11-3", title: "Test retransmission timeout (dual homing)"),
    ]

    /// The test purpose with this id, if listed.
    public static func purpose(id: String) -> TestPurpose? {
        self.all.first { $0.id == id }
    }
}
