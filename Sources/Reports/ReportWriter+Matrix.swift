import Runner

/// The reports of a comparison run (`--target a,b`): each target's per-scenario files in a folder of
/// its own, named by its column label, so that runs of several targets never collide —
/// `<label>/<id>.pcap`, `<label>/<id>.json` and `<label>/index.html` (that target's page, as a run
/// of it alone would write it) — and for the whole run `run.json` (the matrix, `ResultJSON.matrix`),
/// `junit.xml` (one test case per scenario and target) and `index.html` (the matrix as a page).
extension ReportWriter {
    /// `<label>/<id>.json`: where a cell's JSON report goes, relative to the reports folder.
    public static func matrixReportPath(label: String, _ result: ScenarioResult) -> String {
        label + "/" + Self.jsonName(for: result)
    }

    /// `<label>/<id>.pcap`, or nil when no pcap is written for the cell (a SKIP that exchanged nothing).
    public static func matrixPcapPath(label: String, _ result: ScenarioResult) -> String? {
        Self.pcapName(for: result).map { label + "/" + $0 }
    }

    /// Every file a comparison run writes, relative to the reports folder, in writing order.
    public static func matrixFiles(_ matrix: ComparisonMatrix) -> [String] {
        var files: [String] = []
        for (column, label) in matrix.columns.map(\.label).enumerated() {
            for result in matrix.results(column: column) {
                if let pcap = Self.matrixPcapPath(label: label, result) { files.append(pcap) }
                files.append(Self.matrixReportPath(label: label, result))
            }
            files.append(label + "/index.html")
        }
        return files + ["run.json", "junit.xml", "index.html"]
    }

    /// Writes every file of a comparison run (each atomically) and returns their paths, in order.
    @discardableResult
    public func write(matrix: ComparisonMatrix, seed: UInt64, profile: String? = nil) throws(ReportError) -> [String]
    {
        try ReportFolder.createFolder(self.directory)
        var written: [String] = []
        for (column, label) in matrix.columns.map(\.label).enumerated() {
            let results = matrix.results(column: column)
            let folder = ReportWriter(directory: ReportFolder.join(self.directory, label))
            try ReportFolder.createFolder(folder.directory)
            for result in results {
                let pcapName = Self.pcapName(for: result)
                if let pcapName {
                    written.append(try folder.write(Self.pcap(result), name: pcapName))
                }
                let json = ResultJSON.scenario(result, pcapName: pcapName).serialized()
                written.append(try folder.write(Array(json.utf8), name: Self.jsonName(for: result)))
            }
            let page = HTMLReport.document(results, target: matrix.columns[column].target, seed: seed)
            written.append(try folder.write(Array(page.utf8), name: "index.html"))
        }
        let summary = ResultJSON.matrix(matrix, seed: seed, profile: profile, files: Self.matrixFiles(matrix))
        written.append(try self.write(Array(summary.serialized().utf8), name: "run.json"))
        let junit = JUnitReport.document(matrix: matrix, seed: seed, profile: profile)
        written.append(try self.write(Array(junit.utf8), name: "junit.xml"))
        let page = MatrixHTMLReport.document(matrix, seed: seed, profile: profile)
        written.append(try self.write(Array(page.utf8), name: "index.html"))
        return written
    }
}
