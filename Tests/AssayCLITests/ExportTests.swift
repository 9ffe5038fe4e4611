import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// `assay export` on real runs: the folder Hugging Face `datasets` loads, the listings, and what
/// happens to a file changed after it was judged.
@Suite struct ExportTests {
    func assay(_ arguments: [String]) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments)
    }

    /// `samples/` copied and run with its own config (a manifest with submission times).
    func judgedSamples(_ name: String) throws -> (folder: TemporaryFolder, config: String, verdicts: [Verdict]) {
        let folder = TemporaryFolder(name)
        try FileManager.default.copyItem(atPath: Locations.packageRoot + "/samples", toPath: folder.url("samples"))
        let config = folder.url("samples/assay.yml")
        let run = try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("verdicts.jsonl")])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: folder.url("verdicts.jsonl"), encoding: .utf8).split(separator: "\n")
        return (folder, config, try lines.map { try JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) })
    }

    func tree(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                files[relative] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
            }
        }
        return files
    }

    /// Pictures in every format image-check takes (five different pictures, so none is another's
    /// duplicate) are exported in their own format, and `datasets`' image folder decodes each with
    /// pillow to the size the stage measured.
    @Test(.enabled(if: Locations.pythonTools != nil, "needs .build/python with datasets and pillow: run .ci/install-deps"))
    func picturesOfEveryFormatAreExportedInTheirOwnFormat() throws {
        let folder = TemporaryFolder("export-formats")
        let images = folder.url("net/erin/image")
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        let made: [(picture: String, name: String, command: [String])] = [
            ("rose", "rose.png", ["/usr/bin/convert", "rose:", "-resize", "200x", images + "/rose.png"]),
            ("wizard", "wizard.jpg", ["sh", "-c", "/usr/bin/convert wizard: -resize 200x ppm:- | cjpeg -quality 90 > '\(images)/wizard.jpg'"]),
            ("logo", "logo.webp", ["sh", "-c", "/usr/bin/convert logo: -resize 200x png:- | cwebp -quiet -q 90 -o '\(images)/logo.webp' -- -"]),
            ("granite", "granite.tif", ["/usr/bin/convert", "granite:", "-resize", "200x", "-compress", "lzw", images + "/granite.tif"]),
            ("netscape", "netscape.bmp", ["/usr/bin/convert", "netscape:", "-resize", "200x", "BMP3:" + images + "/netscape.bmp"]),
        ]
        for item in made {
            let result = try Shell.run(item.command)
            #expect(result.status == 0, "\(item.command): \(result.stderr)")
        }
        // A real photograph whose EXIF holds where it was taken (56° 9.36' N, 10° 12.49' E):
        // plasma-workspace-wallpapers' ColorfulCups. Rejected, and the position is nowhere.
        let located = folder.url("net/frank/image/cups.jpg")
        try FileManager.default.createDirectory(atPath: folder.url("net/frank/image"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "/usr/share/wallpapers/ColorfulCups/contents/images/2560x1600.jpg", toPath: located)
        let config = try folder.write("assay.yml", text: """
            version: 1
            limits: { quotas: false }
            modalities: { image: {} }
            pipeline:
              - use: image-check
                with: { min_width: 16, min_height: 16, max_edge_width: null, min_sharpness: null, min_entropy: null }
            """)
        let run = try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("verdicts.jsonl"), folder.url("net")])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: folder.url("verdicts.jsonl"), encoding: .utf8).split(separator: "\n")
        let all = try lines.map { try JSONDecoder().decode(Verdict.self, from: Data($0.utf8)) }
        #expect(all.first { $0.path.hasSuffix("cups.jpg") }?.reasons.map(\.code) == ["image.location"])
        let verdicts = all.filter { !$0.path.hasSuffix("cups.jpg") }
        #expect(verdicts.filter { $0.verdict == .accepted }.count == made.count, "\(verdicts.map { ($0.path, $0.reasons.map(\.code)) })")
        let out = folder.url("dataset")
        #expect(try assay(["export", "--config", config, "--out", out]).status == 0)
        #expect(try assay(["export", "--config", config, "--format", "csv", "--out", folder.url("export.csv")]).status == 0)
        #expect(try assay(["report", "--config", config, "--out", folder.url("report.html")]).status == 0)
        #expect(try assay(["report", "--config", config, "--format", "json", "--out", folder.url("report.json")]).status == 0)
        var said = try String(contentsOfFile: folder.url("verdicts.jsonl"), encoding: .utf8)
        for path in ["report.html", "report.json", "export.csv"] { said += try String(contentsOfFile: folder.url(path), encoding: .utf8) }
        for (_, data) in try tree(out) { said += String(decoding: data.prefix(1 << 20), as: UTF8.self) }
        for coordinate in ["56.1559", "10.2082", "9.359705", "9359705", "12.492287", "12492287"] {
            #expect(!said.contains(coordinate), "the position \(coordinate) appears in an output")
        }
        let exported = try FileManager.default.contentsOfDirectory(atPath: out + "/image/train").filter { !$0.hasSuffix(".jsonl") }
        for item in made { #expect(exported.contains { $0.hasSuffix("-" + item.name) }, "\(item.name) keeps its format") }
        let script = try folder.write("load.py", text: """
            import json, sys
            import numpy as np
            from datasets import load_dataset
            train = load_dataset(sys.argv[1] + "/image")["train"]
            print(json.dumps({row["path"].split("/")[-1]: list(np.asarray(row["image"]).shape[:2]) for row in train}))
            """)
        let python = try Shell.run(["env", "HF_DATASETS_OFFLINE=1", "HF_HUB_OFFLINE=1", "HF_HOME=\(folder.url("hf-home"))",
                                    (Locations.pythonTools ?? "") + "/python", script, out])
        #expect(python.status == 0, "\(python.stderr.suffix(2000))")
        let shapes = try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: [Int]] ?? [:]
        #expect(shapes.count == made.count, "every picture is a row: \(shapes)")
        for verdict in verdicts {
            let name = (verdict.path as NSString).lastPathComponent
            let measured = [verdict.metrics["image.height"], verdict.metrics["image.width"]].map { Int($0 ?? -1) }
            #expect(shapes[name] == measured, "\(name): pillow decoded \(shapes[name] ?? []), the stage measured \(measured)")
        }
    }

    /// Loads the export with the venv `.ci/install-deps` makes (`datasets==3.6.0`, soundfile,
    /// librosa, pillow) and decodes every row as a user would: the pixels of every image, the
    /// samples of every recording (datasets 3.6's Audio feature needs librosa for that, not only
    /// soundfile). Each must match what the stage measured when it judged the file.
    @Test(.enabled(if: Locations.pythonTools != nil, "needs .build/python with datasets, soundfile, librosa, pillow: run .ci/install-deps"))
    func theHFFolderLoadsInDatasetsWithOneRowPerAcceptedFile() throws {
        let (folder, config, verdicts) = try judgedSamples("export-hf")
        let accepted = verdicts.filter { $0.verdict == .accepted }
        let out = folder.url("dataset")
        let export = try assay(["export", "--config", config, "--out", out])
        #expect(export.status == 0, "\(export.stderr)")
        let perModality = Dictionary(grouping: accepted, by: \.modality).mapValues(\.count)
        #expect(perModality.count == 3, "samples accept text, images and audio: \(perModality)")
        #expect(export.stderr.contains("exported \(accepted.count) files"))

        let script = try folder.write("load.py", text: """
            import json, sys
            import numpy as np
            from datasets import load_dataset
            result = {}
            for name in ("text", "image", "audio"):
                ds = load_dataset(sys.argv[1] + "/" + name)
                train = ds["train"]
                decoded = []
                for row in train:
                    if name == "text": decoded.append([len(row["text"])])
                    if name == "image":
                        pixels = np.asarray(row["image"])  # decodes the PNG (pillow)
                        decoded.append([pixels.shape[1], pixels.shape[0]])
                    if name == "audio":
                        audio = row["audio"]  # decodes the file (soundfile; librosa for mono)
                        samples = audio["array"]
                        assert samples.ndim == 1 and np.isfinite(samples).all() and np.abs(samples).max() > 0, row["path"]
                        decoded.append([len(samples), audio["sampling_rate"]])
                result[name] = {"splits": sorted(ds.keys()), "rows": len(train), "paths": train["path"],
                                "contributors": train["contributor"], "decoded": decoded}
            print(json.dumps(result))
            """)
        let python = try Shell.run(["env", "HF_DATASETS_OFFLINE=1", "HF_HUB_OFFLINE=1", "HF_HOME=\(folder.url("hf-home"))",
                                    (Locations.pythonTools ?? "") + "/python", script, out])
        #expect(python.status == 0, "\(python.stderr.suffix(2000))")
        let loaded = try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: [String: Any]] ?? [:]
        for (modality, files) in Dictionary(grouping: accepted, by: \.modality) {
            let split = loaded[modality] ?? [:]
            #expect(split["splits"] as? [String] == ["train"])
            #expect(split["rows"] as? Int == files.count, "\(modality)")
            #expect(split["paths"] as? [String] == files.map(\.path), "\(modality): canonical order")
            #expect(split["contributors"] as? [String] == files.map(\.contributor))
            let decoded = split["decoded"] as? [[Int]] ?? []
            #expect(decoded.count == files.count, "\(modality): every row decodes")
            for (file, row) in zip(files, decoded) {
                let measured: [Int] = switch modality {
                case "image": [file.metrics["image.width"], file.metrics["image.height"]].map { Int($0 ?? -1) }
                case "audio": [file.metrics["audio.frames"], file.metrics["audio.sample_rate"]].map { Int($0 ?? -1) }
                default: row.map { _ in 1 }
                }
                if modality == "text" {
                    #expect(row.first ?? 0 > 0, "\(file.path): empty text")
                } else {
                    #expect(row == measured, "\(file.path): datasets decoded \(row), the stage measured \(measured)")
                }
            }
        }

        // Media are read-only copies of the judged files (issue 26, item 6): a contributor who
        // writes to their file after the export does not change the dataset. Named per identity,
        // with the whole identity hash.
        let image = try #require(accepted.first { $0.modality == "image" })
        let exported = try FileManager.default.contentsOfDirectory(atPath: out + "/image/train").filter { $0.hasSuffix(".png") }
        let name = try #require(exported.first { $0.hasSuffix("-" + (image.path as NSString).lastPathComponent) })
        #expect(name.split(separator: "-").first?.count == 64)
        let attributes = { (path: String) in try FileManager.default.attributesOfItem(atPath: path) }
        let copy = out + "/image/train/" + name, original = image.root + "/" + image.path
        #expect(try attributes(copy)[.systemFileNumber] as? Int != attributes(original)[.systemFileNumber] as? Int)
        #expect(try attributes(copy)[.posixPermissions] as? Int == 0o444)
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == Data(contentsOf: URL(fileURLWithPath: original)))
        let linked = folder.url("linked")
        #expect(try assay(["export", "-q", "--config", config, "--out", linked, "--modality", "image", "--link"]).status == 0)
        #expect(try attributes(linked + "/image/train/" + name)[.systemFileNumber] as? Int == attributes(original)[.systemFileNumber] as? Int,
                "--link asks for hard links")
        let card = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        #expect(card.contains("| image | \(perModality["image"] ?? 0) |"))
        #expect(card.contains("load_dataset(\"PATH/audio\")"))

        // Exporting again writes the same folder; a file an earlier export left that this one
        // does not write (a narrower selection) is removed.
        let first = try tree(out)
        #expect(try assay(["export", "--config", config, "--out", out]).status == 0)
        #expect(try tree(out) == first)
        #expect(try assay(["export", "--config", config, "--out", out, "--modality", "image"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == [".assay-export", "README.md", "image"])
    }

    /// A French document in Latin-1 (made by iconv from Debian Reference) is exported as the UTF-8
    /// text the stages judged, not as bytes that become U+FFFD.
    @Test func latin1TextIsExportedAsItsUTF8() throws {
        let folder = TemporaryFolder("export-latin1")
        let text = try Shell.run(["gzip", "-dc", "/usr/share/debian-reference/debian-reference.fr.txt.gz"]).stdout
        let french = text.components(separatedBy: "\n\n")[400..<440].joined(separator: "\n\n") + "\n"
        let utf8 = try folder.write("fr.txt", text: french)
        try FileManager.default.createDirectory(atPath: folder.url("net/ines/text"), withIntermediateDirectories: true)
        let converted = try Shell.run(["sh", "-c", "iconv -f UTF-8 -t LATIN1//TRANSLIT '\(utf8)' > '\(folder.url("net/ines/text/fr.txt"))'"])
        #expect(converted.status == 0, "\(converted.stderr)")
        let config = try folder.write("assay.yml", text: "version: 1\nlimits: { quotas: false }\nmodalities: { text: {} }\npipeline: [ { use: text-quality } ]\n")
        let run = try assay(["run", "--quiet", "--config", config, "--verdicts", folder.url("verdicts.jsonl"), folder.url("net")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: folder.url("verdicts.jsonl"), encoding: .utf8).contains("\"verdict\":\"accepted\""))
        #expect(try assay(["export", "--config", config, "--out", folder.url("dataset")]).status == 0)
        let exported = try tree(folder.url("dataset")).values.map { String(decoding: $0, as: UTF8.self) }.joined()
        let accented = try #require(french.split(separator: " ").first { $0.count > 6 && $0.contains("é") && !$0.contains("’") })
        #expect(exported.contains(accented), "\(accented) is missing from the export")
        #expect(!exported.contains("\u{FFFD}"))
    }

    @Test func aFileChangedSinceItWasJudgedIsLeftOutAndNamed() throws {
        let (folder, config, verdicts) = try judgedSamples("export-changed")
        defer { withExtendedLifetime(folder) {} }
        let texts = verdicts.filter { $0.verdict == .accepted && $0.modality == "text" }
        let changed = try #require(texts.first), touched = try #require(texts.last)
        try Data("rewritten after the run\n".utf8).write(to: URL(fileURLWithPath: changed.root + "/" + changed.path))
        // A new modification time alone is not a change: the bytes still hash the same.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: touched.root + "/" + touched.path)
        let export = try assay(["export", "--config", config, "--format", "list", "--modality", "text"])
        #expect(export.status == 0)
        #expect(export.stderr.contains("warning: \(changed.path) (in \(changed.root)): changed since it was judged; not exported"))
        let listed = export.stdout.split(separator: "\n").map(String.init)
        #expect(listed == texts.dropFirst().map { $0.root + "/" + $0.path })
        try FileManager.default.removeItem(atPath: touched.root + "/" + touched.path)
        let vanished = try assay(["export", "--config", config, "--format", "list", "--modality", "text"])
        #expect(vanished.stderr.contains("\(touched.path) (in \(touched.root)): cannot be opened"))
        #expect(vanished.stdout.split(separator: "\n").count == texts.count - 2)
    }

    @Test func listingsCarryTheAcceptedVerdictsAndTheFiltersNarrow() throws {
        let (folder, config, verdicts) = try judgedSamples("export-listings")
        let accepted = verdicts.filter { $0.verdict == .accepted }
        let jsonl = try assay(["export", "--config", config, "--format", "jsonl"])
        #expect(jsonl.status == 0)
        let lines = try String(contentsOfFile: folder.url("verdicts.jsonl"), encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("\"verdict\":\"accepted\"") }
        #expect(jsonl.stdout.split(separator: "\n") == lines, "the ledger's lines, byte for byte, in canonical order")

        let csv = try assay(["export", "--config", config, "--format", "csv", "--out", folder.url("accepted.csv")])
        #expect(csv.status == 0)
        let rows = try String(contentsOfFile: folder.url("accepted.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.first == "path,root,contributor,modality,bytes,sha256,submitted_at")
        #expect(rows.count == accepted.count + 1)
        #expect(rows.dropFirst().first?.hasPrefix(accepted[0].path + ",") == true)

        let dave = accepted.filter { $0.contributor == "dave" }
        let byContributor = try assay(["export", "--config", config, "--format", "list", "--contributor", "dave"])
        #expect(byContributor.stdout.split(separator: "\n").count == dave.count)
        let last = try #require(accepted.last)
        let since = try assay(["export", "--config", config, "--format", "list", "--since", RFC3339.format(last.submittedAt)])
        #expect(since.stdout.split(separator: "\n").count == accepted.filter { $0.submittedAt >= last.submittedAt }.count)
        #expect(try assay(["export", "--config", config, "--format", "list", "--since", "yesterday"]).status == 2)
        #expect(try assay(["export", "--config", config, "--modality", "video", "--out", folder.url("x")]).status == 2)
        #expect(try assay(["export", "--config", config]).status == 2, "hf needs --out")
    }

    @Test func aFolderThatIsNotAnEarlierExportIsNotTouched() throws {
        let (folder, config, _) = try judgedSamples("export-foreign")
        let precious = try folder.write("mine/notes.txt", text: "keep me\n")
        let export = try assay(["export", "--config", config, "--out", folder.url("mine")])
        #expect(export.status == 1)
        #expect(export.stderr.contains("not empty and not an earlier export"))
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "keep me\n")
    }
}
