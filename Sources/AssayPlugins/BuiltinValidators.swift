import AssayKit
import MIMESniff

/// The registry: every built-in validator, in pipeline order. The list is generated at build
/// time (RegistryPlugin) from the validator families Package.swift names, in that order.
public enum BuiltinValidators {
    /// Every built-in validator type.
    public static var registry: ValidatorRegistry {
        ValidatorRegistry(generatedValidatorTypes)
    }

    /// The MIME sniffer used at intake.
    public static var sniffer: any MIMESniffer { LibMagicSniffer() }
}
