/// A token, key, password or push secret from the config.
///
/// It never prints its value: `description`, `debugDescription`, string interpolation, `dump`
/// and reflection all show `••••`. Code that sends it to a provider reads `reveal`, and nothing else
/// should.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where the value came from, for `callscope accounts` (`token: •••• (from $CARESOFT_TOKEN)`).
    public enum Origin: Sendable, Hashable {
        /// Written in the config file itself.
        case configFile
        /// Read from the named environment variable (`X_env = "NAME"`).
        case environment(String)
    }

    /// The mask shown instead of every secret.
    public static let mask = "••••"

    private let value: String
    public let origin: Origin

    public init(_ value: String, origin: Origin = .configFile) {
        self.value = value
        self.origin = origin
    }

    /// The secret itself: only for the place where it is sent (a header, a form, a signature).
    public var reveal: String { value }

    public var description: String { Self.mask }
    public var debugDescription: String { "Secret(\(Self.mask))" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// `••••`, or `•••• (from $NAME)` for a secret read from the environment.
    public var maskedDescription: String {
        switch origin {
        case .configFile: return Self.mask
        case .environment(let name): return "\(Self.mask) (from $\(name))"
        }
    }
}
