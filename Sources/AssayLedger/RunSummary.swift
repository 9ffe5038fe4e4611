import Foundation

/// Counts for the end-of-run summary: verdicts per modality over the whole datanet, the most
/// frequent reason codes, and what this run had to do.
public struct RunSummary: Sendable {
    /// Files in the datanet (every source the ledger knows).
    public private(set) var found = 0
    /// Files read and analyzed in this run (the others reused stored findings).
    public var analyzed = 0
    /// Files whose verdict was decided in this run (from the stale mark on).
    public var decided = 0
    /// Count per modality and verdict.
    public private(set) var counts: [String: [VerdictKind: Int]] = [:]
    /// Count per reason code.
    public private(set) var codes: [String: Int] = [:]
    /// Seconds the run took.
    public var seconds: Double = 0
    /// The ledger written.
    public var ledger: String = ""
    /// The config file used, nil for the built-in defaults.
    public var config: String?
    /// The signal that stopped the run early, if one did.
    public var interruptedBy: Int32?
    /// Folders of the datanet that are missing now (their files kept their verdicts).
    public var vanishedSources: [String] = []
    /// What discovery found changed since the last run.
    public var changes = DiscoveryChanges()
    /// Sub-folders this run could not read: their files kept their earlier verdicts.
    public var unreadableFolders: [UnreadableFolder] = []
    /// What the ledger's witness did to this run's submission times.
    public var witnessing = IntakeWitnessing()

    /// An empty summary.
    public init() {}

    /// Counts `count` files of `modality` with `verdict`.
    public mutating func add(modality: String, verdict: VerdictKind, count: Int) {
        found += count
        counts[modality, default: [:]][verdict, default: 0] += count
    }

    /// Counts one file's reason codes (each code once per file).
    public mutating func add<S: Sequence>(codes fileCodes: S) where S.Element == String {
        for code in Set(fileCodes) { codes[code, default: 0] += 1 }
    }

    /// Files with `verdict`, over all modalities.
    public func total(_ verdict: VerdictKind) -> Int {
        counts.values.reduce(0) { $0 + ($1[verdict] ?? 0) }
    }

    /// One line each for outcomes that surprise people, with what to do about them.
    public var explanations: [String] {
        var lines: [String] = []
        if found == 0 {
            lines.append("no file found: the layout expects FOLDER/CONTRIBUTOR/MODALITY/FILE (modality text, image or audio), or a manifest in the config")
        }
        let unknown = codes["intake.unknown_modality"] ?? 0
        if found > 0, unknown * 2 > found {
            let seen = counts.keys.filter { Modality(rawValue: $0) == nil }.sorted()
            let names = seen.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (seen.count > 3 ? ", …" : "")
            lines.append("\(unknown) of \(Plural.count(found, "file")) \(unknown == 1 ? "sits" : "sit") in folders that name no modality (\(names) where the layout expects text, image or audio): "
                         + "the layout is FOLDER/CONTRIBUTOR/MODALITY/FILE; for FOLDER/MODALITY/CONTRIBUTOR/FILE set `layout: \"{modality}/{contributor}/**\"`")
        }
        let byDailyFiles = codes["quota.daily_files"] ?? 0
        if found > 0, byDailyFiles * 2 > found {
            lines.append("\(byDailyFiles) of \(Plural.count(found, "file")) \(byDailyFiles == 1 ? "was" : "were") refused by daily_files: a file's submission time is its mtime on its folder's first walk (a copy or a checkout dates them all today), and later the time a run first found it; for a backfill give the times with a manifest or `assay run --intake FILE`, or set `limits: { quotas: false }`")
        }
        let offTopic = codes["text.off_topic"] ?? 0
        let texts = counts["text"]?.values.reduce(0, +) ?? 0
        if texts > 0, offTopic * 2 > texts {
            lines.append("\(offTopic) of \(texts) text files were rejected as off-topic (text.off_topic): when the datanet's own files are on topic, "
                         + "text-relevance's topic is too narrow for them; give it 'examples' (a few on-topic documents) or lower its 'min_score'")
        }
        if let first = unreadableFolders.first {
            let more = unreadableFolders.count > 1 ? " and \(unreadableFolders.count - 1) more" : ""
            lines.append("\(unreadableFolders.count) folder\(unreadableFolders.count == 1 ? "" : "s") could not be read (\(first.path) in \(first.root): \(first.problem)\(more)): "
                         + "their files keep the verdicts they had; make them readable to judge them again")
        }
        if witnessing.unwitnessed > 0 {
            lines.append("\(Plural.count(witnessing.unwitnessed, "file")) \(witnessing.unwitnessed == 1 ? "was" : "were") first seen in folders no earlier run walked: their submission times are their modification times "
                         + "(capped at this run's start), which contributors can set; from the next run on, a new file is dated between the two runs that bracket its arrival")
        }
        if witnessing.clamped > 0 {
            lines.append("\(witnessing.clamped) new \(Plural.noun(witnessing.clamped, "file")) had modification times outside the time since their folder was last walked (backdated or in the future): "
                         + "their submission times were moved into it")
        }
        return lines
    }

    /// The summary as one JSON object (`assay run --format json`).
    public func json(topCodes: Int = 10) -> String {
        var w = JSONWriter()
        w.raw("{\"files\":"); w.number(Double(found))
        w.raw(",\"analyzed\":"); w.number(Double(analyzed))
        w.raw(",\"decided\":"); w.number(Double(decided))
        w.raw(",\"seconds\":"); w.number((seconds * 1000).rounded() / 1000)
        w.raw(",\"config\":"); w.optionalString(config)
        w.raw(",\"ledger\":"); w.string(ledger)
        w.raw(",\"verdicts\":{")
        for (i, verdict) in VerdictKind.allCases.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(verdict.rawValue); w.raw(":"); w.number(Double(total(verdict)))
        }
        w.raw("},\"by_modality\":{")
        for (i, modality) in counts.keys.sorted().enumerated() {
            if i > 0 { w.raw(",") }
            w.string(modality); w.raw(":{")
            for (j, verdict) in VerdictKind.allCases.enumerated() {
                if j > 0 { w.raw(",") }
                w.string(verdict.rawValue); w.raw(":"); w.number(Double(counts[modality]?[verdict] ?? 0))
            }
            w.raw("}")
        }
        w.raw("},\"top_reasons\":[")
        let top = codes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(topCodes)
        for (i, entry) in top.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"code\":"); w.string(entry.key); w.raw(",\"files\":"); w.number(Double(entry.value)); w.raw("}")
        }
        w.raw("],\"since_last_run\":{\"new\":"); w.number(Double(changes.added))
        w.raw(",\"changed\":"); w.number(Double(changes.changed))
        w.raw(",\"gone\":"); w.number(Double(changes.removed))
        w.raw("},\"intake\":{\"unwitnessed\":"); w.number(Double(witnessing.unwitnessed))
        w.raw(",\"clamped\":"); w.number(Double(witnessing.clamped))
        w.raw(",\"resubmitted\":"); w.number(Double(witnessing.resubmitted))
        w.raw(",\"confirmed\":"); w.number(Double(witnessing.confirmed))
        w.raw(",\"trusted\":"); w.number(Double(witnessing.trusted))
        w.raw("},\"missing_folders\":[")
        for (i, folder) in vanishedSources.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(folder)
        }
        w.raw("],\"notes\":[")
        for (i, note) in explanations.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(note)
        }
        w.raw("],\"interrupted_by\":")
        if let interruptedBy { w.number(Double(interruptedBy)) } else { w.raw("null") }
        w.raw("}")
        return w.string
    }

    /// A table for people.
    public func render(topCodes: Int = 10) -> String {
        var out = "assay: \(Plural.count(found, "file")) (\(analyzed) analyzed now, \(decided) decided now) in " + String(format: "%.2f s\n", seconds)
        if changes.added + changes.removed + changes.changed > 0 {
            out += "since the last run: \(changes.added) new, \(changes.changed) changed, \(changes.removed) gone\n"
        }
        for source in vanishedSources {
            out += "note: \(source) is missing; its files keep their verdicts (`assay run --forget \(source)` removes them)\n"
        }
        let verdicts = VerdictKind.allCases
        out += "modality".padding(toLength: 10, withPad: " ", startingAt: 0)
        for verdict in verdicts { out += verdict.rawValue.leftPadded(10) }
        out += "total".leftPadded(10) + "\n"
        for modality in counts.keys.sorted() {
            let row = counts[modality] ?? [:]
            out += modality.padding(toLength: 10, withPad: " ", startingAt: 0)
            for verdict in verdicts { out += String(row[verdict] ?? 0).leftPadded(10) }
            out += String(row.values.reduce(0, +)).leftPadded(10) + "\n"
        }
        out += "all".padding(toLength: 10, withPad: " ", startingAt: 0)
        for verdict in verdicts { out += String(total(verdict)).leftPadded(10) }
        out += String(found).leftPadded(10) + "\n"
        let top = codes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(topCodes)
        if !top.isEmpty {
            out += "top reasons:\n"
            for (code, count) in top { out += "  \(String(count).leftPadded(7))  \(code)\n" }
        }
        out += "config: \(config ?? "the built-in defaults")\n"
        if !ledger.isEmpty { out += "ledger: \(ledger)\n" }
        for line in explanations { out += "note: \(line)\n" }
        if let signal = interruptedBy {
            out += "interrupted by signal \(signal): every verdict decided so far is recorded; run the same command again to finish\n"
        }
        return out
    }
}

/// Right-aligned columns for the summary table.
extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
