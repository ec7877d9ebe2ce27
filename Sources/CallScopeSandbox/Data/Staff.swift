/// A call-centre agent as the providers know them: an extension, a name, a login e-mail, a user id.
struct Agent: Sendable {
    let extensionNumber: String
    let name: String
    let email: String
    let userID: Int
    let uuid: String
    let color: String
}

/// A hotline (the company's public number) the calls come in on and go out from.
struct Hotline: Sendable {
    let code: String
    let name: String
    let number: String
    /// The same number as OMICall writes it, with the country code and without the leading 0.
    var international: String { "84" + number.dropFirst() }
}

enum Staff {
    static func agents(seed: UInt64) -> [Agent] {
        var rng = SeededRandom(seed: seed, stream: 11, item: 0)
        return (0..<12).map { n in
            let family = rng.pick(Vocabulary.familyNames)
            let middle = rng.pick(Vocabulary.middleNames)
            let given = rng.pick(Vocabulary.givenNames)
            let ext = String(1001 + n)
            let login = Vocabulary.unsigned(given + family).lowercased().filter { $0.isLetter }
            return Agent(extensionNumber: ext, name: "\(ext) \(family) \(middle) \(given)",
                         email: "\(login).\(ext)@callcenter.vn", userID: 63_150_100 + n * 7,
                         uuid: uuid(&rng), color: rng.pick(["#e57373", "#64b5f6", "#81c784", "#ffb74d", "#ba68c8"]))
        }
    }

    static let hotlines = [
        Hotline(code: "HL01", name: "Tổng đài CSKH", number: "02899990338"),
        Hotline(code: "HL02", name: "Tổng đài bán hàng", number: "02873001068"),
        Hotline(code: "HL03", name: "Hotline kỹ thuật", number: "02471006688"),
    ]

    static func uuid(_ rng: inout SeededRandom) -> String {
        let hex = Array("0123456789abcdef")
        let raw = (0..<32).map { _ in hex[Int(rng.next() % 16)] }
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(raw[$0]) }.joined(separator: "-")
    }
}
