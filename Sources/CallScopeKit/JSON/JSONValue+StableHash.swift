extension JSONValue {
    /// A hash of the compact serialization that is the same on every run and machine
    /// (64-bit FNV-1a; Swift's `Hasher` is seeded per process and cannot serve as an id).
    public var stableHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in serializedBytes() {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// `stableHash` as 16 lowercase hex digits.
    public var stableHashHex: String {
        let hex = String(stableHash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
