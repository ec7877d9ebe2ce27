import CallScopeText

/// The sanitizer and display width: from any text, nothing that moves the cursor or changes the
/// terminal survives, and text fitted into N cells never takes more than N.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let width = Int(data[0] % 64)
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let clean = Sanitizer.sanitize(text)
    if !Sanitizer.isSafe(clean) { fatalError("unsafe after sanitizing: \(Array(clean.unicodeScalars.map(\.value)))") }
    for truncation in [Truncation.end, .start, .middle] {
        let fitted = TextLayout.fit(text, width: width, truncation: truncation)
        if fitted.width > width || fitted.cells.reduce(0, { $0 + $1.width }) != fitted.width {
            fatalError("fit into \(width) cells took \(fitted.width)")
        }
        let padded = TextLayout.pad(text, width: width, truncation: truncation)
        if DisplayWidth.of(padded) != width { fatalError("pad to \(width) cells took \(DisplayWidth.of(padded))") }
    }
    for line in Sanitizer.lines(text) where !Sanitizer.isSafe(line) { fatalError("unsafe line: \(line.unicodeScalars.map(\.value))") }
    return 0
}
