import Foundation
import GRDB

/// Text kept as UTF-8 bytes in a BLOB. GRDB reads TEXT values up to the first NUL, and the
/// providers' free text (names, notes) can hold one, like any control character: stored as
/// bytes, it comes back whole.
enum StoredText {
    static func value(_ text: String?) -> DatabaseValue {
        text.map { Data($0.utf8) }.databaseValue
    }

    static func read(_ row: Row, _ index: Int) -> String? {
        let bytes: Data? = row[index]
        return bytes.map { String(decoding: $0, as: UTF8.self) }
    }
}
