import Foundation

/// Text as the search compares it: lowercase, without diacritics, `đ`/`Đ` read as `d`, so that
/// `duc` finds `Đức` and `nguyen` finds `Nguyễn` (NFC or NFD input alike). Chinese, Japanese and
/// Korean text is kept as it is; control characters become spaces.
public enum TextFolding {
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                if (0x41...0x5A).contains(value) {
                    out.append(Unicode.Scalar(UInt8(value) | 0x20))
                } else {
                    out.append(value < 0x20 || value == 0x7F ? " " : scalar)
                }
            } else if let base = latinBase[value] {
                if base != 0 { out.append(Unicode.Scalar(base)) }
            } else if value <= 0x9F {
                out.append(" ")
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue
            } else if scalar.properties.changesWhenLowercased {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The lowercase ASCII letter each precomposed Latin letter is built on, for Latin-1, Latin
    /// Extended-A/B and Latin Extended Additional (where every Vietnamese letter lives); 0 for the
    /// combining diacritics, which are dropped.
    private static let latinBase: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0110: UInt8(ascii: "d"), 0x0111: UInt8(ascii: "d")]
        for range: ClosedRange<UInt32> in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for value in range where table[value] == nil {
                guard let scalar = Unicode.Scalar(value),
                      let first = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                      first.isASCII, first.properties.isAlphabetic else { continue }
                table[value] = UInt8(first.value) | 0x20
            }
        }
        for value: UInt32 in 0x0300...0x036F { table[value] = 0 }
        return table
    }()
}
