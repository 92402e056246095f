import ProcessTestSupport
import Testing

/// `scripts/test.sh` sets SCTPCONFORM_REQUIRE_TOOLS so that a missing tshark, scapy or binary fails
/// the tests that need it instead of skipping them.
@Suite("external tools required or optional")
struct ToolRequirementTests {
    @Test("SCTPCONFORM_REQUIRE_TOOLS or CI makes every tool required; unset, empty or 0 does not")
    func requirement() {
        #expect(ExternalTool.toolsRequired(in: ["SCTPCONFORM_REQUIRE_TOOLS": "1"]))
        #expect(ExternalTool.toolsRequired(in: ["CI": "true"]))
        #expect(ExternalTool.toolsRequired(in: ["CI": ""]))
        #expect(!ExternalTool.toolsRequired(in: [:]))
        #expect(!ExternalTool.toolsRequired(in: ["SCTPCONFORM_REQUIRE_TOOLS": ""]))
        #expect(!ExternalTool.toolsRequired(in: ["SCTPCONFORM_REQUIRE_TOOLS": "0"]))
    }
}
