import CallScopeKit

/// Each provider's record mapping: any JSON value maps to a record of that account and provider,
/// with an id, or with warnings; never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let raw = try? JSONParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    for provider in ProviderKind.allCases {
        let context = MappingContext(account: "acct", provider: provider)
        let mapped = CallMapping.map(raw, context: context)
        if mapped.record.account != "acct" || mapped.record.provider != provider || mapped.record.id.isEmpty {
            fatalError("\(provider): mapped to \(mapped.record)")
        }
        if mapped.record.raw != raw { fatalError("\(provider): the raw object was changed") }
        if provider == .icsoc, ICSOCMapping.mapPush(raw, context: context).record.id.isEmpty { fatalError("push without an id") }
    }
    return 0
}
