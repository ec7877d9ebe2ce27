import ArgumentParser
import CallScopeKit

/// `--readonly`, taken by every command that reads the config: the same as `readonly = true` in
/// it for this run.
struct ReadOnlyFlag: ParsableArguments {
    @Flag(help: "Write no note or tag and send nothing to a provider (as readonly = true in the config).")
    var readonly = false

    /// The config with the flag laid over it (the flag can only make it read-only).
    func applied(to config: AppConfig) -> AppConfig {
        var config = config
        config.readOnly = config.readOnly || readonly
        return config
    }
}
