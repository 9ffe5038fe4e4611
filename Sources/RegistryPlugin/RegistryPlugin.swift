import Foundation
import PackagePlugin

/// Generates the AssayPlugins registry at build time from the target's dependencies under
/// Plugins/: a validator added there is registered by the line that adds it to Package.swift,
/// with no list to edit by hand.
@main
struct RegistryPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let plugins = context.package.directoryURL.appending(path: "Plugins").standardizedFileURL.path
        // Validator families, in the order the target lists them: that order is the default pipeline's.
        let families = target.dependencies.compactMap { dependency -> SwiftSourceModuleTarget? in
            guard case let .target(module) = dependency, let swift = module as? SwiftSourceModuleTarget,
                  swift.directoryURL.standardizedFileURL.path.hasPrefix(plugins + "/") else { return nil }
            return swift
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedRegistry.swift")
        var arguments = [output.path]
        var inputs: [URL] = []
        for family in families {
            let files = family.sourceFiles(withSuffix: "swift").map(\.url)
            arguments.append(family.moduleName + "=" + files.map(\.path).joined(separator: ":"))
            inputs += files
        }
        return [
            .buildCommand(displayName: "Generating the validator registry (\(families.count) families)",
                          executable: try context.tool(named: "assay-registry").url,
                          arguments: arguments, inputFiles: inputs, outputFiles: [output]),
        ]
    }
}
