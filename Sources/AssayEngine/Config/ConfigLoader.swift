import Foundation
import Yams

/// Reads `assay.yml` strictly: every unknown key, unknown plugin or option, wrong type, bad size
/// or duration is a ``ConfigError`` with file, line and column, before any file is read.
public struct ConfigLoader: Sendable {
    /// The validators a config may name.
    public let registry: ValidatorRegistry

    /// A loader for `registry`.
    public init(registry: ValidatorRegistry) {
        self.registry = registry
    }

    private static let topKeys = ["version", "layout", "manifest", "limits", "modalities", "pipeline", "ledger"]
    private static let limitKeys = ["daily_files", "daily_bytes", "max_file_bytes", "window", "quotas", "per_modality", "stage_timeout", "datanet_daily_bytes"]

    /// Loads the config file at `path`.
    public func load(path: String) throws(ConfigError) -> AssayConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, line: nil, column: nil, message: "cannot read the config file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, line: nil, column: nil, message: "the config file is not UTF-8 text")
        }
        return try load(yaml: text, file: path)
    }

    /// The built-in defaults: every built-in stage with its shipped options, the ledger in `directory`.
    public func defaults(directory: String) throws(ConfigError) -> AssayConfig {
        var stages: [Stage] = []
        let here = ConfigNode(plain: "defaults")
        for type in registry.types where type.inDefaultPipeline {
            stages.append(try type.makeStage(with: nil, at: here))
        }
        return AssayConfig(source: nil, pipeline: stages, ledger: (directory as NSString).appendingPathComponent("assay.sqlite"))
    }

    /// One YAML value as the neutral node validators read (a stage's `with:` block written on its
    /// own, as the contract suite and tests write options); nil for an empty document.
    public static func node(yaml: String, file: String) throws(ConfigError) -> ConfigNode? {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw locate(error, file: file)
        } catch {
            throw ConfigError(file: file, line: nil, column: nil, message: "cannot parse YAML: \(error)")
        }
        guard let root else { return nil }
        var reader = YAMLNodeReader(file: file)
        return try reader.read(root)
    }

    /// Loads a config from YAML text; `file` names it in errors and anchors relative paths.
    public func load(yaml: String, file: String) throws(ConfigError) -> AssayConfig {
        guard let top = try Self.node(yaml: yaml, file: file) else {
            throw ConfigError(file: file, line: 1, column: 1, message: "the config file is empty; it needs at least 'version: 1'")
        }
        // Relative paths in the config are relative to its folder, made absolute now: a config
        // named without a folder ("assay.yml") lives in the current directory, never in "/".
        let folder = (file as NSString).deletingLastPathComponent
        let absolute = folder.hasPrefix("/") ? folder : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder)
        let base = (absolute as NSString).standardizingPath
        var config = AssayConfig(source: file, pipeline: [], ledger: Self.resolve("assay.sqlite", against: base))
        var sawVersion = false
        var modalitiesNode: ConfigNode?
        var pipelineNode: ConfigNode?
        for (key, keyNode, value) in try top.mapping(of: "the config") {
            switch key {
            case "version":
                let version = try value.integer("version")
                guard version == 1 else { throw value.error("unsupported config version \(version); this Assay reads version 1") }
                sawVersion = true
            case "layout":
                let pattern = try value.string("layout")
                guard let layout = Layout.parse(pattern) else {
                    throw value.error("unknown layout '\(pattern)'; use '{contributor}/{modality}/**' or '{modality}/{contributor}/**'",
                                      suggestion: Suggestion.closest(to: pattern, in: ["{contributor}/{modality}/**", "{modality}/{contributor}/**"]))
                }
                config.layout = layout
            case "manifest":
                config.manifest = Self.resolve(try value.string("manifest"), against: base)
            case "ledger":
                // A PostgreSQL address is not a path; `sqlite:PATH` is, relative to the config.
                let named = try value.string("ledger")
                if LedgerAddress.isPostgres(named) {
                    config.ledger = named
                } else if named.hasPrefix("sqlite:") {
                    config.ledger = "sqlite:" + Self.resolve(String(named.dropFirst("sqlite:".count)), against: base)
                } else {
                    config.ledger = Self.resolve(named, against: base)
                }
            case "limits":
                config.limits = try limits(from: value)
            case "modalities":
                config.modalities = try modalities(from: value)
                modalitiesNode = value
            case "pipeline":
                config.pipeline = value.isNull ? [] : try pipeline(from: value)
                pipelineNode = keyNode
            default:
                throw keyNode.error("unknown key '\(key)'", suggestion: Suggestion.closest(to: key, in: Self.topKeys))
            }
        }
        guard sawVersion else { throw top.error("missing 'version: 1'") }
        try requireJudges(config, modalitiesNode: modalitiesNode, pipelineNode: pipelineNode, top: top)
        return config
    }

    private func limits(from node: ConfigNode) throws(ConfigError) -> Limits {
        var limits = Limits()
        for (key, keyNode, value) in try node.mapping(of: "'limits'") {
            switch key {
            case "daily_files": limits.daily.files = value.isNull ? nil : try count(value, key)
            case "daily_bytes": limits.daily.bytes = value.isNull ? nil : try value.size(key)
            case "datanet_daily_bytes": limits.datanetDailyBytes = value.isNull ? nil : try value.size(key)
            case "max_file_bytes":
                let bytes = try value.size(key)
                guard bytes > 0 else { throw value.error("'max_file_bytes' must be above zero") }
                limits.maxFileBytes = bytes
            case "quotas": limits.quotasEnabled = try value.boolean(key)
            case "stage_timeout":
                let seconds = try value.duration(key)
                guard seconds > 0 else { throw value.error("'stage_timeout' must be above zero") }
                limits.stageTimeout = seconds
            case "window":
                let text = try value.string(key)
                let choices = Limits.Window.allCases.map(\.rawValue)
                guard let window = Limits.Window(rawValue: text) else {
                    throw value.error("'window' must be one of \(choices.joined(separator: ", ")), got '\(text)'",
                                      suggestion: Suggestion.closest(to: text, in: choices))
                }
                limits.window = window
            case "per_modality":
                for (name, nameNode, daily) in try value.mapping(of: "'per_modality'") {
                    let modality = try self.modality(name, at: nameNode)
                    var limit = Limits.Daily(files: nil, bytes: nil)
                    for (k, kNode, v) in try daily.mapping(of: "'per_modality.\(name)'") {
                        switch k {
                        case "daily_files": limit.files = v.isNull ? nil : try count(v, k)
                        case "daily_bytes": limit.bytes = v.isNull ? nil : try v.size(k)
                        default: throw kNode.error("unknown key '\(k)' in per_modality.\(name)", suggestion: Suggestion.closest(to: k, in: ["daily_files", "daily_bytes"]))
                        }
                    }
                    limits.perModality[modality] = limit
                }
            default:
                throw keyNode.error("unknown key '\(key)' in limits", suggestion: Suggestion.closest(to: key, in: Self.limitKeys))
            }
        }
        return limits
    }

    private func count(_ node: ConfigNode, _ key: String) throws(ConfigError) -> Int {
        let value = try node.integer(key)
        guard value >= 0 else { throw node.error("'\(key)' must not be negative") }
        return value
    }

    private func modality(_ name: String, at node: ConfigNode) throws(ConfigError) -> Modality {
        guard let modality = Modality(rawValue: name) else {
            throw node.error("unknown modality '\(name)'; modalities are text, image and audio",
                             suggestion: Suggestion.closest(to: name, in: Modality.allCases.map(\.rawValue)))
        }
        return modality
    }

    private func modalities(from node: ConfigNode) throws(ConfigError) -> ModalityRules {
        var rules = ModalityRules(open: [])
        for (name, nameNode, value) in try node.mapping(of: "'modalities'") {
            let modality = try self.modality(name, at: nameNode)
            rules.open.insert(modality)
            if value.isNull { continue }
            for (key, keyNode, item) in try value.mapping(of: "'modalities.\(name)'") {
                switch key {
                case "mime":
                    let patterns = try item.strings("mime")
                    for pattern in patterns where !pattern.contains("/") {
                        throw item.error("'\(pattern)' is not a MIME type such as image/png")
                    }
                    rules.allowed[modality] = patterns
                case "unchecked":
                    if try item.boolean("unchecked") { rules.unchecked.insert(modality) }
                case "encodings" where modality == .text:
                    let names = try item.strings("encodings").map { $0.lowercased() }
                    for name in names where name.contains("/") || name.contains(" ") {
                        throw item.error("'\(name)' is not a character set such as utf-8 or utf-16le")
                    }
                    rules.textEncodings = names
                default:
                    let keys = modality == .text ? ["mime", "unchecked", "encodings"] : ["mime", "unchecked"]
                    throw keyNode.error("unknown key '\(key)' in modalities.\(name); it takes " + keys.map { "'\($0)'" }.joined(separator: ", "),
                                        suggestion: Suggestion.closest(to: key, in: keys))
                }
            }
        }
        return rules
    }

    /// Every open modality needs a stage that judges it, unless it says `unchecked: true`: a
    /// datanet must never accept files that nothing looked at.
    private func requireJudges(_ config: AssayConfig, modalitiesNode: ConfigNode?, pipelineNode: ConfigNode?, top: ConfigNode) throws(ConfigError) {
        for modality in Modality.allCases where config.modalities.open.contains(modality) && !config.modalities.unchecked.contains(modality) {
            guard !config.pipeline.contains(where: { $0.validator.appliesTo.contains(modality) }) else { continue }
            let place = modalitiesNode.flatMap { node in
                (try? node.mapping(of: "'modalities'"))?.first { $0.0 == modality.rawValue }?.1
            } ?? pipelineNode ?? top
            let listed = modalitiesNode == nil ? " (every modality is open when 'modalities:' is not given)" : ""
            throw place.error("no stage in the pipeline judges \(modality.rawValue) files\(listed); add one (for example "
                + "'use: \(registry.suggestedStage(for: modality) ?? "NAME")'), close the modality by leaving it out of 'modalities:', "
                + "or set 'modalities: { \(modality.rawValue): { unchecked: true } }' to accept them unchecked")
        }
    }

    private func pipeline(from node: ConfigNode) throws(ConfigError) -> [Stage] {
        var stages: [Stage] = []
        for entry in try node.sequence(of: "'pipeline'") {
            var use: (String, ConfigNode)?
            var with: ConfigNode?
            for (key, keyNode, value) in try entry.mapping(of: "a pipeline entry") {
                switch key {
                case "use": use = (try value.string("use"), value)
                case "with": with = value
                default: throw keyNode.error("unknown key '\(key)' in a pipeline entry; entries take 'use' and 'with'", suggestion: Suggestion.closest(to: key, in: ["use", "with"]))
                }
            }
            guard let (name, useNode) = use else { throw entry.error("a pipeline entry needs 'use: NAME'") }
            guard let type = registry.type(named: name) else {
                throw useNode.error("unknown validator '\(name)'; known: \(registry.names.joined(separator: ", "))",
                                    suggestion: Suggestion.closest(to: name, in: registry.names))
            }
            let stage = try type.makeStage(with: with, at: useNode)
            if stages.contains(where: { $0.name == stage.name }) {
                throw useNode.error("stage '\(stage.name)' appears twice in the pipeline; list it once, or give each copy its own name (stages that take a 'name' option)")
            }
            stages.append(stage)
        }
        return stages
    }

    private static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") ? path : ((base as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }

    private static func locate(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigError(file: file, line: context.mark.line, column: context.mark.column,
                               message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) in a mapping")
        default:
            return ConfigError(file: file, line: nil, column: nil, message: "invalid YAML: \(error)")
        }
    }
}
