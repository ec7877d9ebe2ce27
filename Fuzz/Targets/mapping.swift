import CallScopeKit

/// Each provider's record mapping: any JSON value maps to a record of that account and provider,
/// with an id, or with warnings; never a crash. Every number kept is within `CallBounds` (a time
/// from 1970 through 9999, a duration of 0 to 31 days, a cost that fits 64 bits), and the record
/// goes through the JSON and CSV writers of `calls`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let raw = try? JSONParser.parse(UnsafeBufferPointer(start: data, count: size)) else { return 0 }
    for provider in ProviderKind.allCases {
        let context = MappingContext(account: "acct", provider: provider)
        check(CallMapping.map(raw, context: context), raw: raw, provider: provider)
        if provider == .icsoc { check(ICSOCMapping.mapPush(raw, context: context), raw: raw, provider: provider) }
    }
    return 0
}

func check(_ mapped: MappedCall, raw: JSONValue, provider: ProviderKind) {
    let record = mapped.record
    if record.account != "acct" || record.provider != provider || record.id.isEmpty {
        fatalError("\(provider): mapped to \(record)")
    }
    if record.raw != raw { fatalError("\(provider): the raw object was changed") }
    if let field = CallBounds.fieldOutOfBounds(in: record) { fatalError("\(provider): \(field) out of bounds in \(record)") }
    var csv: [UInt8] = []
    CSVFormat.appendRow(of: record, includeRaw: false, to: &csv)
    if csv.isEmpty || record.jsonText().isEmpty { fatalError("\(provider): nothing written") }
}
