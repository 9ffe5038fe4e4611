import AssayCore
import AudioCheck
import External
import MIMESniff
import PNGCheck
import TextDedup
import TextLanguage
import TextPII
import TextQuality
import TextRelevance

/// The registry: every built-in validator, in pipeline order. Adding a validator is one line here
/// (and a target under Plugins/); a test fails when a Plugins/ target is missing from this list.
public enum BuiltinValidators {
    /// Every built-in validator type.
    public static var registry: ValidatorRegistry {
        ValidatorRegistry([
            TextQuality.self,
            TextDedup.self,
            PNGCheck.self,
            AudioCheckValidator.self,
            TextLanguageValidator.self,
            TextPII.self,
            TextRelevance.self,
            ExternalValidator.self,
        ])
    }

    /// The MIME sniffer used at intake.
    public static var sniffer: any MIMESniffer { LibMagicSniffer() }
}

extension BuiltinValidators {
    /// Stops forwarding external plugins' standard error, for `--quiet`.
    public static func silencePluginStderr() {
        PluginStderr.silence()
    }
}
