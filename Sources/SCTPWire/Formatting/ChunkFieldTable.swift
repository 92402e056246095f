/// The generated documentation of the field names scenarios use for packets and chunks: one
/// Markdown table per record kind, from the same schemas the records are checked against.
public enum ChunkFieldTable {
    /// Every packet-level schema: the packet, its common header, each chunk kind, the nested records.
    public static var schemas: [FieldRecordSchema] {
        [SCTPPacket.fieldSchema, CommonHeader.fieldSchema] + Chunk.fieldSchemas
    }

    /// Markdown: a `### \`kind\`` heading, summary and reference, then a `field | type | optional |
    /// meaning` table, for each schema.
    public static func markdown(_ schemas: [FieldRecordSchema] = ChunkFieldTable.schemas) -> String {
        var lines: [String] = []
        for schema in schemas {
            lines.append("### `\(schema.kind)`")
            lines.append("")
            lines.append("\(schema.summary) (\(schema.reference)).")
            lines.append("")
            if schema.fields.isEmpty {
                lines.append("No fields.")
            } else {
                lines.append("| field | type | optional | meaning |")
                lines.append("|---|---|---|---|")
                for field in schema.fields {
                    let summary = field.summary.replacingPipes
                    lines.append(
                        "| `\(field.name)` | \(field.type) | \(field.isOptional ? "yes" : "no") | \(summary) |")
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The text with `|` escaped for a Markdown table cell.
    fileprivate var replacingPipes: String {
        var result = ""
        for character in self {
            if character == "|" { result += "\\|" } else { result.append(character) }
        }
        return result
    }
}
