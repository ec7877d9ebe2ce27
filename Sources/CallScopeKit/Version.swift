public enum CallScopeKitVersion { public static let string = "0.1.0" }
