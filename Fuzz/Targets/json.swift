import CallScopeKit

/// The JSON parser: any bytes parse or fail with an error (never a crash), and a value that
/// parses round-trips through the writer, compact and pretty.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    for pretty in [false, true] {
        let again = try? JSONParser.parse(value.serializedBytes(pretty: pretty))
        if again != value { fatalError("round trip changed the value (pretty: \(pretty)): \(value)") }
    }
    return 0
}
