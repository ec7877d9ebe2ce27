/// The themes that ship with callscope: the files in `Theme/Builtin/`, embedded in the binary by
/// SwiftPM (`.embedInCode` in Package.swift), so it needs no files beside it. The order is the
/// order `--theme` lists them in.
enum BuiltinThemes {
    static let sources: [(name: String, toml: String)] = [
        ("default", PackageResources.default_toml),
        ("light", PackageResources.light_toml),
        ("high-contrast", PackageResources.high_contrast_toml),
        ("solarized-dark", PackageResources.solarized_dark_toml),
        ("mono", PackageResources.mono_toml),
    ].map { ($0.0, String(decoding: $0.1, as: UTF8.self)) }
}
