/// Durations as providers write them: `HH:MM:SS` (hours may pass 24), `H:MM:SS`, `MM:SS`,
/// or plain seconds.
public enum DurationText {
    /// Whole seconds; nil for anything else (negative, fractions of clock fields, text).
    public static func seconds(from text: String) -> Int? {
        var scanner = DigitScanner(text.utf8)
        var fields: [Int] = []
        repeat {
            guard let field = scanner.number(maxDigits: 9) else { return nil }
            fields.append(field.value)
        } while scanner.skip(UInt8(ascii: ":"))
        guard scanner.isAtEnd else { return nil }
        switch fields.count {
        case 1: return fields[0]
        case 2 where fields[1] < 60: return fields[0] * 60 + fields[1]
        case 3 where fields[1] < 60 && fields[2] < 60: return fields[0] * 3600 + fields[1] * 60 + fields[2]
        default: return nil
        }
    }
}
