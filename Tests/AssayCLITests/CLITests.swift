import AssayCore
import AssayPlugins
import AssayTestSupport
import Foundation
import Testing

/// The `assay` executable as people run it: exit codes, messages, files written.
@Suite struct CLITests {
    func assay(_ arguments: [String], in directory: String? = nil) throws -> Shell.Result {
        try Shell.run([Locations.assay] + arguments, in: directory)
    }

    @Test func badConfigExitsTwoWithFileLineColumn() throws {
        let folder = TemporaryFolder()
        try folder.write("net/alice/text/a.txt", text: "hello world\n")
        let config = try folder.write("assay.yml", text: "version: 1\nlimits:\n  daily_flies: 3\n")
        let result = try assay(["run", "--config", config, folder.url("net")])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(config):3:3: error: unknown key 'daily_flies'"))
        #expect(result.stderr.contains("did you mean 'daily_files'"))
        #expect(!FileManager.default.fileExists(atPath: folder.url("assay.sqlite")), "nothing is read or written")
    }

    @Test func missingFolderAndUsageErrorsExitTwo() throws {
        let folder = TemporaryFolder()
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n")
        #expect(try assay(["run", "--config", config, folder.url("nope")]).status == 2)
        #expect(try assay(["run", "--config", config, "--jobs", "0", folder.path]).status == 2)
        #expect(try assay(["run", "--no-such-flag"]).status == 2)
        #expect(try assay(["check"]).status == 2)
    }

    @Test func runWritesLedgerVerdictsAndSummary() throws {
        let folder = TemporaryFolder()
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl.txt")
        try folder.copy("/bin/ls", to: "net/alice/image/ls.png")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\n")
        let result = try assay(["run", "--config", config, "--verdicts", folder.url("v.jsonl"), folder.url("net")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("assay: 2 files"))
        #expect(result.stdout.contains("intake.modality_mismatch"))
        #expect(FileManager.default.fileExists(atPath: folder.url("assay.sqlite")), "the ledger sits next to the config")
        let lines = try String(contentsOfFile: folder.url("v.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let toStdout = try assay(["run", "--config", config, "--verdicts", "-", folder.url("net")])
        #expect(toStdout.stdout.split(separator: "\n").count == 2, "verdicts on stdout, summary on stderr")
        #expect(toStdout.stderr.contains("assay: 2 files"))
    }

    @Test func checkExitsZeroOnlyWhenEveryFileIsAccepted() throws {
        let folder = TemporaryFolder()
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: {text: {unchecked: true}, image: {unchecked: true}, audio: {unchecked: true}}\nlimits: { max_file_bytes: 20KB }\n")
        let good = try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "me/image/good.png")
        let elf = try folder.copy("/bin/ls", to: "me/image/photo.png")
        let ok = try assay(["check", "--config", config, good])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        let bad = try assay(["check", "--config", config, good, elf])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("intake.modality_mismatch") || bad.stdout.contains("intake.too_large"))
        #expect(bad.stdout.contains("hint: "))
        let json = try assay(["check", "--json", "--config", config, elf])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["verdict"] as? String == "refused")
        #expect(try assay(["check", "--config", folder.url("missing.yml"), good]).status == 2)
    }

    @Test func initWritesALoadableStarterConfig() throws {
        let folder = TemporaryFolder()
        let result = try assay(["init"], in: folder.path)
        #expect(result.status == 0)
        let text = try String(contentsOfFile: folder.url("assay.yml"), encoding: .utf8)
        for name in BuiltinValidators.registry.names where name != "external" {
            #expect(text.contains("- use: \(name)"))
        }
        let config = try ConfigLoader(registry: BuiltinValidators.registry).load(path: folder.url("assay.yml"))
        #expect(config.limits == Limits())
        #expect(try assay(["init"], in: folder.path).status == 2, "an existing config is not overwritten")
        #expect(try assay(["init", "--force", "other.yml"], in: folder.path).status == 0)
    }

    @Test func pluginsListsEveryValidatorWithOptions() throws {
        let result = try assay(["plugins"])
        #expect(result.status == 0)
        for type in BuiltinValidators.registry.types {
            #expect(result.stdout.contains(type.name))
            for option in type.optionDescriptions { #expect(result.stdout.contains(option.name)) }
        }
    }

    @Test func optionsDocumentMatchesTheDescriptions() throws {
        let result = try assay(["plugins", "--markdown"])
        let documented = try String(contentsOfFile: Locations.packageRoot + "/docs/options.md", encoding: .utf8)
        #expect(result.stdout == documented, "regenerate with: swift run assay plugins --markdown > docs/options.md")
        for type in BuiltinValidators.registry.types { #expect(documented.contains("## `\(type.name)`")) }
    }

    @Test func reasonsDocumentMatchesTheDeclaredCodes() throws {
        let result = try assay(["reasons"])
        let documented = try String(contentsOfFile: Locations.packageRoot + "/docs/reasons.md", encoding: .utf8)
        #expect(result.stdout == documented, "regenerate with: swift run assay reasons > docs/reasons.md")
        let codes = BuiltinValidators.registry.reasonCodes.map(\.code)
        #expect(Set(codes).count == codes.count, "reason codes are unique")
    }

    @Test func registryListsEveryPluginTargetOnceByUniqueName() throws {
        let plugins = try FileManager.default.contentsOfDirectory(atPath: Locations.packageRoot + "/Plugins").filter { !$0.hasPrefix(".") }
        let modules = Set(BuiltinValidators.registry.types.map { String(String(reflecting: $0).split(separator: ".")[0]) }
                          + [String(String(reflecting: type(of: BuiltinValidators.sniffer)).split(separator: ".")[0])])
        for plugin in plugins {
            #expect(modules.contains(plugin), "Plugins/\(plugin) is missing from BuiltinValidators")
        }
        let names = BuiltinValidators.registry.names
        #expect(Set(names).count == names.count, "two validators share a name")
    }

    @Test func checkTakesFoldersAndSaysWhatItExpected() throws {
        let folder = TemporaryFolder("check-expected")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {}, image: {} }\npipeline: [ { use: text-quality }, { use: image-check, with: { min_width: 8 } } ]\n")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "mine/gpl.TXT")
        try folder.write("mine/short.txt", text: "Only three words.\n")
        try folder.copy(Locations.corpora + "/pngsuite/basn2c08.png", to: "mine/photo.heic")
        try folder.write("mine/.hidden.txt", text: "not a submission\n")
        let checked = try assay(["check", "--config", config, folder.url("mine")])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("ok   \(folder.url("mine/gpl.TXT")): accepted"), "a folder stands for its files; extensions in any case")
        #expect(!checked.stdout.contains(".hidden.txt"))
        #expect(checked.stdout.contains("cannot tell whether this is text, image or audio: its extension .heic is not one Assay knows"))
        #expect(checked.stdout.contains("say which with --modality"))
        // Values for people: the word count and its limit, not a float dump.
        #expect(checked.stdout.contains("the word count is 3, below the minimum 50; value 3, limit 50"), "\(checked.stdout)")
        #expect(checked.stderr.contains("1 of 3 files would be accepted"))
        let quiet = try assay(["check", "--quiet", "--config", config, folder.url("mine")])
        #expect(quiet.stderr.isEmpty && quiet.stdout == checked.stdout)
        let verbose = try assay(["check", "--verbose", "--config", config, folder.url("mine/gpl.TXT")])
        #expect(verbose.stdout.contains("metrics: ") && verbose.stdout.contains("text.words "))
        // Said with --modality, the picture is judged as an image.
        let stated = try assay(["check", "--config", config, "--modality", "image", folder.url("mine/photo.heic")])
        #expect(stated.status == 0, "\(stated.stdout)")
        #expect(try assay(["check", "--config", config, "--modality", "video", folder.url("mine")]).status == 2)
    }

    @Test func aCopyInsideOneCheckNamesTheOtherFileAndCountsAreSingularForOne() throws {
        let folder = TemporaryFolder("check-batch-copy")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {} }\npipeline: [ { use: text-quality }, { use: text-dedup } ]\n")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "mine/a-gpl.txt")
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "mine/b-gpl-copy.txt")
        let checked = try assay(["check", "--config", config, folder.url("mine")])
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("hint: It duplicates \(folder.url("mine/a-gpl.txt")), another file of this check"), "\(checked.stdout)")
        #expect(checked.stdout.contains("duplicate of: \(folder.url("mine/a-gpl.txt")) (another file of this check)"))
        #expect(!checked.stdout.contains("already in the dataset"), "\(checked.stdout)")
        #expect(checked.stderr.contains("1 of 2 files would be accepted"), "\(checked.stderr)")
        let one = try assay(["check", "--config", config, folder.url("mine/a-gpl.txt")])
        #expect(one.status == 0 && one.stderr.contains("1 of 1 file would be accepted"), "\(one.stderr)")
        #expect(!one.stderr.contains("1 files"))
        // A run's summary of one file.
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl.txt")
        let run = try assay(["run", "--config", config, "--ledger", folder.url("one.sqlite"), folder.url("net")])
        #expect(run.stdout.contains("assay: 1 file ("), "\(run.stdout)")
        #expect(!run.stdout.contains("1 files"), "\(run.stdout)")
    }

    @Test func aRefusalNamesAConversionThatWorksForTheFilesType() throws {
        let folder = TemporaryFolder("conversion-hint")
        try FileManager.default.createDirectory(atPath: folder.url("mine/image"), withIntermediateDirectories: true)
        #expect(try Shell.run(["/usr/bin/convert", "rose:", folder.url("mine/image/rose.gif")]).status == 0)
        _ = try folder.write("mine/text/notes.txt", bytes: [0xFF, 0xFE] + "Notes in UTF-16, as an old editor saved them.\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let checked = try assay(["check", folder.url("mine")])
        #expect(checked.status == 1)
        let picture = checked.stdout.split(separator: "\n").filter { $0.contains("rose.gif") || $0.contains("image/gif") }.joined()
        #expect(picture.contains("`convert in.gif out.png`"), "\(checked.stdout)")
        #expect(!picture.contains("iconv"))
        #expect(checked.stdout.contains("`iconv -f UTF-16"), "\(checked.stdout)")
    }

    @Test func reasonsExplainsOneCodeUnderEitherName() throws {
        let now = try assay(["reasons", "text.dup_lines"])
        #expect(now.status == 0 && now.stdout.hasPrefix("text.repeated_lines (text-quality), formerly text.dup_lines"))
        #expect(now.stdout.contains("fix:"))
        let typo = try assay(["reasons", "png.crcc"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean 'png.crc'"))
    }

    @Test func failOnMakesRunExitOneAndVersionHasAShortFlag() throws {
        let folder = TemporaryFolder()
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/gpl.txt")
        try folder.write("net/alice/text/spam.txt", text: "buy buy buy buy\n")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {} }\nlimits: { quotas: false }\npipeline:\n  - use: text-quality\n")
        #expect(try assay(["run", "--quiet", "--config", config, folder.url("net")]).status == 0)
        let strict = try assay(["run", "--quiet", "--config", config, "--fail-on", "rejected", folder.url("net")])
        #expect(strict.status == 1 && strict.stderr.contains("1 file of the datanet rejected or errored"), "\(strict.stderr)")
        #expect(try assay(["run", "--quiet", "--config", config, "--fail-on", "error", folder.url("net")]).status == 0)
        let version = try assay(["-V"])
        let long = try assay(["--version"])
        #expect(version.status == 0 && version.stdout == long.stdout && !version.stdout.isEmpty)
    }

    @Test func theSummaryNamesItsConfigExplainsQuotasAndSpeaksJSON() throws {
        let folder = TemporaryFolder()
        for i in 0..<6 { try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/alice/text/\(i).txt") }
        try folder.write("conf/assay.yml", text: "version: 1\nmodalities: { text: {} }\nlimits: { daily_files: 2 }\npipeline:\n  - use: text-quality\n")
        // Found from a subfolder, as git finds its config.
        try FileManager.default.createDirectory(atPath: folder.url("conf/deeper/still"), withIntermediateDirectories: true)
        let text = try assay(["run", folder.url("net")], in: folder.url("conf/deeper/still"))
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("config: \(folder.url("conf/assay.yml"))"), "\(text.stdout)")
        #expect(text.stdout.contains("note: 4 of 6 files were refused by daily_files"), "\(text.stdout)")
        let json = try assay(["run", "--format", "json", folder.url("net")], in: folder.url("conf"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["files"] as? Int == 6)
        #expect((object["verdicts"] as? [String: Int])?["refused"] == 4)
        #expect((object["notes"] as? [String])?.count == 1)
        #expect((object["config"] as? String)?.hasSuffix("conf/assay.yml") == true)
    }

    @Test func aRunOnTheOtherLayoutOrNoFilesSaysWhatItExpected() throws {
        let folder = TemporaryFolder()
        try folder.copy("/usr/share/common-licenses/GPL-3", to: "net/text/alice/gpl.txt")
        try folder.copy("/usr/share/common-licenses/Apache-2.0", to: "net/text/bob/apache.txt")
        let config = try folder.write("assay.yml", text: "version: 1\nmodalities: { text: {} }\npipeline: [ { use: text-quality } ]\n")
        let swapped = try assay(["run", "--config", config, folder.url("net")])
        #expect(swapped.stdout.contains("note: 2 of 2 files sit in folders that name no modality ('alice', 'bob' where the layout expects text, image or audio)"), "\(swapped.stdout)")
        #expect(swapped.stdout.contains("set `layout: \"{modality}/{contributor}/**\"`"))
        try FileManager.default.createDirectory(atPath: folder.url("empty/nobody"), withIntermediateDirectories: true)
        let empty = try assay(["run", "--config", config, "--ledger", folder.url("other.sqlite"), folder.url("empty")])
        #expect(empty.stdout.contains("note: no file found: the layout expects FOLDER/CONTRIBUTOR/MODALITY/FILE"))
    }
}
