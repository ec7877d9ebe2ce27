public enum CallScopeKitVersion { public static let string = "0.2.0" }
